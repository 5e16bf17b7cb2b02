/*
 * Recomputes every number the 2025 report states about research projects
 * with regional funding (eRapport) from data/2025/forskningsprosjekter.csv,
 * the way an analyst would: counts, sums and shares with the denominator
 * the text names, formatted by the report's own number formatter and
 * compared with the published text. Prints one line per number, "ok" or
 * "FAIL", and first checks that every record is a valid answer. Runs
 * from the source tree; exits 1 when anything differs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "err.h"
#include "fmt.h"
#include "tbl.h"

#define PATH "data/2025/forskningsprosjekter.csv"
#define NBSP "\xc2\xa0"

#define NCATS 5
#define NACTS 2
#define NREGIONS 4
#define NACTIVITIES 8
#define NCATEGORIES 21
#define MAXOPTS 10

static const char *const regions[NREGIONS] = {
    "Helse Midt-Norge", "Helse Nord", "Helse Sør-Øst", "Helse Vest"
};

/* Table 3 rows, in the report's order. */
static const char *const activities[NACTIVITIES] = {
    "Underbyggende forskning", "Årsaksforhold", "Forebygging",
    "Påvisning og diagnose", "Utvikling av behandling",
    "Evaluering av behandling", "Håndtering av sykdom og tilstander",
    "Helsetjenesteforskning"
};

static const char *const categories[NCATEGORIES] = {
    "Blod", "Kreft", "Hjerte og kar", "Medfødte sykdommer", "Øre", "Øye",
    "Infeksjoner", "Betennelse og immunsystem", "Skader og ulykker",
    "Psykisk helse", "Metabolske og endokrine sykdommer",
    "Muskel og skjelett", "Nevrologi", "Munn og mage-tarm",
    "Nyre og urogenitale sykdommer", "Reproduktiv helse og fødsel",
    "Luftveier", "Hud", "Hjerneslag", "Generell helserelevans",
    "Omstridt etiologi og annet"
};

/*
 * A multi-choice question: its column prefix and options. The option
 * named in exclusive ("no", "not relevant") may only be chosen alone;
 * every project answers the question unless optional is set.
 */
typedef struct question {
    const char *prefix;
    const char *options[MAXOPTS];
    const char *exclusive;
    int optional;
} question;

enum { Q_TYPE, Q_AGE, Q_SEX, Q_ADDICTION, Q_MENTAL, Q_AI, Q_INDUSTRY,
       Q_PARTICIPATION, Q_USERS, NQUESTIONS };

static const question questions[NQUESTIONS] = {
    { "type_", { "legemiddelstudie", "annen_behandlingsstudie",
                 "observasjonsstudie", "annen_klinisk", "preklinisk",
                 "annen_forskning" }, NULL, 0 },
    { "alder_", { "barn", "ungdom", "voksne", "eldre", "ikke_relevant" },
      "ikke_relevant", 0 },
    { "kjonn_", { "analyser", "kvinner", "menn", "annet", "nei" }, "nei", 0 },
    { "rus_", { "alkohol", "narkotika", "legemidler", "tobakk", "spill",
                "annet", "nei" }, "nei", 0 },
    { "psyk_", { "angst", "depresjon", "psykose", "spiseforstyrrelser",
                 "personlighetsforstyrrelser", "nevroutvikling", "traume",
                 "annet", "nei" }, "nei", 0 },
    { "ki_", { "hyllevare", "utvikler", "nei" }, "nei", 0 },
    { "industri_", { "medtek", "legemiddel", "digitalisering", "andre",
                     "nei" }, "nei", 0 },
    { "bm_", { "planlegging", "gjennomforing", "analyse", "formidling",
               "referansegruppe", "annet", "nei" }, "nei", 0 },
    { "bruker_", { "pasienter", "parorende", "organisasjoner",
                   "helsepersonell", "andre" }, NULL, 1 },
};

/* The table and the columns the checks use, looked up once. */
typedef struct rp {
    tbl *t;
    size_t n;
    char **id;
    char **region;
    char **trust;
    const double *amount;
    char **cat[NCATS];
    const double *cat_share[NCATS];
    char **act[NACTS];
    const double *act_share[NACTS];
    char **personell;
    const double *skipped;
    const double *flag[NQUESTIONS][MAXOPTS];
} rp;

static int failures;

/* Prints one line comparing a computed text with the published one,
 * counts a mismatch and frees got. */
static void compare(const char *what, char *got, const char *want)
{
    int ok = strcmp(got, want) == 0;

    printf("%s %s = %s (published %s)\n", ok ? "ok  " : "FAIL", what, got,
           want);
    if (!ok)
        failures++;
    free(got);
}

/* Like compare, for a share the report prints differently from what its
 * own counts give (see README.md, Conflicts): the data keeps the counts,
 * so the share must be the one derived from them. */
static void compare_kept(const char *what, char *got, const char *derived,
                         const char *published, const char *counts)
{
    int ok = strcmp(got, derived) == 0;

    printf("%s %s = %s (%s gives %s; report prints %s, see README "
           "Conflicts)\n", ok ? "ok  " : "FAIL", what, got, counts, derived,
           published);
    if (!ok)
        failures++;
    free(got);
}

/* Prints a line for a statement the text makes without a number, or a
 * rule every record must follow; frees detail. */
static void rule(const char *what, int holds, char *detail)
{
    printf("%s %s (%s)\n", holds ? "ok  " : "FAIL", what, detail);
    if (!holds)
        failures++;
    free(detail);
}

/* Returns a whole count as the report prints it in prose. */
static char *count_text(long n)
{
    return fmt_number((double)n, 0, FMT_PROSE);
}

/* Returns num/den as a whole percent the way the prose prints it
 * ("åtte prosent", "20 prosent"). */
static char *pct_text(double num, double den)
{
    return fmt_percent_words(100.0 * num / den);
}

/* Returns an amount in kroner as millions with the given decimals. */
static char *mnok_text(double kroner, int decimals, fmt_style style)
{
    return fmt_number(kroner / 1e6, decimals, style);
}

/* Returns the values of the number or flag column called name, owned by
 * t; the schema guarantees the column exists. */
static const double *num_col(const tbl *t, const char *name)
{
    tbl_column *c = tbl_find(t, name);

    return c->num;
}

/* Returns the strings of the text column called name, owned by t. */
static char **text_col(const tbl *t, const char *name)
{
    tbl_column *c = tbl_find(t, name);

    return c->text;
}

/* Returns the number of options of a question, exclusive one included. */
static int noptions(const question *q)
{
    int k = 0;

    while (k < MAXOPTS && q->options[k])
        k++;
    return k;
}

/* Returns a column of the schema, which owns name. */
static csvin_column column(char *name, csvin_type type)
{
    return (csvin_column){ .name = name, .type = type };
}

/* Returns the schema of the file; the caller frees it with
 * schema_free. */
static csvin_schema *schema_new(void)
{
    static const char *const texts[] = { "prosjekt_id", "region",
                                         "helseforetak", "personell" };
    csvin_schema *s = xmalloc(sizeof *s);
    size_t max = 6 + 2 * NCATS + 2 * NACTS + NQUESTIONS * MAXOPTS;
    csvin_column *cols = xcalloc(max, sizeof *cols);
    size_t n = 0;

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        cols[n++] = column(xstrdup(texts[i]), CSVIN_TEXT);
    cols[n++] = column(xstrdup("midler_2025"), CSVIN_INT);
    cols[n++] = column(xstrdup("personell_ubesvart"), CSVIN_FLAG);
    for (int i = 1; i <= NCATS; i++) {
        cols[n++] = column(err_fmt("hrcs_kategori_%d", i), CSVIN_TEXT);
        cols[n++] = column(err_fmt("hrcs_kategori_andel_%d", i), CSVIN_INT);
    }
    for (int i = 1; i <= NACTS; i++) {
        cols[n++] = column(err_fmt("hrcs_aktivitet_%d", i), CSVIN_TEXT);
        cols[n++] = column(err_fmt("hrcs_aktivitet_andel_%d", i), CSVIN_INT);
    }
    for (int q = 0; q < NQUESTIONS; q++)
        for (int k = 0; k < noptions(&questions[q]); k++)
            cols[n++] = column(err_fmt("%s%s", questions[q].prefix,
                                       questions[q].options[k]),
                               CSVIN_FLAG);

    *s = (csvin_schema){ "forskningsprosjekter", n, cols };
    return s;
}

static void schema_free(csvin_schema *s)
{
    for (size_t i = 0; i < s->ncols; i++)
        free((char *)s->cols[i].name);
    free((csvin_column *)s->cols);
    free(s);
}

/* Looks up every column the checks use. */
static void rp_bind(rp *p, tbl *t)
{
    p->t = t;
    p->n = t->nrows;
    p->id = text_col(t, "prosjekt_id");
    p->region = text_col(t, "region");
    p->trust = text_col(t, "helseforetak");
    p->amount = num_col(t, "midler_2025");
    p->personell = text_col(t, "personell");
    p->skipped = num_col(t, "personell_ubesvart");

    for (int i = 0; i < NCATS; i++) {
        char *name = err_fmt("hrcs_kategori_%d", i + 1);
        char *share = err_fmt("hrcs_kategori_andel_%d", i + 1);

        p->cat[i] = text_col(t, name);
        p->cat_share[i] = num_col(t, share);
        free(name);
        free(share);
    }
    for (int i = 0; i < NACTS; i++) {
        char *name = err_fmt("hrcs_aktivitet_%d", i + 1);
        char *share = err_fmt("hrcs_aktivitet_andel_%d", i + 1);

        p->act[i] = text_col(t, name);
        p->act_share[i] = num_col(t, share);
        free(name);
        free(share);
    }
    for (int q = 0; q < NQUESTIONS; q++)
        for (int k = 0; k < noptions(&questions[q]); k++) {
            char *name = err_fmt("%s%s", questions[q].prefix,
                                 questions[q].options[k]);

            p->flag[q][k] = num_col(t, name);
            free(name);
        }
}

/* Returns the index of an option in a question; the option must exist. */
static int option_index(int q, const char *option)
{
    for (int k = 0; k < noptions(&questions[q]); k++)
        if (strcmp(questions[q].options[k], option) == 0)
            return k;
    fprintf(stderr, "%s:%d: no option %s%s\n", __FILE__, __LINE__,
            questions[q].prefix, option);
    exit(2);
}

/* Returns whether project i chose an option of question q. */
static int has(const rp *p, int q, const char *option, size_t i)
{
    return p->flag[q][option_index(q, option)][i] != 0;
}

/* Returns how many options of question q project i chose, leaving out
 * the exclusive "no" option. */
static int nchosen(const rp *p, int q, size_t i)
{
    const question *qu = &questions[q];
    int n = 0;

    for (int k = 0; k < noptions(qu); k++) {
        if (qu->exclusive && strcmp(qu->options[k], qu->exclusive) == 0)
            continue;
        n += p->flag[q][k][i] != 0;
    }
    return n;
}

/* Returns whether project i answered yes to question q (any option but
 * the exclusive one). */
static int yes(const rp *p, int q, size_t i)
{
    return nchosen(p, q, i) > 0;
}

/* Returns whether project i is clinical research: any of the four
 * clinical types (treatment studies of both kinds, observational
 * studies, other clinical research). */
static int clinical(const rp *p, size_t i)
{
    return has(p, Q_TYPE, "legemiddelstudie", i) ||
           has(p, Q_TYPE, "annen_behandlingsstudie", i) ||
           has(p, Q_TYPE, "observasjonsstudie", i) ||
           has(p, Q_TYPE, "annen_klinisk", i);
}

/* Returns whether project i's personnel-saving answer is yes: saving
 * is a purpose of the project or may become an effect of it. */
static int saves_personnel(const rp *p, size_t i)
{
    const char *a = p->personell[i];

    return a && (strcmp(a, "formaal") == 0 || strcmp(a, "effekt") == 0);
}

/* Returns the index of s in a list of n names, or -1. */
static int name_index(const char *const *list, int n, const char *s)
{
    for (int k = 0; s && k < n; k++)
        if (strcmp(list[k], s) == 0)
            return k;
    return -1;
}

/* Returns "file:line" of row i. */
static char *where(const rp *p, size_t i)
{
    return err_fmt("%s:%ld", PATH, p->t->lines ? p->t->lines[i] : 0L);
}

/* Returns the first row whose health categories break the HRCS rules
 * (one to five known, distinct categories, filled from the left, whole
 * shares above 0 that add up to 100), or n. */
static size_t bad_categories(const rp *p)
{
    for (size_t i = 0; i < p->n; i++) {
        double sum = 0;
        int seen[NCATEGORIES] = { 0 }, gap = 0;

        for (int c = 0; c < NCATS; c++) {
            int k = name_index(categories, NCATEGORIES, p->cat[c][i]);
            double s = p->cat_share[c][i];

            if (!p->cat[c][i]) {
                gap = 1;
                if (!isnan(s))
                    return i;
                continue;
            }
            if (gap || k < 0 || seen[k]++ || !(s > 0))
                return i;
            sum += s;
        }
        if (sum != 100)
            return i;
    }
    return p->n;
}

/* Returns the first row whose research activities break the HRCS rules
 * (one or two distinct Table 3 activities with shares adding up to
 * 100), or n. */
static size_t bad_activities(const rp *p)
{
    for (size_t i = 0; i < p->n; i++) {
        int a = name_index(activities, NACTIVITIES, p->act[0][i]);
        int b = name_index(activities, NACTIVITIES, p->act[1][i]);
        double sum = p->act_share[0][i];

        if (a < 0 || !(sum > 0))
            return i;
        if (p->act[1][i]) {
            if (b < 0 || b == a || !(p->act_share[1][i] > 0))
                return i;
            sum += p->act_share[1][i];
        } else if (!isnan(p->act_share[1][i])) {
            return i;
        }
        if (sum != 100)
            return i;
    }
    return p->n;
}

/* Returns the first row that answers question q in a way the survey
 * does not allow (nothing chosen on a mandatory question, or the
 * exclusive option with others), or n. User groups are asked only of
 * projects with user participation, and then mandatory. */
static size_t bad_answer(const rp *p, int q)
{
    const question *qu = &questions[q];

    for (size_t i = 0; i < p->n; i++) {
        int n = nchosen(p, q, i);
        int excl = qu->exclusive && has(p, q, qu->exclusive, i);

        if (q == Q_USERS && (n > 0) != yes(p, Q_PARTICIPATION, i))
            return i;
        if (!qu->optional && n == 0 && !excl)
            return i;
        if (excl && n > 0)
            return i;
    }
    return p->n;
}

/* Returns the first row with an unknown region, trust or personnel
 * answer, funds that are not a positive whole number, a skip flag that
 * disagrees with the answer, or a repeated project id; or n. */
static size_t bad_basics(const rp *p)
{
    static const char *const answers[] = { "formaal", "effekt", "nei",
                                           "vet_ikke" };

    for (size_t i = 0; i < p->n; i++) {
        const char *a = p->personell[i];

        if (name_index(regions, NREGIONS, p->region[i]) < 0 ||
            !p->trust[i] || !p->id[i] || !(p->amount[i] > 0))
            return i;
        if (a && name_index(answers, 4, a) < 0)
            return i;
        if ((a == NULL) != (p->skipped[i] != 0))
            return i;
        for (size_t j = 0; j < i; j++)
            if (strcmp(p->id[i], p->id[j]) == 0)
                return i;
    }
    return p->n;
}

/* Prints a rule line for a row check: the row found, if any, is the
 * first that breaks it. */
static void row_rule(const rp *p, const char *what, size_t bad)
{
    rule(what, bad == p->n,
         bad == p->n ? err_fmt("%zu rows", p->n) : where(p, bad));
}

static void check_records(const rp *p)
{
    row_rule(p, "file: ids unique, known regions, funds > 0, personnel "
             "answer known and its skip flag right", bad_basics(p));
    row_rule(p, "HRCS: one to five health categories per project, shares "
             "add up to 100", bad_categories(p));
    row_rule(p, "HRCS: one or two research activities per project, shares "
             "add up to 100", bad_activities(p));
    for (int q = 0; q < NQUESTIONS; q++) {
        char *what = err_fmt("file: question %s* answered as the survey "
                             "allows", questions[q].prefix);

        row_rule(p, what, bad_answer(p, q));
        free(what);
    }
}

/* Returns the sum of funds of projects for which test holds (all when
 * test is NULL). */
static double funds(const rp *p, int (*test)(const rp *, size_t))
{
    double s = 0;

    for (size_t i = 0; i < p->n; i++)
        if (!test || test(p, i))
            s += p->amount[i];
    return s;
}

/* Returns the number of projects for which test holds. */
static long count(const rp *p, int (*test)(const rp *, size_t))
{
    long n = 0;

    for (size_t i = 0; i < p->n; i++)
        n += test(p, i) != 0;
    return n;
}

/* Returns the number of projects choosing at least min options of q. */
static long count_chosen(const rp *p, int q, int min)
{
    long n = 0;

    for (size_t i = 0; i < p->n; i++)
        n += nchosen(p, q, i) >= min;
    return n;
}

/* Returns the number of projects that chose an option of q. */
static long count_option(const rp *p, int q, const char *option)
{
    long n = 0;

    for (size_t i = 0; i < p->n; i++)
        n += has(p, q, option, i);
    return n;
}

/* Returns the funds of project i that its shares give to a health
 * category, or to an activity when act is set. */
static double part(const rp *p, size_t i, const char *name, int act)
{
    int slots = act ? NACTS : NCATS;
    double s = 0;

    for (int c = 0; c < slots; c++) {
        const char *got = act ? p->act[c][i] : p->cat[c][i];
        double share = act ? p->act_share[c][i] : p->cat_share[c][i];

        if (got && strcmp(got, name) == 0)
            s += p->amount[i] * share / 100;
    }
    return s;
}

/* Returns the funds a region (or all, when region is NULL) gives to a
 * health category or an activity. */
static double split_funds(const rp *p, const char *region, const char *name,
                          int act)
{
    double s = 0;

    for (size_t i = 0; i < p->n; i++)
        if (!region || strcmp(p->region[i], region) == 0)
            s += part(p, i, name, act);
    return s;
}

static int is_only_young(const rp *p, size_t i)
{
    return (has(p, Q_AGE, "barn", i) || has(p, Q_AGE, "ungdom", i)) &&
           !has(p, Q_AGE, "voksne", i) && !has(p, Q_AGE, "eldre", i);
}

static int is_only_old(const rp *p, size_t i)
{
    return has(p, Q_AGE, "eldre", i) && nchosen(p, Q_AGE, i) == 1;
}

static int has_adults(const rp *p, size_t i)
{
    return has(p, Q_AGE, "voksne", i) || has(p, Q_AGE, "eldre", i);
}

static int is_other_clinical(const rp *p, size_t i)
{
    return has(p, Q_TYPE, "annen_klinisk", i);
}

/* Figures 7, 8, 10 and 11 and the section's text. */
static void check_fields(const rp *p)
{
    double total = funds(p, NULL), cats = 0, acts = 0;

    for (int c = 0; c < NCATEGORIES; c++)
        cats += split_funds(p, NULL, categories[c], 0);
    for (int a = 0; a < NACTIVITIES; a++)
        acts += split_funds(p, NULL, activities[a], 1);

    compare("Datagrunnlag: funds of projects in eRapport, 2025",
            fmt_money(total, 1), "1,2 milliarder kroner");
    rule("Datagrunnlag: \"nesten\" 1,2 milliarder, i.e. below it",
         total < 1.2e9, err_fmt("%.0f kroner", total));
    compare("Fagområder: projects reporting in eRapport",
            count_text((long)p->n), "1635");
    compare("Figur 7: funds by health category, MNOK",
            mnok_text(cats, 0, FMT_TABLE), "1" NBSP "192");
    compare("Figur 8: funds by research activity, MNOK",
            mnok_text(acts, 0, FMT_TABLE), "1" NBSP "192");
    compare("Figur 10: projects with two or more types of research",
            pct_text(count_chosen(p, Q_TYPE, 2), p->n), "15 prosent");
    compare("Figur 10: share of funds to clinical research",
            pct_text(funds(p, clinical), total), "78 prosent");
    compare("Figur 10: projects in \"annen klinisk forskning\"",
            pct_text(count(p, is_other_clinical), p->n), "24 prosent");
    compare("Figur 11: projects on children and/or youth only",
            pct_text(count(p, is_only_young), p->n), "åtte prosent");
    compare("Figur 11: projects on adults 65 and over only",
            pct_text(count(p, is_only_old), p->n), "fem prosent");
    rule("Figur 11: most research is on the adult population",
         2 * count(p, has_adults) > (long)p->n,
         err_fmt("%ld of %zu projects include adults", count(p, has_adults),
                 p->n));
}

static int is_sex_specific(const rp *p, size_t i)
{
    return yes(p, Q_SEX, i);
}

static int is_analyses_alone(const rp *p, size_t i)
{
    return has(p, Q_SEX, "analyser", i) && nchosen(p, Q_SEX, i) == 1;
}

static int is_women_alone(const rp *p, size_t i)
{
    return has(p, Q_SEX, "kvinner", i) && nchosen(p, Q_SEX, i) == 1;
}

/* Kvinnehelse and Figure 12. */
static void check_womens_health(const rp *p)
{
    double total = funds(p, NULL), sex = funds(p, is_sex_specific);
    long analyses = count_option(p, Q_SEX, "analyser");

    compare("Kvinnehelse: funds to projects with sex-specific research, "
            "MNOK", mnok_text(sex, 0, FMT_PROSE), "592");
    compare("Kvinnehelse: their share of funds", pct_text(sex, total),
            "50 prosent");
    compare("Kvinnehelse: projects using sex-specific analyses",
            count_text(analyses), "510");
    compare("Kvinnehelse: their share of projects",
            pct_text(analyses, p->n), "31 prosent");
    compare("Kvinnehelse: of those, sex-specific analyses alone",
            pct_text(count(p, is_analyses_alone), analyses), "75 prosent");
    compare("Figur 12: projects with two or more options",
            pct_text(count_chosen(p, Q_SEX, 2), p->n), "åtte prosent");
    compare("Kvinnehelse: projects with only \"Tilstander som i hovedsak "
            "rammer kvinner\"", count_text(count(p, is_women_alone)), "169");
}

static int is_addiction(const rp *p, size_t i)
{
    return yes(p, Q_ADDICTION, i);
}

static int is_mental(const rp *p, size_t i)
{
    return yes(p, Q_MENTAL, i);
}

/* Rusomsorg og psykisk helse, Figures 13 and 14. */
static void check_addiction_mental(const rp *p)
{
    long rus = count(p, is_addiction), psyk = count(p, is_mental);

    compare("Figur 13: projects on addiction research", count_text(rus),
            "102");
    compare("Figur 13: their funds, MNOK",
            mnok_text(funds(p, is_addiction), 1, FMT_PROSE), "56,9");
    compare("Figur 13: of those, more than one type",
            pct_text(count_chosen(p, Q_ADDICTION, 2), rus), "33 prosent");
    compare("Figur 14: projects on mental health", count_text(psyk), "359");
    compare("Figur 14: their funds, MNOK",
            mnok_text(funds(p, is_mental), 0, FMT_PROSE), "256");
    compare("Figur 14: of those, more than one diagnosis group",
            pct_text(count_chosen(p, Q_MENTAL, 2), psyk), "31 prosent");
    compare("Figur 14: of those, trauma-related disorders",
            pct_text(count_option(p, Q_MENTAL, "traume"), psyk),
            "åtte prosent");
}

static int is_ai(const rp *p, size_t i)
{
    return yes(p, Q_AI, i);
}

static int is_ai_both(const rp *p, size_t i)
{
    return has(p, Q_AI, "hyllevare", i) && has(p, Q_AI, "utvikler", i);
}

/* Returns the number of projects with a personnel-saving answer, among
 * those using AI (ai = 1), not using it (ai = 0) or all (ai = -1). */
static long count_personnel(const rp *p, const char *answer, int ai)
{
    long n = 0;

    for (size_t i = 0; i < p->n; i++) {
        const char *a = p->personell[i];

        if (ai >= 0 && is_ai(p, i) != ai)
            continue;
        n += a && strcmp(a, answer) == 0;
    }
    return n;
}

/* Table 2: one row, the shares of yes (purpose or effect), no and
 * don't know among projects of that row that answered both questions. */
static void check_table2_row(const rp *p, int ai, const char *const *want)
{
    const char *row = ai ? "Benytter KI" : "Benytter ikke KI";
    long yes_n = count_personnel(p, "formaal", ai) +
                 count_personnel(p, "effekt", ai);
    long no_n = count_personnel(p, "nei", ai);
    long dk_n = count_personnel(p, "vet_ikke", ai);
    double den = (double)(yes_n + no_n + dk_n);
    long cells[3] = { yes_n, no_n, dk_n };
    const char *cols[3] = { "Ja", "Nei", "Vet ikke" };

    for (int c = 0; c < 3; c++) {
        char *what = err_fmt("Tabell 2: %s, %s", row, cols[c]);

        compare(what, fmt_percent(100.0 * cells[c] / den, 0, FMT_TABLE),
                want[c]);
        free(what);
    }
}

/* Personellbesparende løsninger og KI: Figures 15 and 16, Table 2. */
static void check_personnel_ai(const rp *p)
{
    static const char *const ai_row[] = { "47" NBSP "%", "33" NBSP "%",
                                          "21" NBSP "%" };
    static const char *const no_ai_row[] = { "22" NBSP "%", "56" NBSP "%",
                                             "22" NBSP "%" };
    double total = funds(p, NULL);
    long ai = count(p, is_ai);
    char *derived = pct_text(472, 1635);

    compare("Figur 15: personnel saving is a purpose",
            pct_text(count_personnel(p, "formaal", -1), p->n),
            "seks prosent");
    compare("Figur 15: personnel saving may be an effect",
            pct_text(count_personnel(p, "effekt", -1), p->n), "22 prosent");
    compare("Figur 15: projects with either answer",
            count_text(count(p, saves_personnel)), "461");
    compare("Figur 15: their funds, MNOK",
            mnok_text(funds(p, saves_personnel), 0, FMT_PROSE), "385");
    compare("Figur 15: their share of funds",
            pct_text(funds(p, saves_personnel), total), "32 prosent");
    compare("Figur 16: projects using AI", count_text(ai), "472");
    compare_kept("Figur 16: share of projects using AI", pct_text(ai, p->n),
                 derived, "28 prosent", "472 of 1635");
    compare("Figur 16: funds of projects using AI, MNOK",
            mnok_text(funds(p, is_ai), 0, FMT_PROSE), "407");
    compare("Figur 16: their share of funds", pct_text(funds(p, is_ai),
            total), "34 prosent");
    compare("Figur 16: both ready-made AI and own algorithms",
            count_text(count(p, is_ai_both)), "51");
    check_table2_row(p, 1, ai_row);
    check_table2_row(p, 0, no_ai_row);
    free(derived);
}

/* Table 3: the published cells, in tenths of a million kroner, by
 * activity (rows) and region (columns). */
static const char *const table3[NACTIVITIES][NREGIONS] = {
    { "26,8", "12,9", "79,2", "12,9" }, { "31,0", "10,9", "81,3", "16,0" },
    { "25,6", "11,8", "33,1", "13,7" }, { "65,5", "29,4", "102,2", "57,6" },
    { "32,3", "16,5", "114,5", "41,5" }, { "40,1", "21,8", "110,6", "38,7" },
    { "17,5", "8,6", "36,0", "23,0" }, { "16,5", "14,2", "32,2", "18,2" },
};
static const char *const table3_share[NACTIVITIES] = {
    "11,1" NBSP "%", "11,7" NBSP "%", "7,1" NBSP "%", "21,4" NBSP "%",
    "17,2" NBSP "%", "17,7" NBSP "%", "7,1" NBSP "%", "6,8" NBSP "%",
};
static const char *const table3_total[NREGIONS] = {
    "255,2", "126,0", "589,1", "221,6"
};

/* Table 3 (and Figure 19, drawn from it): every cell, the region totals,
 * the grand total and the national share of each activity. */
static void check_table3(const rp *p)
{
    double total = funds(p, NULL);

    for (int a = 0; a < NACTIVITIES; a++) {
        for (int r = 0; r < NREGIONS; r++) {
            char *what = err_fmt("Tabell 3: %s, %s, MNOK", regions[r],
                                 activities[a]);

            compare(what, mnok_text(split_funds(p, regions[r],
                                                activities[a], 1), 1,
                                    FMT_TABLE), table3[a][r]);
            free(what);
        }
    }
    for (int r = 0; r < NREGIONS; r++) {
        char *what = err_fmt("Tabell 3: %s, all activities, MNOK",
                             regions[r]);
        double s = 0;

        for (int a = 0; a < NACTIVITIES; a++)
            s += split_funds(p, regions[r], activities[a], 1);
        compare(what, mnok_text(s, 1, FMT_TABLE), table3_total[r]);
        free(what);
    }
    compare("Tabell 3: all regions, MNOK", mnok_text(total, 1, FMT_TABLE),
            "1" NBSP "191,9");
    for (int a = 0; a < NACTIVITIES; a++) {
        char *what = err_fmt("Tabell 3: Alle RHF samlet, %s", activities[a]);

        compare(what, fmt_percent(100 * split_funds(p, NULL, activities[a],
                                                    1) / total, 1,
                                  FMT_TABLE), table3_share[a]);
        free(what);
    }
}

/* Fills top[0..4] with the indexes of the five health categories with
 * most funds in a region (all regions when region is NULL). */
static void top_five(const rp *p, const char *region, int top[5])
{
    double sums[NCATEGORIES];
    int used[NCATEGORIES] = { 0 };

    for (int c = 0; c < NCATEGORIES; c++)
        sums[c] = split_funds(p, region, categories[c], 0);
    for (int k = 0; k < 5; k++) {
        int best = -1;

        for (int c = 0; c < NCATEGORIES; c++)
            if (!used[c] && (best < 0 || sums[c] > sums[best]))
                best = c;
        used[best] = 1;
        top[k] = best;
    }
}

/* Returns whether category c is among top. */
static int in_top(const int top[5], int c)
{
    for (int k = 0; k < 5; k++)
        if (top[k] == c)
            return 1;
    return 0;
}

/* Figures 17 and 18: the five largest health categories, nationally and
 * per region, and cancer per region. */
static void check_top_categories(const rp *p)
{
    int top[5], region_top[NREGIONS][5], shared = 0;
    int cancer = name_index(categories, NCATEGORIES, "Kreft");
    double s = 0;

    top_five(p, NULL, top);
    for (int k = 0; k < 5; k++)
        s += split_funds(p, NULL, categories[top[k]], 0);
    compare("Figur 18: funds of the five largest health categories, MNOK",
            mnok_text(s, 0, FMT_PROSE), "764");
    rule("Figur 18: cancer is among the five", in_top(top, cancer),
         err_fmt("five largest start with %s", categories[top[0]]));
    compare("Figur 18: cancer in Helse Midt-Norge, MNOK",
            mnok_text(split_funds(p, "Helse Midt-Norge", "Kreft", 0), 1,
                      FMT_PROSE), "44,6");
    compare("Figur 18: cancer in Helse Sør-Øst, MNOK",
            mnok_text(split_funds(p, "Helse Sør-Øst", "Kreft", 0), 1,
                      FMT_PROSE), "144,3");

    for (int r = 0; r < NREGIONS; r++)
        top_five(p, regions[r], region_top[r]);
    for (int c = 0; c < NCATEGORIES; c++) {
        int in = 0;

        for (int r = 0; r < NREGIONS; r++)
            in += in_top(region_top[r], c);
        shared += in >= 2;
    }
    rule("Figur 17: some fields are among the five largest in at least "
         "two regions", shared > 0,
         err_fmt("%d such fields", shared));
}

static int is_industry(const rp *p, size_t i)
{
    return yes(p, Q_INDUSTRY, i);
}

/* Figures 27 and 29: collaboration with industry. */
static void check_industry(const rp *p)
{
    static const char *const actors[] = { "medtek", "legemiddel",
                                          "digitalisering", "andre" };
    long n = count(p, is_industry), most = 0, least = -1;

    compare("Figur 27: projects collaborating with industry",
            count_text(n), "331");
    compare("Figur 27: their share of projects", pct_text(n, p->n),
            "20 prosent");
    rule("Figur 27/29: some projects collaborate with several kinds of "
         "actors", count_chosen(p, Q_INDUSTRY, 2) > 0,
         err_fmt("%ld projects", count_chosen(p, Q_INDUSTRY, 2)));
    for (int k = 0; k < 4; k++) {
        long c = count_option(p, Q_INDUSTRY, actors[k]);

        most = c > most ? c : most;
        least = least < 0 || c < least ? c : least;
    }
    rule("Figur 29: research projects spread evenly over the four kinds "
         "of actors (largest under twice the smallest)", most < 2 * least,
         err_fmt("largest %ld, smallest %ld projects", most, least));
}

static int is_participating(const rp *p, size_t i)
{
    return yes(p, Q_PARTICIPATION, i);
}

static int is_staff_only(const rp *p, size_t i)
{
    return has(p, Q_USERS, "helsepersonell", i) &&
           nchosen(p, Q_USERS, i) == 1;
}

static int is_clinical_participating(const rp *p, size_t i)
{
    return clinical(p, i) && is_participating(p, i);
}

static int is_other_participating(const rp *p, size_t i)
{
    return !clinical(p, i) && is_participating(p, i);
}

static int is_not_clinical(const rp *p, size_t i)
{
    return !clinical(p, i);
}

/* Brukermedvirkning i forskningsprosjekter: Figures 35, 36 and 37. The
 * shares of Figures 35 and 36 count projects with user participation. */
static void check_participation(const rp *p)
{
    long n = count(p, is_participating);
    double clin = funds(p, is_clinical_participating) / funds(p, clinical);
    double other = funds(p, is_other_participating) /
                   funds(p, is_not_clinical);

    compare("Figur 35: more than one form of participation",
            pct_text(count_chosen(p, Q_PARTICIPATION, 2), n), "55 prosent");
    compare("Figur 36: more than one user group",
            pct_text(count_chosen(p, Q_USERS, 2), n), "17 prosent");
    compare("Figur 36: health personnel as the only user group",
            pct_text(count(p, is_staff_only), n), "fem prosent");
    rule("Figur 37: user participation is largest in clinical research, "
         "2025", clin > other,
         err_fmt("%.0f %% of clinical funds, %.0f %% of other funds",
                 100 * clin, 100 * other));
}

int main(void)
{
    csvin_schema *schema = schema_new();
    tbl *t = NULL;
    char *err = NULL;
    rp p;

    if (csvin_read(PATH, schema, &t, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        schema_free(schema);
        return 1;
    }
    rp_bind(&p, t);

    check_records(&p);
    check_fields(&p);
    check_womens_health(&p);
    check_addiction_mental(&p);
    check_personnel_ai(&p);
    check_table3(&p);
    check_top_categories(&p);
    check_industry(&p);
    check_participation(&p);

    printf("%s: %d of the checks failed\n", PATH, failures);
    tbl_free(t);
    schema_free(schema);
    return failures ? 1 : 0;
}
