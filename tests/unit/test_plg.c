/*
 * Checks of computed results (plg_result_check): each kind of garbage a
 * plugin can hand back is refused with the column, the row and what is
 * wrong; NaN, a missing value, passes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "err.h"
#include "plg.h"

/* A result of two rows with one numeric column. Free with free_result. */
static struct nk_result *numbers(const char *column, double a, double b)
{
    struct nk_result *res = xcalloc(1, sizeof *res);
    tbl_column *col;

    res->table = tbl_new("test", 2);
    col = tbl_add(res->table, column, TBL_NUMBER);
    col->num[0] = a;
    col->num[1] = b;
    return res;
}

static void free_result(struct nk_result *res)
{
    for (size_t i = 0; i < res->ndenominators; i++)
        free(res->denominators[i].name);
    free(res->denominators);
    free(res->unit);
    free(res->misuse);
    tbl_free(res->table);
    free(res);
}

/* Checks res and compares the message ("" when it must pass). */
static void expect(struct nk_result *res, const char *want)
{
    char *err = NULL;
    int rc = plg_result_check(res, &err);

    CHECK(rc == (*want ? -1 : 0));
    if (*want)
        CHECK_STR(err, want);
    free(err);
    free_result(res);
}

/* Adds a denominator for column to res. */
static void denominator(struct nk_result *res, const char *column, double v)
{
    res->denominators = xcalloc(1, sizeof *res->denominators);
    res->denominators[0].name = xstrdup(column);
    res->denominators[0].value = v;
    res->ndenominators = 1;
}

static void test_numbers(void)
{
    struct nk_result *res;

    expect(numbers("n", NAN, -4), "");
    expect(numbers("n", 1, INFINITY),
           "column n, row 2: an infinite value (a division by zero?)");
    expect(numbers("andel", 100.0000001, 0), "");
    expect(numbers("andel", 40, 104.5),
           "column andel, row 2: 104.5 is a share outside 0 to 100 %");
    expect(numbers("andel", -2, 5),
           "column andel, row 1: -2 is a share outside 0 to 100 %");
    res = numbers("del", 50, 150);
    denominator(res, "del", 10);
    expect(res, "column del, row 2: 150 is a share outside 0 to 100 %");
    res = numbers("n", 3, -1);
    res->unit = xstrdup("Antall studier");
    expect(res, "column n, row 2: -1 is negative in a count (unit \"Antall "
           "studier\")");
    res = numbers("n", 3, -1);
    res->unit = xstrdup("Kroner");
    expect(res, "");
}

static void test_named(void)
{
    struct nk_result *res = numbers("andel", 10, 20);

    denominator(res, "andel", -3);
    expect(res, "the denominator of andel is -3; it counts, so it must be 0 "
           "or more");
    res = numbers("andel", 10, 20);
    denominator(res, "annen", 3);
    expect(res, "a denominator is set for column annen, which the result "
           "does not have");
}

/* Returns a copy of s in the store of t, as the host keeps texts. */
static char *text_of(tbl *t, const char *s)
{
    return tbl_strings_add(&t->strings, s, strlen(s));
}

static void test_texts(void)
{
    struct nk_result *res = xcalloc(1, sizeof *res);
    tbl_column *col;

    res->table = tbl_new("test", 2);
    col = tbl_add(res->table, "navn", TBL_TEXT);
    col->text[0] = text_of(res->table, "Helse S\xc3\xb8r-\xc3\x98st");
    col->text[1] = text_of(res->table, "a\x01");
    expect(res, "column navn, row 2: the text holds the control character "
           "U+0001");
    res = xcalloc(1, sizeof *res);
    res->table = tbl_new("test", 1);
    col = tbl_add(res->table, "navn", TBL_TEXT);
    col->text[0] = text_of(res->table, "Bl\xe5");
    expect(res, "column navn, row 1: the text is not valid UTF-8");
}

static void test_misuse(void)
{
    struct nk_result *res = numbers("n", 1, 2);

    res->misuse = xstrdup("adds column n twice");
    expect(res, "adds column n twice");
}

int main(void)
{
    test_numbers();
    test_named();
    test_texts();
    test_misuse();
    return check_failures();
}
