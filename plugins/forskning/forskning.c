/*
 * The research chapter ("Forskning"), first section: the indicators of
 * the national measurement system. Doctoral degrees by year and by
 * field, scientific articles by year, and clinical treatment studies
 * (KBS): patients included per year and the studies of the last year by
 * phase.
 *
 * Each indicator checks its input before it computes anything: years
 * increase without repeats, counts are whole and not negative, texts
 * are present and unique, nothing is missing. A bad row is reported
 * through host->fail, which the host locates as the row's file:line.
 */
#include <nokkel/plugin.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A named single value of a result, as the text templates see it. */
typedef struct named {
    const char *name;
    double value;
} named;

/*
 * Returns the number of rows of table, or -1 after failing when the
 * table cannot be read or has fewer than min rows.
 */
static long need_rows(const nk_host *host, nk_call *call, const char *table,
                      long min)
{
    long n = host->rows(call, table);

    if (n < 0)
        return -1;
    if (n < min)
        return host->fail(call, table, -1,
                          "too few rows (%ld); needs at least %ld", n, min);
    return n;
}

/*
 * Returns 0 when every value is a whole number of zero or more, or -1
 * after failing at the first row that is missing, negative or not whole.
 */
static int check_counts(const nk_host *host, nk_call *call,
                        const char *table, const char *column,
                        const double *v, long n)
{
    for (long i = 0; i < n; i++) {
        if (isnan(v[i]))
            return host->fail(call, table, i, "%s: value is missing",
                              column);
        if (v[i] < 0)
            return host->fail(call, table, i, "%s: %.15g is negative",
                              column, v[i]);
        if (!isfinite(v[i]) || v[i] != floor(v[i]))
            return host->fail(call, table, i,
                              "%s: %.15g is not a whole number", column,
                              v[i]);
    }
    return 0;
}

/*
 * Returns 0 when the years are present, whole and strictly increasing,
 * or -1 after failing at the first row that breaks the order.
 */
static int check_years(const nk_host *host, nk_call *call,
                       const char *table, const char *column,
                       const double *v, long n)
{
    for (long i = 0; i < n; i++) {
        if (isnan(v[i]))
            return host->fail(call, table, i, "%s: year is missing", column);
        if (!isfinite(v[i]) || v[i] != floor(v[i]))
            return host->fail(call, table, i,
                              "%s: %.15g is not a whole year", column, v[i]);
        if (i > 0 && v[i] == v[i - 1])
            return host->fail(call, table, i, "%s: year %.15g appears twice",
                              column, v[i]);
        if (i > 0 && v[i] < v[i - 1])
            return host->fail(call, table, i,
                              "%s: year %.15g comes after %.15g; years must "
                              "increase", column, v[i], v[i - 1]);
    }
    return 0;
}

/* Returns the first row whose text equals s, or -1. */
static long find_text(const char *const *texts, long n, const char *s)
{
    for (long i = 0; i < n; i++) {
        if (strcmp(texts[i], s) == 0)
            return i;
    }
    return -1;
}

/*
 * Returns 0 when every text is present and none is repeated, or -1
 * after failing at the first missing or repeated one.
 */
static int check_texts(const nk_host *host, nk_call *call,
                       const char *table, const char *column,
                       const char *const *t, long n)
{
    for (long i = 0; i < n; i++) {
        if (t[i] == NULL)
            return host->fail(call, table, i, "%s: value is missing",
                              column);
        if (find_text(t, i, t[i]) >= 0)
            return host->fail(call, table, i, "%s: \"%s\" appears twice",
                              column, t[i]);
    }
    return 0;
}

/*
 * Returns a count column of table after check_counts, or NULL after
 * failing. The array is borrowed from the host until compute returns;
 * the same holds for read_years and read_texts.
 */
static const double *read_counts(const nk_host *host, nk_call *call,
                                 const char *table, const char *column,
                                 long n)
{
    const double *v = host->numbers(call, table, column);

    if (v == NULL || check_counts(host, call, table, column, v, n) != 0)
        return NULL;
    return v;
}

/* Returns a year column of table after check_years, or NULL. */
static const double *read_years(const nk_host *host, nk_call *call,
                                const char *table, const char *column,
                                long n)
{
    const double *v = host->numbers(call, table, column);

    if (v == NULL || check_years(host, call, table, column, v, n) != 0)
        return NULL;
    return v;
}

/* Returns a text column of table after check_texts, or NULL. */
static const char *const *read_texts(const nk_host *host, nk_call *call,
                                     const char *table, const char *column,
                                     long n)
{
    const char *const *t = host->texts(call, table, column);

    if (t == NULL || check_texts(host, call, table, column, t, n) != 0)
        return NULL;
    return t;
}

static double sum(const double *v, long n)
{
    double s = 0;

    for (long i = 0; i < n; i++)
        s += v[i];
    return s;
}

/* Returns the first row holding the largest value; n must be at least 1. */
static long max_row(const double *v, long n)
{
    long best = 0;

    for (long i = 1; i < n; i++) {
        if (v[i] > v[best])
            best = i;
    }
    return best;
}

/*
 * Adds the column "andel": each value as a percent of total, with total
 * recorded as its denominator. Returns 0, or -1 after failing when total
 * is zero or memory runs out.
 */
static int add_shares(const nk_host *host, nk_call *call, nk_result *res,
                      const char *table, const double *v, long n,
                      double total)
{
    double *pct;
    int rc;

    if (total <= 0)
        return host->fail(call, table, -1,
                          "all counts are zero; no shares can be computed");
    pct = malloc((size_t)n * sizeof *pct);
    if (pct == NULL)
        return host->fail(call, NULL, -1, "out of memory");

    for (long i = 0; i < n; i++)
        pct[i] = 100.0 * v[i] / total;
    rc = host->add_numbers(res, "andel", pct);
    free(pct);

    if (rc != 0)
        return -1;
    return host->set_denominator(res, "andel", total);
}

/* Sets the named values and unit of res; the source note comes from the
 * data schema. Returns 0 or -1. */
static int finish(const nk_host *host, nk_result *res, const named *vals,
                  size_t nvals, const char *unit)
{
    for (size_t i = 0; i < nvals; i++) {
        if (host->set_value(res, vals[i].name, vals[i].value) != 0)
            return -1;
    }
    return host->set_unit(res, unit);
}

/*
 * doktorgrader: degrees per year for women and men, with the yearly
 * total as a column and the sum over all years as "total".
 */
static int compute_doktorgrader(const nk_host *host, nk_call *call)
{
    const char *t = "doktorgrader";
    const double *aar, *kvinner, *menn;
    double *totalt;
    nk_result *res;
    long n;
    int rc;

    if ((n = need_rows(host, call, t, 1)) < 0 ||
        (aar = read_years(host, call, t, "aar", n)) == NULL ||
        (kvinner = read_counts(host, call, t, "kvinner", n)) == NULL ||
        (menn = read_counts(host, call, t, "menn", n)) == NULL ||
        (res = host->result(call, n)) == NULL)
        return -1;

    totalt = malloc((size_t)n * sizeof *totalt);
    if (totalt == NULL)
        return host->fail(call, NULL, -1, "out of memory");
    for (long i = 0; i < n; i++)
        totalt[i] = kvinner[i] + menn[i];

    rc = host->add_numbers(res, "aar", aar) != 0 ||
         host->add_numbers(res, "kvinner", kvinner) != 0 ||
         host->add_numbers(res, "menn", menn) != 0 ||
         host->add_numbers(res, "totalt", totalt) != 0;
    free(totalt);
    if (rc)
        return -1;

    named vals[] = {
        { "total", sum(kvinner, n) + sum(menn, n) },
        { "forste_aar", aar[0] },
        { "siste_aar", aar[n - 1] },
    };
    return finish(host, res, vals, COUNT(vals), "Antall");
}

/* The fields of doktorgrader_fag the text names, and their values. */
static const struct fag_value {
    const char *fag;
    const char *value;
} fag_values[] = {
    { "Leger", "andel_leger" },
    { "Naturvitenskap og teknologi", "andel_naturvitenskap" },
    { "Helsefag/-vitenskap", "andel_helsefag" },
    { "Psykologi", "andel_psykologi" },
    { "Andre", "andel_andre" },
};

/*
 * Sets a value for each field of fag_values: its share of total in
 * percent. Returns 0, or -1 after failing when a field has no row.
 */
static int set_fag_shares(const nk_host *host, nk_call *call, nk_result *res,
                          const char *const *fag, const double *antall,
                          long n, double total)
{
    for (size_t i = 0; i < COUNT(fag_values); i++) {
        long row = find_text(fag, n, fag_values[i].fag);

        if (row < 0)
            return host->fail(call, "doktorgrader_fag", -1,
                              "fag: no row for \"%s\"", fag_values[i].fag);
        if (host->set_value(res, fag_values[i].value,
                            100.0 * antall[row] / total) != 0)
            return -1;
    }
    return 0;
}

/*
 * doktorgrader_fag: candidates by field of master education, with each
 * field's share of all candidates. Fields beyond fag_values are kept in
 * the columns but get no named value.
 */
static int compute_doktorgrader_fag(const nk_host *host, nk_call *call)
{
    const char *t = "doktorgrader_fag";
    const char *const *fag;
    const double *antall;
    nk_result *res;
    double total;
    long n;

    if ((n = need_rows(host, call, t, 1)) < 0 ||
        (fag = read_texts(host, call, t, "fag", n)) == NULL ||
        (antall = read_counts(host, call, t, "antall", n)) == NULL ||
        (res = host->result(call, n)) == NULL)
        return -1;
    total = sum(antall, n);

    if (host->add_texts(res, "fag", fag) != 0 ||
        host->add_numbers(res, "antall", antall) != 0 ||
        add_shares(host, call, res, t, antall, n, total) != 0 ||
        set_fag_shares(host, call, res, fag, antall, n, total) != 0)
        return -1;

    named vals[] = { { "total", total } };
    return finish(host, res, vals, COUNT(vals), "Antall");
}

/*
 * artikler: scientific articles per year, with the last year's count
 * and its change from the row before.
 */
static int compute_artikler(const nk_host *host, nk_call *call)
{
    const char *t = "artikler";
    const double *aar, *artikler;
    nk_result *res;
    long n;

    if ((n = need_rows(host, call, t, 2)) < 0 ||
        (aar = read_years(host, call, t, "aar", n)) == NULL ||
        (artikler = read_counts(host, call, t, "artikler", n)) == NULL ||
        (res = host->result(call, n)) == NULL)
        return -1;

    if (host->add_numbers(res, "aar", aar) != 0 ||
        host->add_numbers(res, "artikler", artikler) != 0)
        return -1;

    named vals[] = {
        { "forste_aar", aar[0] },
        { "siste_aar", aar[n - 1] },
        { "siste", artikler[n - 1] },
        { "forrige", artikler[n - 2] },
        { "endring", artikler[n - 1] - artikler[n - 2] },
    };
    return finish(host, res, vals, COUNT(vals), "Antall");
}

/*
 * kbs_inklusjon: studies open for inclusion and patients included per
 * year, with the last year against the row before and the peak year.
 */
static int compute_kbs_inklusjon(const nk_host *host, nk_call *call)
{
    const char *t = "kbs_inklusjon";
    const double *aar, *studier, *pasienter;
    nk_result *res;
    long n, top;

    if ((n = need_rows(host, call, t, 2)) < 0 ||
        (aar = read_years(host, call, t, "aar", n)) == NULL ||
        (studier = read_counts(host, call, t, "studier", n)) == NULL ||
        (pasienter = read_counts(host, call, t, "pasienter", n)) == NULL ||
        (res = host->result(call, n)) == NULL)
        return -1;

    if (host->add_numbers(res, "aar", aar) != 0 ||
        host->add_numbers(res, "studier", studier) != 0 ||
        host->add_numbers(res, "pasienter", pasienter) != 0)
        return -1;

    top = max_row(pasienter, n);
    named vals[] = {
        { "forste_aar", aar[0] },
        { "siste_aar", aar[n - 1] },
        { "siste_studier", studier[n - 1] },
        { "siste_pasienter", pasienter[n - 1] },
        { "forrige_aar", aar[n - 2] },
        { "forrige_pasienter", pasienter[n - 2] },
        { "endring_pasienter", pasienter[n - 1] - pasienter[n - 2] },
        { "hoyeste_pasienter", pasienter[top] },
        { "hoyeste_aar", aar[top] },
    };
    return finish(host, res, vals, COUNT(vals), "Antall");
}

/*
 * Returns the phase 1 to 4 of a category "Fase I" to "Fase IV", 0 for a
 * category that does not start with "Fase", or -1 for any other "Fase".
 */
static int phase_of(const char *kategori)
{
    static const char *const phases[] = {
        "Fase I", "Fase II", "Fase III", "Fase IV"
    };

    if (strncmp(kategori, "Fase", 4) != 0)
        return 0;
    for (size_t i = 0; i < COUNT(phases); i++) {
        if (strcmp(kategori, phases[i]) == 0)
            return (int)i + 1;
    }
    return -1;
}

/*
 * Adds up the studies of each phase into phase[0..3]. Returns 0, or -1
 * after failing at an unknown phase or when no row is a phase.
 */
static int sum_phases(const nk_host *host, nk_call *call,
                      const char *const *kategori, const double *studier,
                      long n, double phase[4])
{
    int found = 0;

    for (int p = 0; p < 4; p++)
        phase[p] = 0;

    for (long i = 0; i < n; i++) {
        int p = phase_of(kategori[i]);

        if (p < 0)
            return host->fail(call, "kbs_faser", i,
                              "kategori: \"%s\" is not a phase; expected "
                              "Fase I, Fase II, Fase III or Fase IV",
                              kategori[i]);
        if (p > 0) {
            phase[p - 1] += studier[i];
            found = 1;
        }
    }

    if (!found)
        return host->fail(call, "kbs_faser", -1,
                          "kategori: no row for a phase (Fase I to Fase IV)");
    return 0;
}

/*
 * kbs_faser: treatment studies of one year by category. Rows whose
 * category starts with "Fase" are drug studies; the phase with the
 * most studies is given by number, the lower phase on a tie.
 */
static int compute_kbs_faser(const nk_host *host, nk_call *call)
{
    const char *t = "kbs_faser";
    const char *const *kategori;
    const double *studier;
    double phase[4], total, drug;
    nk_result *res;
    long n;

    if ((n = need_rows(host, call, t, 1)) < 0 ||
        (kategori = read_texts(host, call, t, "kategori", n)) == NULL ||
        (studier = read_counts(host, call, t, "studier", n)) == NULL ||
        sum_phases(host, call, kategori, studier, n, phase) != 0 ||
        (res = host->result(call, n)) == NULL)
        return -1;
    total = sum(studier, n);
    drug = sum(phase, 4);

    if (host->add_texts(res, "kategori", kategori) != 0 ||
        host->add_numbers(res, "studier", studier) != 0 ||
        add_shares(host, call, res, t, studier, n, total) != 0)
        return -1;

    named vals[] = {
        { "total", total },
        { "legemiddel", drug },
        { "legemiddel_andel", 100.0 * drug / total },
        { "storste_fase_nr", (double)(max_row(phase, 4) + 1) },
    };
    return finish(host, res, vals, COUNT(vals), "Antall");
}

static const char *const doktorgrader_cols[] = {
    "aar", "kvinner", "menn", NULL
};
static const char *const doktorgrader_fag_cols[] = { "fag", "antall", NULL };
static const char *const artikler_cols[] = { "aar", "artikler", NULL };
static const char *const kbs_inklusjon_cols[] = {
    "aar", "studier", "pasienter", NULL
};
static const char *const kbs_faser_cols[] = { "kategori", "studier", NULL };

static const nk_input doktorgrader_in[] = {
    { "doktorgrader", doktorgrader_cols }, { NULL, NULL }
};
static const nk_input doktorgrader_fag_in[] = {
    { "doktorgrader_fag", doktorgrader_fag_cols }, { NULL, NULL }
};
static const nk_input artikler_in[] = {
    { "artikler", artikler_cols }, { NULL, NULL }
};
static const nk_input kbs_inklusjon_in[] = {
    { "kbs_inklusjon", kbs_inklusjon_cols }, { NULL, NULL }
};
static const nk_input kbs_faser_in[] = {
    { "kbs_faser", kbs_faser_cols }, { NULL, NULL }
};

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "doktorgrader",
      "Avlagte doktorgrader per år, fordelt på kjønn",
      doktorgrader_in, compute_doktorgrader },
    { sizeof(nk_indicator), "doktorgrader_fag",
      "Doktorgradskandidater etter fagbakgrunn fra masterutdanningen",
      doktorgrader_fag_in, compute_doktorgrader_fag },
    { sizeof(nk_indicator), "artikler",
      "Vitenskapelige artikler i helseforetakene per år",
      artikler_in, compute_artikler },
    { sizeof(nk_indicator), "kbs_inklusjon",
      "Inkluderte pasienter og åpne kliniske behandlingsstudier per år",
      kbs_inklusjon_in, compute_kbs_inklusjon },
    { sizeof(nk_indicator), "kbs_faser",
      "Kliniske behandlingsstudier etter fase og type",
      kbs_faser_in, compute_kbs_faser },
    { 0, NULL, NULL, NULL, NULL }
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "forskning", "2025.1",
    "Forskning: indikatorer i det nasjonale målesystemet",
    indicators
};

/* The one exported symbol: the host finds it by NK_PLUGIN_SYMBOL. */
NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void);

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
