/*
 * The chapter on collaboration with industry and business ("Samarbeid
 * med industri og næringsliv"). Research and innovation projects with
 * regional funding: how many collaborate with industry, compared with
 * last year, and with which kinds of firms. Commissioned studies, which
 * industry orders and pays for: studies by type, by health trust, sites
 * per study and regions per study.
 *
 * The commissioned studies come as one row per study site. A study's
 * type and phase repeat on each of its rows and must agree, and a trust
 * is one site, so a study appears at most once per trust; a row that
 * breaks either is reported at its file:line.
 */
#include <nokkel/plugin.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nkstat.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The kinds of industry partner; both surveys use these columns. */
static const nks_option actors[] = {
    { "industri_medtek", "Medisinsk-teknisk utstyrsindustri" },
    { "industri_legemiddel", "Legemiddelindustrien" },
    { "industri_digitalisering", "Aktører innen digitalisering" },
    { "industri_andre", "Andre aktører i industri og næringsliv" },
};

static const char *const actor_columns[] = {
    "industri_medtek", "industri_legemiddel", "industri_digitalisering",
    "industri_andre",
};

/* The answers of the innovation survey's yes/no question. */
static const nks_option yes_no[] = {
    { "Ja", "Samarbeid med industri og næringsliv" },
    { "Nei", "Ikke samarbeid" },
};

/* Returns the first row on, or -1 when no row is on. */
static long first_on(const nks_rows *rows)
{
    for (long r = 0; r < rows->n; r++) {
        if (rows->on[r])
            return r;
    }
    return -1;
}

/*
 * Sets last year's share from forrige_aar.csv (the row named key) and
 * its comparison with this year's, both in whole percent: forrige,
 * forrige_aar, aar (the year after) and endring (this year's share
 * rounded, less last year's). Returns 0 or -1. Last year's shares are
 * national only, so a regional build compares its region with the
 * whole country.
 */
static int set_prior(const nk_host *host, nk_call *call, nk_result *res,
                     const char *key, double share)
{
    double before, year;

    if (nks_lookup(host, call, "forrige_aar", "indikator", key, "verdi",
                   &before) != 0 ||
        nks_lookup(host, call, "forrige_aar", "indikator", key, "aar",
                   &year) != 0)
        return -1;

    if (host->set_value(res, "forrige", before) != 0 ||
        host->set_value(res, "forrige_aar", year) != 0 ||
        host->set_value(res, "aar", year + 1) != 0)
        return -1;
    return host->set_value(res, "endring", round(share) - before);
}

/*
 * Counts the kinds of partner among the projects in with (those that
 * collaborate) and makes the result: the nks_multi_choice columns and
 * values over those projects, plus prosjekter (all projects),
 * samarbeid and uten_samarbeid with their shares of all projects
 * (andel_samarbeid, andel_uten_samarbeid), and last year's share by
 * set_prior.
 */
static int actor_result(const nk_host *host, nk_call *call,
                        const nks_rows *all, const nks_rows *with,
                        const char *prior)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    double share = all->count > 0 ? 100.0 * with->count / all->count : 0;

    if (nks_multi_choice(host, call, with, actors, COUNT(actors), &how) != 0)
        return -1;

    if (host->set_value(res, "prosjekter", all->count) != 0 ||
        nks_set_share(host, res, "samarbeid", with->count, all->count) != 0 ||
        nks_set_share(host, res, "uten_samarbeid", all->count - with->count,
                      all->count) != 0 ||
        set_prior(host, call, res, prior, share) != 0)
        return -1;
    return host->set_unit(res, "Antall prosjekter");
}

/*
 * industri_forskning: research projects that collaborate with industry,
 * those that tick at least one kind of partner, and the kinds.
 */
static int compute_forskning(const nk_host *host, nk_call *call)
{
    nks_rows all, with;
    int rc;

    if (nks_rows_select(host, call, "forskningsprosjekter", "region",
                        &all) != 0)
        return -1;
    rc = nks_check_exclusive(host, call, &all, "industri_nei", actors,
                             COUNT(actors));
    if (rc == 0)
        rc = nks_rows_copy(host, call, &all, &with);
    if (rc != 0) {
        nks_rows_free(&all);
        return -1;
    }

    rc = nks_rows_where_any(host, call, &with, actor_columns,
                            COUNT(actor_columns));
    if (rc == 0)
        rc = actor_result(host, call, &all, &with,
                          "forskning_industrisamarbeid_andel");
    nks_rows_free(&with);
    nks_rows_free(&all);
    return rc;
}

/*
 * Checks the innovation survey's answers: industrisamarbeid is Ja or
 * Nei on every row on, and a project that says Nei ticks no kind of
 * partner. Returns 0, or -1 after failing at the first row that breaks
 * either.
 */
static int check_innovation(const nk_host *host, nk_call *call,
                            const nks_rows *all)
{
    double answers[COUNT(yes_no)];
    nks_rows bad;
    long r;

    if (nks_count_choice(host, call, all, "industrisamarbeid", yes_no,
                         COUNT(yes_no), 0, answers) != 0 ||
        nks_rows_copy(host, call, all, &bad) != 0)
        return -1;

    if (nks_rows_where_text(host, call, &bad, "industrisamarbeid",
                            "Nei") != 0 ||
        nks_rows_where_any(host, call, &bad, actor_columns,
                           COUNT(actor_columns)) != 0) {
        nks_rows_free(&bad);
        return -1;
    }
    r = first_on(&bad);
    nks_rows_free(&bad);

    if (r >= 0)
        return host->fail(call, all->table, r, "industrisamarbeid is Nei, "
                          "but a kind of industry partner is ticked");
    return 0;
}

/*
 * industri_innovasjon: innovation projects that collaborate with
 * industry (industrisamarbeid Ja) and the kinds of partner they name.
 */
static int compute_innovasjon(const nk_host *host, nk_call *call)
{
    nks_rows all, with;
    int rc;

    if (nks_rows_select(host, call, "innovasjonsprosjekter", "region",
                        &all) != 0)
        return -1;
    rc = check_innovation(host, call, &all);
    if (rc == 0)
        rc = nks_rows_copy(host, call, &all, &with);
    if (rc != 0) {
        nks_rows_free(&all);
        return -1;
    }

    rc = nks_rows_where_text(host, call, &with, "industrisamarbeid", "Ja");
    if (rc == 0)
        rc = actor_result(host, call, &all, &with,
                          "innovasjon_industrisamarbeid_andel");
    nks_rows_free(&with);
    nks_rows_free(&all);
    return rc;
}

/* The kinds of commissioned study, as studietype spells them. */
static const nks_option study_types[] = {
    { "Legemiddelstudie", "Legemiddelstudie" },
    { "Ikke-intervensjonsstudie/observasjonsstudie",
      "Ikke-intervensjons-/observasjonsstudie" },
    { "Medisinsk utstyr", "Medisinsk utstyr" },
    { "Registerstudie", "Registerstudie" },
    { "Annen klinisk behandlingsstudie", "Annen klinisk behandlingsstudie" },
};

/* The phases of a drug study, as fase spells them. */
static const nks_option phases[] = {
    { "Fase 1", "Fase 1" },
    { "Fase 2", "Fase 2" },
    { "Fase 3", "Fase 3" },
    { "Fase 4", "Fase 4" },
};

/*
 * Checks that a study's type and phase agree on all its rows, that it
 * is at most once at each trust, and that drug studies, and only they,
 * have a phase. Returns 0, or -1 after failing at the first row that
 * breaks a rule. Which phases there are is checked where they are
 * counted.
 */
static int check_studies(const nk_host *host, nk_call *call,
                         const nks_rows *sites)
{
    const char *const *type = host->texts(call, sites->table, "studietype");
    const char *const *phase = host->texts(call, sites->table, "fase");

    if (!type || !phase ||
        nks_check_same(host, call, sites, "studie_id", "studietype") != 0 ||
        nks_check_same(host, call, sites, "studie_id", "fase") != 0 ||
        nks_check_unique(host, call, sites, "studie_id",
                         "helseforetak") != 0)
        return -1;

    for (long r = 0; r < sites->n; r++) {
        int is_drug = type[r] && strcmp(type[r], "Legemiddelstudie") == 0;

        if (!sites->on[r] || is_drug == (phase[r] != NULL))
            continue;
        if (is_drug)
            return host->fail(call, sites->table, r, "fase: a drug study "
                              "needs its phase");
        return host->fail(call, sites->table, r, "fase: \"%s\" on a study "
                          "that is not a drug study", phase[r]);
    }
    return 0;
}

/*
 * Selects the site rows of the commissioned studies (one region's in a
 * regional build) and checks them. Free with nks_rows_free, also after
 * a failure.
 */
static int select_sites(const nk_host *host, nk_call *call, nks_rows *sites)
{
    if (nks_rows_select(host, call, "oppdragsstudier", "region",
                        sites) != 0)
        return -1;
    return check_studies(host, call, sites);
}

/*
 * Sets the drug studies in phase 2 or 3 among the studies (one row
 * each): fase_2_3 and andel_fase_2_3, of the drug studies.
 */
static int set_mid_phases(const nk_host *host, nk_call *call, nk_result *res,
                          const nks_rows *studies)
{
    double per_phase[COUNT(phases)];
    nks_rows drug;
    int rc;

    if (nks_rows_copy(host, call, studies, &drug) != 0)
        return -1;
    rc = nks_rows_where_text(host, call, &drug, "studietype",
                             "Legemiddelstudie");
    if (rc == 0)
        rc = nks_count_choice(host, call, &drug, "fase", phases,
                              COUNT(phases), 0, per_phase);
    if (rc == 0)
        rc = nks_set_share(host, res, "fase_2_3",
                           per_phase[1] + per_phase[2], drug.count);
    nks_rows_free(&drug);
    return rc;
}

/*
 * oppdragsstudier_type: the studies (one row each) by type, with
 * studier and studiesteder (all sites) and the drug studies in phase 2
 * or 3.
 */
static int compute_type(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    nks_rows studies;
    long sites;
    int rc;

    rc = select_sites(host, call, &studies);
    sites = studies.count;
    if (rc == 0)
        rc = nks_rows_distinct(host, call, &studies, "studie_id");
    if (rc == 0)
        rc = nks_single_choice(host, call, &studies, "studietype",
                               study_types, COUNT(study_types), &how);

    if (rc == 0 && (host->set_value(res, "studier", studies.count) != 0 ||
                    host->set_value(res, "studiesteder", sites) != 0 ||
                    set_mid_phases(host, call, res, &studies) != 0 ||
                    host->set_unit(res, "Antall studier") != 0))
        rc = -1;
    nks_rows_free(&studies);
    return rc;
}

/*
 * oppdragsstudier_helseforetak: the studies each trust takes part in
 * (its site rows, one per study), the most first, split by the region
 * of the trust.
 */
static int compute_helseforetak(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    nks_rows sites;
    int rc;

    rc = select_sites(host, call, &sites);
    if (rc == 0)
        rc = nks_group_count(host, call, &sites, "helseforetak", "region",
                             &res);
    if (rc == 0)
        rc = host->set_unit(res, "Antall studier");
    nks_rows_free(&sites);
    return rc;
}

/*
 * Selects every site row of the studies that have a site in the build's
 * region, or of all studies without one: how far a region's studies
 * spread counts their sites in other regions too. Free with
 * nks_rows_free, also after a failure.
 */
static int select_study_sites(const nk_host *host, nk_call *call,
                              nks_rows *sites)
{
    const int *code;
    unsigned char *in_region;
    long nids;

    if (select_sites(host, call, sites) != 0)
        return -1;
    if (sites->count == sites->n)           /* every site is on already */
        return 0;
    code = host->text_codes(call, sites->table, "studie_id", NULL, &nids);
    if (!code)
        return -1;
    in_region = calloc((size_t)nids + 1, 1);
    if (!in_region)
        return host->fail(call, NULL, -1, "out of memory");
    for (long r = 0; r < sites->n; r++) {
        if (sites->on[r] && code[r] >= 0)
            in_region[code[r]] = 1;
    }
    sites->count = 0;
    for (long r = 0; r < sites->n; r++) {
        sites->on[r] = code[r] >= 0 && in_region[code[r]];
        sites->count += sites->on[r];
    }
    free(in_region);
    return 0;
}

/*
 * Counts the studies by how many distinct texts of column of their rows
 * have: sites (helseforetak) or regions (region) per study.
 */
static int compute_spread(const nk_host *host, nk_call *call, const char *of)
{
    nk_result *res = NULL;
    nks_rows sites;
    int rc;

    rc = select_study_sites(host, call, &sites);
    if (rc == 0)
        rc = nks_spread(host, call, &sites, "studie_id", of, &res);
    if (rc == 0)
        rc = host->set_unit(res, "Antall studier");
    nks_rows_free(&sites);
    return rc;
}

/* oppdragsstudier_steder: studies by their number of sites (in a
 * regional build, all sites of the studies the region takes part in). */
static int compute_steder(const nk_host *host, nk_call *call)
{
    return compute_spread(host, call, "helseforetak");
}

/*
 * oppdragsstudier_regioner: studies by the number of health regions
 * they have sites in; in a regional build, the studies with a site in
 * the region, by all their regions.
 */
static int compute_regioner(const nk_host *host, nk_call *call)
{
    return compute_spread(host, call, "region");
}

/* nortrials: the number of NorTrials centres, from fakta.csv. */
static int compute_nortrials(const nk_host *host, nk_call *call)
{
    double centres;
    nk_result *res;

    if (nks_lookup(host, call, "fakta", "indikator", "nortrials_sentre",
                   "verdi", &centres) != 0 ||
        (res = host->result(call, 0)) == NULL ||
        host->set_value(res, "sentre", centres) != 0)
        return -1;
    return host->set_unit(res, "Antall sentre");
}

static const char *const prior_cols[] = { "indikator", "aar", "verdi", NULL };
static const char *const research_cols[] = {
    "region", "industri_medtek", "industri_legemiddel",
    "industri_digitalisering", "industri_andre", "industri_nei", NULL
};
static const char *const innovation_cols[] = {
    "region", "industrisamarbeid", "industri_medtek", "industri_legemiddel",
    "industri_digitalisering", "industri_andre", NULL
};
static const char *const study_cols[] = {
    "studie_id", "region", "helseforetak", "studietype", "fase", NULL
};

static const nk_input research_in[] = {
    { "forskningsprosjekter", research_cols },
    { "forrige_aar", prior_cols },
    { NULL, NULL }
};
static const nk_input innovation_in[] = {
    { "innovasjonsprosjekter", innovation_cols },
    { "forrige_aar", prior_cols },
    { NULL, NULL }
};
static const nk_input study_in[] = {
    { "oppdragsstudier", study_cols }, { NULL, NULL }
};
static const char *const fakta_cols[] = { "indikator", "verdi", NULL };
static const nk_input fakta_in[] = {
    { "fakta", fakta_cols }, { NULL, NULL }
};

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "industri_forskning",
      "Forskningsprosjekter med samarbeid med industri, etter type aktør",
      research_in, compute_forskning },
    { sizeof(nk_indicator), "industri_innovasjon",
      "Innovasjonsprosjekter med samarbeid med industri, etter type aktør",
      innovation_in, compute_innovasjon },
    { sizeof(nk_indicator), "oppdragsstudier_type",
      "Oppdragsstudier etter type studie",
      study_in, compute_type },
    { sizeof(nk_indicator), "oppdragsstudier_helseforetak",
      "Oppdragsstudier per helseforetak, etter region",
      study_in, compute_helseforetak },
    { sizeof(nk_indicator), "oppdragsstudier_steder",
      "Oppdragsstudier etter antall studiesteder",
      study_in, compute_steder },
    { sizeof(nk_indicator), "oppdragsstudier_regioner",
      "Oppdragsstudier etter antall helseregioner de har studiesteder i",
      study_in, compute_regioner },
    { sizeof(nk_indicator), "nortrials",
      "Antall nasjonale NorTrials-sentre",
      fakta_in, compute_nortrials },
    { 0, NULL, NULL, NULL, NULL }
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "industri", "2025.1",
    "Samarbeid med industri og næringsliv: prosjekter og oppdragsstudier",
    indicators
};

/* The one exported symbol: the host finds it by NK_PLUGIN_SYMBOL. */
NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void);

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
