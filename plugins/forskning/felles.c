/*
 * The checked column readers and result helpers the forskning plugin's
 * files share. A bad row is reported through host->fail, which the host
 * locates as the row's file:line.
 */
#include "forskning_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

long fsk_need_rows(const nk_host *host, nk_call *call, const char *table,
                   long min)
{
    long n = host->rows(call, table);

    if (n < 0)
        return -1;
    if (n < min)
        return host->fail(call, table, -1,
                          "too few rows (%ld); needs at least %ld", n, min);
    return n;
}

/*
 * Returns 0 when every value is present, finite and not negative, or -1
 * after failing at the first row that is not.
 */
static int check_amounts(const nk_host *host, nk_call *call,
                         const char *table, const char *column,
                         const double *v, long n)
{
    for (long i = 0; i < n; i++) {
        if (isnan(v[i]))
            return host->fail(call, table, i, "%s: value is missing",
                              column);
        if (v[i] < 0)
            return host->fail(call, table, i, "%s: %.15g is negative",
                              column, v[i]);
        if (!isfinite(v[i]))
            return host->fail(call, table, i, "%s: %.15g is not a number",
                              column, v[i]);
    }
    return 0;
}

/*
 * Returns 0 when every value is a whole number of zero or more, or -1
 * after failing at the first row that is missing, negative or not whole.
 */
static int check_counts(const nk_host *host, nk_call *call,
                        const char *table, const char *column,
                        const double *v, long n)
{
    if (check_amounts(host, call, table, column, v, n) != 0)
        return -1;

    for (long i = 0; i < n; i++) {
        if (v[i] != floor(v[i]))
            return host->fail(call, table, i,
                              "%s: %.15g is not a whole number", column,
                              v[i]);
    }
    return 0;
}

long fsk_find_text(const char *const *texts, long n, const char *s)
{
    for (long i = 0; i < n; i++) {
        if (strcmp(texts[i], s) == 0)
            return i;
    }
    return -1;
}

long fsk_need_text(const nk_host *host, nk_call *call, const char *table,
                   const char *column, const char *const *texts, long n,
                   const char *s)
{
    long row = fsk_find_text(texts, n, s);

    if (row < 0)
        return host->fail(call, table, -1, "%s: no row for \"%s\"", column,
                          s);
    return row;
}

/* The texts being ordered: qsort gives no context. */
static const char *const *sorting;

/* Orders rows by their text in sorting, then by row. */
static int by_text_row(const void *pa, const void *pb)
{
    long a = *(const long *)pa, b = *(const long *)pb;
    int c = strcmp(sorting[a], sorting[b]);

    return c ? c : (a > b) - (a < b);
}

/*
 * Returns the first row (in file order) whose text appeared in an
 * earlier row, or -1 when no text repeats. The texts are sorted, so a
 * long table takes n log n steps, not n squared; every text is present.
 */
static long first_repeat(const char *const *t, long n)
{
    long *rows = malloc((size_t)(n > 0 ? n : 1) * sizeof *rows);
    long first = -1;

    if (!rows)
        return -2;
    for (long i = 0; i < n; i++)
        rows[i] = i;
    sorting = t;
    qsort(rows, (size_t)n, sizeof *rows, by_text_row);
    for (long i = 1; i < n; i++) {
        if (strcmp(t[rows[i]], t[rows[i - 1]]) == 0 &&
            (first < 0 || rows[i] < first))
            first = rows[i];
    }
    free(rows);
    return first;
}

/*
 * Returns 0 when every text is present and none is repeated, or -1
 * after failing at the first missing or repeated one.
 */
static int check_texts(const nk_host *host, nk_call *call,
                       const char *table, const char *column,
                       const char *const *t, long n)
{
    long r;

    for (long i = 0; i < n; i++) {
        if (t[i] == NULL)
            return host->fail(call, table, i, "%s: value is missing",
                              column);
    }
    r = first_repeat(t, n);
    if (r == -2)
        return host->fail(call, NULL, -1, "out of memory");
    if (r >= 0)
        return host->fail(call, table, r, "%s: \"%s\" appears twice",
                          column, t[r]);
    return 0;
}

const double *fsk_read_counts(const nk_host *host, nk_call *call,
                              const char *table, const char *column, long n)
{
    const double *v = host->numbers(call, table, column);

    if (v == NULL || check_counts(host, call, table, column, v, n) != 0)
        return NULL;
    return v;
}

const double *fsk_read_amounts(const nk_host *host, nk_call *call,
                               const char *table, const char *column,
                               long n)
{
    const double *v = host->numbers(call, table, column);

    if (v == NULL || check_amounts(host, call, table, column, v, n) != 0)
        return NULL;
    return v;
}

const char *const *fsk_read_texts(const nk_host *host, nk_call *call,
                                  const char *table, const char *column,
                                  long n)
{
    const char *const *t = host->texts(call, table, column);

    if (t == NULL || check_texts(host, call, table, column, t, n) != 0)
        return NULL;
    return t;
}

double fsk_sum(const double *v, long n)
{
    double s = 0;

    for (long i = 0; i < n; i++)
        s += v[i];
    return s;
}

long fsk_max_row(const double *v, long n)
{
    long best = 0;

    for (long i = 1; i < n; i++) {
        if (v[i] > v[best])
            best = i;
    }
    return best;
}

int fsk_add_shares(const nk_host *host, nk_call *call, nk_result *res,
                   const char *table, const double *v, long n, double total)
{
    double *pct;
    int rc;

    if (total <= 0)
        return host->fail(call, table, -1,
                          "all counts are zero; no shares can be computed");
    pct = malloc((size_t)n * sizeof *pct);
    if (pct == NULL)
        return host->fail(call, NULL, -1, "out of memory");

    for (long i = 0; i < n; i++)
        pct[i] = 100.0 * v[i] / total;
    rc = host->add_numbers(res, "andel", pct);
    free(pct);

    if (rc != 0)
        return -1;
    return host->set_denominator(res, "andel", total);
}

int fsk_finish(const nk_host *host, nk_result *res, const fsk_named *vals,
               size_t nvals, const char *unit)
{
    for (size_t i = 0; i < nvals; i++) {
        if (host->set_value(res, vals[i].name, vals[i].value) != 0)
            return -1;
    }
    return host->set_unit(res, unit);
}
