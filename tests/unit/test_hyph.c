/*
 * Tests of hyphenation: words from the report get breaks at valid
 * points only, what must never break is left alone, the exception list
 * wins over the patterns, and a bad list fails with file:line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "hyph.h"

static char tmp_dir[] = "/tmp/test_hyph_XXXXXX";

/* Returns text hyphenated in lang with each soft hyphen shown as "-";
 * the caller frees it. */
static char *shown(hyph *h, const char *lang, const char *text)
{
    char *out = NULL, *err = NULL, *r, *w;

    if (hyph_text(h, lang, text, &out, &err) < 0) {
        fprintf(stderr, "hyph_text: %s\n", err);
        free(err);
        check_failed++;
        return strdup("");
    }
    for (r = w = out; *r; r++) {
        if ((unsigned char)r[0] == 0xc2 && (unsigned char)r[1] == 0xad) {
            *w++ = '-';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return out;
}

/* Returns whether got (breaks shown as "-") breaks only where valid
 * has a "-" and is otherwise the same word. */
static int breaks_valid(const char *got, const char *valid)
{
    while (*got && *valid) {
        if (*got == '-' && *valid != '-')
            return 0;
        if (*valid == '-' && *got != '-') {
            valid++;
            continue;
        }
        if (*got++ != *valid++)
            return 0;
    }
    return *got == '\0' && *valid == '\0';
}

/* Words of the report with every break a dictionary allows; the
 * patterns must find at least one and none elsewhere. */
static void test_report_words(void)
{
    static const char *const valid[] = {
        "forsk-nings-ak-ti-vi-tet",
        "bru-ker-med-virk-ning",
        "per-so-nell-be-spa-ren-de",
        "kjønns-spe-si-fikk",
        "spe-si-a-list-hel-se-tje-nes-ten",
        "hel-se-fo-re-ta-ke-ne",
        "be-hand-lings-stu-di-er",
        "dok-tor-gra-der",
        "in-no-va-sjons-pro-sjek-ter",
    };
    hyph *h = hyph_new(NULL, NULL);
    char word[64], *got;
    size_t i, j, k;

    for (i = 0; i < sizeof valid / sizeof *valid; i++) {
        for (j = k = 0; valid[i][j]; j++)
            if (valid[i][j] != '-')
                word[k++] = valid[i][j];
        word[k] = '\0';
        got = shown(h, "nb", word);
        if (!breaks_valid(got, valid[i]) || !strchr(got, '-'))
            fprintf(stderr, "  %s hyphenated as %s\n", word, got);
        CHECK(breaks_valid(got, valid[i]));
        CHECK(strchr(got, '-') != NULL);
        free(got);
    }
    hyph_free(h);
}

/* Numbers, abbreviations, URLs, e-mail addresses, short words and
 * words with a soft hyphen already are never broken. */
static void test_never(void)
{
    static const char *const same[] = {
        "16\u00a0259",
        "KBS og HRCS",
        "eRapport",
        "https://www.nifu.no/statistikk",
        "post@helse-vest.no",
        "covid-19-pasienter",
        "f.eks.",
        "2007\u20132025",
        "Helse Sør-Øst",
        "for\u00adskningsaktivitet",
    };
    hyph *h = hyph_new(NULL, NULL);
    char *out = NULL;
    size_t i;

    for (i = 0; i < sizeof same / sizeof *same; i++) {
        CHECK(hyph_text(h, "nb", same[i], &out, NULL) == 0);
        CHECK_STR(out, same[i]);
        free(out);
    }
    CHECK(hyph_text(h, "en", "characteristically", &out, NULL) == 0);
    CHECK_STR(out, "characteristically");
    free(out);
    hyph_free(h);
}

/* Punctuation and capitals around a word do not stop it from being
 * hyphenated; the text around it is kept byte for byte. */
static void test_sentence(void)
{
    hyph *h = hyph_new(NULL, NULL);
    char *got = shown(h, "nb-NO", "«Doktorgrader», 16\u00a0259 pasienter.");

    CHECK_STR(got, "«Dok-torgra-der», 16\u00a0259 pasien-ter.");
    free(got);
    got = shown(h, NULL, "  to\n  ord ");
    CHECK_STR(got, "  to\n  ord ");
    free(got);
    got = shown(h, "nn", "Forskingsaktiviteten");
    CHECK(strchr(got, '-') != NULL);
    free(got);
    hyph_free(h);
}

/* Writes text to a file in the temporary folder and returns its path;
 * the caller frees it. */
static char *list_file(const char *text)
{
    char *path = malloc(strlen(tmp_dir) + 20);
    FILE *f;

    sprintf(path, "%s/orddeling.txt", tmp_dir);
    f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_exceptions(void)
{
    char *path = list_file("# Ord som deles for hånd\n"
                           "forsk-nings-ak-ti-vi-tet\n"
                           "  kjønns-spesifikk   # bare etter kjønns\n"
                           "\n"
                           "helseforetakene\n");
    char *err = NULL, *got;
    hyph *h = hyph_new(path, &err);

    CHECK(h != NULL);
    if (!h) {
        fprintf(stderr, "hyph_new: %s\n", err);
        free(err);
        free(path);
        return;
    }
    got = shown(h, "nb", "Forskningsaktivitet, kjønnsspesifikk og "
                         "helseforetakene; helseforetaket");
    CHECK_STR(got, "Forsk-nings-ak-ti-vi-tet, kjønns-spesifikk og "
                   "helseforetakene; helse-foretaket");
    free(got);
    hyph_free(h);
    remove(path);
    free(path);
}

/* Returns the error hyph_new gives for a list holding text. */
static char *list_error(const char *text)
{
    char *path = list_file(text), *err = NULL;
    hyph *h = hyph_new(path, &err);

    CHECK(h == NULL);
    hyph_free(h);
    remove(path);
    free(path);
    return err;
}

static void test_bad_lists(void)
{
    char want[256], *err;

    err = list_error("forsk-ning\nord--deling\n");
    snprintf(want, sizeof want, "%s/orddeling.txt:2: \"ord--deling\" is "
             "not a word with \"-\" at its breaks", tmp_dir);
    CHECK_STR(err, want);
    free(err);

    err = list_error("covid-19\n");
    snprintf(want, sizeof want, "%s/orddeling.txt:1: \"covid-19\" is not "
             "a word with \"-\" at its breaks", tmp_dir);
    CHECK_STR(err, want);
    free(err);

    err = list_error("-forskning\n");
    CHECK_HAS(err, "orddeling.txt:1: \"-forskning\" is not a word");
    free(err);

    err = list_error("forsk-ning\nbruker\nForsk-ning\n");
    snprintf(want, sizeof want, "%s/orddeling.txt:3: \"forskning\" is "
             "listed twice (also at line 1)", tmp_dir);
    CHECK_STR(err, want);
    free(err);

    err = NULL;
    CHECK(hyph_new("/nonexistent/orddeling.txt", &err) == NULL);
    CHECK_STR(err, "/nonexistent/orddeling.txt: No such file or directory");
    free(err);
}

int main(void)
{
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_report_words();
    test_never();
    test_sentence();
    test_exceptions();
    test_bad_lists();
    rmdir(tmp_dir);
    return check_failures();
}
