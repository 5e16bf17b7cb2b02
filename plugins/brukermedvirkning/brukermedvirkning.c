/*
 * The chapter on user participation ("Brukermedvirkning"). In research
 * projects: the share of regional research funds that goes to projects
 * with user participation, year by year and split into clinical and
 * other research, the forms participation takes and who the users are.
 * In innovation projects: the forms and the users, among the projects
 * that answered each question.
 *
 * The earlier years come from a series of published shares; the
 * current year is computed from the research projects' records and
 * added as the year after the series. The series is national only: in
 * a regional build the last point is the region's and the others stay
 * the country's.
 */
#include <nokkel/plugin.h>

#include <math.h>
#include <string.h>

#include "nkstat.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The forms of user participation in research projects. */
static const nks_option research_forms[] = {
    { "bm_planlegging", "Utforming av prosjekt og søknad" },
    { "bm_gjennomforing", "Deltakelse i gjennomføringen" },
    { "bm_analyse", "Tolkning av resultater" },
    { "bm_formidling", "Formidling av resultater" },
    { "bm_referansegruppe", "Styrings- eller referansegruppe" },
    { "bm_annet", "Annet" },
};

static const char *const research_form_columns[] = {
    "bm_planlegging", "bm_gjennomforing", "bm_analyse", "bm_formidling",
    "bm_referansegruppe", "bm_annet",
};

/* Who the users of research projects are. */
static const nks_option research_users[] = {
    { "bruker_pasienter", "Pasienter" },
    { "bruker_parorende", "Pårørende" },
    { "bruker_organisasjoner", "Bruker- og pasientorganisasjoner" },
    { "bruker_helsepersonell", "Helsepersonell" },
    { "bruker_andre", "Andre" },
};

static const char *const research_user_columns[] = {
    "bruker_pasienter", "bruker_parorende", "bruker_organisasjoner",
    "bruker_helsepersonell", "bruker_andre",
};

/* The four types of research that make a project clinical. */
static const char *const clinical_columns[] = {
    "type_legemiddelstudie", "type_annen_behandlingsstudie",
    "type_observasjonsstudie", "type_annen_klinisk",
};

/* How users take part in innovation projects. */
static const nks_option innovation_forms[] = {
    { "medvirkning_behov", "Kartlegging av behov" },
    { "medvirkning_prosjektgruppe", "Medlem av prosjektgruppen" },
    { "medvirkning_utvikling", "Utvikling av løsningen" },
    { "medvirkning_testing", "Testing og tilbakemelding" },
    { "medvirkning_styringsgruppe", "Styrings- eller referansegruppe" },
    { "medvirkning_formidling", "Formidling og spredning" },
    { "medvirkning_annet", "Annet" },
};

static const char *const innovation_form_columns[] = {
    "medvirkning_behov", "medvirkning_prosjektgruppe",
    "medvirkning_utvikling", "medvirkning_testing",
    "medvirkning_styringsgruppe", "medvirkning_formidling",
    "medvirkning_annet",
};

/* Who the users of innovation projects are. */
static const nks_option innovation_users[] = {
    { "brukere_pasienter", "Pasienter" },
    { "brukere_parorende", "Pårørende" },
    { "brukere_brukerorganisasjon", "Representanter for "
      "brukerorganisasjoner" },
    { "brukere_helsepersonell", "Helsepersonell" },
    { "brukere_andre", "Andre" },
};

static const char *const innovation_user_columns[] = {
    "brukere_pasienter", "brukere_parorende", "brukere_brukerorganisasjon",
    "brukere_helsepersonell", "brukere_andre",
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
 * Sums the funds (midler_2025) of the rows on of rows that also tick at
 * least one of the n flag columns into *sum; with n zero, of all the
 * rows on. Returns 0 or -1.
 */
static int funds_where_any(const nk_host *host, nk_call *call,
                           const nks_rows *rows, const char *const *columns,
                           int n, double *sum)
{
    nks_rows some;
    int rc;

    if (nks_rows_copy(host, call, rows, &some) != 0)
        return -1;
    rc = n > 0 ? nks_rows_where_any(host, call, &some, columns, n) : 0;
    if (rc == 0)
        rc = nks_sum(host, call, &some, "midler_2025", sum);
    nks_rows_free(&some);
    return rc;
}

/* This year's shares of research funds to projects with user
 * participation, in percent. */
typedef struct current {
    double all;
    double clinical;
    double other;
} current;

/*
 * Computes this year's shares from all the research projects, whatever
 * region the build is for: the series before this year is national, and
 * one line must not join the country to a region. The shares are of
 * all funds, of the funds of clinical projects and of the rest. Returns
 * 0, or -1 after failing when a group has no funds.
 */
static int compute_current(const nk_host *host, nk_call *call, current *now)
{
    double total, part, clin, clin_part;
    nks_rows all, clinical;
    int rc;

    if (nks_rows_select(host, call, "forskningsprosjekter", NULL, &all) != 0)
        return -1;
    rc = nks_check_exclusive(host, call, &all, "bm_nei", research_forms,
                             COUNT(research_forms));
    if (rc == 0)
        rc = nks_rows_copy(host, call, &all, &clinical);
    if (rc != 0) {
        nks_rows_free(&all);
        return -1;
    }

    rc = nks_rows_where_any(host, call, &clinical, clinical_columns,
                            COUNT(clinical_columns)) != 0 ||
         funds_where_any(host, call, &all, NULL, 0, &total) != 0 ||
         funds_where_any(host, call, &all, research_form_columns,
                         COUNT(research_form_columns), &part) != 0 ||
         funds_where_any(host, call, &clinical, NULL, 0, &clin) != 0 ||
         funds_where_any(host, call, &clinical, research_form_columns,
                         COUNT(research_form_columns), &clin_part) != 0;
    nks_rows_free(&clinical);
    nks_rows_free(&all);
    if (rc)
        return -1;

    if (!(clin > 0) || !(total - clin > 0))
        return host->fail(call, "forskningsprosjekter", -1, "midler_2025: "
                          "clinical and other research both need funds to "
                          "give shares");
    now->all = 100.0 * part / total;
    now->clinical = 100.0 * clin_part / clin;
    now->other = 100.0 * (part - clin_part) / (total - clin);
    return 0;
}

/*
 * Checks the published shares of the series: each from 0 to 100, and
 * andel_klinisk and andel_annen either both given or both missing.
 * Returns 0, or -1 after failing at the first bad row.
 */
static int check_series(const nk_host *host, nk_call *call, long n,
                        const double *all, const double *clin,
                        const double *other)
{
    const char *t = "brukermedvirkning_midler";

    for (long r = 0; r < n; r++) {
        const double v[] = { all[r], clin[r], other[r] };
        const char *name[] = { "andel_alle", "andel_klinisk", "andel_annen" };

        if (isnan(all[r]))
            return host->fail(call, t, r, "andel_alle: the share is "
                              "missing");
        if (isnan(clin[r]) != isnan(other[r]))
            return host->fail(call, t, r, "andel_klinisk and andel_annen "
                              "go together: give both or neither");
        for (size_t i = 0; i < COUNT(v); i++) {
            if (!isnan(v[i]) && (v[i] < 0 || v[i] > 100))
                return host->fail(call, t, r, "%s: %.15g is not a share "
                                  "from 0 to 100", name[i], v[i]);
        }
    }
    return 0;
}

/* The series table with this year's row added at its end. */
typedef struct series {
    long n;                 /* rows, this year's included */
    double aar[64];
    double all[64];
    double clinical[64];
    double other[64];
} series;

/*
 * Reads the published series and adds this year's shares as the year
 * after its last. Returns 0, or -1 after failing at a bad row or when
 * the series is empty or too long.
 */
static int read_series(const nk_host *host, nk_call *call, series *s)
{
    const char *t = "brukermedvirkning_midler";
    long n = host->rows(call, t);
    const double *aar = nks_read_years(host, call, t, "aar");
    const double *all = host->numbers(call, t, "andel_alle");
    const double *clin = host->numbers(call, t, "andel_klinisk");
    const double *other = host->numbers(call, t, "andel_annen");
    current now = { 0, 0, 0 };

    if (n < 0 || !aar || !all || !clin || !other ||
        check_series(host, call, n, all, clin, other) != 0)
        return -1;
    if (n < 1 || n >= (long)COUNT(s->aar))
        return host->fail(call, t, -1, "%ld rows; the series needs 1 to "
                          "%zu years", n, COUNT(s->aar) - 1);
    if (compute_current(host, call, &now) != 0)
        return -1;

    memcpy(s->aar, aar, (size_t)n * sizeof *aar);
    memcpy(s->all, all, (size_t)n * sizeof *all);
    memcpy(s->clinical, clin, (size_t)n * sizeof *clin);
    memcpy(s->other, other, (size_t)n * sizeof *other);
    s->aar[n] = aar[n - 1] + 1;
    s->all[n] = now.all;
    s->clinical[n] = now.clinical;
    s->other[n] = now.other;
    s->n = n + 1;
    return 0;
}

/*
 * brukermedvirkning_midler: the share of all research funds to projects
 * with user participation, every year of the series and this year,
 * with the first and last year and the changes, in whole percent, from
 * the year before (endring) and from the first year (endring_periode).
 */
static int compute_midler(const nk_host *host, nk_call *call)
{
    series s;
    nk_result *res;
    long last;

    if (read_series(host, call, &s) != 0 ||
        (res = host->result(call, s.n)) == NULL)
        return -1;
    last = s.n - 1;

    if (host->add_numbers(res, "aar", s.aar) != 0 ||
        host->add_numbers(res, "andel", s.all) != 0 ||
        host->set_value(res, "forste_aar", s.aar[0]) != 0 ||
        host->set_value(res, "forste", s.all[0]) != 0 ||
        host->set_value(res, "siste_aar", s.aar[last]) != 0 ||
        host->set_value(res, "siste", s.all[last]) != 0 ||
        host->set_value(res, "forrige", s.all[last - (last > 0)]) != 0 ||
        host->set_value(res, "endring", round(s.all[last]) -
                        round(s.all[last - (last > 0)])) != 0 ||
        host->set_value(res, "endring_periode", round(s.all[last]) -
                        round(s.all[0])) != 0)
        return -1;
    return host->set_unit(res, "Andel av midlene");
}

/*
 * brukermedvirkning_klinisk: the shares within clinical and within
 * other research, for the years that have them (from the first year of
 * the series with both) and this year, with the first and last values
 * and the number of years in which clinical research had the larger
 * share (aar_klinisk_over, of aar_i_alt).
 */
static int compute_klinisk(const nk_host *host, nk_call *call)
{
    series s;
    nk_result *res;
    long first = 0, last, ahead = 0;

    if (read_series(host, call, &s) != 0)
        return -1;

    /* This year's row always has both shares. */
    while (isnan(s.clinical[first]))
        first++;
    last = s.n - 1;
    for (long r = first; r <= last; r++)
        ahead += s.clinical[r] > s.other[r];

    if ((res = host->result(call, s.n - first)) == NULL ||
        host->add_numbers(res, "aar", s.aar + first) != 0 ||
        host->add_numbers(res, "klinisk", s.clinical + first) != 0 ||
        host->add_numbers(res, "annen", s.other + first) != 0 ||
        host->set_value(res, "forste_aar", s.aar[first]) != 0 ||
        host->set_value(res, "forste_klinisk", s.clinical[first]) != 0 ||
        host->set_value(res, "forste_annen", s.other[first]) != 0 ||
        host->set_value(res, "siste_aar", s.aar[last]) != 0 ||
        host->set_value(res, "klinisk", s.clinical[last]) != 0 ||
        host->set_value(res, "annen", s.other[last]) != 0 ||
        host->set_value(res, "aar_klinisk_over", ahead) != 0 ||
        host->set_value(res, "aar_i_alt", s.n - first) != 0)
        return -1;
    return host->set_unit(res, "Andel av midlene");
}

/* A multi-choice question on user participation and how to count it. */
typedef struct question {
    const char *table;
    const nks_option *opts;
    const char *const *columns;     /* the options' flag columns */
    int nopts;
    const char *none;               /* the "none" answer, or NULL */
    const char *skipped;            /* set when skipped, or NULL */
    /* Count only projects that tick one of these (user participation);
     * NULL counts the projects that ticked an option. */
    const char *const *within;
    int nwithin;
    const char *staff;              /* the health personnel option */
    const char *prior;              /* its share last year, or NULL */
} question;

/*
 * Checks the answers to q over the rows on: "none" and "skipped" go
 * with no option, and a project outside q->within ticks no option.
 * Returns 0, or -1 after failing at the first row that breaks a rule.
 */
static int check_question(const nk_host *host, nk_call *call,
                          const question *q, const nks_rows *all)
{
    nks_rows outside;
    long r;
    int rc;

    if ((q->none && nks_check_exclusive(host, call, all, q->none, q->opts,
                                        q->nopts) != 0) ||
        (q->skipped && nks_check_exclusive(host, call, all, q->skipped,
                                           q->opts, q->nopts) != 0))
        return -1;
    if (!q->within)
        return 0;

    if (nks_rows_copy(host, call, all, &outside) != 0)
        return -1;
    rc = nks_rows_where_none(host, call, &outside, q->within, q->nwithin);
    if (rc == 0)
        rc = nks_rows_where_any(host, call, &outside, q->columns, q->nopts);
    r = rc == 0 ? first_on(&outside) : -1;
    nks_rows_free(&outside);

    if (rc == 0 && r >= 0)
        rc = host->fail(call, all->table, r, "a user group is ticked, but "
                        "the project has no user participation");
    return rc;
}

/*
 * Sets kun_helsepersonell and andel_kun_helsepersonell: the rows
 * counted whose only option is q->staff, and their share of the rows
 * counted in percent, which *share receives too.
 */
static int set_staff_only(const nk_host *host, nk_call *call,
                          const question *q, nk_result *res,
                          const nks_rows *counted, double *share)
{
    const char *others[16];
    int nothers = 0;
    nks_rows staff;
    int rc;

    for (int i = 0; i < q->nopts && nothers < (int)COUNT(others); i++) {
        if (strcmp(q->columns[i], q->staff) != 0)
            others[nothers++] = q->columns[i];
    }
    if (nks_rows_copy(host, call, counted, &staff) != 0)
        return -1;

    rc = nks_rows_where_flag(host, call, &staff, q->staff);
    if (rc == 0)
        rc = nks_rows_where_none(host, call, &staff, others, nothers);
    if (rc == 0)
        rc = nks_set_share(host, res, "kun_helsepersonell", staff.count,
                           counted->count);
    *share = counted->count > 0 ? 100.0 * staff.count / counted->count : 0;
    nks_rows_free(&staff);
    return rc;
}

/*
 * Sets last year's share of health personnel as the only users from
 * forrige_aar.csv (row q->prior) and compares this year's share with
 * it: forrige, forrige_aar, aar (the year after) and endring (share in
 * whole percent, less last year's). Last year's share is national only,
 * so a regional build compares its region with the whole country.
 */
static int set_prior(const nk_host *host, nk_call *call, const question *q,
                     nk_result *res, double share)
{
    double before, year;

    if (nks_lookup(host, call, "forrige_aar", "indikator", q->prior, "verdi",
                   &before) != 0 ||
        nks_lookup(host, call, "forrige_aar", "indikator", q->prior, "aar",
                   &year) != 0)
        return -1;

    if (host->set_value(res, "forrige", before) != 0 ||
        host->set_value(res, "forrige_aar", year) != 0 ||
        host->set_value(res, "aar", year + 1) != 0)
        return -1;
    return host->set_value(res, "endring", round(share) - before);
}

/*
 * Counts question q: the nks_multi_choice result over the projects
 * counted (those within q->within, or those that ticked an option),
 * with prosjekter (all projects), besvart and andel_besvart (the
 * projects counted, of all) and, for the users, the health personnel
 * alone and last year's share of them.
 */
static int count_question(const nk_host *host, nk_call *call,
                          const question *q)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 0, &res };
    nks_rows all, counted;
    double staff_share = 0;
    int rc;

    if (nks_rows_select(host, call, q->table, "region", &all) != 0)
        return -1;
    rc = check_question(host, call, q, &all);
    if (rc == 0)
        rc = nks_rows_copy(host, call, &all, &counted);
    if (rc != 0) {
        nks_rows_free(&all);
        return -1;
    }

    rc = q->within ?
         nks_rows_where_any(host, call, &counted, q->within, q->nwithin) :
         nks_rows_where_any(host, call, &counted, q->columns, q->nopts);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &counted, q->opts, q->nopts, &how);
    if (rc == 0 && (host->set_value(res, "prosjekter", all.count) != 0 ||
                    nks_set_share(host, res, "besvart", counted.count,
                                  all.count) != 0 ||
                    host->set_unit(res, "Andel av prosjektene") != 0))
        rc = -1;
    if (rc == 0 && q->staff)
        rc = set_staff_only(host, call, q, res, &counted, &staff_share);
    if (rc == 0 && q->staff && q->prior)
        rc = set_prior(host, call, q, res, staff_share);
    nks_rows_free(&counted);
    nks_rows_free(&all);
    return rc;
}

static const question q_research_forms = {
    "forskningsprosjekter", research_forms, research_form_columns,
    COUNT(research_forms), "bm_nei", NULL, NULL, 0, NULL, NULL
};

static const question q_research_users = {
    "forskningsprosjekter", research_users, research_user_columns,
    COUNT(research_users), NULL, NULL, research_form_columns,
    COUNT(research_form_columns), "bruker_helsepersonell",
    "forskning_brukere_kun_helsepersonell_andel"
};

static const question q_innovation_forms = {
    "innovasjonsprosjekter", innovation_forms, innovation_form_columns,
    COUNT(innovation_forms), "medvirkning_ingen", "medvirkning_ubesvart",
    NULL, 0, NULL, NULL
};

static const question q_innovation_users = {
    "innovasjonsprosjekter", innovation_users, innovation_user_columns,
    COUNT(innovation_users), "brukere_ingen", "brukere_ubesvart", NULL, 0,
    "brukere_helsepersonell", NULL
};

/* brukermedvirkning_former: forms of participation in research
 * projects, among those with user participation. */
static int compute_former(const nk_host *host, nk_call *call)
{
    return count_question(host, call, &q_research_forms);
}

/* brukermedvirkning_brukere: who the users of research projects with
 * user participation are. */
static int compute_brukere(const nk_host *host, nk_call *call)
{
    return count_question(host, call, &q_research_users);
}

/* brukermedvirkning_innovasjon_former: forms of participation in
 * innovation projects, among those that name one. */
static int compute_innovasjon_former(const nk_host *host, nk_call *call)
{
    return count_question(host, call, &q_innovation_forms);
}

/* brukermedvirkning_innovasjon_brukere: who the users of innovation
 * projects are, among those that name a group. */
static int compute_innovasjon_brukere(const nk_host *host, nk_call *call)
{
    return count_question(host, call, &q_innovation_users);
}

static const char *const series_cols[] = {
    "aar", "andel_alle", "andel_klinisk", "andel_annen", NULL
};
static const char *const funds_cols[] = {
    "region", "midler_2025", "type_legemiddelstudie",
    "type_annen_behandlingsstudie", "type_observasjonsstudie",
    "type_annen_klinisk", "bm_planlegging", "bm_gjennomforing",
    "bm_analyse", "bm_formidling", "bm_referansegruppe", "bm_annet",
    "bm_nei", NULL
};
static const char *const research_cols[] = {
    "region", "bm_planlegging", "bm_gjennomforing", "bm_analyse",
    "bm_formidling", "bm_referansegruppe", "bm_annet", "bm_nei",
    "bruker_pasienter", "bruker_parorende", "bruker_organisasjoner",
    "bruker_helsepersonell", "bruker_andre", NULL
};
static const char *const prior_cols[] = { "indikator", "aar", "verdi", NULL };
static const char *const innovation_cols[] = {
    "region", "medvirkning_behov", "medvirkning_prosjektgruppe",
    "medvirkning_utvikling", "medvirkning_testing",
    "medvirkning_styringsgruppe", "medvirkning_formidling",
    "medvirkning_annet", "medvirkning_ingen", "medvirkning_ubesvart",
    "brukere_pasienter", "brukere_parorende", "brukere_brukerorganisasjon",
    "brukere_helsepersonell", "brukere_andre", "brukere_ingen",
    "brukere_ubesvart", NULL
};

static const nk_input series_in[] = {
    { "brukermedvirkning_midler", series_cols },
    { "forskningsprosjekter", funds_cols },
    { NULL, NULL }
};
static const nk_input research_in[] = {
    { "forskningsprosjekter", research_cols },
    { "forrige_aar", prior_cols },
    { NULL, NULL }
};
static const nk_input innovation_in[] = {
    { "innovasjonsprosjekter", innovation_cols }, { NULL, NULL }
};

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "brukermedvirkning_midler",
      "Andel av forskningsmidlene til prosjekter med brukermedvirkning",
      series_in, compute_midler },
    { sizeof(nk_indicator), "brukermedvirkning_klinisk",
      "Andel med brukermedvirkning i klinisk og i annen forskning",
      series_in, compute_klinisk },
    { sizeof(nk_indicator), "brukermedvirkning_former",
      "Former for brukermedvirkning i forskningsprosjekter",
      research_in, compute_former },
    { sizeof(nk_indicator), "brukermedvirkning_brukere",
      "Hvem brukerne er i forskningsprosjekter",
      research_in, compute_brukere },
    { sizeof(nk_indicator), "brukermedvirkning_innovasjon_former",
      "Former for brukermedvirkning i innovasjonsprosjekter",
      innovation_in, compute_innovasjon_former },
    { sizeof(nk_indicator), "brukermedvirkning_innovasjon_brukere",
      "Hvem brukerne er i innovasjonsprosjekter",
      innovation_in, compute_innovasjon_brukere },
    { 0, NULL, NULL, NULL, NULL }
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "brukermedvirkning",
    "2025.1", "Brukermedvirkning i forsknings- og innovasjonsprosjekter",
    indicators
};

/* The one exported symbol: the host finds it by NK_PLUGIN_SYMBOL. */
NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void);

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
