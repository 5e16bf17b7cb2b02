/*
 * Checks of what a plugin's compute function hands back, before any
 * script sees it: numbers a chart or a sentence could print wrong, text
 * the DocBook cannot carry, and misuse of the result functions.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "err.h"
#include "plg.h"

/* A share a little over 100 % from rounding is still 100 %. */
#define SHARE_SLACK 1e-6

/* Returns 1 when column is a share: it has a denominator, or its name
 * starts with "andel" as the plugins name shares. */
static int is_share(const struct nk_result *res, const char *column)
{
    if (strncmp(column, "andel", 5) == 0)
        return 1;
    for (size_t i = 0; i < res->ndenominators; i++) {
        if (strcmp(res->denominators[i].name, column) == 0)
            return 1;
    }
    return 0;
}

/* Returns 1 when the result counts things ("Antall ..."), so that no
 * number in it may be negative. */
static int is_count(const struct nk_result *res)
{
    return res->unit && g_ascii_strncasecmp(res->unit, "antall", 6) == 0;
}

/* Checks one numeric column. Returns 0, or -1 and sets *err. */
static int check_numbers(const struct nk_result *res, const tbl_column *col,
                         char **err)
{
    int share = is_share(res, col->name);

    for (size_t r = 0; r < res->table->nrows; r++) {
        double v = col->num[r];

        if (isnan(v))
            continue;
        if (isinf(v))
            return err_set(err, "column %s, row %zu: an infinite value "
                           "(a division by zero?)", col->name, r + 1);
        if (share && (v < -SHARE_SLACK || v > 100 + SHARE_SLACK))
            return err_set(err, "column %s, row %zu: %g is a share outside "
                           "0 to 100 %%", col->name, r + 1, v);
        if (is_count(res) && v < 0)
            return err_set(err, "column %s, row %zu: %g is negative in a "
                           "count (unit \"%s\")", col->name, r + 1, v,
                           res->unit);
    }
    return 0;
}

/* Checks one text column: UTF-8 that XML can carry. */
static int check_texts(const struct nk_result *res, const tbl_column *col,
                       char **err)
{
    for (size_t r = 0; r < res->table->nrows; r++) {
        const char *s = col->text[r];

        if (!s)
            continue;
        if (!g_utf8_validate(s, -1, NULL))
            return err_set(err, "column %s, row %zu: the text is not valid "
                           "UTF-8", col->name, r + 1);
        for (const char *p = s; *p; p++) {
            unsigned char c = (unsigned char)*p;

            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
                return err_set(err, "column %s, row %zu: the text holds "
                               "the control character U+%04X", col->name,
                               r + 1, c);
        }
    }
    return 0;
}

/* Checks the named values and denominators. */
static int check_named(const struct nk_result *res, char **err)
{
    for (size_t i = 0; i < res->nvalues; i++) {
        if (isinf(res->values[i].value))
            return err_set(err, "value %s is infinite (a division by "
                           "zero?)", res->values[i].name);
    }
    for (size_t i = 0; i < res->ndenominators; i++) {
        const plg_value *d = &res->denominators[i];

        if (!isfinite(d->value) || d->value < 0)
            return err_set(err, "the denominator of %s is %g; it counts, "
                           "so it must be 0 or more", d->name, d->value);
        if (!tbl_find(res->table, d->name))
            return err_set(err, "a denominator is set for column %s, which "
                           "the result does not have", d->name);
    }
    return 0;
}

int plg_result_check(const struct nk_result *res, char **err)
{
    if (res->misuse)
        return err_set(err, "%s", res->misuse);
    if (res->table->ncols == 0 && res->nvalues == 0)
        return err_set(err, "returned a result without columns or values");
    for (size_t c = 0; c < res->table->ncols; c++) {
        const tbl_column *col = &res->table->cols[c];
        int rc = col->type == TBL_NUMBER ? check_numbers(res, col, err) :
                 check_texts(res, col, err);

        if (rc != 0)
            return -1;
    }
    return check_named(res, err);
}
