/*
 * The research chapter's section on the regions ("Forskning på
 * regionsnivå"), from the projects with regional funds (eRapport): each
 * region's funds and projects, its largest health categories, the
 * largest categories nationally split by region, the research
 * activities per region (Table 3) and the share of each region's funds
 * that goes to projects with a chosen property. Regions are the texts
 * of the region column, in byte order; with the region parameter set
 * only that region is left.
 */
#include "forskning_int.h"

#include <math.h>
#include <nkstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROSJEKTER "forskningsprosjekter"
#define NAME_LEN 128

/* The label of the funds outside a region's largest categories. */
#define RESTEN "Andre fagområder"

/* The projects, their regions and each region's funds and projects. */
typedef struct regions {
    nks_rows rows;
    nks_classes by;
    double *funds;          /* by.n: kroner */
    double *projects;       /* by.n */
    double all;             /* all funds */
} regions;

static void regions_free(regions *g)
{
    free(g->funds);
    nks_classes_free(&g->by);
    nks_rows_free(&g->rows);
}

/*
 * Selects the projects, groups them by region and sums each region's
 * funds and projects into g. Returns 0, or -1 after failing; g is then
 * freed already.
 */
static int regions_load(const nk_host *host, nk_call *call, regions *g)
{
    memset(g, 0, sizeof *g);
    if (nks_rows_select(host, call, PROSJEKTER, "region", &g->rows) != 0)
        return -1;
    if (nks_group_by(host, call, &g->rows, "region", &g->by) != 0) {
        nks_rows_free(&g->rows);
        return -1;
    }

    g->funds = calloc((size_t)g->by.n * 2 + 1, sizeof *g->funds);
    if (!g->funds) {
        regions_free(g);
        return host->fail(call, NULL, -1, "out of memory");
    }
    g->projects = g->funds + g->by.n;
    if (nks_group_sums(host, call, &g->rows, &g->by, FSK_FUNDS,
                       g->funds) != 0 ||
        nks_group_sums(host, call, &g->rows, &g->by, NULL,
                       g->projects) != 0) {
        regions_free(g);
        return -1;
    }
    for (int c = 0; c < g->by.n; c++)
        g->all += g->funds[c];
    return 0;
}

/*
 * Splits every region's funds over the values of an HRCS dimension and
 * returns the sums, value-major (sums[v * regions + c]); the caller
 * frees them. NULL after failing.
 */
static double *split_regions(const nk_host *host, nk_call *call,
                             const regions *g, const fsk_hrcs *dim)
{
    nks_slots slots = { dim->names, dim->shares, dim->nslots };
    double *sums = calloc((size_t)dim->nvalues * g->by.n + 1,
                          sizeof *sums);

    if (!sums) {
        host->fail(call, NULL, -1, "out of memory");
        return NULL;
    }
    if (nks_split_by(host, call, &g->rows, &slots, dim->values,
                     dim->nvalues, FSK_FUNDS, &g->by, sums) != 0) {
        free(sums);
        return NULL;
    }
    return sums;
}

/* Returns part of whole in percent, NaN when whole is zero. */
static double percent(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : NAN;
}

/*
 * Reads the whole-number parameter name into *v: def when it is not
 * given, else a number from 1 to max. Returns 0, or -1 after failing.
 */
static int int_param(const nk_host *host, nk_call *call, const char *name,
                     int def, int max, int *v)
{
    const char *s = host->param(call, name);
    char *end;
    long n;

    *v = def;
    if (!s)
        return 0;
    n = strtol(s, &end, 10);
    if (end == s || *end || n < 1 || n > max)
        return host->fail(call, NULL, -1, "%s=\"%s\": give a whole number "
                          "from 1 to %d", name, s, max);
    *v = (int)n;
    return 0;
}

/*
 * Adds a column per region, named prefix and the region's name, from
 * a value-major matrix: row i of the result takes m[pick[i] * n + c],
 * scaled by scale, or as a percent of whole[c] when whole is set.
 */
static int add_region_columns(const nk_host *host, nk_result *res,
                              const regions *g, const char *prefix,
                              const double *m, const int *pick, int nrows,
                              double scale, const double *whole)
{
    double *v = calloc((size_t)nrows + 1, sizeof *v);
    char name[NAME_LEN];
    int rc = v ? 0 : -1;

    for (int c = 0; rc == 0 && c < g->by.n; c++) {
        for (int i = 0; i < nrows; i++) {
            double x = m[pick[i] * g->by.n + c];

            v[i] = whole ? percent(x, whole[c]) : x * scale;
        }
        snprintf(name, sizeof name, "%s%s", prefix, g->by.labels[c]);
        rc = host->add_numbers(res, name, v);
    }
    free(v);
    return rc;
}

/*
 * regioner: each region's projects and funds (kroner and millions) and
 * its share of all funds, with the number of regions and the totals.
 */
int fsk_regioner(const nk_host *host, nk_call *call)
{
    regions g;
    nk_result *res;
    double *v;
    int n, rc = 0;

    if (regions_load(host, call, &g) != 0)
        return -1;
    n = g.by.n;
    res = host->result(call, n);
    v = calloc((size_t)n * 2 + 1, sizeof *v);
    if (!res || !v)
        rc = res ? host->fail(call, NULL, -1, "out of memory") : -1;
    for (int c = 0; rc == 0 && c < n; c++) {
        v[c] = g.funds[c] / 1e6;
        v[n + c] = percent(g.funds[c], g.all);
    }

    if (rc == 0 &&
        (host->add_texts(res, "region", g.by.labels) != 0 ||
         host->add_numbers(res, "prosjekter", g.projects) != 0 ||
         host->add_numbers(res, "midler", g.funds) != 0 ||
         host->add_numbers(res, "midler_mnok", v) != 0 ||
         host->add_numbers(res, "andel_midler", v + n) != 0 ||
         host->set_denominator(res, "andel_midler", g.all) != 0))
        rc = -1;
    fsk_named vals[] = {
        { "regioner", n },
        { "prosjekter", (double)g.rows.count },
        { "midler_total", g.all },
        { "midler_total_mnok", g.all / 1e6 },
        { "aar", FSK_FUNDS_YEAR },
    };
    free(v);
    regions_free(&g);
    if (rc != 0)
        return -1;
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Millioner kroner");
}

/* A long table of each region's largest categories, built row by row. */
typedef struct top_table {
    int n;                  /* rows filled */
    const char **region;
    const char **field;
    double *mnok;
    double *share;          /* of the region's funds */
    double *shared;         /* regions with the field among their top */
    double *common;         /* share where shared by two regions or more */
    double *own;            /* share where the region's alone */
} top_table;

static int top_table_new(const nk_host *host, nk_call *call, int rows,
                         top_table *t)
{
    memset(t, 0, sizeof *t);
    t->region = calloc((size_t)rows * 2 + 1, sizeof *t->region);
    t->mnok = calloc((size_t)rows * 5 + 1, sizeof *t->mnok);
    if (!t->region || !t->mnok) {
        free(t->region);
        free(t->mnok);
        return host->fail(call, NULL, -1, "out of memory");
    }
    t->field = t->region + rows;
    t->share = t->mnok + rows;
    t->shared = t->share + rows;
    t->common = t->shared + rows;
    t->own = t->common + rows;
    return 0;
}

static void top_table_add(top_table *t, const char *region,
                          const char *field, double kroner, double whole,
                          double shared)
{
    t->region[t->n] = region;
    t->field[t->n] = field;
    t->mnok[t->n] = kroner / 1e6;
    t->share[t->n] = percent(kroner, whole);
    t->shared[t->n] = shared;
    t->common[t->n] = shared >= 2 ? t->share[t->n] : NAN;
    t->own[t->n] = shared == 1 ? t->share[t->n] : NAN;
    t->n++;
}

/*
 * Finds each region's k largest categories in sums (value-major) into
 * top (k per region) and counts, per category, the regions that have it
 * among theirs into shared. Returns how many each region has: k, or
 * fewer when there are fewer categories.
 */
static int rank_regions(const regions *g, const fsk_hrcs *dim,
                        const double *sums, int k, int *top, double *shared,
                        double *column)
{
    int m = 0;

    for (int c = 0; c < g->by.n; c++) {
        for (int v = 0; v < dim->nvalues; v++)
            column[v] = sums[v * g->by.n + c];
        m = nks_top(column, dim->nvalues, k, top + c * k);
        for (int j = 0; j < m; j++)
            shared[top[c * k + j]]++;
    }
    return m;
}

/* Fills t with each region's top rows and, with rest set, the rest. */
static void fill_top_table(const regions *g, const fsk_hrcs *dim,
                           const double *sums, const int *top, int k, int m,
                           const double *shared, int rest, top_table *t)
{
    for (int c = 0; c < g->by.n; c++) {
        double left = g->funds[c];

        for (int j = 0; j < m; j++) {
            int v = top[c * k + j];
            double x = sums[v * g->by.n + c];

            top_table_add(t, g->by.labels[c], dim->values[v], x,
                          g->funds[c], shared[v]);
            left -= x;
        }
        if (rest)
            top_table_add(t, g->by.labels[c], RESTEN, left, g->funds[c], 0);
    }
}

/* Makes the result of region_fagomrader from t. */
static int top_table_result(const nk_host *host, nk_call *call,
                            const top_table *t, const regions *g,
                            const fsk_hrcs *dim, const double *shared, int m)
{
    nk_result *res = host->result(call, t->n);
    double common = 0, fields = 0;

    if (!res)
        return -1;
    for (int v = 0; v < dim->nvalues; v++) {
        common += g->by.n > 0 && shared[v] == g->by.n;
        fields += shared[v] > 0;
    }
    if (host->add_texts(res, "region", t->region) != 0 ||
        host->add_texts(res, "fagomrade", t->field) != 0 ||
        host->add_numbers(res, "midler_mnok", t->mnok) != 0 ||
        host->add_numbers(res, "andel", t->share) != 0 ||
        host->add_numbers(res, "felles", t->shared) != 0 ||
        host->add_numbers(res, "andel_felles", t->common) != 0 ||
        host->add_numbers(res, "andel_egen", t->own) != 0)
        return -1;

    fsk_named vals[] = {
        { "topp", m },
        { "regioner", g->by.n },
        { "fagomrader", fields },
        { "felles_alle", common },
        { "aar", FSK_FUNDS_YEAR },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals),
                      "Prosent av regionens midler");
}

/*
 * Returns whether the parameter resten asks for the rest row: "ja" (the
 * default) or "nei"; -1 after failing on any other value.
 */
static int rest_param(const nk_host *host, nk_call *call)
{
    const char *s = host->param(call, "resten");

    if (!s || strcmp(s, "ja") == 0)
        return 1;
    if (strcmp(s, "nei") == 0)
        return 0;
    return host->fail(call, NULL, -1, "resten=\"%s\": give ja or nei", s);
}

/*
 * region_fagomrader: each region's largest health categories (Figure
 * 17), the parameter topp of them (5 when not given), largest first,
 * and (unless resten=nei) a row for the rest of the region's funds:
 * columns region, fagomrade, midler_mnok, andel (of the region's funds)
 * and felles (the regions with that category among their largest),
 * and the share again as andel_felles where felles is two or more and
 * as andel_egen where it is one (else NaN), so that a chart can colour
 * the two apart.
 */
int fsk_region_fagomrader(const nk_host *host, nk_call *call)
{
    const fsk_hrcs *dim = &fsk_hrcs_helse;
    double *sums = NULL, *shared = NULL;
    int k, m = 0, rest, rc, *top = NULL;
    top_table t = { 0 };
    regions g;

    rest = rest_param(host, call);
    if (rest < 0 || int_param(host, call, "topp", 5, dim->nvalues, &k) != 0 ||
        regions_load(host, call, &g) != 0)
        return -1;
    sums = split_regions(host, call, &g, dim);
    shared = calloc((size_t)dim->nvalues * 2 + 1, sizeof *shared);
    top = calloc((size_t)g.by.n * k + 1, sizeof *top);
    rc = sums ? 0 : -1;
    if (rc == 0 && (!shared || !top))
        rc = host->fail(call, NULL, -1, "out of memory");
    if (rc == 0) {
        m = rank_regions(&g, dim, sums, k, top, shared,
                         shared + dim->nvalues);
        rc = top_table_new(host, call, g.by.n * (m + rest), &t);
    }

    if (rc == 0) {
        fill_top_table(&g, dim, sums, top, k, m, shared, rest, &t);
        rc = top_table_result(host, call, &t, &g, dim, shared, m);
    }
    free(t.region);
    free(t.mnok);
    free(top);
    free(shared);
    free(sums);
    regions_free(&g);
    return rc;
}

/*
 * Adds the columns of fagomrader_regioner: the top categories' names,
 * national funds in millions and share of all funds, and a column per
 * region (named by it) with its funds in millions.
 */
static int add_top_columns(const nk_host *host, nk_result *res,
                           const regions *g, const fsk_hrcs *dim,
                           const double *sums, const double *national,
                           const int *top, int m)
{
    const char **names = calloc((size_t)m + 1, sizeof *names);
    double *v = calloc((size_t)m * 2 + 1, sizeof *v);
    int rc = names && v ? 0 : -1;

    for (int j = 0; rc == 0 && j < m; j++) {
        names[j] = dim->values[top[j]];
        v[j] = national[top[j]] / 1e6;
        v[m + j] = percent(national[top[j]], g->all);
    }
    if (rc == 0 &&
        (host->add_texts(res, "fagomrade", names) != 0 ||
         host->add_numbers(res, "midler_mnok", v) != 0 ||
         host->add_numbers(res, "andel", v + m) != 0 ||
         add_region_columns(host, res, g, "", sums, top, m, 1e-6,
                            NULL) != 0))
        rc = -1;
    free(names);
    free(v);
    return rc;
}

/*
 * fagomrader_regioner: the health categories with the most funds in all
 * regions together (Figure 18), the parameter topp of them (5 when not
 * given), largest first, each split by region; their funds together
 * (midler_topp, kroner) and share of all funds.
 */
int fsk_fagomrader_regioner(const nk_host *host, nk_call *call)
{
    const fsk_hrcs *dim = &fsk_hrcs_helse;
    double *sums, *national, topp = 0;
    int k, m = 0, rc, *top;
    nk_result *res = NULL;
    regions g;

    if (int_param(host, call, "topp", 5, dim->nvalues, &k) != 0 ||
        regions_load(host, call, &g) != 0)
        return -1;
    sums = split_regions(host, call, &g, dim);
    national = calloc((size_t)dim->nvalues + 1, sizeof *national);
    top = calloc((size_t)k + 1, sizeof *top);
    rc = sums ? 0 : -1;
    if (rc == 0 && (!national || !top))
        rc = host->fail(call, NULL, -1, "out of memory");
    for (int v = 0; rc == 0 && v < dim->nvalues; v++) {
        for (int c = 0; c < g.by.n; c++)
            national[v] += sums[v * g.by.n + c];
    }
    if (rc == 0) {
        m = nks_top(national, dim->nvalues, k, top);
        for (int j = 0; j < m; j++)
            topp += national[top[j]];
        res = host->result(call, m);
        rc = res ? add_top_columns(host, res, &g, dim, sums, national, top,
                                   m) : -1;
    }

    fsk_named vals[] = {
        { "topp", m },
        { "midler_topp", topp },
        { "andel_topp", percent(topp, g.all) },
        { "midler_total", g.all },
        { "aar", FSK_FUNDS_YEAR },
    };
    free(top);
    free(national);
    free(sums);
    regions_free(&g);
    if (rc != 0)
        return -1;
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Millioner kroner");
}

/*
 * Adds the columns of region_aktivitet: the activities' numbers (1 to
 * n in the classification's order) and names, national funds in
 * millions and share of all funds, and per region its funds in millions
 * (a column named by the region) and their share of the region's funds
 * (andel_ and the name).
 */
static int add_activity_columns(const nk_host *host, nk_result *res,
                                const regions *g, const fsk_hrcs *dim,
                                const double *sums)
{
    int n = dim->nvalues;
    double *v = calloc((size_t)n * 3 + 1, sizeof *v);
    int *all = calloc((size_t)n + 1, sizeof *all);
    int rc = v && all ? 0 : -1;

    for (int a = 0; rc == 0 && a < n; a++) {
        double national = 0;

        for (int c = 0; c < g->by.n; c++)
            national += sums[a * g->by.n + c];
        all[a] = a;
        v[a] = a + 1;
        v[n + a] = national / 1e6;
        v[2 * n + a] = percent(national, g->all);
    }
    if (rc == 0 &&
        (host->add_numbers(res, "nr", v) != 0 ||
         host->add_texts(res, "aktivitet", dim->values) != 0 ||
         host->add_numbers(res, "midler_mnok", v + n) != 0 ||
         host->add_numbers(res, "andel", v + 2 * n) != 0 ||
         add_region_columns(host, res, g, "", sums, all, n, 1e-6,
                            NULL) != 0 ||
         add_region_columns(host, res, g, "andel_", sums, all, n, 1,
                            g->funds) != 0))
        rc = -1;
    free(all);
    free(v);
    return rc;
}

/*
 * region_aktivitet: the funds of each HRCS research activity per region
 * (Figure 19 and Table 3), every activity in the classification's
 * order; with each region's total (kroner) as midler_ and its name.
 */
int fsk_region_aktivitet(const nk_host *host, nk_call *call)
{
    const fsk_hrcs *dim = &fsk_hrcs_aktivitet;
    nk_result *res = NULL;
    double *sums;
    regions g;
    int rc;

    if (regions_load(host, call, &g) != 0)
        return -1;
    sums = split_regions(host, call, &g, dim);
    rc = sums ? 0 : -1;
    if (rc == 0) {
        res = host->result(call, dim->nvalues);
        rc = res ? add_activity_columns(host, res, &g, dim, sums) : -1;
    }

    fsk_named vals[] = {
        { "regioner", g.by.n },
        { "midler_total", g.all },
        { "midler_total_mnok", g.all / 1e6 },
        { "aar", FSK_FUNDS_YEAR },
    };
    free(sums);
    regions_free(&g);
    if (rc != 0)
        return -1;
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Millioner kroner");
}

/* A property of a project whose share of funds Figure 20 can show: it
 * chose any of the members, flag columns or values of a text column. */
typedef struct property {
    const char *column;     /* the text column, or NULL for flags */
    nks_class def;
} property;

static const char *const clinical[] = {
    "type_legemiddelstudie", "type_annen_behandlingsstudie",
    "type_observasjonsstudie", "type_annen_klinisk"
};
static const char *const sex_specific[] = {
    "kjonn_analyser", "kjonn_kvinner", "kjonn_menn", "kjonn_annet"
};
static const char *const uses_ai[] = { "ki_hyllevare", "ki_utvikler" };
static const char *const saves_personnel[] = { "formaal", "effekt" };
static const char *const industry[] = {
    "industri_medtek", "industri_legemiddel", "industri_digitalisering",
    "industri_andre"
};
static const char *const participation[] = {
    "bm_planlegging", "bm_gjennomforing", "bm_analyse", "bm_formidling",
    "bm_referansegruppe", "bm_annet"
};

#define MEMBERS(a) a, (int)FSK_COUNT(a)

static const property properties[] = {
    { NULL, { "klinisk", "Klinisk forskning", MEMBERS(clinical) } },
    { NULL, { "kjonn", "Kjønnsspesifikk forskning",
              MEMBERS(sex_specific) } },
    { NULL, { "ki", "Bruk av kunstig intelligens", MEMBERS(uses_ai) } },
    { "personell", { "personell", "Kan gi personellbesparende løsninger",
                     MEMBERS(saves_personnel) } },
    { NULL, { "industri", "Samarbeid med industri og næringsliv",
              MEMBERS(industry) } },
    { NULL, { "brukermedvirkning", "Brukermedvirkning",
              MEMBERS(participation) } },
};

#define NPROPERTIES ((int)FSK_COUNT(properties))

/* Figure 20's properties when the report names none. */
#define DEFAULT_PROPERTIES "klinisk,brukermedvirkning,industri"

/* Returns the property called key (len bytes), or -1. */
static int find_property(const char *key, size_t len)
{
    for (int i = 0; i < NPROPERTIES; i++) {
        const char *k = properties[i].def.key;

        if (strlen(k) == len && strncmp(k, key, len) == 0)
            return i;
    }
    return -1;
}

/*
 * Reads the parameter variabler, property keys separated by commas,
 * into pick (at most NPROPERTIES) and returns how many; -1 after
 * failing on an unknown or repeated key.
 */
static int read_properties(const nk_host *host, nk_call *call, int *pick)
{
    const char *s = host->param(call, "variabler");
    int n = 0;

    for (s = s ? s : DEFAULT_PROPERTIES; *s; ) {
        size_t len = strcspn(s, ",");
        int p = find_property(s, len);

        for (int j = 0; p >= 0 && j < n; j++)
            p = pick[j] == p ? -2 : p;
        if (p < 0)
            return host->fail(call, NULL, -1, "variabler: \"%.*s\" is %s; "
                              "choose from klinisk, kjonn, ki, personell, "
                              "industri and brukermedvirkning", (int)len, s,
                              p == -2 ? "named twice" : "not one of them");
        pick[n++] = p;
        s += len + (s[len] == ',');
    }
    if (n == 0)
        return host->fail(call, NULL, -1, "variabler: name at least one");
    return n;
}

/*
 * Sums into sums[0 .. regions - 1] each region's funds of the projects
 * with property p. Returns 0 or -1.
 */
static int property_funds(const nk_host *host, nk_call *call,
                          const regions *g, const property *p, double *sums)
{
    nks_rows with;
    int rc;

    if (nks_rows_copy(host, call, &g->rows, &with) != 0)
        return -1;
    if (p->column)
        rc = nks_rows_where_any_text(host, call, &with, p->column,
                                     p->def.members, p->def.nmembers);
    else
        rc = nks_rows_where_any(host, call, &with, p->def.members,
                                p->def.nmembers);
    if (rc == 0)
        rc = nks_group_sums(host, call, &with, &g->by, FSK_FUNDS, sums);
    nks_rows_free(&with);
    return rc;
}

/*
 * Adds the columns of region_variabler: the properties' labels, their
 * share of all funds, and per region their share of its funds (andel_
 * and the region's name). sums holds the funds, property-major.
 */
static int add_property_columns(const nk_host *host, nk_result *res,
                                const regions *g, const int *pick, int n,
                                const double *sums)
{
    const char *labels[NPROPERTIES];
    double national[NPROPERTIES];
    int rows[NPROPERTIES];

    for (int i = 0; i < n; i++) {
        labels[i] = properties[pick[i]].def.label;
        national[i] = 0;
        rows[i] = i;
        for (int c = 0; c < g->by.n; c++)
            national[i] += sums[i * g->by.n + c];
        national[i] = percent(national[i], g->all);
    }
    if (host->add_texts(res, "variabel", labels) != 0 ||
        host->add_numbers(res, "andel", national) != 0)
        return -1;
    return add_region_columns(host, res, g, "andel_", sums, rows, n, 1,
                              g->funds);
}

/*
 * region_variabler: for each property the parameter variabler names
 * (see properties; clinical research, user participation and industry
 * collaboration when not given), the share of all funds and of each
 * region's funds that goes to projects with it (Figure 20).
 */
int fsk_region_variabler(const nk_host *host, nk_call *call)
{
    int pick[NPROPERTIES], n = read_properties(host, call, pick), rc = 0;
    nk_result *res = NULL;
    double *sums;
    regions g;

    if (n < 0 || regions_load(host, call, &g) != 0)
        return -1;
    sums = calloc((size_t)n * g.by.n + 1, sizeof *sums);
    if (!sums)
        rc = host->fail(call, NULL, -1, "out of memory");
    for (int i = 0; rc == 0 && i < n; i++)
        rc = property_funds(host, call, &g, &properties[pick[i]],
                            sums + i * g.by.n);
    if (rc == 0) {
        res = host->result(call, n);
        rc = res ? add_property_columns(host, res, &g, pick, n, sums) : -1;
    }

    free(sums);
    regions_free(&g);
    if (rc != 0)
        return -1;
    fsk_named vals[] = { { "variabler", n }, { "aar", FSK_FUNDS_YEAR } };
    return fsk_finish(host, res, vals, FSK_COUNT(vals),
                      "Prosent av regionens midler");
}

static const char *const region_cols[] = { "region", FSK_FUNDS, NULL };
static const char *const kategori_cols[] = {
    "region", FSK_FUNDS, "hrcs_kategori_1", "hrcs_kategori_2",
    "hrcs_kategori_3", "hrcs_kategori_4", "hrcs_kategori_5",
    "hrcs_kategori_andel_1", "hrcs_kategori_andel_2",
    "hrcs_kategori_andel_3", "hrcs_kategori_andel_4",
    "hrcs_kategori_andel_5", NULL
};
static const char *const aktivitet_cols[] = {
    "region", FSK_FUNDS, "hrcs_aktivitet_1", "hrcs_aktivitet_2",
    "hrcs_aktivitet_andel_1", "hrcs_aktivitet_andel_2", NULL
};
static const char *const variabel_cols[] = {
    "region", FSK_FUNDS, "type_legemiddelstudie",
    "type_annen_behandlingsstudie", "type_observasjonsstudie",
    "type_annen_klinisk", "kjonn_analyser", "kjonn_kvinner", "kjonn_menn",
    "kjonn_annet", "ki_hyllevare", "ki_utvikler", "personell",
    "industri_medtek", "industri_legemiddel", "industri_digitalisering",
    "industri_andre", "bm_planlegging", "bm_gjennomforing", "bm_analyse",
    "bm_formidling", "bm_referansegruppe", "bm_annet", NULL
};

const nk_input fsk_regioner_in[] = {
    { PROSJEKTER, region_cols }, { NULL, NULL }
};
const nk_input fsk_region_fagomrader_in[] = {
    { PROSJEKTER, kategori_cols }, { NULL, NULL }
};
const nk_input fsk_fagomrader_regioner_in[] = {
    { PROSJEKTER, kategori_cols }, { NULL, NULL }
};
const nk_input fsk_region_aktivitet_in[] = {
    { PROSJEKTER, aktivitet_cols }, { NULL, NULL }
};
const nk_input fsk_region_variabler_in[] = {
    { PROSJEKTER, variabel_cols }, { NULL, NULL }
};

const char fsk_regioner_about[] =
    "Regionale forskningsmidler og prosjekter per region";
const char fsk_region_fagomrader_about[] =
    "De største helsekategoriene i hver region (parameter topp, resten)";
const char fsk_fagomrader_regioner_about[] =
    "De største helsekategoriene samlet, fordelt på regionene (topp)";
const char fsk_region_aktivitet_about[] =
    "Forskningsaktivitet per region, millioner kroner og andel";
const char fsk_region_variabler_about[] =
    "Andel av regionens midler med valgte egenskaper (variabler)";
