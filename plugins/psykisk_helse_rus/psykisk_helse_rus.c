/*
 * The section on addiction and mental health ("Rusomsorg og psykisk
 * helse"): which projects with regional funds (eRapport) do addiction
 * research, on which substances or behaviours, and which do research on
 * mental health, in which diagnosis groups. Both questions allow several
 * answers, or "no" alone. The indicators follow the region parameter.
 */
#include <nokkel/plugin.h>
#include <nkstat.h>

#include <assert.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define PROSJEKTER "forskningsprosjekter"
#define FORRIGE "forrige_aar"
#define MIDLER "midler_2025"

/* Kinds of addiction research (Figure 13). */
static const nks_option addiction[] = {
    { "rus_alkohol", "Alkohol" },
    { "rus_narkotika", "Narkotika" },
    { "rus_legemidler", "Vanedannende legemidler" },
    { "rus_tobakk", "Tobakk og nikotin" },
    { "rus_spill", "Pengespill og dataspill" },
    { "rus_annet", "Annet" },
};

/* Diagnosis groups in mental health (Figure 14). */
static const nks_option mental[] = {
    { "psyk_angst", "Angstlidelser" },
    { "psyk_depresjon", "Depresjon og stemningslidelser" },
    { "psyk_psykose", "Psykoselidelser" },
    { "psyk_spiseforstyrrelser", "Spiseforstyrrelser" },
    { "psyk_personlighetsforstyrrelser", "Personlighetsforstyrrelser" },
    { "psyk_nevroutvikling", "Nevroutviklingsforstyrrelser" },
    { "psyk_traume", "Traumerelaterte lidelser" },
    { "psyk_annet", "Annet" },
};

/* Last year's number of addiction projects in forrige_aar.csv. */
#define RUS_FORRIGE "forskning_rus_prosjekter"

/* The most options a question of this section has. */
#define MAX_OPTS 16

/* Sets *answered to the rows on that chose any of the options. Returns
 * 0 or -1. */
static int count_answered(const nk_host *host, nk_call *call,
                          const nks_rows *rows, const nks_option *opts,
                          int nopts, double *answered)
{
    const char *keys[MAX_OPTS];
    nks_rows any;
    int rc;

    assert(nopts <= MAX_OPTS);
    for (int i = 0; i < nopts; i++)
        keys[i] = opts[i].key;
    if (nks_rows_copy(host, call, rows, &any) != 0)
        return -1;
    rc = nks_rows_where_any(host, call, &any, keys, nopts);
    *answered = (double)any.count;
    nks_rows_free(&any);
    return rc;
}

/*
 * Counts a question of this section among the projects that chose any
 * of its options (the "no" column none must stand alone), with their
 * funds, and makes the call's result (nks_multi_choice's, answered
 * only) into *res. Sets *answered to the projects counted.
 */
static int count_question(const nk_host *host, nk_call *call,
                          const nks_option *opts, int nopts,
                          const char *none, nk_result **res,
                          double *answered)
{
    nks_count_opts how = { MIDLER, 1, res };
    nks_rows rows;
    int rc;

    if (nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    rc = nks_check_exclusive(host, call, &rows, none, opts, nopts);
    if (rc == 0)
        rc = count_answered(host, call, &rows, opts, nopts, answered);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, opts, nopts, &how);
    nks_rows_free(&rows);
    return rc;
}

/*
 * rusforskning: addiction projects per kind of research, as shares of
 * the projects doing any (Figure 13), with their funds; the change in
 * the number of projects since last year (endring_prosjekter) and that
 * year (forrige_aar). Last year's count itself is left out: the data
 * marks it as illustrative, so the text gives the direction only.
 */
static int compute_rusforskning(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    double answered, earlier, year;

    if (count_question(host, call, addiction, (int)COUNT(addiction),
                       "rus_nei", &res, &answered) != 0 ||
        nks_lookup(host, call, FORRIGE, "indikator", RUS_FORRIGE, "verdi",
                   &earlier) != 0 ||
        nks_lookup(host, call, FORRIGE, "indikator", RUS_FORRIGE, "aar",
                   &year) != 0)
        return -1;

    if (host->set_value(res, "endring_prosjekter", answered - earlier) != 0 ||
        host->set_value(res, "forrige_aar", year) != 0 ||
        host->set_value(res, "aar", year + 1) != 0)
        return -1;
    return host->set_unit(res, "Prosent av rusforskningsprosjektene");
}

/*
 * psykisk_helse: mental-health projects per diagnosis group, as shares
 * of the projects doing any (Figure 14), with their funds.
 */
static int compute_psykisk_helse(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    double answered;

    if (count_question(host, call, mental, (int)COUNT(mental), "psyk_nei",
                       &res, &answered) != 0)
        return -1;
    return host->set_unit(res, "Prosent av prosjektene i psykisk helse");
}

static const char *const rus_cols[] = {
    "region", MIDLER, "rus_alkohol", "rus_narkotika", "rus_legemidler",
    "rus_tobakk", "rus_spill", "rus_annet", "rus_nei", NULL
};
static const char *const psyk_cols[] = {
    "region", MIDLER, "psyk_angst", "psyk_depresjon", "psyk_psykose",
    "psyk_spiseforstyrrelser", "psyk_personlighetsforstyrrelser",
    "psyk_nevroutvikling", "psyk_traume", "psyk_annet", "psyk_nei", NULL
};
static const char *const forrige_cols[] = {
    "indikator", "aar", "verdi", NULL
};

static const nk_input rusforskning_in[] = {
    { PROSJEKTER, rus_cols },
    { FORRIGE, forrige_cols },
    { NULL, NULL }
};
static const nk_input psykisk_helse_in[] = {
    { PROSJEKTER, psyk_cols },
    { NULL, NULL }
};

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "rusforskning",
      "Prosjekter med rusforskning, etter type rusforskning",
      rusforskning_in, compute_rusforskning },
    { sizeof(nk_indicator), "psykisk_helse",
      "Prosjekter med forskning på psykisk helse, etter diagnosegruppe",
      psykisk_helse_in, compute_psykisk_helse },
    { 0, NULL, NULL, NULL, NULL }
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "psykisk_helse_rus",
    "2025.1", "Rusomsorg og psykisk helse: rusforskning og diagnosegrupper",
    indicators
};

/* The one exported symbol: the host finds it by NK_PLUGIN_SYMBOL. */
NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void);

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
