/*
 * Recomputes, from the files in data/2025/, every number the 2025
 * report publishes outside the research-project file: innovation
 * projects, commissioned studies, the aggregated series, last year's
 * values and the facts the text quotes. Each number is worked out the
 * way an analyst would (counts, sums, shares rounded as the report
 * rounds) and printed with the published value; any mismatch is a FAIL
 * line and exit status 1. Run from the source tree.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "err.h"
#include "tbl.h"

#define DATA_DIR "data/2025/"
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int failures;

/* ---------------------------------------------------------------------
 * Reporting
 */

/* Prints one result line, "ok   ..." or "FAIL ...", and counts a
 * failure. */
static void line(int ok, const char *fmt, ...)
{
    va_list ap;

    printf("%s ", ok ? "ok  " : "FAIL");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    if (!ok)
        failures++;
}

/* Rounds v half away from zero to decimals places, first cutting binary
 * noise at twelve significant digits, as core/fmt.c does. */
static double round_to(double v, int decimals)
{
    double scale = pow(10.0, decimals);
    char buf[64];

    snprintf(buf, sizeof buf, "%.12g", v * scale);
    v = strtod(buf, NULL);
    return (v < 0 ? -floor(-v + 0.5) : floor(v + 0.5)) / scale;
}

/* Returns part of whole in percent, rounded to whole. */
static int percent(double part, double whole)
{
    return (int)round_to(100.0 * part / whole, 0);
}

/* Checks a count. */
static void same_count(const char *what, long got, long want)
{
    line(got == want, "%s = %ld (published %ld)", what, got, want);
}

/* Checks a share in whole percent. */
static void same_percent(const char *what, double part, double whole, int want)
{
    int got = percent(part, whole);

    line(got == want, "%s = %d %% (%.0f of %.0f; published %d %%)", what, got,
         part, whole, want);
}

/* Checks an amount, already in the unit the report uses (millions or
 * billions of kroner), rounded to the published number of decimals. */
static void same_amount(const char *what, double value, const char *unit,
                        double want, int decimals)
{
    double got = round_to(value, decimals);

    line(fabs(got - want) < 1e-9, "%s = %.*f %s (published %.*f)", what,
         decimals, got, unit, decimals, want);
}

/* Checks an amount in kroner against one published in millions. */
static void same_millions(const char *what, double kroner, double want,
                          int decimals)
{
    same_amount(what, kroner / 1e6, "MNOK", want, decimals);
}

/* Checks a statement the report makes in words. */
static void holds(const char *what, int ok, const char *claim, const char *fmt,
                  ...)
{
    char detail[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    line(ok, "%s: %s (published: %s)", what, detail, claim);
}

/* ---------------------------------------------------------------------
 * Reading
 */

/* Reads data/2025/file with the given columns. Returns the table (the
 * caller frees it with tbl_free), or NULL after printing a FAIL line
 * with the reader's message. */
static tbl *load(const char *file, const csvin_column *cols, size_t ncols)
{
    char path[256];
    csvin_schema schema = {file, ncols, cols};
    tbl *t = NULL;
    char *err = NULL;

    snprintf(path, sizeof path, DATA_DIR "%s", file);
    if (csvin_read(path, &schema, &t, &err) != 0) {
        line(0, "read %s: %s", path, err);
        free(err);
        return NULL;
    }
    return t;
}

/* The values of number column name; the schema guarantees it exists. */
static const double *num(const tbl *t, const char *name)
{
    const tbl_column *c = tbl_find(t, name);

    if (!c || c->type != TBL_NUMBER)
        NK_UNREACHABLE();
    return c->num;
}

/* The values of text column name; the schema guarantees it exists. */
static char *const *txt(const tbl *t, const char *name)
{
    const tbl_column *c = tbl_find(t, name);

    if (!c || c->type != TBL_TEXT)
        NK_UNREACHABLE();
    return c->text;
}

/* Returns the sum of column name (missing values count as zero). */
static double sum(const tbl *t, const char *name)
{
    const double *v = num(t, name);
    double s = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if (!isnan(v[i]))
            s += v[i];
    return s;
}

/* Returns the number of rows whose text column name equals value. */
static long count_text(const tbl *t, const char *name, const char *value)
{
    char *const *v = txt(t, name);
    long n = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if (v[i] && strcmp(v[i], value) == 0)
            n++;
    return n;
}

/* Returns how many of the NULL-terminated flag columns names are ticked
 * in row. */
static int ticks(const tbl *t, size_t row, const char *const *names)
{
    int n = 0;

    for (size_t k = 0; names[k]; k++)
        if (num(t, names[k])[row] == 1)
            n++;
    return n;
}

/* Returns the number of rows with at least min of names ticked. */
static long rows_ticking(const tbl *t, const char *const *names, int min)
{
    long n = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if (ticks(t, i, names) >= min)
            n++;
    return n;
}

/* Returns the row whose text column key equals value, or -1. */
static long find_row(const tbl *t, const char *key, const char *value)
{
    char *const *v = txt(t, key);

    for (size_t i = 0; i < t->nrows; i++)
        if (v[i] && strcmp(v[i], value) == 0)
            return (long)i;
    return -1;
}

/* Returns the row whose year column aar is year, or -1. */
static long year_row(const tbl *t, int year)
{
    const double *aar = num(t, "aar");

    for (size_t i = 0; i < t->nrows; i++)
        if (aar[i] == year)
            return (long)i;
    return -1;
}

/* Checks that the year column aar runs from first to last, one row a
 * year in order. */
static void same_years(const char *what, const tbl *t, int first, int last)
{
    const double *aar = num(t, "aar");
    int ok = t->nrows == (size_t)(last - first + 1);

    for (size_t i = 0; ok && i < t->nrows; i++)
        ok = aar[i] == first + (double)i;
    line(ok, "%s: years %.0f–%.0f, %zu rows (published %d–%d)", what,
         t->nrows ? aar[0] : 0.0, t->nrows ? aar[t->nrows - 1] : 0.0, t->nrows,
         first, last);
}

/* ---------------------------------------------------------------------
 * Values from last year's report (forrige_aar.csv)
 */

static const csvin_column prior_cols[] = {
    {.name = "indikator", .type = CSVIN_TEXT},
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "verdi", .type = CSVIN_NUMBER},
    {.name = "enhet", .type = CSVIN_TEXT},
    {.name = "illustrativ", .type = CSVIN_FLAG},
};

/* Returns the 2024 value of indicator key, or NaN after a FAIL line. */
static double prior(const tbl *t, const char *key)
{
    long r = find_row(t, "indikator", key);

    if (r < 0 || num(t, "aar")[r] != 2024) {
        line(0, "forrige_aar.csv: no 2024 value for %s", key);
        return NAN;
    }
    return num(t, "verdi")[r];
}

/* Checks a published 2024 value. */
static void same_prior(const tbl *t, const char *what, const char *key,
                       double want)
{
    double got = prior(t, key);

    if (!isnan(got))
        line(got == want, "%s (2024) = %g (published %g)", what, got, want);
}

static void check_prior_published(const tbl *t)
{
    same_prior(t, "Figur 27: research projects with industry, %",
               "forskning_industrisamarbeid_andel", 16);
    same_prior(t, "Figur 28: innovation projects with industry, %",
               "innovasjon_industrisamarbeid_andel", 41);
    same_prior(t, "Figur 16: research projects using AI, %",
               "forskning_ki_andel", 27);
    same_prior(t, "Kvinnehelse: funds to sex-specific research, %",
               "forskning_kjonnsspesifikk_andel_midler", 40);
    same_millions("Kvinnehelse: funds to sex-specific research (2024)",
                  prior(t, "forskning_kjonnsspesifikk_midler"), 442.3, 1);
    same_prior(t, "Kvinnehelse: projects with sex-specific analyses, %",
               "forskning_kjonnsspesifikke_analyser_andel", 24);
    same_prior(t, "Figur 10: projects in other clinical research, %",
               "forskning_annen_klinisk_andel", 16);
    same_prior(t, "Figur 36: research users health personnel only, %",
               "forskning_brukere_kun_helsepersonell_andel", 9);
}

static void check_prior_trends(const tbl *t)
{
    double rus = prior(t, "forskning_rus_prosjekter");
    double kbs = prior(t, "kbs_legemiddelstudier_andel");

    holds("Rus: 102 projects in 2025 vs 2024", rus < 102 && rus >= 92,
          "a small increase from 2024", "%.0f in 2024", rus);
    holds("Figur 3: drug-study share 2024 below 2025 (49 %)", kbs < 49,
          "an increase from earlier years", "%.0f %% in 2024", kbs);
}

/* ---------------------------------------------------------------------
 * Innovation projects (innovasjonsprosjekter.csv)
 */

static const csvin_column inno_cols[] = {
    {.name = "prosjekt_id", .type = CSVIN_TEXT},
    {.name = "region", .type = CSVIN_TEXT},
    {.name = "helseforetak", .type = CSVIN_TEXT},
    {.name = "partner_hf_egen_region", .type = CSVIN_FLAG},
    {.name = "partner_hf_annen_region", .type = CSVIN_FLAG},
    {.name = "partner_kommune", .type = CSVIN_FLAG},
    {.name = "partner_uh", .type = CSVIN_FLAG},
    {.name = "partner_forskningsinstitutt", .type = CSVIN_FLAG},
    {.name = "partner_naeringsliv", .type = CSVIN_FLAG},
    {.name = "partner_brukerorganisasjon", .type = CSVIN_FLAG},
    {.name = "partner_internasjonal", .type = CSVIN_FLAG},
    {.name = "partner_annet", .type = CSVIN_FLAG},
    {.name = "partner_ingen", .type = CSVIN_FLAG},
    {.name = "fase_oppstart", .type = CSVIN_TEXT},
    {.name = "fase_rapportering", .type = CSVIN_TEXT},
    {.name = "resultat_digital_losning", .type = CSVIN_FLAG},
    {.name = "resultat_prototype", .type = CSVIN_FLAG},
    {.name = "resultat_metode", .type = CSVIN_FLAG},
    {.name = "resultat_tjeneste", .type = CSVIN_FLAG},
    {.name = "resultat_organisering", .type = CSVIN_FLAG},
    {.name = "resultat_produkt", .type = CSVIN_FLAG},
    {.name = "resultat_annet", .type = CSVIN_FLAG},
    {.name = "resultat_ingen_enda", .type = CSVIN_FLAG},
    {.name = "resultat_ubesvart", .type = CSVIN_FLAG},
    {.name = "annen_finansiering", .type = CSVIN_TEXT},
    {.name = "kilde_eget_hf", .type = CSVIN_FLAG},
    {.name = "kilde_annet_hf", .type = CSVIN_FLAG},
    {.name = "kilde_rhf", .type = CSVIN_FLAG},
    {.name = "kilde_forskningsradet", .type = CSVIN_FLAG},
    {.name = "kilde_innovasjon_norge", .type = CSVIN_FLAG},
    {.name = "kilde_eu", .type = CSVIN_FLAG},
    {.name = "kilde_naeringsliv", .type = CSVIN_FLAG},
    {.name = "kilde_kommune", .type = CSVIN_FLAG},
    {.name = "kilde_stiftelse", .type = CSVIN_FLAG},
    {.name = "kilde_annet", .type = CSVIN_FLAG},
    {.name = "utlost_finansiering", .type = CSVIN_TEXT},
    {.name = "gevinst_kvalitet", .type = CSVIN_FLAG},
    {.name = "gevinst_pasientsikkerhet", .type = CSVIN_FLAG},
    {.name = "gevinst_tid_ansatte", .type = CSVIN_FLAG},
    {.name = "gevinst_tid_pasienter", .type = CSVIN_FLAG},
    {.name = "gevinst_kostnader", .type = CSVIN_FLAG},
    {.name = "gevinst_pasienttilfredshet", .type = CSVIN_FLAG},
    {.name = "gevinst_arbeidsmiljo", .type = CSVIN_FLAG},
    {.name = "gevinst_annet", .type = CSVIN_FLAG},
    {.name = "gevinst_ingen", .type = CSVIN_FLAG},
    {.name = "gevinst_ubesvart", .type = CSVIN_FLAG},
    {.name = "industrisamarbeid", .type = CSVIN_TEXT},
    {.name = "industri_medtek", .type = CSVIN_FLAG},
    {.name = "industri_legemiddel", .type = CSVIN_FLAG},
    {.name = "industri_digitalisering", .type = CSVIN_FLAG},
    {.name = "industri_andre", .type = CSVIN_FLAG},
    {.name = "medvirkning_behov", .type = CSVIN_FLAG},
    {.name = "medvirkning_prosjektgruppe", .type = CSVIN_FLAG},
    {.name = "medvirkning_utvikling", .type = CSVIN_FLAG},
    {.name = "medvirkning_testing", .type = CSVIN_FLAG},
    {.name = "medvirkning_styringsgruppe", .type = CSVIN_FLAG},
    {.name = "medvirkning_formidling", .type = CSVIN_FLAG},
    {.name = "medvirkning_annet", .type = CSVIN_FLAG},
    {.name = "medvirkning_ingen", .type = CSVIN_FLAG},
    {.name = "medvirkning_ubesvart", .type = CSVIN_FLAG},
    {.name = "brukere_pasienter", .type = CSVIN_FLAG},
    {.name = "brukere_parorende", .type = CSVIN_FLAG},
    {.name = "brukere_brukerorganisasjon", .type = CSVIN_FLAG},
    {.name = "brukere_helsepersonell", .type = CSVIN_FLAG},
    {.name = "brukere_andre", .type = CSVIN_FLAG},
    {.name = "brukere_ingen", .type = CSVIN_FLAG},
    {.name = "brukere_ubesvart", .type = CSVIN_FLAG},
};

static const char *const partners[] = {
    "partner_hf_egen_region",
    "partner_hf_annen_region",
    "partner_kommune",
    "partner_uh",
    "partner_forskningsinstitutt",
    "partner_naeringsliv",
    "partner_brukerorganisasjon",
    "partner_internasjonal",
    "partner_annet",
    NULL,
};

static const char *const results[] = {
    "resultat_digital_losning", "resultat_prototype",    "resultat_metode",
    "resultat_tjeneste",        "resultat_organisering", "resultat_produkt",
    "resultat_annet",           "resultat_ingen_enda",   NULL,
};

static const char *const sources[] = {
    "kilde_eget_hf",
    "kilde_annet_hf",
    "kilde_rhf",
    "kilde_forskningsradet",
    "kilde_innovasjon_norge",
    "kilde_eu",
    "kilde_naeringsliv",
    "kilde_kommune",
    "kilde_stiftelse",
    "kilde_annet",
    NULL,
};

static const char *const gains[] = {
    "gevinst_kvalitet",
    "gevinst_pasientsikkerhet",
    "gevinst_tid_ansatte",
    "gevinst_tid_pasienter",
    "gevinst_kostnader",
    "gevinst_pasienttilfredshet",
    "gevinst_arbeidsmiljo",
    "gevinst_annet",
    NULL,
};

static const char *const actors[] = {
    "industri_medtek",
    "industri_legemiddel",
    "industri_digitalisering",
    "industri_andre",
    NULL,
};

static const char *const forms[] = {
    "medvirkning_behov",          "medvirkning_prosjektgruppe",
    "medvirkning_utvikling",      "medvirkning_testing",
    "medvirkning_styringsgruppe", "medvirkning_formidling",
    "medvirkning_annet",          NULL,
};

static const char *const users[] = {
    "brukere_pasienter",      "brukere_parorende", "brukere_brukerorganisasjon",
    "brukere_helsepersonell", "brukere_andre",     NULL,
};

/* The single-choice answers that close a question: "none" and "no
 * answer" go with no other option of their question. */
static const struct {
    const char *option;
    const char *const *others;
} exclusive[] = {
    {"partner_ingen", partners},  {"resultat_ubesvart", results},
    {"gevinst_ingen", gains},     {"gevinst_ubesvart", gains},
    {"medvirkning_ingen", forms}, {"medvirkning_ubesvart", forms},
    {"brukere_ingen", users},     {"brukere_ubesvart", users},
};

static const char *const phases[] = {
    "Idé", "Konsept", "Utvikling", "Utprøving", "Implementering", "Spredning",
};

/* Returns the position of phase name in the innovation process, or -1. */
static int phase_index(const char *name)
{
    for (size_t i = 0; name && i < COUNT(phases); i++)
        if (strcmp(phases[i], name) == 0)
            return (int)i;
    return -1;
}

/* Checks that every question is answered once and consistently: each
 * row ticks an option, "none" or "no answer" for every multi-choice
 * question and never "none" with an option; industry partners are the
 * projects with industry collaboration; phases are known and never go
 * back; sources only where there is other funding. */
static void check_inno_consistency(const tbl *t)
{
    long bad = 0;
    char *const *industry = txt(t, "industrisamarbeid");
    char *const *funded = txt(t, "annen_finansiering");
    char *const *start = txt(t, "fase_oppstart");
    char *const *now = txt(t, "fase_rapportering");

    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t k = 0; k < COUNT(exclusive); k++)
            if (num(t, exclusive[k].option)[i] == 1 &&
                ticks(t, i, exclusive[k].others) > 0)
                bad++;
        if ((num(t, "partner_naeringsliv")[i] == 1) !=
            (industry[i] && strcmp(industry[i], "Ja") == 0))
            bad++;
        if ((ticks(t, i, actors) > 0) !=
            (industry[i] && strcmp(industry[i], "Ja") == 0))
            bad++;
        if ((ticks(t, i, sources) > 0) !=
            (funded[i] && strcmp(funded[i], "Ja") == 0))
            bad++;
        if (phase_index(start[i]) < 0 ||
            phase_index(now[i]) < phase_index(start[i]))
            bad++;
    }
    holds("Innovasjon: answers consistent", bad == 0, "one answer per question",
          "%ld inconsistent answers in %zu rows", bad, t->nrows);
}

/* Figure 21: partners, compared with 2024. */
static void check_inno_partners(const tbl *t, const tbl *prior_t)
{
    double n = (double)t->nrows;
    long several = rows_ticking(t, partners, 2);
    static const struct {
        const char *column;
        const char *label;
        int up;
    } trend[] = {
        {"partner_hf_egen_region", "trusts in own region", 1},
        {"partner_naeringsliv", "industry", 1},
        {"partner_kommune", "municipal health service", 0},
    };

    same_percent("Figur 21: projects with no partner", sum(t, "partner_ingen"),
                 n, 7);
    holds("Figur 21: projects with two or more partners",
          2 * several > (long)t->nrows, "over half", "%ld of %.0f (%d %%)",
          several, n, percent(several, n));
    for (size_t k = 0; k < COUNT(trend); k++) {
        char key[96];
        int now = percent(sum(t, trend[k].column), n);
        double before;

        snprintf(key, sizeof key, "innovasjon_%s", trend[k].column);
        before = prior(prior_t, key);
        holds("Figur 21: partner share 2025 vs 2024",
              trend[k].up ? now > before : now < before,
              trend[k].up ? "an increase" : "a decrease", "%s %d %% vs %.0f %%",
              trend[k].label, now, before);
    }
}

/* Figure 22: the regional money goes mostly to early projects. */
static void check_inno_phases(const tbl *t)
{
    char *const *start = txt(t, "fase_oppstart");
    long early = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if (phase_index(start[i]) >= 0 && phase_index(start[i]) <= 1)
            early++;
    holds("Figur 22: projects starting at idea or concept",
          2 * early > (long)t->nrows, "largely early in the process",
          "%ld of %zu (%d %%)", early, t->nrows, percent(early, t->nrows));
}

/* Figures 23 to 25: results, other funding and gains. */
static void check_inno_outcomes(const tbl *t)
{
    double n = (double)t->nrows;
    long gained = rows_ticking(t, gains, 1);
    long released_own = 0, released_best_other = 0;
    char *const *released = txt(t, "utlost_finansiering");

    same_percent("Figur 24: projects with more than one result",
                 rows_ticking(t, results, 2), n, 26);
    same_percent("Figur 23: projects with other funding",
                 count_text(t, "annen_finansiering", "Ja"), n, 51);
    same_percent("Figur 23: projects naming several other sources",
                 rows_ticking(t, sources, 2), n, 12);
    same_percent("Figur 23: regional money released other funding",
                 count_text(t, "utlost_finansiering", "Ja"), n, 35);

    for (size_t k = 0; sources[k]; k++) {
        long c = 0;

        for (size_t i = 0; i < t->nrows; i++)
            if (released[i] && strcmp(released[i], "Ja") == 0 &&
                num(t, sources[k])[i] == 1)
                c++;
        if (k == 0)
            released_own = c;
        else if (c > released_best_other)
            released_best_other = c;
    }
    holds("Figur 23: released funding by source",
          released_own > released_best_other, "mainly from own trust",
          "own trust %ld, next source %ld", released_own, released_best_other);

    holds("Figur 25: projects reporting gains", percent(gained, n) == 39,
          "nearly 40 %", "%ld of %.0f (%d %%)", gained, n, percent(gained, n));
    same_percent("Figur 25: projects naming several gains",
                 rows_ticking(t, gains, 2), n, 25);
}

/* Figures 28 and 29: industry collaboration. */
static void check_inno_industry(const tbl *t, const tbl *prior_t)
{
    double n = (double)t->nrows;
    long with = count_text(t, "industrisamarbeid", "Ja");
    double before = prior(prior_t, "innovasjon_industrisamarbeid_andel");
    double digital = sum(t, "industri_digitalisering");
    double best_other = 0;

    same_count("Figur 28: innovation projects with industry", with, 81);
    same_percent("Figur 28: innovation projects with industry", with, n, 44);
    holds("Figur 28: industry share 2025 vs 2024", percent(with, n) > before,
          "an increase from 41 %", "%d %% vs %.0f %%", percent(with, n),
          before);
    for (size_t k = 0; actors[k]; k++)
        if (strcmp(actors[k], "industri_digitalisering") != 0 &&
            sum(t, actors[k]) > best_other)
            best_other = sum(t, actors[k]);
    holds("Figur 29: innovation projects by industry actor",
          digital > best_other, "mostly digitalisation actors",
          "digitalisation %.0f, next %.0f", digital, best_other);
    holds("Figur 29: projects with several actors",
          rows_ticking(t, actors, 2) > 0, "some have several", "%ld projects",
          rows_ticking(t, actors, 2));
}

/* Returns the number of rows whose only user group is health
 * personnel. */
static long health_personnel_only(const tbl *t)
{
    long n = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if (ticks(t, i, users) == 1 && num(t, "brukere_helsepersonell")[i] == 1)
            n++;
    return n;
}

/* Returns the rows of region that tick at least one of names. */
static long rows_in_region(const tbl *t, const char *region,
                           const char *const *names)
{
    char *const *reg = txt(t, "region");
    long n = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if (reg[i] && strcmp(reg[i], region) == 0 && ticks(t, i, names) > 0)
            n++;
    return n;
}

/* Figures 38 and 39: user participation, shares of those answering. */
static void check_inno_users(const tbl *t)
{
    long how = rows_ticking(t, forms, 1);
    long who = rows_ticking(t, users, 1);

    same_count("Figur 38: projects naming a form of participation", how, 158);
    same_percent("Figur 38: of these, more than one form",
                 rows_ticking(t, forms, 2), how, 56);
    same_count("Figur 39: projects naming who the users are", who, 166);
    same_percent("Figur 39: of these, more than one group",
                 rows_ticking(t, users, 2), who, 25);
    same_percent("Figur 39: of these, health personnel only",
                 health_personnel_only(t), who, 37);
    holds("Helse Nord: innovation projects naming their users",
          rows_in_region(t, "Helse Nord", users) ==
              count_text(t, "region", "Helse Nord"),
          "user participation required in every application", "%ld of %ld",
          rows_in_region(t, "Helse Nord", users),
          count_text(t, "region", "Helse Nord"));
}

static void check_innovation(const tbl *prior_t)
{
    tbl *t = load("innovasjonsprosjekter.csv", inno_cols, COUNT(inno_cols));

    if (!t)
        return;
    same_count("Innovasjon: projects reporting for 2025", (long)t->nrows, 186);
    check_inno_consistency(t);
    check_inno_partners(t, prior_t);
    check_inno_phases(t);
    check_inno_outcomes(t);
    check_inno_industry(t, prior_t);
    check_inno_users(t);
    tbl_free(t);
}

/* ---------------------------------------------------------------------
 * Commissioned studies (oppdragsstudier.csv, one row per site)
 */

static const csvin_column study_cols[] = {
    {.name = "studie_id", .type = CSVIN_TEXT},
    {.name = "region", .type = CSVIN_TEXT},
    {.name = "helseforetak", .type = CSVIN_TEXT},
    {.name = "studietype", .type = CSVIN_TEXT},
    {.name = "fase", .type = CSVIN_TEXT},
    {.name = "avsluttet_2025", .type = CSVIN_FLAG},
};

static const char *const regions[] = {
    "Helse Midt-Norge",
    "Helse Nord",
    "Helse Sør-Øst",
    "Helse Vest",
};

/* One commissioned study, gathered from its site rows. */
typedef struct study {
    const char *id;
    const char *type;
    const char *phase;
    int sites;
    unsigned regions; /* bit i: a site in regions[i] */
    int mixed;        /* rows disagree on type, phase or closing */
} study;

/* Returns the index of region name, or -1. */
static int region_index(const char *name)
{
    for (size_t i = 0; name && i < COUNT(regions); i++)
        if (strcmp(regions[i], name) == 0)
            return (int)i;
    return -1;
}

/* Returns 1 when the two texts are both missing or equal. */
static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const tbl *sort_table;
static const char *sort_first, *sort_then;

/* Returns the text of column name in row r of sort_table, "" when
 * missing. */
static const char *sort_key(const char *name, size_t r)
{
    const char *v = name ? txt(sort_table, name)[r] : NULL;

    return v ? v : "";
}

/* Orders row numbers by sort_first, then by sort_then, in sort_table. */
static int by_text(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(sort_key(sort_first, x), sort_key(sort_first, y));

    return c ? c : strcmp(sort_key(sort_then, x), sort_key(sort_then, y));
}

/* Returns the row numbers of t ordered by column first and then by
 * column then (may be NULL). The caller frees the array. */
static size_t *rows_by(const tbl *t, const char *first, const char *then)
{
    size_t *order = xmalloc((t->nrows ? t->nrows : 1) * sizeof *order);

    for (size_t i = 0; i < t->nrows; i++)
        order[i] = i;
    sort_table = t;
    sort_first = first;
    sort_then = then;
    qsort(order, t->nrows, sizeof *order, by_text);
    return order;
}

/* Gathers the site rows into studies. Returns the array (caller frees)
 * and sets *n; counts rows with an unknown region in *bad. */
static study *gather_studies(const tbl *t, size_t *n, long *bad)
{
    size_t *order = rows_by(t, "studie_id", NULL);
    study *s = xcalloc(t->nrows ? t->nrows : 1, sizeof *s);
    char *const *id = txt(t, "studie_id");
    char *const *type = txt(t, "studietype");
    char *const *phase = txt(t, "fase");
    const double *closed = num(t, "avsluttet_2025");

    *n = 0;
    for (size_t k = 0; k < t->nrows; k++) {
        size_t r = order[k];
        int reg = region_index(txt(t, "region")[r]);
        study *cur = *n ? &s[*n - 1] : NULL;

        if (!cur || !same_text(cur->id, id[r])) {
            cur = &s[(*n)++];
            cur->id = id[r];
            cur->type = type[r];
            cur->phase = phase[r];
        } else if (!same_text(cur->type, type[r]) ||
                   !same_text(cur->phase, phase[r]) ||
                   closed[r] != closed[order[k - 1]]) {
            cur->mixed = 1;
        }
        cur->sites++;
        if (reg < 0)
            (*bad)++;
        else
            cur->regions |= 1u << reg;
    }
    free(order);
    return s;
}

/* Returns the number of regions in mask. */
static int region_count(unsigned mask)
{
    int n = 0;

    for (; mask; mask >>= 1)
        n += (int)(mask & 1u);
    return n;
}

/* Counts the distinct trusts and checks that each lies in one region
 * and has each study once; each bad row adds to *bad. Returns the
 * number of trusts. */
static long count_trusts(const tbl *t, long *bad)
{
    size_t *order = rows_by(t, "helseforetak", "studie_id");
    char *const *trust = txt(t, "helseforetak");
    char *const *region = txt(t, "region");
    char *const *id = txt(t, "studie_id");
    long n = 0;

    for (size_t k = 0; k < t->nrows; k++) {
        size_t r = order[k], p = k ? order[k - 1] : 0;

        if (!trust[r] || !id[r])
            (*bad)++;
        else if (k == 0 || !same_text(trust[p], trust[r]))
            n++;
        else if (!same_text(region[p], region[r]) || same_text(id[p], id[r]))
            (*bad)++;
    }
    free(order);
    return n;
}

/* Figure 30: study types and drug-study phases. */
static void check_study_types(const study *s, size_t n)
{
    long drug = 0, mid = 0, stray = 0;

    for (size_t i = 0; i < n; i++) {
        int is_drug = s[i].type && strcmp(s[i].type, "Legemiddelstudie") == 0;

        if (!is_drug) {
            stray += s[i].phase != NULL;
            continue;
        }
        drug++;
        if (s[i].phase && (strcmp(s[i].phase, "Fase 2") == 0 ||
                           strcmp(s[i].phase, "Fase 3") == 0))
            mid++;
    }
    same_count("Figur 30: drug studies", drug, 357);
    same_percent("Figur 30: drug studies", drug, (double)n, 82);
    same_percent("Figur 30: drug studies in phase 2 or 3", mid, drug, 88);
    holds("Figur 30: phases only on drug studies", stray == 0,
          "phases of drug studies", "%ld other studies with a phase", stray);
}

/* Figures 32 and 33: sites per study and regions per study. */
static void check_study_spread(const study *s, size_t n)
{
    long single = 0, by_regions[5] = {0};
    int fewest = 99, most = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i].sites == 1) {
            single++;
        } else {
            fewest = s[i].sites < fewest ? s[i].sites : fewest;
            most = s[i].sites > most ? s[i].sites : most;
        }
        by_regions[region_count(s[i].regions)]++;
    }
    same_count("Figur 32: studies with one site", single, 250);
    same_percent("Figur 32: studies with one site", single, (double)n, 58);
    holds("Figur 32: sites of the other studies", fewest == 2 && most == 7,
          "between two and seven", "%d to %d", fewest, most);
    same_count("Figur 33: studies in one region", by_regions[1], 287);
    same_percent("Figur 33: studies in one region", by_regions[1], (double)n,
                 66);
    same_percent("Figur 33: studies in three regions", by_regions[3], (double)n,
                 27);
    same_count("Figur 33: studies in all four regions", by_regions[4], 2);
    holds("Figur 33: studies in all four regions",
          round_to(100.0 * by_regions[4] / (double)n, 1) == 0.5,
          "half a percent", "%.1f %%",
          round_to(100.0 * by_regions[4] / (double)n, 1));
}

static void check_studies(void)
{
    tbl *t = load("oppdragsstudier.csv", study_cols, COUNT(study_cols));
    study *s;
    size_t n;
    long bad = 0, mixed = 0, trusts;

    if (!t)
        return;
    s = gather_studies(t, &n, &bad);
    trusts = count_trusts(t, &bad);
    for (size_t i = 0; i < n; i++)
        mixed += s[i].mixed;

    same_count("Oppdragsstudier: studies", (long)n, 433);
    same_count("Oppdragsstudier: study sites", (long)t->nrows, 752);
    same_count("Figur 31: health trusts with commissioned studies", trusts, 17);
    holds("Oppdragsstudier: rows consistent", bad == 0 && mixed == 0,
          "one type, phase and region per study and trust",
          "%ld bad rows, %ld studies with mixed rows", bad, mixed);
    check_study_types(s, n);
    check_study_spread(s, n);
    free(s);
    tbl_free(t);
}

/* ---------------------------------------------------------------------
 * Publications and researchers (NVA)
 */

static const csvin_column researcher_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "forskere_kvinner", .type = CSVIN_INT},
    {.name = "forskere_menn", .type = CSVIN_INT},
    {.name = "forsteforfatter_kvinner", .type = CSVIN_INT},
    {.name = "forsteforfatter_menn", .type = CSVIN_INT},
    {.name = "sisteforfatter_kvinner", .type = CSVIN_INT},
    {.name = "sisteforfatter_menn", .type = CSVIN_INT},
    {.name = "forskere_internasjonalt", .type = CSVIN_INT},
};

/* Returns women's share in percent of the pair of columns prefix_kvinner
 * and prefix_menn in row r. */
static double women_share(const tbl *t, const char *prefix, size_t r)
{
    char w[64], m[64];

    snprintf(w, sizeof w, "%s_kvinner", prefix);
    snprintf(m, sizeof m, "%s_menn", prefix);
    return 100.0 * num(t, w)[r] / (num(t, w)[r] + num(t, m)[r]);
}

/* Figure 4: first authors 2019–2025, stable at 56 percent women. */
static void check_first_authors(const tbl *t)
{
    double total = 0, low = 100, high = 0;
    long more_women = 0;

    for (int y = 2019; y <= 2025; y++) {
        long r = year_row(t, y);
        double share = r < 0 ? 0 : women_share(t, "forsteforfatter", r);

        total += share;
        low = share < low ? share : low;
        high = share > high ? share : high;
    }
    for (size_t i = 0; i < t->nrows; i++)
        more_women += women_share(t, "forsteforfatter", i) > 50;
    line(round_to(total / 7, 0) == 56,
         "Figur 4: women first authors 2019–2025, mean of years = %.0f %% "
         "(published 56 %%)",
         round_to(total / 7, 0));
    holds("Figur 4: women first authors 2019–2025", high - low <= 2, "stable",
          "%.1f–%.1f %%", low, high);
    holds("Figur 4: years with more women than men as first author",
          more_women == (long)t->nrows, "more women than men",
          "%ld of %zu years", more_women, t->nrows);
}

/* Figure 4: men are the larger share of last authors, while women's
 * share rises a little from row from to row to. */
static void check_last_authors(const tbl *t, long from, long to)
{
    double before = women_share(t, "sisteforfatter", (size_t)from);
    double now = women_share(t, "sisteforfatter", (size_t)to);

    holds("Figur 4: last authors 2025", now < 50, "a larger share of men",
          "women %.1f %%", now);
    holds("Figur 4: women last authors 2019 to 2025",
          now > before && now - before < 10, "a small increase",
          "%.1f to %.1f %%", before, now);
}

/* Figure 4: researchers, last authors and international collaboration. */
static void check_researchers(void)
{
    tbl *t = load("publiserende_forskere.csv", researcher_cols,
                  COUNT(researcher_cols));
    long a, b, c;
    double first, last, growth;

    if (!t)
        return;
    same_years("Figur 4: publishing researchers", t, 2011, 2025);
    a = year_row(t, 2011);
    b = year_row(t, 2019);
    c = year_row(t, 2025);
    if (a < 0 || b < 0 || c < 0) {
        tbl_free(t);
        return;
    }
    first = num(t, "forskere_kvinner")[a] + num(t, "forskere_menn")[a];
    last = num(t, "forskere_kvinner")[c] + num(t, "forskere_menn")[c];
    growth = 100.0 * (last - first) / first;
    holds("Figur 4: publishing researchers 2011–2025", growth > 50,
          "up over 50 %", "%.0f to %.0f, +%.1f %%", first, last, growth);
    check_first_authors(t);
    check_last_authors(t, b, c);
    same_percent("International collaboration: researchers 2011",
                 num(t, "forskere_internasjonalt")[a], first, 45);
    same_percent("International collaboration: researchers 2025",
                 num(t, "forskere_internasjonalt")[c], last, 59);
    tbl_free(t);
}

static const csvin_column collab_cols[] = {
    {.name = "regioner", .type = CSVIN_INT},
    {.name = "uh_sektor", .type = CSVIN_FLAG},
    {.name = "alle_regioner_begge_sektorer", .type = CSVIN_FLAG},
    {.name = "internasjonal", .type = CSVIN_FLAG},
    {.name = "publikasjoner", .type = CSVIN_INT},
};

static const csvin_column article_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "artikler", .type = CSVIN_INT},
};

/* Returns the publications in rows where flag column (or, when flag is
 * NULL, any row) is set and regioner is at least min_regions. */
static double publications(const tbl *t, const char *flag, int min_regions)
{
    const double *n = num(t, "publikasjoner");
    const double *reg = num(t, "regioner");
    double s = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if ((!flag || num(t, flag)[i] == 1) && reg[i] >= min_regions)
            s += n[i];
    return s;
}

/* Figures 5 and 6: collaboration in the publications of 2025. */
static void check_publications(void)
{
    tbl *t = load("publikasjonssamarbeid.csv", collab_cols, COUNT(collab_cols));
    tbl *a = load("artikler.csv", article_cols, COUNT(article_cols));
    double all;
    long r;

    if (!t || !a) {
        tbl_free(t);
        tbl_free(a);
        return;
    }
    all = publications(t, NULL, 1);
    r = year_row(a, 2025);
    holds("Figur 5: publications 2025 equal the articles of 2025",
          r >= 0 && all == num(a, "artikler")[r], "the same publications",
          "%.0f and %.0f", all, r >= 0 ? num(a, "artikler")[r] : 0.0);
    same_percent("Figur 5: hospital and university-sector publications",
                 publications(t, "uh_sektor", 1), all, 79);
    same_count("Figur 5: all regions and both sectors",
               (long)publications(t, "alle_regioner_begge_sektorer", 4), 19);
    same_percent("Figur 6: publications from two or more regions",
                 publications(t, NULL, 2), all, 16);
    same_count("Figur 6: publications from all four regions",
               (long)publications(t, NULL, 4), 64);
    same_percent("Figur 6: publications from all four regions",
                 publications(t, NULL, 4), all, 1);
    same_percent("International collaboration: publications 2025",
                 publications(t, "internasjonal", 1), all, 61);
    tbl_free(t);
    tbl_free(a);
}

/* ---------------------------------------------------------------------
 * Other series: grants, commercialisation, user participation, points
 */

static const csvin_column grant_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "doktorgrad", .type = CSVIN_INT},
    {.name = "postdoktor", .type = CSVIN_INT},
    {.name = "forskerstipend", .type = CSVIN_INT},
    {.name = "andre", .type = CSVIN_INT},
};

static const csvin_column tto_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "forretningsideer", .type = CSVIN_INT},
    {.name = "bedriftsetableringer", .type = CSVIN_INT},
    {.name = "lisensavtaler", .type = CSVIN_INT},
    {.name = "lisensavtaler_korrigert", .type = CSVIN_FLAG},
};

static const csvin_column user_share_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "andel_alle", .type = CSVIN_NUMBER},
    {.name = "andel_klinisk", .type = CSVIN_NUMBER},
    {.name = "andel_annen", .type = CSVIN_NUMBER},
};

static const csvin_column points_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "eu_kr", .type = CSVIN_INT},
    {.name = "forskningsradet_kr", .type = CSVIN_INT},
};

/* Figure 9: grants 2021–2025. */
static void check_grants(void)
{
    tbl *t = load("stipend.csv", grant_cols, COUNT(grant_cols));

    if (!t)
        return;
    same_years("Figur 9: grants", t, 2021, 2025);
    same_count("Figur 9: grants 2021–2025",
               (long)(sum(t, "doktorgrad") + sum(t, "postdoktor") +
                      sum(t, "forskerstipend") + sum(t, "andre")),
               1115);
    tbl_free(t);
}

/* Figure 26: commercialisation through the TTOs, 2015–2025. */
static void check_tto(void)
{
    tbl *t = load("kommersialisering.csv", tto_cols, COUNT(tto_cols));
    const double *fixed;
    int ok = 1;

    if (!t)
        return;
    same_years("Figur 26: commercialisation", t, 2015, 2025);
    fixed = num(t, "lisensavtaler_korrigert");
    for (size_t i = 0; i < t->nrows; i++) {
        double y = num(t, "aar")[i];

        ok = ok && (fixed[i] == 1) == (y == 2023 || y == 2024);
    }
    holds("Figur 26: corrected licence numbers", ok, "2023 and 2024",
          "%.0f rows flagged", sum(t, "lisensavtaler_korrigert"));
    tbl_free(t);
}

/* Figures 34 and 37: earlier years of user participation in research. */
static void check_user_series(void)
{
    tbl *t = load("brukermedvirkning_midler.csv", user_share_cols,
                  COUNT(user_share_cols));
    const double *clin, *other;
    long from = -1, higher = 0, missing = 0;

    if (!t)
        return;
    same_years("Figur 34: share of funds with user participation", t, 2014,
               2024);
    clin = num(t, "andel_klinisk");
    other = num(t, "andel_annen");
    for (size_t i = 0; i < t->nrows; i++) {
        int y = (int)num(t, "aar")[i];

        if (y < 2020) {
            missing += !isnan(clin[i]) || !isnan(other[i]);
            continue;
        }
        if (from < 0)
            from = y;
        missing += isnan(clin[i]) || isnan(other[i]);
        higher += clin[i] > other[i];
    }
    holds("Figur 37: years with clinical and other research",
          from == 2020 && missing == 0, "2020–2024 before 2025",
          "from %ld, %ld misplaced values", from, missing);
    holds("Figur 37: clinical research above other research",
          higher == 2024 - 2020 + 1, "most user participation in clinical",
          "%ld of 5 years", higher);
    tbl_free(t);
}

/* The external-funding indicator: ten points per million kroner from
 * the EU, one per million from the Research Council. */
static void check_points(void)
{
    tbl *t = load("ekstern_finansiering.csv", points_cols, COUNT(points_cols));
    long a, b;
    double first, last;

    if (!t)
        return;
    same_years("Målesystem: external funding", t, 2013, 2025);
    a = year_row(t, 2013);
    b = year_row(t, 2025);
    if (a >= 0 && b >= 0) {
        first = 10 * num(t, "eu_kr")[a] / 1e6 +
                num(t, "forskningsradet_kr")[a] / 1e6;
        last = 10 * num(t, "eu_kr")[b] / 1e6 +
               num(t, "forskningsradet_kr")[b] / 1e6;
        holds("Målesystem: external-funding points 2013 to 2025",
              last / first >= 4.5 && last / first < 5, "nearly five-fold",
              "%.0f to %.0f points, ×%.2f", first, last, last / first);
    }
    tbl_free(t);
}

/* ---------------------------------------------------------------------
 * Regional innovation money and quoted facts
 */

static const csvin_column money_cols[] = {
    {.name = "region", .type = CSVIN_TEXT},
    {.name = "tildeling", .type = CSVIN_TEXT},
    {.name = "tildelt_kr", .type = CSVIN_INT},
    {.name = "prosjekter", .type = CSVIN_INT},
    {.name = "ideoverforinger", .type = CSVIN_INT},
    {.name = "merknad", .type = CSVIN_TEXT},
};

static const csvin_column fact_cols[] = {
    {.name = "indikator", .type = CSVIN_TEXT},
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "verdi", .type = CSVIN_INT},
    {.name = "enhet", .type = CSVIN_TEXT},
    {.name = "kilde", .type = CSVIN_TEXT},
};

/* Returns the value of fact key, or NaN after a FAIL line. */
static double fact(const tbl *t, const char *key)
{
    long r = find_row(t, "indikator", key);

    if (r < 0) {
        line(0, "fakta.csv: no row %s", key);
        return NAN;
    }
    return num(t, "verdi")[r];
}

/* Returns the sum of column over the rows of region. */
static double region_sum(const tbl *t, const char *region, const char *column)
{
    char *const *reg = txt(t, "region");
    const double *v = num(t, column);
    double s = 0;

    for (size_t i = 0; i < t->nrows; i++)
        if (reg[i] && strcmp(reg[i], region) == 0 && !isnan(v[i]))
            s += v[i];
    return s;
}

/* Returns the row of the allocation named tildeling, or -1 after a FAIL
 * line. */
static long allocation(const tbl *t, const char *tildeling)
{
    long r = find_row(t, "tildeling", tildeling);

    if (r < 0)
        line(0, "innovasjonsmidler.csv: no row %s", tildeling);
    return r;
}

/* Checks one allocation: its money and the projects it funded. */
static void same_allocation(const tbl *t, const char *what,
                            const char *tildeling, double mnok, long projects)
{
    long r = allocation(t, tildeling);
    char label[160];

    if (r < 0)
        return;
    snprintf(label, sizeof label, "%s: money", what);
    same_millions(label, num(t, "tildelt_kr")[r], mnok, 1);
    snprintf(label, sizeof label, "%s: projects", what);
    same_count(label, (long)num(t, "prosjekter")[r], projects);
}

static void check_innovation_money(const tbl *facts)
{
    tbl *t = load("innovasjonsmidler.csv", money_cols, COUNT(money_cols));
    long r;

    if (!t)
        return;
    same_allocation(t, "Helse Midt-Norge, January 2025", "Alle kategorier",
                    16.1, 28);
    same_allocation(t, "Helse Nord, open call (projects) and strategic",
                    "Åpen utlysning og strategisk tildeling", 11.8, 11);
    same_allocation(t, "Helse Sør-Øst, priority area",
                    "Tjenesteinnovasjon og samhandling – prioritert område", 19,
                    11);
    same_allocation(t, "Helse Sør-Øst, other service innovation",
                    "Tjenesteinnovasjon og samhandling – øvrige", 16, 8);
    r = allocation(t, "Tjenesteinnovasjon og samhandling – øvrige");
    if (r >= 0)
        same_count("Helse Sør-Øst: idea transfers",
                   (long)num(t, "ideoverforinger")[r], 15);
    same_allocation(t, "Helse Sør-Øst, research-based innovation",
                    "Forskningsbasert innovasjon", 5, 10);
    same_allocation(t, "Helse Vest, 2025",
                    "Nye innovasjonsprosjekter og idéoverføringer", 19, 23);
    same_millions("Helse Sør-Øst: money earmarked, sum of allocations",
                  region_sum(t, "Helse Sør-Øst", "tildelt_kr"), 40, 0);
    same_millions("Helse Sør-Øst: money earmarked (fakta.csv)",
                  fact(facts, "helse_sor_ost_innovasjonsmidler_oremerket"), 40,
                  0);
    tbl_free(t);
}

static void check_facts(const tbl *t)
{
    same_amount("Ressursbruk: research costs in hospitals 2023",
                fact(t, "forskningskostnader_sykehus") / 1e9, "billion kr", 5.4,
                1);
    same_amount("KLINBEFORSK: awarded since 2016 (over)",
                fact(t, "klinbeforsk_tildelt_siden_2016") / 1e9, "billion kr",
                1.67, 2);
    same_count("KLINBEFORSK: projects since 2016",
               (long)fact(t, "klinbeforsk_prosjekter_siden_2016"), 86);
    same_count("Målesystem: weight of publications, degrees, funding, %",
               (long)fact(t, "malesystem_andel_publikasjoner_doktorgrader_"
                             "ekstern"),
               85);
    same_count("Målesystem: weight of KBS, %",
               (long)fact(t, "malesystem_andel_kbs"), 15);
    same_count("Målesystem: points per million kroner from the EU",
               (long)fact(t, "malesystem_poeng_per_million_eu"), 10);
    same_count("Målesystem: points per million from the Research Council",
               (long)fact(t, "malesystem_poeng_per_million_forskningsradet"),
               1);
    same_millions("Helse Vest: yearly innovation call, lowest",
                  fact(t, "helse_vest_innovasjonsmidler_aarlig_min"), 16, 0);
    same_millions("Helse Vest: yearly innovation call, highest",
                  fact(t, "helse_vest_innovasjonsmidler_aarlig_maks"), 19, 0);
    same_count("Helse Vest: active innovation projects, about",
               (long)fact(t, "helse_vest_aktive_innovasjonsprosjekter"), 50);
    same_count("NorTrials: national centres", (long)fact(t, "nortrials_sentre"),
               6);
}

/* ---------------------------------------------------------------------
 * The first section's files: degrees, articles, treatment studies
 */

static const csvin_column degree_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "kvinner", .type = CSVIN_INT},
    {.name = "menn", .type = CSVIN_INT},
};

static const csvin_column field_cols[] = {
    {.name = "fag", .type = CSVIN_TEXT},
    {.name = "antall", .type = CSVIN_INT},
};

static const csvin_column inclusion_cols[] = {
    {.name = "aar", .type = CSVIN_YEAR},
    {.name = "studier", .type = CSVIN_INT},
    {.name = "pasienter", .type = CSVIN_INT},
};

static const csvin_column kbs_kind_cols[] = {
    {.name = "kategori", .type = CSVIN_TEXT},
    {.name = "studier", .type = CSVIN_INT},
};

/* Figure 1: degrees 2007–2025 and the candidates' fields. */
static void check_degrees(void)
{
    tbl *t = load("doktorgrader.csv", degree_cols, COUNT(degree_cols));
    tbl *f = load("doktorgrader_fag.csv", field_cols, COUNT(field_cols));
    static const struct {
        const char *fag;
        int share;
    } fields[] = {
        {"Leger", 58},
        {"Naturvitenskap og teknologi", 22},
        {"Helsefag/-vitenskap", 8},
        {"Psykologi", 7},
    };
    double total = 0;

    if (t) {
        same_years("Figur 1: doctoral degrees", t, 2007, 2025);
        total = sum(t, "kvinner") + sum(t, "menn");
        same_count("Figur 1: doctoral degrees 2007–2025", (long)total, 5524);
    }
    if (f) {
        same_count("Figur 1: candidates by field, all", (long)sum(f, "antall"),
                   5524);
        for (size_t k = 0; k < COUNT(fields); k++) {
            long r = find_row(f, "fag", fields[k].fag);
            char what[96];

            snprintf(what, sizeof what, "Figur 1: candidates, %s",
                     fields[k].fag);
            same_percent(what, r < 0 ? 0 : num(f, "antall")[r],
                         sum(f, "antall"), fields[k].share);
        }
    }
    tbl_free(t);
    tbl_free(f);
}

/* Table 1: studies and patients per year. */
static void check_inclusion(void)
{
    tbl *t = load("kbs_inklusjon.csv", inclusion_cols, COUNT(inclusion_cols));
    static const long published[][3] = {
        {2020, 497, 13783}, {2021, 485, 15066}, {2022, 507, 19449},
        {2023, 504, 20943}, {2024, 509, 17907}, {2025, 476, 16259},
    };

    if (!t)
        return;
    same_years("Tabell 1: clinical treatment studies", t, 2020, 2025);
    for (size_t k = 0; k < COUNT(published); k++) {
        long r = year_row(t, (int)published[k][0]);
        char what[96];

        snprintf(what, sizeof what, "Tabell 1: studies %ld", published[k][0]);
        same_count(what, r < 0 ? -1 : (long)num(t, "studier")[r],
                   published[k][1]);
        snprintf(what, sizeof what, "Tabell 1: patients %ld", published[k][0]);
        same_count(what, r < 0 ? -1 : (long)num(t, "pasienter")[r],
                   published[k][2]);
    }
    tbl_free(t);
}

/* Figure 3: treatment studies of 2025 by kind. */
static void check_kbs_kinds(void)
{
    tbl *t = load("kbs_faser.csv", kbs_kind_cols, COUNT(kbs_kind_cols));
    char *const *kind;
    const double *n;
    double drug = 0, top = 0;
    const char *top_kind = "";

    if (!t)
        return;
    kind = txt(t, "kategori");
    n = num(t, "studier");
    for (size_t i = 0; i < t->nrows; i++) {
        if (!kind[i] || strncmp(kind[i], "Fase", 4) != 0)
            continue;
        drug += n[i];
        if (n[i] > top) {
            top = n[i];
            top_kind = kind[i];
        }
    }
    same_count("Figur 3: treatment studies 2025", (long)sum(t, "studier"), 476);
    same_percent("Figur 3: drug studies", drug, sum(t, "studier"), 49);
    holds("Figur 3: largest drug-study phase",
          strcmp(top_kind, "Fase III") == 0, "phase III", "%s", top_kind);
    tbl_free(t);
}

static void check_articles(void)
{
    tbl *t = load("artikler.csv", article_cols, COUNT(article_cols));

    if (!t)
        return;
    same_years("Figur 2: scientific articles", t, 2006, 2025);
    tbl_free(t);
}

int main(void)
{
    tbl *prior_t = load("forrige_aar.csv", prior_cols, COUNT(prior_cols));
    tbl *facts = load("fakta.csv", fact_cols, COUNT(fact_cols));

    check_degrees();
    check_articles();
    check_inclusion();
    check_kbs_kinds();
    check_researchers();
    check_publications();
    check_grants();
    if (prior_t) {
        check_prior_published(prior_t);
        check_prior_trends(prior_t);
        check_innovation(prior_t);
    }
    check_tto();
    check_user_series();
    check_points();
    check_studies();
    if (facts) {
        check_facts(facts);
        check_innovation_money(facts);
    }

    tbl_free(prior_t);
    tbl_free(facts);
    printf("%d of the checks failed\n", failures);
    return failures ? 1 : 0;
}
