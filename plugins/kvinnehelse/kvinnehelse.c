/*
 * The women's health section ("Kvinnehelse"): sex-specific research in
 * the projects with regional funds (eRapport). Each project says
 * whether it uses sex-specific analyses, studies conditions that mainly
 * affect women or men, does sex-specific research of another kind, or
 * none of these. The indicator follows the region parameter and
 * compares with last year's report (forrige_aar.csv).
 */
#include <nokkel/plugin.h>
#include <nkstat.h>

#include <math.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define PROSJEKTER "forskningsprosjekter"
#define FORRIGE "forrige_aar"
#define MIDLER "midler_2025"

/* The answers that make a project's research sex-specific; the first
 * is the one the text follows from year to year. */
static const nks_option kinds[] = {
    { "kjonn_analyser", "Kjønnsspesifikke analyser" },
    { "kjonn_kvinner", "Tilstander som i hovedsak rammer kvinner" },
    { "kjonn_menn", "Tilstander som i hovedsak rammer menn" },
    { "kjonn_annet", "Annen kjønnsspesifikk forskning" },
};

/* The answer "no", never given together with another. */
static const nks_option none = {
    "kjonn_nei", "Ingen kjønnsspesifikk forskning"
};

/* Last year's values: rows of forrige_aar.csv, in the order of
 * earlier_names. */
enum { E_ANDEL_MIDLER, E_MIDLER, E_ANDEL_ANALYSER, NEARLIER };

static const char *const earlier_rows[NEARLIER] = {
    "forskning_kjonnsspesifikk_andel_midler",
    "forskning_kjonnsspesifikk_midler",
    "forskning_kjonnsspesifikke_analyser_andel",
};
static const char *const earlier_names[NEARLIER] = {
    "forrige_andel_midler", "forrige_midler", "forrige_andel_analyser",
};

/* What the indicator adds to the counts of nks_multi_choice. */
typedef struct sex_specific {
    double base;            /* projects counted */
    double all_funds;       /* their funds */
    double projects;        /* projects with any sex-specific answer */
    double funds;           /* their funds */
    double analyses;        /* projects using sex-specific analyses */
    double earlier[NEARLIER];
    double earlier_year;
} sex_specific;

/* Reads last year's values and their year into s. Returns 0, or -1
 * after failing when a row is missing. */
static int read_earlier(const nk_host *host, nk_call *call, sex_specific *s)
{
    for (int i = 0; i < NEARLIER; i++) {
        if (nks_lookup(host, call, FORRIGE, "indikator", earlier_rows[i],
                       "verdi", &s->earlier[i]) != 0)
            return -1;
    }
    return nks_lookup(host, call, FORRIGE, "indikator", earlier_rows[0],
                      "aar", &s->earlier_year);
}

/* Counts the rows and funds of s over the rows on. Returns 0 or -1. */
static int count_sex_specific(const nk_host *host, nk_call *call,
                              const nks_rows *rows, sex_specific *s)
{
    const char *keys[COUNT(kinds)];
    nks_rows yes;
    int rc;

    for (size_t i = 0; i < COUNT(kinds); i++)
        keys[i] = kinds[i].key;
    s->base = (double)rows->count;
    if (nks_sum(host, call, rows, MIDLER, &s->all_funds) != 0 ||
        nks_count_flags(host, call, rows, kinds, 1, &s->analyses) != 0 ||
        nks_rows_copy(host, call, rows, &yes) != 0)
        return -1;

    rc = nks_rows_where_any(host, call, &yes, keys, (int)COUNT(keys));
    if (rc == 0)
        rc = nks_sum(host, call, &yes, MIDLER, &s->funds);
    s->projects = (double)yes.count;
    nks_rows_free(&yes);
    return rc;
}

/* Returns part of whole in percent, NaN when whole is zero. */
static double percent(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : NAN;
}

/*
 * Sets the values of s in res. The text compares shares rounded to
 * whole percent with last year's, so each change is taken between the
 * rounded shares.
 */
static int set_values(const nk_host *host, nk_result *res,
                      const sex_specific *s)
{
    double funds_share = percent(s->funds, s->all_funds);
    double analyses_share = percent(s->analyses, s->base);
    int rc = 0;

    rc |= nks_set_share(host, res, "kjonnsspesifikk", s->projects, s->base);
    rc |= nks_set_share(host, res, "midler_kjonnsspesifikk", s->funds,
                        s->all_funds);
    for (int i = 0; i < NEARLIER; i++)
        rc |= host->set_value(res, earlier_names[i], s->earlier[i]);
    rc |= host->set_value(res, "endring_andel_midler",
                          round(funds_share) - s->earlier[E_ANDEL_MIDLER]);
    rc |= host->set_value(res, "endring_andel_analyser",
                          round(analyses_share) -
                          s->earlier[E_ANDEL_ANALYSER]);
    rc |= host->set_value(res, "forrige_aar", s->earlier_year);
    rc |= host->set_value(res, "aar", s->earlier_year + 1);
    return rc == 0 ? 0 : -1;
}

/*
 * kjonnsspesifikk: projects per answer to the question on sex-specific
 * research (Figure 12), every project counted, "no" last; the projects
 * and funds with any sex-specific answer; last year's values, the
 * change since, and the year of each.
 */
static int compute_kjonnsspesifikk(const nk_host *host, nk_call *call)
{
    nks_option opts[COUNT(kinds) + 1];
    nk_result *res = NULL;
    nks_count_opts how = { MIDLER, 0, &res };
    sex_specific s;
    nks_rows rows;
    int rc;

    for (size_t i = 0; i < COUNT(kinds); i++)
        opts[i] = kinds[i];
    opts[COUNT(kinds)] = none;
    if (nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;

    rc = nks_check_exclusive(host, call, &rows, none.key, kinds,
                             (int)COUNT(kinds));
    if (rc == 0)
        rc = count_sex_specific(host, call, &rows, &s);
    if (rc == 0)
        rc = read_earlier(host, call, &s);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, opts, (int)COUNT(opts),
                              &how);
    nks_rows_free(&rows);

    if (rc != 0 || set_values(host, res, &s) != 0)
        return -1;
    return host->set_unit(res, "Prosent av prosjektene");
}

static const char *const prosjekter_cols[] = {
    "region", MIDLER, "kjonn_analyser", "kjonn_kvinner", "kjonn_menn",
    "kjonn_annet", "kjonn_nei", NULL
};
static const char *const forrige_cols[] = {
    "indikator", "aar", "verdi", NULL
};

static const nk_input kjonnsspesifikk_in[] = {
    { PROSJEKTER, prosjekter_cols },
    { FORRIGE, forrige_cols },
    { NULL, NULL }
};

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "kjonnsspesifikk",
      "Kjønnsspesifikk forskning i prosjekter med regionale midler",
      kjonnsspesifikk_in, compute_kjonnsspesifikk },
    { 0, NULL, NULL, NULL, NULL }
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "kvinnehelse", "2025.1",
    "Kvinnehelse: kjønnsspesifikk forskning", indicators
};

/* The one exported symbol: the host finds it by NK_PLUGIN_SYMBOL. */
NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void);

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
