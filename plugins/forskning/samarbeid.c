/*
 * The research chapter's section on collaboration: the researchers who
 * credit a hospital, by sex and author role, and the publications of
 * the last year by who is credited on them (universities and colleges,
 * several health regions, addresses abroad). From NVA's series in
 * publiserende_forskere.csv and publikasjonssamarbeid.csv; the year of
 * the publications is the last of artikler.csv.
 */
#include "forskning_int.h"
#include <nkstat.h>

#include <stdlib.h>
#include <string.h>

/* Norway has four health regions; a publication credits one to four. */
#define NREGIONS 4

/* The share of women of each year, in percent, from two count columns;
 * out holds n entries. Fails when a year has no one in either. */
static int women_shares(const nk_host *host, nk_call *call,
                        const char *table, const char *what,
                        const double *women, const double *men, long n,
                        double *out)
{
    for (long i = 0; i < n; i++) {
        if (women[i] + men[i] <= 0)
            return host->fail(call, table, i, "%s: no women and no men",
                              what);
        out[i] = 100.0 * women[i] / (women[i] + men[i]);
    }
    return 0;
}

/* Returns the mean of v[from..n-1]; from must be below n. */
static double mean_from(const double *v, long from, long n)
{
    return fsk_sum(v + from, n - from) / (double)(n - from);
}

/* Returns the smallest (sign 1) or largest (sign -1) of v[from..n-1]. */
static double extreme_from(const double *v, long from, long n, int sign)
{
    double best = v[from];

    for (long i = from + 1; i < n; i++) {
        if (sign * v[i] < sign * best)
            best = v[i];
    }
    return best;
}

/*
 * Returns the row of the year the "fra" parameter names (the first year
 * of the period the text averages over), the first row without it, or
 * -1 after failing when no row holds that year.
 */
static long period_start(const nk_host *host, nk_call *call,
                         const char *table, const double *aar, long n)
{
    const char *fra = host->param(call, "fra");
    char *end;
    double year;

    if (fra == NULL)
        return 0;
    year = strtod(fra, &end);
    for (long i = 0; *end == '\0' && i < n; i++) {
        if (aar[i] == year)
            return i;
    }
    return host->fail(call, table, -1, "fra: no row for the year \"%s\"",
                      fra);
}

/* The columns of publiserende_forskere, read and checked. */
typedef struct researchers {
    const double *aar;
    const double *kvinner, *menn;
    const double *forste_k, *forste_m;
    const double *siste_k, *siste_m;
    const double *internasjonalt;
} researchers;

/* Reads every column of publiserende_forskere into r; -1 after
 * failing. */
static int read_researchers(const nk_host *host, nk_call *call,
                            const char *t, long n, researchers *r)
{
    static const char *const names[] = {
        "forskere_kvinner", "forskere_menn", "forsteforfatter_kvinner",
        "forsteforfatter_menn", "sisteforfatter_kvinner",
        "sisteforfatter_menn", "forskere_internasjonalt"
    };
    const double **cols[] = {
        &r->kvinner, &r->menn, &r->forste_k, &r->forste_m, &r->siste_k,
        &r->siste_m, &r->internasjonalt
    };

    r->aar = nks_read_years(host, call, t, "aar");
    if (r->aar == NULL)
        return -1;
    for (size_t i = 0; i < FSK_COUNT(names); i++) {
        *cols[i] = fsk_read_counts(host, call, t, names[i], n);
        if (*cols[i] == NULL)
            return -1;
    }
    return 0;
}

/* The result's columns: per year the researchers and four shares. */
enum { C_FORSKERE, C_KVINNER, C_FORSTE, C_SISTE, C_INTERNASJONAL, NCOLS };

static const char *const researcher_columns[NCOLS] = {
    "forskere", "andel_kvinner", "andel_kvinner_forste",
    "andel_kvinner_siste", "andel_internasjonalt"
};

/* Fills the columns col[] (n entries each) from r; -1 after failing. */
static int researcher_shares(const nk_host *host, nk_call *call,
                             const char *t, const researchers *r, long n,
                             double *col[NCOLS])
{
    for (long i = 0; i < n; i++) {
        col[C_FORSKERE][i] = r->kvinner[i] + r->menn[i];
        if (col[C_FORSKERE][i] <= 0)
            return host->fail(call, t, i, "no researchers in the year");
        col[C_INTERNASJONAL][i] = 100.0 * r->internasjonalt[i] /
                                  col[C_FORSKERE][i];
    }
    if (women_shares(host, call, t, "researchers", r->kvinner, r->menn, n,
                     col[C_KVINNER]) != 0 ||
        women_shares(host, call, t, "first authors", r->forste_k,
                     r->forste_m, n, col[C_FORSTE]) != 0 ||
        women_shares(host, call, t, "last authors", r->siste_k, r->siste_m,
                     n, col[C_SISTE]) != 0)
        return -1;
    return 0;
}

/* Adds the columns and the named values of publiserende_forskere. */
static int researcher_result(const nk_host *host, nk_result *res,
                             const researchers *r, double *col[NCOLS],
                             long n, long from)
{
    const double *forskere = col[C_FORSKERE];
    const double *forste = col[C_FORSTE], *siste = col[C_SISTE];

    if (host->add_numbers(res, "aar", r->aar) != 0)
        return -1;
    for (int c = 0; c < NCOLS; c++) {
        if (host->add_numbers(res, researcher_columns[c], col[c]) != 0)
            return -1;
    }

    fsk_named vals[] = {
        { "forste_aar", r->aar[0] },
        { "siste_aar", r->aar[n - 1] },
        { "forskere_forste", forskere[0] },
        { "forskere_siste", forskere[n - 1] },
        { "vekst", 100.0 * (forskere[n - 1] - forskere[0]) / forskere[0] },
        { "fra_aar", r->aar[from] },
        { "snitt_kvinner_forste", mean_from(forste, from, n) },
        { "laveste_kvinner_forste", extreme_from(forste, from, n, 1) },
        { "hoyeste_kvinner_forste", extreme_from(forste, from, n, -1) },
        { "overvekt_kvinner_forste", forste[n - 1] - 50 },
        { "overvekt_kvinner_siste", siste[n - 1] - 50 },
        { "kvinner_siste_fra", siste[from] },
        { "kvinner_siste_siste", siste[n - 1] },
        { "endring_kvinner_siste", siste[n - 1] - siste[from] },
        { "internasjonalt_forste", col[C_INTERNASJONAL][0] },
        { "internasjonalt_siste", col[C_INTERNASJONAL][n - 1] },
        { "endring_internasjonalt",
          col[C_INTERNASJONAL][n - 1] - col[C_INTERNASJONAL][0] },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Prosent");
}

/*
 * publiserende_forskere: per year the researchers who credit a hospital,
 * women's share of them, of first authors and of last authors, and the
 * share with a co-author abroad. Values compare the first year with the
 * last, and average women's share of first authors from the year the
 * "fra" parameter names (default the first year) to the last.
 */
int fsk_publiserende_forskere(const nk_host *host, nk_call *call)
{
    const char *t = "publiserende_forskere";
    double *col[NCOLS], *block;
    researchers r;
    nk_result *res;
    long n, from;
    int rc;

    if ((n = fsk_need_rows(host, call, t, 2)) < 0 ||
        read_researchers(host, call, t, n, &r) != 0 ||
        (from = period_start(host, call, t, r.aar, n)) < 0)
        return -1;
    block = malloc((size_t)n * NCOLS * sizeof *block);
    if (block == NULL)
        return host->fail(call, NULL, -1, "out of memory");
    for (int c = 0; c < NCOLS; c++)
        col[c] = block + (size_t)c * (size_t)n;

    rc = researcher_shares(host, call, t, &r, n, col);
    if (rc == 0 && (res = host->result(call, n)) == NULL)
        rc = -1;
    if (rc == 0)
        rc = researcher_result(host, res, &r, col, n, from);

    free(block);
    return rc;
}

/* The columns of publikasjonssamarbeid, read and checked, and the year
 * the publications belong to. */
typedef struct cells {
    const double *regioner, *uh, *alle, *internasjonal, *publikasjoner;
    double total;
    double aar;
} cells;

/*
 * Sets c->aar to the last year of artikler.csv: the cells split the
 * publications of that year. Returns 0, or -1 after failing.
 */
static int publication_year(const nk_host *host, nk_call *call, cells *c)
{
    const char *t = "artikler";
    const double *aar;
    long n;

    if ((n = fsk_need_rows(host, call, t, 1)) < 0 ||
        (aar = nks_read_years(host, call, t, "aar")) == NULL)
        return -1;
    c->aar = aar[n - 1];
    return 0;
}

/*
 * Reads and checks the table: regions whole from 1 to NREGIONS, the
 * "all regions, both sectors" flag only on a row of all regions with
 * the university sector. Returns 0, or -1 after failing at a row.
 */
static int read_cells(const nk_host *host, nk_call *call, const char *t,
                      long n, cells *c)
{
    if ((c->regioner = fsk_read_counts(host, call, t, "regioner", n)) ==
            NULL ||
        (c->uh = host->numbers(call, t, "uh_sektor")) == NULL ||
        (c->alle = host->numbers(call, t, "alle_regioner_begge_sektorer")) ==
            NULL ||
        (c->internasjonal = host->numbers(call, t, "internasjonal")) ==
            NULL ||
        (c->publikasjoner = fsk_read_counts(host, call, t, "publikasjoner",
                                            n)) == NULL)
        return -1;

    for (long i = 0; i < n; i++) {
        if (c->regioner[i] < 1 || c->regioner[i] > NREGIONS)
            return host->fail(call, t, i, "regioner: %g is not 1 to %d",
                              c->regioner[i], NREGIONS);
        if (c->alle[i] == 1 && (c->regioner[i] != NREGIONS || c->uh[i] != 1))
            return host->fail(call, t, i, "alle_regioner_begge_sektorer: "
                              "set on a row without all %d regions and the "
                              "university sector", NREGIONS);
    }
    c->total = fsk_sum(c->publikasjoner, n);
    if (c->total <= 0)
        return host->fail(call, t, -1, "no publications");
    return publication_year(host, call, c);
}

/* Returns the publications of the rows whose flag column is 1. */
static double flagged(const cells *c, const double *flag, long n)
{
    double s = 0;

    for (long i = 0; i < n; i++) {
        if (flag[i] == 1)
            s += c->publikasjoner[i];
    }
    return s;
}

/*
 * samarbeid_uh: the publications of the year with and without a credited
 * university or university college, as two rows, with the share abroad
 * and the publications crediting both sectors in every region.
 */
int fsk_samarbeid_uh(const nk_host *host, nk_call *call)
{
    const char *t = "publikasjonssamarbeid";
    static const char *const labels[] = {
        "Sykehus og universitet eller høyskole", "Bare sykehus"
    };
    double antall[2], andel[2], international;
    nk_result *res;
    cells c;
    long n;

    if ((n = fsk_need_rows(host, call, t, 1)) < 0 ||
        read_cells(host, call, t, n, &c) != 0 ||
        (res = host->result(call, 2)) == NULL)
        return -1;
    antall[0] = flagged(&c, c.uh, n);
    antall[1] = c.total - antall[0];
    for (int i = 0; i < 2; i++)
        andel[i] = 100.0 * antall[i] / c.total;
    international = flagged(&c, c.internasjonal, n);

    if (host->add_texts(res, "alternativ", labels) != 0 ||
        host->add_numbers(res, "publikasjoner", antall) != 0 ||
        host->add_numbers(res, "andel", andel) != 0 ||
        host->set_denominator(res, "andel", c.total) != 0)
        return -1;

    fsk_named vals[] = {
        { "aar", c.aar },
        { "total", c.total },
        { "med_uh", antall[0] },
        { "andel_uh", andel[0] },
        { "alle_regioner_begge_sektorer", flagged(&c, c.alle, n) },
        { "internasjonal", international },
        { "andel_internasjonal", 100.0 * international / c.total },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Publikasjoner");
}

/*
 * samarbeid_regioner: the publications of the year by how many health
 * regions have a credited hospital, one row per count from one to all,
 * with those from two or more and from all regions as values.
 */
int fsk_samarbeid_regioner(const nk_host *host, nk_call *call)
{
    const char *t = "publikasjonssamarbeid";
    static const char *const labels[NREGIONS] = {
        "Én region", "To regioner", "Tre regioner", "Alle fire regioner"
    };
    double antall[NREGIONS] = { 0 }, andel[NREGIONS];
    nk_result *res;
    cells c;
    long n;

    if ((n = fsk_need_rows(host, call, t, 1)) < 0 ||
        read_cells(host, call, t, n, &c) != 0 ||
        (res = host->result(call, NREGIONS)) == NULL)
        return -1;
    for (long i = 0; i < n; i++)
        antall[(int)c.regioner[i] - 1] += c.publikasjoner[i];
    for (int k = 0; k < NREGIONS; k++)
        andel[k] = 100.0 * antall[k] / c.total;

    if (host->add_texts(res, "alternativ", labels) != 0 ||
        host->add_numbers(res, "publikasjoner", antall) != 0 ||
        host->add_numbers(res, "andel", andel) != 0 ||
        host->set_denominator(res, "andel", c.total) != 0)
        return -1;

    fsk_named vals[] = {
        { "aar", c.aar },
        { "total", c.total },
        { "flere_regioner", c.total - antall[0] },
        { "andel_flere_regioner", 100.0 - andel[0] },
        { "alle_regioner", antall[NREGIONS - 1] },
        { "andel_alle_regioner", andel[NREGIONS - 1] },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Publikasjoner");
}

static const char *const forskere_cols[] = {
    "aar", "forskere_kvinner", "forskere_menn", "forsteforfatter_kvinner",
    "forsteforfatter_menn", "sisteforfatter_kvinner", "sisteforfatter_menn",
    "forskere_internasjonalt", NULL
};
static const char *const samarbeid_cols[] = {
    "regioner", "uh_sektor", "alle_regioner_begge_sektorer", "internasjonal",
    "publikasjoner", NULL
};

const nk_input fsk_publiserende_forskere_in[] = {
    { "publiserende_forskere", forskere_cols }, { NULL, NULL }
};
static const char *const artikler_cols[] = { "aar", NULL };

const nk_input fsk_samarbeid_uh_in[] = {
    { "publikasjonssamarbeid", samarbeid_cols },
    { "artikler", artikler_cols },
    { NULL, NULL }
};
const nk_input fsk_samarbeid_regioner_in[] = {
    { "publikasjonssamarbeid", samarbeid_cols },
    { "artikler", artikler_cols },
    { NULL, NULL }
};

const char fsk_publiserende_forskere_about[] =
    "Publiserende forskere per år: kvinneandel etter rolle, utland";
const char fsk_samarbeid_uh_about[] =
    "Publikasjoner med og uten universitet eller høyskole";
const char fsk_samarbeid_regioner_about[] =
    "Publikasjoner etter antall helseregioner med sykehus";
