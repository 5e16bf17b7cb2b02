/*
 * Text templates: the fixtures in tmpl/ render to exact Norwegian
 * sentences, and every broken file or placeholder fails with its
 * location and reason.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "tmpl.h"

#define NBSP "\xc2\xa0"

/* One value a template may ask for: text when text is set. */
typedef struct entry {
    const char *name;
    double num;
    const char *text;
} entry;

static entry values[] = {
    { "år", 2025, NULL },
    { "pasienter", 16259, NULL },
    { "sted", 0, "Helse Sør-Øst" },
    { "endring", -412, NULL },
    { "perioder", 1, NULL },
    { "andel_nye", 8, NULL },
    { "andel_industri", 12.34, NULL },
    { "kostnad", 56.9e6, NULL },
    { "kostnad_fjor", 1.1919e9, NULL },
    { "fra", 2007, NULL },
    { "til", 2025, NULL },
    { "snitt", 3.25, NULL },
    { "mangler", NAN, NULL },
};

static int lookup(void *ud, const char *name, double *num, const char **text)
{
    entry *table = ud;

    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        if (strcmp(table[i].name, name) != 0)
            continue;
        if (table[i].text) {
            *text = table[i].text;
            return 2;
        }
        *num = table[i].num;
        return 1;
    }
    return 0;
}

static void set_value(const char *name, double num)
{
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        if (strcmp(values[i].name, name) == 0)
            values[i].num = num;
    }
}

/* Renders name from set and checks the result against want. */
static void check_render(const tmpl_set *set, const char *name,
                         const char *want)
{
    char *out = NULL, *err = NULL;

    if (tmpl_render(set, name, lookup, values, &out, &err) != 0) {
        fprintf(stderr, "render %s failed: %s\n", name, err);
        check_failed++;
    } else {
        CHECK_STR(out, want);
    }
    free(out);
    free(err);
}

/* Renders name from set, which must fail with message want. */
static void check_render_error(const tmpl_set *set, const char *name,
                               const char *want)
{
    char *out = NULL, *err = NULL;

    CHECK(tmpl_render(set, name, lookup, values, &out, &err) == -1);
    CHECK(out == NULL);
    CHECK_STR(err, want);
    free(out);
    free(err);
}

/* Loads path, which must fail with message want. */
static void check_load_error(const char *path, const char *want)
{
    tmpl_set *set = NULL;
    char *err = NULL;

    CHECK(tmpl_load(path, &set, &err) == -1);
    CHECK(set == NULL);
    CHECK_STR(err, want);
    tmpl_free(set);
    free(err);
}

static tmpl_set *load_ok(const char *path)
{
    tmpl_set *set = NULL;
    char *err = NULL;

    if (tmpl_load(path, &set, &err) != 0) {
        fprintf(stderr, "load %s failed: %s\n", path, err);
        check_failed++;
    }
    free(err);
    return set;
}

static void test_patients(const tmpl_set *set)
{
    check_render(set, "pasienter",
                 "I 2025 ble 16" NBSP "259 pasienter inkludert i kliniske "
                 "studier ved Helse Sør-Øst. Det er 412 færre enn året "
                 "før, og antallet falt for ett år på rad.");

    set_value("endring", 1635);
    set_value("perioder", 3);
    check_render(set, "pasienter",
                 "I 2025 ble 16" NBSP "259 pasienter inkludert i kliniske "
                 "studier ved Helse Sør-Øst. Det er 1635 flere enn året "
                 "før, og antallet økte for tre år på rad.");

    set_value("endring", 0);
    check_render(set, "pasienter",
                 "I 2025 ble 16" NBSP "259 pasienter inkludert i kliniske "
                 "studier ved Helse Sør-Øst. Det er 0 færre enn året "
                 "før, og antallet var uendret for tre år på rad.");

    set_value("endring", -412);
    set_value("perioder", 1);
}

static void test_other_templates(const tmpl_set *set)
{
    check_render(set, "andeler",
                 "Av studiene var åtte prosent nye, og industrien "
                 "finansierte 12,3 prosent. I tabellen står 12,3 og "
                 "16" NBSP "259.");
    check_render(set, "kostnader",
                 "Helseforetakene brukte 56,9 millioner kroner på kliniske "
                 "studier, mot 1,2 milliarder kroner året før. Serien "
                 "dekker 2007\xe2\x80\x93" "2025.");
    check_render(set, "standard",
                 "Snittet var 3,3 studier per forsker og 16" NBSP "259 "
                 "pasienter i alt, uten filter; en tom verdi vises som "
                 "\xe2\x80\x93.");
    check_render(set, "klammer",
                 "Feltet {pasienter} i malen blir til 16" NBSP "259.");
    check_render(set, "over_linjer", "Tallet sank kraftig i år.");
    set_value("endring", 5);
    check_render(set, "over_linjer", "Tallet steg kraftig i år.");
    set_value("endring", -412);
}

static void test_fixture(void)
{
    tmpl_set *set = load_ok("tmpl/studier.txt");

    if (!set)
        return;
    CHECK(tmpl_has(set, "pasienter"));
    CHECK(tmpl_has(set, "over_linjer"));
    CHECK(!tmpl_has(set, "Pasienter"));
    CHECK(!tmpl_has(set, "finnes_ikke"));
    test_patients(set);
    test_other_templates(set);
    check_render_error(set, "finnes_ikke",
                       "tmpl/studier.txt: no template called finnes_ikke");
    tmpl_free(set);
}

static void test_crlf_bom(void)
{
    tmpl_set *set = load_ok("tmpl/crlf_bom.txt");

    if (!set)
        return;
    check_render(set, "kort", "Det var 16" NBSP "259 pasienter.");
    tmpl_free(set);
}

static void test_render_errors(void)
{
    tmpl_set *set = load_ok("tmpl/feil_render.txt");
    const char *p = "tmpl/feil_render.txt";
    char want[256];

    if (!set)
        return;
    snprintf(want, sizeof want, "%s:5: template ukjent_verdi: unknown value "
             "\"finnes_ikke\"", p);
    check_render_error(set, "ukjent_verdi", want);
    snprintf(want, sizeof want, "%s:9: template tekst_til_tall: filter tall "
             "needs a number, but sted is text \"Helse Sør-Øst\"", p);
    check_render_error(set, "tekst_til_tall", want);
    snprintf(want, sizeof want, "%s:13: template etter_format: filter abs "
             "needs a number, but filter prosent before it gives text "
             "\"8 prosent\"", p);
    check_render_error(set, "etter_format", want);
    snprintf(want, sizeof want, "%s:16: template valg_mangler: filter valg: "
             "the value is missing", p);
    check_render_error(set, "valg_mangler", want);
    snprintf(want, sizeof want, "%s:19: template valg_til_tall: filter tall "
             "needs a number, but filter valg before it gives text \"falt\"",
             p);
    check_render_error(set, "valg_til_tall", want);
    snprintf(want, sizeof want, "%s:22: template ord_desimal: filter ord: "
             "3.25 is not a whole number; words are for counts (use tall "
             "for 3.25)", p);
    check_render_error(set, "ord_desimal", want);
    snprintf(want, sizeof want, "%s:25: template aar_desimal: filter aar: "
             "3.25 is not a year", p);
    check_render_error(set, "aar_desimal", want);
    snprintf(want, sizeof want, "%s:28: template aar_negativ: filter aar: "
             "-412 is not a year", p);
    check_render_error(set, "aar_negativ", want);
    tmpl_free(set);
}

static void test_file_errors(void)
{
    check_load_error("tmpl/finnes_ikke.txt",
                     "tmpl/finnes_ikke.txt: cannot open: No such file or "
                     "directory");
    check_load_error("tmpl/feil_foer_overskrift.txt",
                     "tmpl/feil_foer_overskrift.txt:2: text before the "
                     "first [name] header");
    check_load_error("tmpl/feil_dobbel.txt",
                     "tmpl/feil_dobbel.txt:7: template pasienter is defined "
                     "again (first at line 1)");
    check_load_error("tmpl/feil_tom.txt",
                     "tmpl/feil_tom.txt:4: template tom is empty");
    check_load_error("tmpl/feil_tom_fil.txt",
                     "tmpl/feil_tom_fil.txt: no templates; each starts with "
                     "a [name] line");
    check_load_error("tmpl/feil_overskrift.txt",
                     "tmpl/feil_overskrift.txt:3: bad template header "
                     "\"[to ord]\": write [name] with letters, digits and _");
    check_load_error("tmpl/feil_utf8.txt",
                     "tmpl/feil_utf8.txt:3:2: not valid UTF-8");
    check_load_error("tmpl/feil_kontroll.txt",
                     "tmpl/feil_kontroll.txt:2:7: the control character "
                     "U+0001; XML cannot carry it");
}

static void test_placeholder_errors(void)
{
    check_load_error("tmpl/feil_aapen.txt",
                     "tmpl/feil_aapen.txt:3: template pasienter: unclosed {");
    check_load_error("tmpl/feil_aapen_slutt.txt",
                     "tmpl/feil_aapen_slutt.txt:3: template pasienter: "
                     "unclosed {");
    check_load_error("tmpl/feil_klamme.txt",
                     "tmpl/feil_klamme.txt:3: template pasienter: lone }: "
                     "write }} for a brace");
    check_load_error("tmpl/feil_filter.txt",
                     "tmpl/feil_filter.txt:3: template pasienter: unknown "
                     "filter \"tal\" (did you mean \"tall\"?); the filters "
                     "are tall, tabell, prosent, prosentord, ord, kroner, "
                     "aar, abs, valg");
    check_load_error("tmpl/feil_tomt_filter.txt",
                     "tmpl/feil_tomt_filter.txt:2: template pasienter: "
                     "empty filter");
    check_load_error("tmpl/feil_navn.txt",
                     "tmpl/feil_navn.txt:2: template pasienter: bad value "
                     "name \"antall pasienter\": use letters, digits and "
                     "_, with dots between the parts of a path");
    check_load_error("tmpl/feil_sti.txt",
                     "tmpl/feil_sti.txt:2: template pasienter: bad value "
                     "name \"kbs..siste\": use letters, digits and _, "
                     "with dots between the parts of a path");
    check_load_error("tmpl/feil_tomt_navn.txt",
                     "tmpl/feil_tomt_navn.txt:2: template pasienter: empty "
                     "placeholder name");
}

static void test_argument_errors(void)
{
    check_load_error("tmpl/feil_desimaler.txt",
                     "tmpl/feil_desimaler.txt:3: template andeler: filter "
                     "prosent: decimals must be a digit from 0 to 9, not "
                     "\"en\"");
    check_load_error("tmpl/feil_valg.txt",
                     "tmpl/feil_valg.txt:2: template pasienter: filter valg "
                     "takes 2 or 3 arguments, not 1");
    check_load_error("tmpl/feil_tall.txt",
                     "tmpl/feil_tall.txt:3: template kostnader: filter tall "
                     "takes 0 or 1 arguments, not 2");
    check_load_error("tmpl/feil_aar.txt",
                     "tmpl/feil_aar.txt:2: template pasienter: filter aar "
                     "takes no arguments");
    check_load_error("tmpl/feil_ord.txt",
                     "tmpl/feil_ord.txt:2: template pasienter: filter ord: "
                     "the argument must be n (neuter), not \"m\"");
}

/* tmpl_load_all goes past every bad filter, records each, and keeps the
 * placeholders, so the values can still be checked. */
static void test_load_all(void)
{
    tmpl_set *set = NULL;
    char *problems = NULL;
    char *err = NULL;
    char *out = NULL;

    CHECK(tmpl_load_all("tmpl/feil_filtre.txt", &set, &problems, &err) == 0);
    CHECK(err == NULL);
    CHECK_STR(problems,
              "tmpl/feil_filtre.txt:3: template pasienter: unknown filter "
              "\"tal\" (did you mean \"tall\"?); the filters are tall, "
              "tabell, prosent, prosentord, ord, kroner, aar, abs, valg\n"
              "tmpl/feil_filtre.txt:4: template pasienter: filter aar takes "
              "no arguments");
    CHECK(set && tmpl_count(set) == 2);
    if (set && tmpl_count(set) == 2) {
        CHECK_STR(tmpl_name(set, 0), "pasienter");
        CHECK_STR(tmpl_name(set, 1), "ukjent");
        CHECK(tmpl_render(set, "pasienter", lookup, values, &out, &err)
              == 0);
        CHECK_STR(out, "16" NBSP "259 pasienter i 2025.");
        free(out);
        out = NULL;
        check_render_error(set, "ukjent",
                           "tmpl/feil_filtre.txt:7: template ukjent: "
                           "unknown value \"sist_aar\"");
    }
    tmpl_free(set);
    free(problems);
    free(err);
}

int main(void)
{
    test_fixture();
    test_crlf_bom();
    test_render_errors();
    test_file_errors();
    test_placeholder_errors();
    test_argument_errors();
    test_load_all();
    return check_failures();
}
