/*
 * The research chapter's section on fields and types of research, from
 * the projects with regional funding (eRapport): funds by HRCS health
 * category and research activity, type of research and the age groups
 * studied; and the grants the regions awarded per year (stipend.csv).
 * The eRapport indicators follow the region parameter.
 */
#include "forskning_int.h"

#include <nkstat.h>
#include <stdlib.h>

#define PROSJEKTER "forskningsprosjekter"

/* The HRCS health categories, in the classification's own order. */
static const char *const categories[] = {
    "Blod", "Kreft", "Hjerte og kar", "Medfødte sykdommer", "Øre", "Øye",
    "Infeksjoner", "Betennelse og immunsystem", "Skader og ulykker",
    "Psykisk helse", "Metabolske og endokrine sykdommer",
    "Muskel og skjelett", "Nevrologi", "Munn og mage-tarm",
    "Nyre og urogenitale sykdommer", "Reproduktiv helse og fødsel",
    "Luftveier", "Hud", "Hjerneslag", "Generell helserelevans",
    "Omstridt etiologi og annet"
};

/* The HRCS research activities, in the classification's own order. */
static const char *const activities[] = {
    "Underbyggende forskning", "Årsaksforhold", "Forebygging",
    "Påvisning og diagnose", "Utvikling av behandling",
    "Evaluering av behandling", "Håndtering av sykdom og tilstander",
    "Helsetjenesteforskning"
};

static const char *const category_names[] = {
    "hrcs_kategori_1", "hrcs_kategori_2", "hrcs_kategori_3",
    "hrcs_kategori_4", "hrcs_kategori_5"
};
static const char *const category_shares[] = {
    "hrcs_kategori_andel_1", "hrcs_kategori_andel_2",
    "hrcs_kategori_andel_3", "hrcs_kategori_andel_4",
    "hrcs_kategori_andel_5"
};
static const char *const activity_names[] = {
    "hrcs_aktivitet_1", "hrcs_aktivitet_2"
};
static const char *const activity_shares[] = {
    "hrcs_aktivitet_andel_1", "hrcs_aktivitet_andel_2"
};

/* The two HRCS dimensions, for the plugin's other files. */
const fsk_hrcs fsk_hrcs_helse = {
    categories, (int)FSK_COUNT(categories), category_names,
    category_shares, (int)FSK_COUNT(category_names)
};
const fsk_hrcs fsk_hrcs_aktivitet = {
    activities, (int)FSK_COUNT(activities), activity_names,
    activity_shares, (int)FSK_COUNT(activity_names)
};

/*
 * Splits the projects' funds over the values of a slotted HRCS
 * dimension; the result is nks_split_funds's, its unit millions of
 * kroner.
 */
static int split_hrcs(const nk_host *host, nk_call *call,
                      const nks_slots *slots, const char *const *values,
                      int nvalues)
{
    nk_result *res = NULL;
    nks_count_opts how = { FSK_FUNDS, 0, &res };
    nks_rows rows;
    int rc;

    if (nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    rc = nks_split_funds(host, call, &rows, slots, values, nvalues, &how);
    nks_rows_free(&rows);

    if (rc != 0 || host->set_value(res, "aar", FSK_FUNDS_YEAR) != 0)
        return -1;
    return host->set_unit(res, "Millioner kroner");
}

/* hrcs_kategorier: funds by HRCS health category (Figure 7). */
int fsk_hrcs_kategorier(const nk_host *host, nk_call *call)
{
    nks_slots slots = { category_names, category_shares,
                        (int)FSK_COUNT(category_names) };

    return split_hrcs(host, call, &slots, categories,
                      (int)FSK_COUNT(categories));
}

/* hrcs_aktiviteter: funds by HRCS research activity (Figure 8). */
int fsk_hrcs_aktiviteter(const nk_host *host, nk_call *call)
{
    nks_slots slots = { activity_names, activity_shares,
                        (int)FSK_COUNT(activity_names) };

    return split_hrcs(host, call, &slots, activities,
                      (int)FSK_COUNT(activities));
}

/* The kinds of grant, as columns of stipend.csv. */
static const char *const grant_kinds[] = {
    "doktorgrad", "postdoktor", "forskerstipend", "andre"
};

/*
 * stipend: grants awarded per year by kind, with the yearly total as a
 * column and the sum over all years as "total".
 */
int fsk_stipend(const nk_host *host, nk_call *call)
{
    const char *t = "stipend";
    const double *aar, *kind[FSK_COUNT(grant_kinds)];
    double *totalt, total = 0;
    nk_result *res;
    long n;
    int rc = 0;

    if ((n = fsk_need_rows(host, call, t, 1)) < 0 ||
        (aar = nks_read_years(host, call, t, "aar")) == NULL)
        return -1;
    for (size_t k = 0; k < FSK_COUNT(grant_kinds); k++) {
        kind[k] = fsk_read_counts(host, call, t, grant_kinds[k], n);
        if (kind[k] == NULL)
            return -1;
    }
    if ((res = host->result(call, n)) == NULL ||
        (totalt = calloc((size_t)n, sizeof *totalt)) == NULL)
        return res ? host->fail(call, NULL, -1, "out of memory") : -1;

    rc = host->add_numbers(res, "aar", aar);
    for (size_t k = 0; rc == 0 && k < FSK_COUNT(grant_kinds); k++) {
        for (long i = 0; i < n; i++)
            totalt[i] += kind[k][i];
        rc = host->add_numbers(res, grant_kinds[k], kind[k]);
    }
    if (rc == 0)
        rc = host->add_numbers(res, "totalt", totalt);
    total = fsk_sum(totalt, n);
    free(totalt);
    if (rc != 0)
        return -1;

    fsk_named vals[] = {
        { "total", total },
        { "forste_aar", aar[0] },
        { "siste_aar", aar[n - 1] },
        { "antall_aar", (double)n },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Antall stipend");
}

/* The types of research; the first four are clinical research. */
static const nks_option research_types[] = {
    { "type_legemiddelstudie", "Legemiddelstudie (KBS)" },
    { "type_annen_behandlingsstudie", "Annen behandlingsstudie (KBS)" },
    { "type_observasjonsstudie", "Observasjonsstudie" },
    { "type_annen_klinisk", "Annen klinisk forskning" },
    { "type_preklinisk", "Preklinisk forskning" },
    { "type_annen_forskning", "Annen forskning" },
};
#define NCLINICAL 4

/*
 * Returns in *share the percent of the funds of the rows on that go to
 * clinical research (projects choosing any clinical type); -1 after
 * failing.
 */
static int clinical_funds(const nk_host *host, nk_call *call,
                          const nks_rows *all, double *share)
{
    const char *clinical[NCLINICAL];
    nks_rows rows;
    double total, part;
    int rc;

    for (int k = 0; k < NCLINICAL; k++)
        clinical[k] = research_types[k].key;
    if (nks_sum(host, call, all, FSK_FUNDS, &total) != 0 ||
        nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    rc = nks_rows_where_any(host, call, &rows, clinical, NCLINICAL);
    if (rc == 0)
        rc = nks_sum(host, call, &rows, FSK_FUNDS, &part);
    nks_rows_free(&rows);

    if (rc != 0)
        return -1;
    if (total <= 0)
        return host->fail(call, PROSJEKTER, -1, "no funds to share");
    *share = 100.0 * part / total;
    return 0;
}

/*
 * Returns in *share the percent of the projects (in the region, when
 * one is set) whose flag column is 1; -1 after failing.
 */
static int flag_share(const nk_host *host, nk_call *call,
                      const char *column, double *share)
{
    nks_rows rows;
    double all;
    int rc;

    if (nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    all = (double)rows.count;
    rc = nks_rows_where_flag(host, call, &rows, column);
    *share = all > 0 ? 100.0 * (double)rows.count / all : 0;
    nks_rows_free(&rows);

    if (rc == 0 && all <= 0)
        return host->fail(call, PROSJEKTER, -1, "no projects");
    return rc;
}

/*
 * forskningstype: projects by type of research (multi-choice, counted
 * per option over all projects, with their funds), the share of funds
 * to clinical research, and last year's share of "other clinical
 * research" from forrige_aar.csv with the change since, in points.
 */
int fsk_forskningstype(const nk_host *host, nk_call *call)
{
    const char *key = "forskning_annen_klinisk_andel";
    nk_result *res = NULL;
    nks_count_opts how = { FSK_FUNDS, 0, &res };
    double klinisk = 0, before, year, now;
    nks_rows rows;
    int rc;

    if (nks_lookup(host, call, "forrige_aar", "indikator", key, "verdi",
                   &before) != 0 ||
        nks_lookup(host, call, "forrige_aar", "indikator", key, "aar",
                   &year) != 0 ||
        flag_share(host, call, "type_annen_klinisk", &now) != 0 ||
        nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    rc = clinical_funds(host, call, &rows, &klinisk);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, research_types,
                              (int)FSK_COUNT(research_types), &how);
    nks_rows_free(&rows);
    if (rc != 0)
        return -1;

    fsk_named vals[] = {
        { "aar", FSK_FUNDS_YEAR },
        { "andel_klinisk_midler", klinisk },
        { "forrige_aar", year },
        { "forrige_andel_annen_klinisk", before },
        { "endring_annen_klinisk", now - before },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Prosent");
}

/* The age groups a project can name. */
enum { BARN, UNGDOM, VOKSNE, ELDRE, IKKE_RELEVANT };

static const nks_option age_options[] = {
    [BARN] = { "alder_barn", "Barn 0–12 år" },
    [UNGDOM] = { "alder_ungdom", "Ungdom 13–17 år" },
    [VOKSNE] = { "alder_voksne", "Voksne 18–64 år" },
    [ELDRE] = { "alder_eldre", "Voksne 65 år og over" },
    [IKKE_RELEVANT] = { "alder_ikke_relevant", "Ikke relevant" },
};

#define YOUNG (NKS_BIT(BARN) | NKS_BIT(UNGDOM))
#define ADULT (NKS_BIT(VOKSNE) | NKS_BIT(ELDRE))

/* The mutually exclusive groups the report shows, youngest first. */
static const nks_combination age_groups[] = {
    { "kun_unge", "Bare barn og/eller ungdom", { YOUNG }, ADULT },
    { "unge_og_voksne", "Barn/ungdom og voksne", { YOUNG, ADULT }, 0 },
    { "kun_voksne", "Bare voksne 18–64 år", { NKS_BIT(VOKSNE) },
      YOUNG | NKS_BIT(ELDRE) },
    { "voksne_og_eldre", "Voksne 18–64 år og 65 år og over",
      { NKS_BIT(VOKSNE), NKS_BIT(ELDRE) }, YOUNG },
    { "kun_eldre", "Bare voksne 65 år og over", { NKS_BIT(ELDRE) },
      YOUNG | NKS_BIT(VOKSNE) },
    { "ikke_relevant", "Alder ikke relevant", { NKS_BIT(IKKE_RELEVANT) },
      YOUNG | ADULT },
};

/*
 * aldersgrupper: projects by the age groups they study, as mutually
 * exclusive groups of all projects, and the projects (and share) that
 * include adults of any age, with that share less one half in points
 * ("most" or "few").
 */
int fsk_aldersgrupper(const nk_host *host, nk_call *call)
{
    const char *adults[] = { age_options[VOKSNE].key,
                             age_options[ELDRE].key };
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    double all, with_adults;
    nks_rows rows;
    int rc;

    if (nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    all = (double)rows.count;
    if (all <= 0) {
        nks_rows_free(&rows);
        return host->fail(call, PROSJEKTER, -1, "no projects");
    }
    rc = nks_combinations(host, call, &rows, age_options,
                          (int)FSK_COUNT(age_options), age_groups,
                          (int)FSK_COUNT(age_groups), &how);
    if (rc == 0)
        rc = nks_rows_where_any(host, call, &rows, adults, 2);
    with_adults = (double)rows.count;
    nks_rows_free(&rows);
    if (rc != 0)
        return -1;

    if (nks_set_share(host, res, "med_voksne", with_adults, all) != 0 ||
        host->set_value(res, "overvekt_voksne",
                        100.0 * with_adults / all - 50) != 0 ||
        host->set_value(res, "aar", FSK_FUNDS_YEAR) != 0)
        return -1;
    return host->set_unit(res, "Prosent");
}

static const char *const hrcs_cols[] = {
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
static const char *const stipend_cols[] = {
    "aar", "doktorgrad", "postdoktor", "forskerstipend", "andre", NULL
};
static const char *const type_cols[] = {
    "region", FSK_FUNDS, "type_legemiddelstudie",
    "type_annen_behandlingsstudie", "type_observasjonsstudie",
    "type_annen_klinisk", "type_preklinisk", "type_annen_forskning", NULL
};
static const char *const forrige_cols[] = {
    "indikator", "aar", "verdi", NULL
};
static const char *const alder_cols[] = {
    "region", "alder_barn", "alder_ungdom", "alder_voksne", "alder_eldre",
    "alder_ikke_relevant", NULL
};

const nk_input fsk_hrcs_kategorier_in[] = {
    { PROSJEKTER, hrcs_cols }, { NULL, NULL }
};
const nk_input fsk_hrcs_aktiviteter_in[] = {
    { PROSJEKTER, aktivitet_cols }, { NULL, NULL }
};
const nk_input fsk_stipend_in[] = {
    { "stipend", stipend_cols }, { NULL, NULL }
};
const nk_input fsk_forskningstype_in[] = {
    { PROSJEKTER, type_cols }, { "forrige_aar", forrige_cols },
    { NULL, NULL }
};
const nk_input fsk_aldersgrupper_in[] = {
    { PROSJEKTER, alder_cols }, { NULL, NULL }
};

const char fsk_hrcs_kategorier_about[] =
    "Regionale forskningsmidler etter HRCS helsekategori";
const char fsk_hrcs_aktiviteter_about[] =
    "Regionale forskningsmidler etter HRCS forskningsaktivitet";
const char fsk_stipend_about[] =
    "Stipend fra regionale forskningsmidler per år og type";
const char fsk_forskningstype_about[] =
    "Prosjekter og midler etter type forskning";
const char fsk_aldersgrupper_about[] =
    "Prosjekter etter aldersgruppene de forsker på";
