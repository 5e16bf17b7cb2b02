/*
 * The innovation chapter ("Innovasjon"): what the projects with regional
 * innovation money report in eRapport (partners, where they stand in the
 * innovation process, results, other funding, gains for the health
 * service), the innovation money each region awarded, and the
 * commercialisation of ideas through the technology transfer offices.
 *
 * The project indicators count the rows of innovasjonsprosjekter.csv,
 * over one region when the build sets "region". Their shares are of all
 * the projects that reported, whether or not they answered the
 * question, as the report counts them. Every question is checked before
 * it is counted: a "none" answer ticked together with an option, a
 * project that moved back in the innovation process, or funding
 * sources named by a project without other funding stop the build at
 * the row's line.
 */
#include <nokkel/plugin.h>

#include <math.h>
#include <nkstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

#define PROJECTS "innovasjonsprosjekter"
#define PRIOR    "forrige_aar"
#define MONEY    "innovasjonsmidler"
#define FACTS    "fakta"
#define TTO      "kommersialisering"

/* Value names built from an option key stay below this length. */
#define NAME_LEN 96

/* ---------------------------------------------------------------------
 * The answer options, labelled as the charts show them
 */

/* Partners; the last, "none", is never ticked with another. */
static const nks_option partners[] = {
    { "partner_hf_egen_region", "Helseforetak i egen region" },
    { "partner_hf_annen_region", "Helseforetak i andre regioner" },
    { "partner_kommune", "Kommunal helse- og omsorgstjeneste" },
    { "partner_uh", "Universiteter og høgskoler" },
    { "partner_forskningsinstitutt", "Forskningsinstitutter" },
    { "partner_naeringsliv", "Næringsliv" },
    { "partner_brukerorganisasjon", "Bruker- og pasientorganisasjoner" },
    { "partner_internasjonal", "Partnere i utlandet" },
    { "partner_annet", "Andre" },
    { "partner_ingen", "Ingen samarbeidspartnere" },
};

/* The steps of the innovation process, in order. */
static const nks_option phases[] = {
    { "Idé", "Idé" },
    { "Konsept", "Konsept" },
    { "Utvikling", "Utvikling" },
    { "Utprøving", "Utprøving" },
    { "Implementering", "Implementering" },
    { "Spredning", "Spredning" },
};

/* How many of the first phases count as early in the process. */
#define EARLY_PHASES 2

/* Results; the last, "none yet", is never ticked with another. */
static const nks_option results[] = {
    { "resultat_digital_losning", "Ny digital løsning" },
    { "resultat_prototype", "Prototype" },
    { "resultat_metode", "Ny metode eller prosedyre" },
    { "resultat_tjeneste", "Ny tjeneste" },
    { "resultat_organisering", "Ny organisering av arbeidet" },
    { "resultat_produkt", "Nytt produkt" },
    { "resultat_annet", "Annet" },
    { "resultat_ingen_enda", "Ingen resultater ennå" },
};

/* Other sources of funding than the regional innovation money. */
static const nks_option sources[] = {
    { "kilde_eget_hf", "Eget helseforetak" },
    { "kilde_annet_hf", "Andre helseforetak" },
    { "kilde_rhf", "Andre midler fra et regionalt helseforetak" },
    { "kilde_forskningsradet", "Norges forskningsråd" },
    { "kilde_innovasjon_norge", "Innovasjon Norge" },
    { "kilde_eu", "EU" },
    { "kilde_naeringsliv", "Næringsliv" },
    { "kilde_kommune", "Kommuner" },
    { "kilde_stiftelse", "Stiftelser og ideelle organisasjoner" },
    { "kilde_annet", "Andre kilder" },
};

/* Gains for the health service. */
static const nks_option gains[] = {
    { "gevinst_kvalitet", "Bedre kvalitet" },
    { "gevinst_pasientsikkerhet", "Økt pasientsikkerhet" },
    { "gevinst_tid_ansatte", "Spart tid for ansatte" },
    { "gevinst_tid_pasienter", "Spart tid for pasienter og pårørende" },
    { "gevinst_kostnader", "Lavere kostnader" },
    { "gevinst_pasienttilfredshet", "Mer fornøyde pasienter" },
    { "gevinst_arbeidsmiljo", "Bedre arbeidsmiljø" },
    { "gevinst_annet", "Annet" },
};

static const nks_option yes_no[] = {
    { "Ja", "Ja" },
    { "Nei", "Nei" },
};

static const nks_option yes_no_unknown[] = {
    { "Ja", "Ja" },
    { "Nei", "Nei" },
    { "Vet ikke", "Vet ikke" },
};

/* ---------------------------------------------------------------------
 * Helpers
 */

/*
 * Selects the projects of the build's region, or all without one.
 * Returns 0, or -1 after failing; no projects at all is an error (a
 * region no project has is nks_rows_select's). Free with nks_rows_free.
 */
static int select_projects(const nk_host *host, nk_call *call,
                           nks_rows *rows)
{
    if (nks_rows_select(host, call, PROJECTS, "region", rows) != 0)
        return -1;
    if (rows->count > 0)
        return 0;

    nks_rows_free(rows);
    return host->fail(call, PROJECTS, -1, "the table has no projects");
}

/*
 * Returns a share in whole percent as the report prints it: rounded
 * half away from zero, after cutting the binary noise that would tip
 * 12.5 to 12.
 */
static double whole_percent(double part, double whole)
{
    return round(round(1e9 * part / whole) / 1e7);
}

/* Sets "<prefix>_<key>" to value. Returns 0 or -1. */
static int set_keyed(const nk_host *host, nk_result *res, const char *prefix,
                     const char *key, double value)
{
    char name[NAME_LEN];

    snprintf(name, sizeof name, "%s_%s", prefix, key);
    return host->set_value(res, name, value);
}

/* Returns the place of the largest of the n counts, the first of
 * equals; n is at least 1. */
static int largest(const double *counts, int n)
{
    int best = 0;

    for (int i = 1; i < n; i++) {
        if (counts[i] > counts[best])
            best = i;
    }
    return best;
}

/* ---------------------------------------------------------------------
 * innovasjon_partnere (the partners, compared with last year)
 */

/*
 * Reads last year's national share of each partner option from
 * forrige_aar.csv (indikator "innovasjon_<key>") into prior, and the
 * year they belong to into *year. Returns 0, or -1 after failing when a
 * row is missing or the rows are not all of one year.
 */
static int read_prior(const nk_host *host, nk_call *call, double *prior,
                      double *year)
{
    for (int i = 0; i < COUNT(partners); i++) {
        char key[NAME_LEN];
        double y;

        snprintf(key, sizeof key, "innovasjon_%s", partners[i].key);
        if (nks_lookup(host, call, PRIOR, "indikator", key, "verdi",
                       &prior[i]) != 0 ||
            nks_lookup(host, call, PRIOR, "indikator", key, "aar", &y) != 0)
            return -1;
        if (i > 0 && y != *year)
            return host->fail(call, PRIOR, -1,
                              "%s is for %.0f, the other partner shares "
                              "for %.0f", key, y, *year);
        *year = y;
    }
    return 0;
}

/*
 * Adds last year's shares to the partner result res: the column
 * andel_forrige, and per option forrige_<key> (percent) and
 * endring_<key>, the change in percentage points to this year's share
 * as printed in whole percent, so that "up" and "down" agree with the
 * numbers shown. now holds this year's counts of the rows. Last year's
 * shares are national, so a build for one region has nothing to
 * compare: the column is then empty and har_forrige 0.
 */
static int add_prior(const nk_host *host, nk_call *call, nk_result *res,
                     const nks_rows *rows, const double *now)
{
    double prior[COUNT(partners)], year = NAN;
    int rc = 0;

    if (read_prior(host, call, prior, &year) != 0)
        return -1;
    if (host->param(call, "region") != NULL) {
        for (int i = 0; i < COUNT(partners); i++)
            prior[i] = NAN;
    }

    for (int i = 0; rc == 0 && i < COUNT(partners); i++) {
        double share = whole_percent(now[i], (double)rows->count);

        rc |= set_keyed(host, res, "forrige", partners[i].key, prior[i]);
        rc |= set_keyed(host, res, "endring", partners[i].key,
                        share - prior[i]);
    }
    if (rc != 0 || host->add_numbers(res, "andel_forrige", prior) != 0 ||
        host->set_value(res, "har_forrige", !isnan(prior[0])) != 0 ||
        host->set_value(res, "forrige_aar", year) != 0)
        return -1;
    return host->set_value(res, "aar", year + 1);
}

/*
 * innovasjon_partnere: the partners the projects name, in percent of
 * all projects, with "flere" (two or more partners) and last year's
 * shares beside this year's (see add_prior). "aar" is the report year:
 * the year after the one forrige_aar.csv holds.
 */
static int compute_partnere(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    double now[COUNT(partners)];
    nks_rows rows;
    int rc;

    if (select_projects(host, call, &rows) != 0)
        return -1;

    rc = nks_check_exclusive(host, call, &rows, "partner_ingen", partners,
                             COUNT(partners) - 1);
    if (rc == 0)
        rc = nks_count_flags(host, call, &rows, partners, COUNT(partners),
                             now);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, partners, COUNT(partners),
                              &how);
    if (rc == 0)
        rc = add_prior(host, call, res, &rows, now);
    nks_rows_free(&rows);

    if (rc != 0)
        return -1;
    return host->set_unit(res, "Prosent av prosjektene");
}

/* ---------------------------------------------------------------------
 * innovasjon_faser (where in the innovation process)
 */

/* Returns the place of phase name in the process, or -1. */
static int phase_index(const char *name)
{
    for (int i = 0; name && i < COUNT(phases); i++) {
        if (strcmp(phases[i].key, name) == 0)
            return i;
    }
    return -1;
}

/*
 * Counts into *moved the projects on that stand further on at reporting
 * than at start. Returns 0, or -1 after failing at a project that
 * stands earlier than it started. The phases are known: nks_count_choice
 * has checked them.
 */
static int count_moved(const nk_host *host, nk_call *call,
                       const nks_rows *rows, double *moved)
{
    const char *const *start = host->texts(call, PROJECTS, "fase_oppstart");
    const char *const *now = host->texts(call, PROJECTS,
                                         "fase_rapportering");

    if (!start || !now)
        return -1;

    *moved = 0;
    for (long r = 0; r < rows->n; r++) {
        int from, to;

        if (!rows->on[r])
            continue;
        from = phase_index(start[r]);
        to = phase_index(now[r]);
        if (to < from)
            return host->fail(call, PROJECTS, r,
                              "fase_rapportering \"%s\" comes before "
                              "fase_oppstart \"%s\"; a project does not move "
                              "back in the process", now[r], start[r]);
        *moved += to > from;
    }
    return 0;
}


/*
 * Makes the phase result: one row per phase with the projects there at
 * start and at reporting, as counts and in percent of base. Returns the
 * result, or NULL after failing.
 */
static nk_result *phase_result(const nk_host *host, nk_call *call,
                               double base, const double *start,
                               const double *now)
{
    nk_result *res = host->result(call, COUNT(phases));
    const char *labels[COUNT(phases)];
    double start_pct[COUNT(phases)], now_pct[COUNT(phases)];

    if (!res)
        return NULL;
    for (int i = 0; i < COUNT(phases); i++) {
        labels[i] = phases[i].label;
        start_pct[i] = 100.0 * start[i] / base;
        now_pct[i] = 100.0 * now[i] / base;
    }

    if (host->add_texts(res, "fase", labels) != 0 ||
        host->add_numbers(res, "oppstart", start) != 0 ||
        host->add_numbers(res, "rapportering", now) != 0 ||
        host->add_numbers(res, "andel_oppstart", start_pct) != 0 ||
        host->add_numbers(res, "andel_rapportering", now_pct) != 0 ||
        host->set_denominator(res, "andel_oppstart", base) != 0 ||
        host->set_denominator(res, "andel_rapportering", base) != 0 ||
        host->set_value(res, "grunnlag", base) != 0 ||
        host->set_unit(res, "Prosent av prosjektene") != 0)
        return NULL;
    return res;
}

/*
 * innovasjon_faser: where the projects stood in the innovation process
 * when they started and where they stand when they report. Values:
 * grunnlag (projects), tidlig and andel_tidlig (started in one of the
 * EARLY_PHASES), videre and andel_videre (moved on since the start),
 * and storste_start_nr and storste_naa_nr, the place (from 1) of the
 * phase most projects stood at then and stand at now.
 */
static int compute_faser(const nk_host *host, nk_call *call)
{
    double start[COUNT(phases)], now[COUNT(phases)], moved, early = 0;
    double base;
    nk_result *res;
    nks_rows rows;
    int rc;

    if (select_projects(host, call, &rows) != 0)
        return -1;
    base = (double)rows.count;

    rc = nks_count_choice(host, call, &rows, "fase_oppstart", phases,
                          COUNT(phases), 0, start);
    if (rc == 0)
        rc = nks_count_choice(host, call, &rows, "fase_rapportering",
                              phases, COUNT(phases), 0, now);
    if (rc == 0)
        rc = count_moved(host, call, &rows, &moved);
    nks_rows_free(&rows);
    if (rc != 0 || !(res = phase_result(host, call, base, start, now)))
        return -1;

    for (int i = 0; i < EARLY_PHASES; i++)
        early += start[i];
    if (nks_set_share(host, res, "tidlig", early, base) != 0 ||
        nks_set_share(host, res, "videre", moved, base) != 0 ||
        host->set_value(res, "storste_start_nr",
                        largest(start, COUNT(phases)) + 1) != 0)
        return -1;
    return host->set_value(res, "storste_naa_nr",
                           largest(now, COUNT(phases)) + 1);
}

/* ---------------------------------------------------------------------
 * innovasjon_resultater and innovasjon_gevinster (what came of it)
 */

/*
 * innovasjon_resultater: the results the projects report, in percent of
 * all projects, "no result yet" among them; "flere" counts the projects
 * with two or more. A skipped question (resultat_ubesvart) counts in
 * the denominator and must come with no answer ticked.
 */
static int compute_resultater(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    nks_rows rows;
    int rc;

    if (select_projects(host, call, &rows) != 0)
        return -1;

    rc = nks_check_exclusive(host, call, &rows, "resultat_ubesvart",
                             results, COUNT(results));
    if (rc == 0)
        rc = nks_check_exclusive(host, call, &rows, "resultat_ingen_enda",
                                 results, COUNT(results) - 1);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, results, COUNT(results),
                              &how);
    nks_rows_free(&rows);

    if (rc != 0)
        return -1;
    return host->set_unit(res, "Prosent av prosjektene");
}

/*
 * Sets med_gevinst and andel_med_gevinst on res: the projects on that
 * ticked at least one gain, and their share of all the projects on.
 */
static int set_gained(const nk_host *host, nk_call *call, nk_result *res,
                      const nks_rows *all)
{
    const char *keys[COUNT(gains)];
    nks_rows rows;
    int rc;

    for (int i = 0; i < COUNT(gains); i++)
        keys[i] = gains[i].key;
    if (select_projects(host, call, &rows) != 0)
        return -1;

    rc = nks_rows_where_any(host, call, &rows, keys, COUNT(gains));
    if (rc == 0)
        rc = nks_set_share(host, res, "med_gevinst", (double)rows.count,
                           (double)all->count);
    nks_rows_free(&rows);
    return rc;
}

/*
 * innovasjon_gevinster: the gains for the health service the projects
 * report so far, in percent of all projects, with "flere" (two or more
 * gains) and med_gevinst (any gain). "No gains yet" and a skipped
 * question are checked to come alone and are not bars of their own.
 */
static int compute_gevinster(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    nks_rows rows;
    int rc;

    if (select_projects(host, call, &rows) != 0)
        return -1;

    rc = nks_check_exclusive(host, call, &rows, "gevinst_ingen", gains,
                             COUNT(gains));
    if (rc == 0)
        rc = nks_check_exclusive(host, call, &rows, "gevinst_ubesvart",
                                 gains, COUNT(gains));
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, gains, COUNT(gains), &how);
    if (rc == 0)
        rc = set_gained(host, call, res, &rows);
    nks_rows_free(&rows);

    if (rc != 0)
        return -1;
    return host->set_unit(res, "Prosent av prosjektene");
}

/* ---------------------------------------------------------------------
 * innovasjon_finansiering (other funding than the regional money)
 */

/*
 * Checks that only projects with other funding (annen_finansiering
 * "Ja") name its sources. Returns 0, or -1 after failing at the first
 * project that names a source but has no other funding.
 */
static int check_sources(const nk_host *host, nk_call *call,
                         const nks_rows *rows)
{
    const char *const *funded = host->texts(call, PROJECTS,
                                            "annen_finansiering");

    if (!funded)
        return -1;

    for (int i = 0; i < COUNT(sources); i++) {
        const double *v = host->numbers(call, PROJECTS, sources[i].key);

        if (!v)
            return -1;
        for (long r = 0; r < rows->n; r++) {
            if (rows->on[r] && v[r] == 1 && strcmp(funded[r], "Ja") != 0)
                return host->fail(call, PROJECTS, r,
                                  "%s is ticked, but annen_finansiering is "
                                  "\"%s\"; only a project with other "
                                  "funding names its sources",
                                  sources[i].key, funded[r]);
        }
    }
    return 0;
}

/*
 * Adds to res what the projects say of the regional money releasing
 * other funding: utlost and andel_utlost (answered "Ja", of all the
 * projects on), and among those the sources they name: the column
 * utlost (projects per source), utlost_storste_nr (the place, from 1,
 * of the source named most) and utlost_storste with
 * andel_utlost_storste (its projects, and their share of utlost).
 */
static int add_released(const nk_host *host, nk_call *call, nk_result *res,
                        const nks_rows *all)
{
    double answers[COUNT(yes_no_unknown)], by[COUNT(sources)];
    nks_rows rows;
    int top, rc;

    if (nks_count_choice(host, call, all, "utlost_finansiering",
                         yes_no_unknown, COUNT(yes_no_unknown), 0,
                         answers) != 0 ||
        select_projects(host, call, &rows) != 0)
        return -1;

    rc = nks_rows_where_text(host, call, &rows, "utlost_finansiering", "Ja");
    if (rc == 0)
        rc = nks_count_flags(host, call, &rows, sources, COUNT(sources), by);
    nks_rows_free(&rows);
    if (rc != 0)
        return -1;

    top = largest(by, COUNT(sources));
    if (nks_set_share(host, res, "utlost", answers[0],
                      (double)all->count) != 0 ||
        host->add_numbers(res, "utlost", by) != 0 ||
        host->set_value(res, "utlost_storste_nr", top + 1) != 0)
        return -1;
    return nks_set_share(host, res, "utlost_storste", by[top], answers[0]);
}

/*
 * innovasjon_finansiering: the other sources of funding the projects
 * name, in percent of all projects, with "flere" (two or more sources),
 * annen and andel_annen (projects with other funding at all) and what
 * add_released adds.
 */
static int compute_finansiering(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    double funded[COUNT(yes_no)];
    nks_rows rows;
    int rc;

    if (select_projects(host, call, &rows) != 0)
        return -1;

    rc = nks_count_choice(host, call, &rows, "annen_finansiering", yes_no,
                          COUNT(yes_no), 0, funded);
    if (rc == 0)
        rc = check_sources(host, call, &rows);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, sources, COUNT(sources),
                              &how);
    if (rc == 0)
        rc = nks_set_share(host, res, "annen", funded[0],
                           (double)rows.count);
    if (rc == 0)
        rc = add_released(host, call, res, &rows);
    nks_rows_free(&rows);

    if (rc != 0)
        return -1;
    return host->set_unit(res, "Prosent av prosjektene");
}

/* ---------------------------------------------------------------------
 * innovasjon_midler (the regions' innovation money)
 */

/* The facts of fakta.csv the chapter quotes, each set as a value of its
 * own name. */
static const char *const money_facts[] = {
    "helse_sor_ost_innovasjonsmidler_oremerket",
    "helse_vest_innovasjonsmidler_aarlig_min",
    "helse_vest_innovasjonsmidler_aarlig_maks",
    "helse_vest_aktive_innovasjonsprosjekter",
};

/*
 * Checks every award: a region and a name, money and projects as
 * counts; idea transfers may be empty. Returns 0, or -1 after failing
 * at the first bad row.
 */
static int check_awards(const nk_host *host, nk_call *call)
{
    static const char *const texts[] = { "region", "tildeling" };
    const double *transfers = host->numbers(call, MONEY, "ideoverforinger");
    long n = host->rows(call, MONEY);

    if (n < 0 || !transfers ||
        !nks_read_counts(host, call, MONEY, "tildelt_kr") ||
        !nks_read_counts(host, call, MONEY, "prosjekter"))
        return -1;

    for (int k = 0; k < COUNT(texts); k++) {
        const char *const *v = host->texts(call, MONEY, texts[k]);

        if (!v)
            return -1;
        for (long r = 0; r < n; r++) {
            if (!v[r])
                return host->fail(call, MONEY, r, "%s is missing", texts[k]);
        }
    }
    for (long r = 0; r < n; r++) {
        if (!isnan(transfers[r]) &&
            (transfers[r] < 0 || transfers[r] != floor(transfers[r])))
            return host->fail(call, MONEY, r, "ideoverforinger: %.15g is "
                              "not a count", transfers[r]);
    }
    return 0;
}

/*
 * Adds the rows on of the awards' text column name to res. Returns 0,
 * or -1 after failing.
 */
static int add_award_texts(const nk_host *host, nk_call *call,
                           nk_result *res, const nks_rows *rows,
                           const char *name)
{
    const char *const *v = host->texts(call, MONEY, name);
    const char **out = calloc((size_t)rows->count + 1, sizeof *out);
    long k = 0;
    int rc;

    if (!v || !out) {
        free(out);
        return v ? host->fail(call, NULL, -1, "out of memory") : -1;
    }

    for (long r = 0; r < rows->n; r++) {
        if (rows->on[r])
            out[k++] = v[r];
    }
    rc = host->add_texts(res, name, out);
    free(out);
    return rc;
}

/* Adds the rows on of the awards' number column name to res, as
 * add_award_texts does. */
static int add_award_numbers(const nk_host *host, nk_call *call,
                             nk_result *res, const nks_rows *rows,
                             const char *name)
{
    const double *v = host->numbers(call, MONEY, name);
    double *out = calloc((size_t)rows->count + 1, sizeof *out);
    long k = 0;
    int rc;

    if (!v || !out) {
        free(out);
        return v ? host->fail(call, NULL, -1, "out of memory") : -1;
    }

    for (long r = 0; r < rows->n; r++) {
        if (rows->on[r])
            out[k++] = v[r];
    }
    rc = host->add_numbers(res, name, out);
    free(out);
    return rc;
}

/*
 * Makes the result of the awards the rows on hold, in file order: the
 * text columns region, tildeling and merknad, the number columns
 * tildelt_kr, prosjekter and ideoverforinger (empty where not given),
 * and the sums tildelt_kr and prosjekter as values. Returns the result,
 * or NULL after failing.
 */
static nk_result *award_result(const nk_host *host, nk_call *call,
                               const nks_rows *rows)
{
    static const char *const texts[] = { "region", "tildeling", "merknad" };
    static const char *const nums[] = {
        "tildelt_kr", "prosjekter", "ideoverforinger"
    };
    nk_result *res = host->result(call, rows->count);
    double money, projects;
    int rc = res ? 0 : -1;

    for (int k = 0; rc == 0 && k < COUNT(texts); k++)
        rc = add_award_texts(host, call, res, rows, texts[k]);
    for (int k = 0; rc == 0 && k < COUNT(nums); k++)
        rc = add_award_numbers(host, call, res, rows, nums[k]);

    if (rc != 0 || nks_sum(host, call, rows, "tildelt_kr", &money) != 0 ||
        nks_sum(host, call, rows, "prosjekter", &projects) != 0 ||
        host->set_value(res, "tildelt_kr", money) != 0 ||
        host->set_value(res, "prosjekter", projects) != 0)
        return NULL;
    return res;
}

/*
 * innovasjon_midler: the innovation money each region awarded in the
 * year, one row per award the report names (see award_result), over
 * one region when the build sets "region"; plus the facts of
 * money_facts, each a value of its own name.
 */
static int compute_midler(const nk_host *host, nk_call *call)
{
    const char *region = host->param(call, "region");
    nk_result *res = NULL;
    nks_rows rows;
    int rc;

    if (check_awards(host, call) != 0 ||
        nks_rows_select(host, call, MONEY, "region", &rows) != 0)
        return -1;
    if (rows.count == 0) {
        nks_rows_free(&rows);
        if (region)
            return host->fail(call, NULL, -1, "no records for region \"%s\"",
                              region);
        return host->fail(call, MONEY, -1, "the table has no awards");
    }

    res = award_result(host, call, &rows);
    rc = res ? 0 : -1;
    nks_rows_free(&rows);

    for (int k = 0; rc == 0 && k < COUNT(money_facts); k++) {
        double v;

        rc = nks_lookup(host, call, FACTS, "indikator", money_facts[k],
                        "verdi", &v);
        if (rc == 0)
            rc = host->set_value(res, money_facts[k], v);
    }
    if (rc != 0)
        return -1;
    return host->set_unit(res, "Kroner");
}

/* ---------------------------------------------------------------------
 * kommersialisering (commercialisation through the TTOs)
 */

/* The three series of kommersialisering.csv, in the order shown. */
static const nks_option tto_series[] = {
    { "forretningsideer", "Forretningsideer vurdert" },
    { "bedriftsetableringer", "Bedrifter etablert" },
    { "lisensavtaler", "Lisensavtaler undertegnet" },
};

/* The flag of the series whose numbers were corrected afterwards. */
#define TTO_CORRECTED_SERIES 2
#define TTO_CORRECTED "lisensavtaler_korrigert"

/*
 * Reads the series: the years, each series of tto_series into v and the
 * corrected flags into *fixed. Returns the number of years, or -1 after
 * failing at the first bad row or when there are none.
 */
static long read_tto(const nk_host *host, nk_call *call, const double **year,
                     const double **v, const double **fixed)
{
    long n = host->rows(call, TTO);

    if (n == 0)
        return host->fail(call, TTO, -1, "the table has no years");
    if (n < 0 || !(*year = nks_read_years(host, call, TTO, "aar")) ||
        !(*fixed = host->numbers(call, TTO, TTO_CORRECTED)))
        return -1;
    for (int s = 0; s < COUNT(tto_series); s++) {
        v[s] = nks_read_counts(host, call, TTO, tto_series[s].key);
        if (!v[s])
            return -1;
    }
    return n;
}

/*
 * Adds the series to res as one long table, a row per series and year:
 * maal (the series' label), aar, antall and korrigert (1 where the
 * number was corrected afterwards, else 0). Returns 0, or -1 after
 * failing.
 */
static int add_tto_rows(const nk_host *host, nk_call *call, nk_result *res,
                        const double *year, const double *const *v,
                        const double *fixed, long n)
{
    long total = n * COUNT(tto_series), k = 0;
    const char **maal = calloc((size_t)total + 1, sizeof *maal);
    double *num = calloc((size_t)total * 3 + 1, sizeof *num);
    double *aar = num, *antall = num + total, *korrigert = num + 2 * total;
    int rc;

    if (!maal || !num) {
        free(maal);
        free(num);
        return host->fail(call, NULL, -1, "out of memory");
    }

    for (int s = 0; s < COUNT(tto_series); s++) {
        for (long r = 0; r < n; r++, k++) {
            maal[k] = tto_series[s].label;
            aar[k] = year[r];
            antall[k] = v[s][r];
            korrigert[k] = s == TTO_CORRECTED_SERIES && fixed[r] == 1;
        }
    }
    rc = host->add_texts(res, "maal", maal) != 0 ||
         host->add_numbers(res, "aar", aar) != 0 ||
         host->add_numbers(res, "antall", antall) != 0 ||
         host->add_numbers(res, "korrigert", korrigert) != 0 ? -1 : 0;
    free(maal);
    free(num);
    return rc;
}

/*
 * Sets the values of the series: forste_aar and siste_aar; per series
 * forste_<key>, siste_<key> and sum_<key>; korrigert (how many years
 * were corrected). Returns 0 or -1.
 */
static int set_tto_values(const nk_host *host, nk_result *res,
                          const double *year, const double *const *v,
                          const double *fixed, long n)
{
    double corrected = 0;
    int rc = 0;

    for (long r = 0; r < n; r++)
        corrected += fixed[r] == 1;
    for (int s = 0; rc == 0 && s < COUNT(tto_series); s++) {
        double total = 0;

        for (long r = 0; r < n; r++)
            total += v[s][r];
        rc |= set_keyed(host, res, "forste", tto_series[s].key, v[s][0]);
        rc |= set_keyed(host, res, "siste", tto_series[s].key, v[s][n - 1]);
        rc |= set_keyed(host, res, "sum", tto_series[s].key, total);
    }
    if (rc != 0 || host->set_value(res, "forste_aar", year[0]) != 0 ||
        host->set_value(res, "siste_aar", year[n - 1]) != 0 ||
        host->set_value(res, "korrigert", corrected) != 0)
        return -1;
    return host->set_unit(res, "Antall");
}

/*
 * kommersialisering: business ideas from the health trusts that the
 * TTOs evaluated, companies established and licence agreements signed,
 * per year, as one long table (see add_tto_rows) so that a chart can
 * draw each series apart. National numbers: a region does not apply.
 */
static int compute_kommersialisering(const nk_host *host, nk_call *call)
{
    const double *year = NULL, *v[COUNT(tto_series)], *fixed = NULL;
    long n = read_tto(host, call, &year, v, &fixed);
    nk_result *res;

    if (n < 0 || !(res = host->result(call, n * COUNT(tto_series))))
        return -1;
    if (add_tto_rows(host, call, res, year, v, fixed, n) != 0)
        return -1;
    return set_tto_values(host, res, year, v, fixed, n);
}

/* ---------------------------------------------------------------------
 * The descriptor
 */

static const char *const partner_cols[] = {
    "region", "partner_hf_egen_region", "partner_hf_annen_region",
    "partner_kommune", "partner_uh", "partner_forskningsinstitutt",
    "partner_naeringsliv", "partner_brukerorganisasjon",
    "partner_internasjonal", "partner_annet", "partner_ingen", NULL
};
static const char *const prior_cols[] = {
    "indikator", "aar", "verdi", NULL
};
static const char *const phase_cols[] = {
    "region", "fase_oppstart", "fase_rapportering", NULL
};
static const char *const result_cols[] = {
    "region", "resultat_digital_losning", "resultat_prototype",
    "resultat_metode", "resultat_tjeneste", "resultat_organisering",
    "resultat_produkt", "resultat_annet", "resultat_ingen_enda",
    "resultat_ubesvart", NULL
};
static const char *const funding_cols[] = {
    "region", "annen_finansiering", "kilde_eget_hf", "kilde_annet_hf",
    "kilde_rhf", "kilde_forskningsradet", "kilde_innovasjon_norge",
    "kilde_eu", "kilde_naeringsliv", "kilde_kommune", "kilde_stiftelse",
    "kilde_annet", "utlost_finansiering", NULL
};
static const char *const gain_cols[] = {
    "region", "gevinst_kvalitet", "gevinst_pasientsikkerhet",
    "gevinst_tid_ansatte", "gevinst_tid_pasienter", "gevinst_kostnader",
    "gevinst_pasienttilfredshet", "gevinst_arbeidsmiljo", "gevinst_annet",
    "gevinst_ingen", "gevinst_ubesvart", NULL
};
static const char *const money_cols[] = {
    "region", "tildeling", "tildelt_kr", "prosjekter", "ideoverforinger",
    "merknad", NULL
};
static const char *const fact_cols[] = { "indikator", "verdi", NULL };
static const char *const tto_cols[] = {
    "aar", "forretningsideer", "bedriftsetableringer", "lisensavtaler",
    TTO_CORRECTED, NULL
};

static const nk_input partner_in[] = {
    { PROJECTS, partner_cols }, { PRIOR, prior_cols }, { NULL, NULL }
};
static const nk_input phase_in[] = {
    { PROJECTS, phase_cols }, { NULL, NULL }
};
static const nk_input result_in[] = {
    { PROJECTS, result_cols }, { NULL, NULL }
};
static const nk_input funding_in[] = {
    { PROJECTS, funding_cols }, { NULL, NULL }
};
static const nk_input gain_in[] = {
    { PROJECTS, gain_cols }, { NULL, NULL }
};
static const nk_input money_in[] = {
    { MONEY, money_cols }, { FACTS, fact_cols }, { NULL, NULL }
};
static const nk_input tto_in[] = {
    { TTO, tto_cols }, { NULL, NULL }
};

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "innovasjon_partnere",
      "Samarbeidspartnere i innovasjonsprosjektene, i år og i fjor",
      partner_in, compute_partnere },
    { sizeof(nk_indicator), "innovasjon_faser",
      "Hvor i innovasjonsløpet prosjektene var ved oppstart og er nå",
      phase_in, compute_faser },
    { sizeof(nk_indicator), "innovasjon_resultater",
      "Resultater av innovasjonsprosjektene",
      result_in, compute_resultater },
    { sizeof(nk_indicator), "innovasjon_finansiering",
      "Finansiering fra andre kilder enn de regionale innovasjonsmidlene",
      funding_in, compute_finansiering },
    { sizeof(nk_indicator), "innovasjon_gevinster",
      "Gevinster for helsetjenesten av innovasjonsprosjektene",
      gain_in, compute_gevinster },
    { sizeof(nk_indicator), "innovasjon_midler",
      "Regionale innovasjonsmidler tildelt i året, per region og utlysning",
      money_in, compute_midler },
    { sizeof(nk_indicator), "kommersialisering",
      "Forretningsideer, bedriftsetableringer og lisensavtaler via TTO-ene",
      tto_in, compute_kommersialisering },
    { 0, NULL, NULL, NULL, NULL }
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "innovasjon", "2025.1",
    "Innovasjon: regionale innovasjonsprosjekter og kommersialisering",
    indicators
};

/* The one exported symbol: the host finds it by NK_PLUGIN_SYMBOL. */
NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void);

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
