/*
 * The research chapter's first section: the indicators of the national
 * measurement system. Doctoral degrees by year and by field, scientific
 * articles by year, and clinical treatment studies (KBS): patients
 * included per year and the studies of the last year by phase. Also the
 * rules of the system: the weights of the result-based grant and the
 * points for external funding.
 *
 * Each indicator checks its input before it computes anything: years
 * increase without repeats, counts are whole and not negative, texts
 * are present and unique, nothing is missing.
 */
#include "forskning_int.h"

#include <nkstat.h>
#include <stdlib.h>
#include <string.h>

/*
 * doktorgrader: degrees per year for women and men, with the yearly
 * total as a column and the sum over all years as "total".
 */
int fsk_doktorgrader(const nk_host *host, nk_call *call)
{
    const char *t = "doktorgrader";
    const double *aar, *kvinner, *menn;
    double *totalt;
    nk_result *res;
    long n;
    int rc;

    if ((n = fsk_need_rows(host, call, t, 1)) < 0 ||
        (aar = nks_read_years(host, call, t, "aar")) == NULL ||
        (kvinner = fsk_read_counts(host, call, t, "kvinner", n)) ==
            NULL ||
        (menn = fsk_read_counts(host, call, t, "menn", n)) == NULL ||
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

    fsk_named vals[] = {
        { "total", fsk_sum(kvinner, n) + fsk_sum(menn, n) },
        { "forste_aar", aar[0] },
        { "siste_aar", aar[n - 1] },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Antall");
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
    for (size_t i = 0; i < FSK_COUNT(fag_values); i++) {
        long row = fsk_find_text(fag, n, fag_values[i].fag);

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
int fsk_doktorgrader_fag(const nk_host *host, nk_call *call)
{
    const char *t = "doktorgrader_fag";
    const char *const *fag;
    const double *antall;
    nk_result *res;
    double total;
    long n;

    if ((n = fsk_need_rows(host, call, t, 1)) < 0 ||
        (fag = fsk_read_texts(host, call, t, "fag", n)) == NULL ||
        (antall = fsk_read_counts(host, call, t, "antall", n)) == NULL ||
        (res = host->result(call, n)) == NULL)
        return -1;
    total = fsk_sum(antall, n);

    if (host->add_texts(res, "fag", fag) != 0 ||
        host->add_numbers(res, "antall", antall) != 0 ||
        fsk_add_shares(host, call, res, t, antall, n, total) != 0 ||
        set_fag_shares(host, call, res, fag, antall, n, total) != 0)
        return -1;

    fsk_named vals[] = { { "total", total } };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Antall");
}

/*
 * artikler: scientific articles per year, with the last year's count
 * and its change from the row before.
 */
int fsk_artikler(const nk_host *host, nk_call *call)
{
    const char *t = "artikler";
    const double *aar, *artikler;
    nk_result *res;
    long n;

    if ((n = fsk_need_rows(host, call, t, 2)) < 0 ||
        (aar = nks_read_years(host, call, t, "aar")) == NULL ||
        (artikler = fsk_read_counts(host, call, t, "artikler", n)) ==
            NULL ||
        (res = host->result(call, n)) == NULL)
        return -1;

    if (host->add_numbers(res, "aar", aar) != 0 ||
        host->add_numbers(res, "artikler", artikler) != 0)
        return -1;

    fsk_named vals[] = {
        { "forste_aar", aar[0] },
        { "siste_aar", aar[n - 1] },
        { "siste", artikler[n - 1] },
        { "forrige", artikler[n - 2] },
        { "endring", artikler[n - 1] - artikler[n - 2] },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Antall");
}

/*
 * kbs_inklusjon: studies open for inclusion and patients included per
 * year, with the last year against the row before and the peak year.
 */
int fsk_kbs_inklusjon(const nk_host *host, nk_call *call)
{
    const char *t = "kbs_inklusjon";
    const double *aar, *studier, *pasienter;
    nk_result *res;
    long n, top;

    if ((n = fsk_need_rows(host, call, t, 2)) < 0 ||
        (aar = nks_read_years(host, call, t, "aar")) == NULL ||
        (studier = fsk_read_counts(host, call, t, "studier", n)) == NULL ||
        (pasienter = fsk_read_counts(host, call, t, "pasienter", n)) ==
            NULL ||
        (res = host->result(call, n)) == NULL)
        return -1;

    if (host->add_numbers(res, "aar", aar) != 0 ||
        host->add_numbers(res, "studier", studier) != 0 ||
        host->add_numbers(res, "pasienter", pasienter) != 0)
        return -1;

    top = fsk_max_row(pasienter, n);
    fsk_named vals[] = {
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
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Antall");
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
    for (size_t i = 0; i < FSK_COUNT(phases); i++) {
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
int fsk_kbs_faser(const nk_host *host, nk_call *call)
{
    const char *t = "kbs_faser";
    const char *const *kategori;
    const double *studier;
    double phase[4], total, drug;
    nk_result *res;
    long n;

    if ((n = fsk_need_rows(host, call, t, 1)) < 0 ||
        (kategori = fsk_read_texts(host, call, t, "kategori", n)) ==
            NULL ||
        (studier = fsk_read_counts(host, call, t, "studier", n)) == NULL ||
        sum_phases(host, call, kategori, studier, n, phase) != 0 ||
        (res = host->result(call, n)) == NULL)
        return -1;
    total = fsk_sum(studier, n);
    drug = fsk_sum(phase, 4);

    if (host->add_texts(res, "kategori", kategori) != 0 ||
        host->add_numbers(res, "studier", studier) != 0 ||
        fsk_add_shares(host, call, res, t, studier, n, total) != 0)
        return -1;

    fsk_named vals[] = {
        { "total", total },
        { "legemiddel", drug },
        { "legemiddel_andel", 100.0 * drug / total },
        { "storste_fase_nr", (double)(fsk_max_row(phase, 4) + 1) },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Antall");
}

/* Reads one number of fakta.csv by its indikator. */
static int read_fact(const nk_host *host, nk_call *call, const char *key,
                     double *value)
{
    return nks_lookup(host, call, "fakta", "indikator", key, "verdi",
                      value);
}

/*
 * Returns the points of the external-funding indicator for each year:
 * per million kroner from the EU and from the Research Council, at the
 * weights fakta.csv gives. Caller frees; NULL after failing.
 */
static double *funding_points(const nk_host *host, nk_call *call,
                              const double *eu, const double *nfr, long n,
                              double per_eu, double per_nfr)
{
    double *poeng = malloc((size_t)n * sizeof *poeng);

    if (poeng == NULL) {
        host->fail(call, NULL, -1, "out of memory");
        return NULL;
    }
    for (long i = 0; i < n; i++)
        poeng[i] = eu[i] / 1e6 * per_eu + nfr[i] / 1e6 * per_nfr;
    return poeng;
}

/*
 * malesystem: how the result-based grant is shared between the
 * indicators (percent), the points per million kroner of external
 * funding, and the external-funding points per year since the
 * indicator began, with the growth from the first year to the last as
 * a factor.
 */
int fsk_malesystem(const nk_host *host, nk_call *call)
{
    const char *t = "ekstern_finansiering";
    const double *aar, *eu, *nfr;
    double ekstern, kbs, per_eu, per_nfr, *poeng;
    nk_result *res;
    long n;
    int rc;

    if (read_fact(host, call, "malesystem_andel_publikasjoner_"
                  "doktorgrader_ekstern", &ekstern) != 0 ||
        read_fact(host, call, "malesystem_andel_kbs", &kbs) != 0 ||
        read_fact(host, call, "malesystem_poeng_per_million_eu",
                  &per_eu) != 0 ||
        read_fact(host, call, "malesystem_poeng_per_million_"
                  "forskningsradet", &per_nfr) != 0 ||
        (n = fsk_need_rows(host, call, t, 2)) < 0 ||
        (aar = nks_read_years(host, call, t, "aar")) == NULL ||
        (eu = fsk_read_amounts(host, call, t, "eu_kr", n)) == NULL ||
        (nfr = fsk_read_amounts(host, call, t, "forskningsradet_kr", n)) ==
            NULL ||
        (poeng = funding_points(host, call, eu, nfr, n, per_eu, per_nfr)) ==
            NULL)
        return -1;

    if (poeng[0] <= 0) {
        free(poeng);
        return host->fail(call, t, 0, "no external funding in the first "
                          "year; the growth cannot be computed");
    }
    res = host->result(call, n);
    rc = res == NULL || host->add_numbers(res, "aar", aar) != 0 ||
         host->add_numbers(res, "poeng", poeng) != 0;

    fsk_named vals[] = {
        { "andel_ekstern", ekstern },
        { "andel_kbs", kbs },
        { "poeng_per_million_eu", per_eu },
        { "poeng_per_million_forskningsradet", per_nfr },
        { "forste_aar", aar[0] },
        { "siste_aar", aar[n - 1] },
        { "poeng_forste", poeng[0] },
        { "poeng_siste", poeng[n - 1] },
        { "poeng_endring", poeng[n - 1] - poeng[0] },
        { "poeng_faktor", poeng[n - 1] / poeng[0] },
    };
    free(poeng);
    if (rc)
        return -1;
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Poeng");
}

/* Input tables and descriptions, as forskning.c lists them. */
static const char *const doktorgrader_cols[] = {
    "aar", "kvinner", "menn", NULL
};
static const char *const doktorgrader_fag_cols[] = { "fag", "antall", NULL };
static const char *const artikler_cols[] = { "aar", "artikler", NULL };
static const char *const kbs_inklusjon_cols[] = {
    "aar", "studier", "pasienter", NULL
};
static const char *const kbs_faser_cols[] = { "kategori", "studier", NULL };
static const char *const ekstern_cols[] = {
    "aar", "eu_kr", "forskningsradet_kr", NULL
};
static const char *const fakta_cols[] = { "indikator", "verdi", NULL };

const nk_input fsk_doktorgrader_in[] = {
    { "doktorgrader", doktorgrader_cols }, { NULL, NULL }
};
const nk_input fsk_doktorgrader_fag_in[] = {
    { "doktorgrader_fag", doktorgrader_fag_cols }, { NULL, NULL }
};
const nk_input fsk_artikler_in[] = {
    { "artikler", artikler_cols }, { NULL, NULL }
};
const nk_input fsk_kbs_inklusjon_in[] = {
    { "kbs_inklusjon", kbs_inklusjon_cols }, { NULL, NULL }
};
const nk_input fsk_kbs_faser_in[] = {
    { "kbs_faser", kbs_faser_cols }, { NULL, NULL }
};
const nk_input fsk_malesystem_in[] = {
    { "ekstern_finansiering", ekstern_cols }, { "fakta", fakta_cols },
    { NULL, NULL }
};

const char fsk_doktorgrader_about[] =
    "Avlagte doktorgrader per år, fordelt på kjønn";
const char fsk_doktorgrader_fag_about[] =
    "Doktorgradskandidater etter fagbakgrunn fra masterutdanningen";
const char fsk_artikler_about[] =
    "Vitenskapelige artikler i helseforetakene per år";
const char fsk_kbs_inklusjon_about[] =
    "Inkluderte pasienter og åpne kliniske behandlingsstudier per år";
const char fsk_kbs_faser_about[] =
    "Kliniske behandlingsstudier etter fase og type";
const char fsk_malesystem_about[] =
    "Vekter i målesystemet og poeng for ekstern finansiering per år";
