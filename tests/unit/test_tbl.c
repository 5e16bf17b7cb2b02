/*
 * Tests for tbl: text cells kept in the table's store, and the codes of
 * a text column that plugins group and order rows by.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tbl.h"

/* Returns a table of one text column holding the n texts (NULL for an
 * empty cell), copied into the table's store. */
static tbl *text_table(const char *const *texts, size_t n)
{
    tbl *t = tbl_new("t", n);
    tbl_column *col = tbl_add(t, "navn", TBL_TEXT);

    for (size_t r = 0; r < n; r++)
        col->text[r] = texts[r] ? tbl_strings_add(&t->strings, texts[r],
                                                  strlen(texts[r]))
                                : NULL;
    return t;
}

/* Codes follow byte order, equal texts share one, and a missing text
 * is -1; "Ø" (UTF-8 C3 98) sorts after every ASCII letter. */
static void test_codes(void)
{
    static const char *const texts[] = {
        "Helse Vest", "Helse Nord", NULL, "Helse Vest", "Helse S\xc3\xb8r",
        "Helse Midt", "\xc3\x98st", "Helse Nord",
    };
    static const int want[] = { 3, 1, -1, 3, 2, 0, 4, 1 };
    tbl *t = text_table(texts, 8);
    tbl_column *col = &t->cols[0];
    int *first;

    tbl_codes(col, t->nrows);
    CHECK(col->ndistinct == 5);
    for (size_t r = 0; r < 8; r++)
        CHECK(col->codes[r] == want[r]);
    CHECK_STR(col->distinct[0], "Helse Midt");
    CHECK_STR(col->distinct[3], "Helse Vest");
    CHECK_STR(col->distinct[4], "\xc3\x98st");

    /* Made once: a second call keeps the same array. */
    first = col->codes;
    tbl_codes(col, t->nrows);
    CHECK(col->codes == first);
    tbl_free(t);
}

/* A column of empty cells only has no distinct texts. */
static void test_codes_empty(void)
{
    static const char *const texts[] = { NULL, NULL };
    tbl *t = text_table(texts, 2);

    tbl_codes(&t->cols[0], t->nrows);
    CHECK(t->cols[0].ndistinct == 0);
    CHECK(t->cols[0].codes[0] == -1 && t->cols[0].codes[1] == -1);
    tbl_free(t);
}

/* Texts longer than a block of the store get a block of their own, and
 * every copy stays intact as blocks are added. */
static void test_strings(void)
{
    tbl_strings *store = NULL;
    size_t big = 300 * 1024;
    char *long_text = malloc(big + 1);
    char *copies[2000], *long_copy;

    memset(long_text, 'x', big);
    long_text[big] = '\0';
    for (int i = 0; i < 2000; i++) {
        char s[32];

        snprintf(s, sizeof s, "tekst %d", i);
        copies[i] = tbl_strings_add(&store, s, strlen(s));
    }
    long_copy = tbl_strings_add(&store, long_text, big);
    CHECK_STR(copies[0], "tekst 0");
    CHECK_STR(copies[1999], "tekst 1999");
    CHECK(strlen(long_copy) == big && long_copy[big - 1] == 'x');
    CHECK_STR(tbl_strings_add(&store, "ab", 1), "a");
    tbl_strings_free(store);
    free(long_text);
}

int main(void)
{
    test_codes();
    test_codes_empty();
    test_strings();
    return check_failures();
}
