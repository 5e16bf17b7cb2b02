#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nkstat.h"

/* Value names are "<prefix>_<key>"; keys are column names or codes. */
#define NAME_MAX_LEN 128

int nks_rows_select(const nk_host *host, nk_call *call, const char *table,
                    const char *region_column, nks_rows *rows)
{
    const char *region = host->param(call, "region");
    const char *const *regions = NULL;

    memset(rows, 0, sizeof *rows);
    rows->table = table;
    rows->n = host->rows(call, table);
    if (rows->n < 0)
        return -1;
    if (region && region_column) {
        regions = host->texts(call, table, region_column);
        if (!regions)
            return -1;
    }

    rows->on = calloc((size_t)rows->n + 1, 1);
    if (!rows->on)
        return host->fail(call, NULL, -1, "out of memory");
    for (long r = 0; r < rows->n; r++) {
        rows->on[r] = !regions || (regions[r] && !strcmp(regions[r], region));
        rows->count += rows->on[r];
    }
    return 0;
}

void nks_rows_free(nks_rows *rows)
{
    free(rows->on);
    rows->on = NULL;
    rows->count = 0;
}

/* Keeps the rows for which keep[r] holds. */
static void narrow(nks_rows *rows, const unsigned char *keep)
{
    rows->count = 0;
    for (long r = 0; r < rows->n; r++) {
        rows->on[r] = rows->on[r] && keep[r];
        rows->count += rows->on[r];
    }
}

int nks_rows_where_flag(const nk_host *host, nk_call *call, nks_rows *rows,
                        const char *column)
{
    const double *v = host->numbers(call, rows->table, column);
    unsigned char *keep;

    if (!v)
        return -1;
    keep = malloc((size_t)rows->n + 1);
    if (!keep)
        return host->fail(call, NULL, -1, "out of memory");
    for (long r = 0; r < rows->n; r++)
        keep[r] = v[r] == 1;
    narrow(rows, keep);
    free(keep);
    return 0;
}

int nks_rows_where_text(const nk_host *host, nk_call *call, nks_rows *rows,
                        const char *column, const char *value)
{
    const char *const *v = host->texts(call, rows->table, column);
    unsigned char *keep;

    if (!v)
        return -1;
    keep = malloc((size_t)rows->n + 1);
    if (!keep)
        return host->fail(call, NULL, -1, "out of memory");
    for (long r = 0; r < rows->n; r++)
        keep[r] = v[r] && strcmp(v[r], value) == 0;
    narrow(rows, keep);
    free(keep);
    return 0;
}

int nks_sum(const nk_host *host, nk_call *call, const nks_rows *rows,
            const char *column, double *sum)
{
    const double *v = host->numbers(call, rows->table, column);

    if (!v)
        return -1;
    *sum = 0;
    for (long r = 0; r < rows->n; r++) {
        if (!rows->on[r])
            continue;
        if (isnan(v[r]))
            return host->fail(call, rows->table, r, "%s: value is missing",
                              column);
        *sum += v[r];
    }
    return 0;
}

/* Sets "<prefix>_<key>" to value. */
static int set_named(const nk_host *host, nk_result *res, const char *prefix,
                     const char *key, double value)
{
    char name[NAME_MAX_LEN];

    snprintf(name, sizeof name, "%s_%s", prefix, key);
    return host->set_value(res, name, value);
}

int nks_set_share(const nk_host *host, nk_result *res, const char *name,
                  double count, double denominator)
{
    char share[NAME_MAX_LEN];

    snprintf(share, sizeof share, "andel_%s", name);
    if (host->set_value(res, name, count) != 0)
        return -1;
    return host->set_value(res, share, denominator > 0 ?
                           100.0 * count / denominator : NAN);
}

/* Counts per option, gathered before the result is made. */
typedef struct tally {
    int nopts;
    double base;            /* the denominator: rows counted */
    double funds_total;     /* funds of those rows */
    double several;         /* rows with more than one option */
    double *count;          /* per option */
    double *alone;
    double *funds;
} tally;

static int tally_new(const nk_host *host, nk_call *call, tally *t, int n)
{
    memset(t, 0, sizeof *t);
    t->nopts = n;
    t->count = calloc((size_t)n * 3 + 1, sizeof(double));
    if (!t->count)
        return host->fail(call, NULL, -1, "out of memory");
    t->alone = t->count + n;
    t->funds = t->alone + n;
    return 0;
}

/* Makes the result of a tally: one row per option. */
static int tally_result(const nk_host *host, nk_call *call, const tally *t,
                        const nks_option *opts, int several,
                        const nks_count_opts *how)
{
    nk_result *res = host->result(call, t->nopts);
    const char **labels = calloc((size_t)t->nopts + 1, sizeof *labels);
    double *share = calloc((size_t)t->nopts * 2 + 1, sizeof *share);
    double *fshare = share + t->nopts;
    int rc = res && labels && share ? 0 : -1;

    for (int i = 0; rc == 0 && i < t->nopts; i++) {
        labels[i] = opts[i].label;
        share[i] = t->base > 0 ? 100.0 * t->count[i] / t->base : NAN;
        fshare[i] = t->funds_total > 0 ?
                    100.0 * t->funds[i] / t->funds_total : NAN;
        rc |= nks_set_share(host, res, opts[i].key, t->count[i], t->base);
        rc |= set_named(host, res, "antall", opts[i].key, t->count[i]);
        if (several) {
            rc |= set_named(host, res, "alene", opts[i].key, t->alone[i]);
            rc |= set_named(host, res, "andel_alene", opts[i].key,
                            t->count[i] > 0 ?
                            100.0 * t->alone[i] / t->count[i] : NAN);
        }
        if (how && how->funds) {
            rc |= set_named(host, res, "midler", opts[i].key, t->funds[i]);
            rc |= set_named(host, res, "andel_midler", opts[i].key,
                            fshare[i]);
        }
    }
    if (rc == 0) {
        rc |= host->add_texts(res, "alternativ", labels);
        rc |= host->add_numbers(res, "antall", t->count);
        rc |= host->add_numbers(res, "andel", share);
        rc |= host->set_denominator(res, "andel", t->base);
        rc |= host->set_value(res, "grunnlag", t->base);
    }
    if (rc == 0 && several)
        rc |= nks_set_share(host, res, "flere", t->several, t->base);
    if (rc == 0 && how && how->funds) {
        rc |= host->add_numbers(res, "midler", t->funds);
        rc |= host->add_numbers(res, "andel_midler", fshare);
        rc |= host->set_value(res, "midler_total", t->funds_total);
    }
    free(labels);
    free(share);
    free(t->count);
    return rc == 0 ? 0 : host->fail(call, NULL, -1, "cannot build the "
                                    "result (out of memory?)");
}

/* Reads the flag column of each option; NULL after failing. */
static const double **read_flags(const nk_host *host, nk_call *call,
                                 const nks_rows *rows, const nks_option *opts,
                                 int nopts)
{
    const double **flags = calloc((size_t)nopts + 1, sizeof *flags);

    if (!flags) {
        host->fail(call, NULL, -1, "out of memory");
        return NULL;
    }
    for (int i = 0; i < nopts; i++) {
        flags[i] = host->numbers(call, rows->table, opts[i].key);
        if (!flags[i]) {
            free(flags);
            return NULL;
        }
    }
    return flags;
}

/* Adds row r, which chose the options marked in chose (chosen of them),
 * to the tally. */
static void tally_row(tally *t, const unsigned char *chose, int chosen,
                      double funds)
{
    t->base++;
    t->funds_total += funds;
    t->several += chosen > 1;
    for (int i = 0; i < t->nopts; i++) {
        if (!chose[i])
            continue;
        t->count[i]++;
        t->alone[i] += chosen == 1;
        t->funds[i] += funds;
    }
}

/* Reads the funds of a row into *funds (0 without a funds column). */
static int row_funds(const nk_host *host, nk_call *call, const nks_rows *rows,
                     const double *fv, long r, double *funds)
{
    *funds = fv ? fv[r] : 0;
    if (isnan(*funds))
        return host->fail(call, rows->table, r, "funds are missing");
    return 0;
}

int nks_multi_choice(const nk_host *host, nk_call *call,
                     const nks_rows *rows, const nks_option *opts, int nopts,
                     const nks_count_opts *how)
{
    const double **flags = read_flags(host, call, rows, opts, nopts);
    const double *fv = NULL;
    unsigned char *chose = calloc((size_t)nopts + 1, 1);
    tally t;
    int rc = flags && chose ? tally_new(host, call, &t, nopts) : -1;

    if (rc == 0 && how && how->funds) {
        fv = host->numbers(call, rows->table, how->funds);
        rc = fv ? 0 : -1;
    }
    for (long r = 0; rc == 0 && r < rows->n; r++) {
        int chosen = 0;
        double funds;

        if (!rows->on[r])
            continue;
        for (int i = 0; i < nopts; i++)
            chosen += chose[i] = flags[i][r] == 1;
        if (chosen == 0 && how && how->answered_only)
            continue;
        rc = row_funds(host, call, rows, fv, r, &funds);
        if (rc == 0)
            tally_row(&t, chose, chosen, funds);
    }
    if (rc == 0)
        rc = tally_result(host, call, &t, opts, 1, how);
    else if (flags && chose)
        free(t.count);
    free(flags);
    free(chose);
    return rc;
}

/* Returns the option index of a single-choice answer, or -1. */
static int find_option(const nks_option *opts, int nopts, const char *v)
{
    for (int i = 0; v && i < nopts; i++) {
        if (strcmp(opts[i].key, v) == 0)
            return i;
    }
    return -1;
}

int nks_single_choice(const nk_host *host, nk_call *call,
                      const nks_rows *rows, const char *column,
                      const nks_option *opts, int nopts,
                      const nks_count_opts *how)
{
    const char *const *v = host->texts(call, rows->table, column);
    const double *fv = NULL;
    unsigned char *chose = calloc((size_t)nopts + 1, 1);
    tally t;
    int rc = v && chose ? tally_new(host, call, &t, nopts) : -1;

    if (rc == 0 && how && how->funds) {
        fv = host->numbers(call, rows->table, how->funds);
        rc = fv ? 0 : -1;
    }
    for (long r = 0; rc == 0 && r < rows->n; r++) {
        int k = rows->on[r] ? find_option(opts, nopts, v[r]) : -1;
        double funds;

        if (!rows->on[r] || (k < 0 && how && how->answered_only))
            continue;
        if (k < 0) {
            rc = host->fail(call, rows->table, r, "%s: \"%s\" is not one "
                            "of the answers", column, v[r] ? v[r] : "");
            break;
        }
        memset(chose, 0, (size_t)nopts);
        chose[k] = 1;
        rc = row_funds(host, call, rows, fv, r, &funds);
        if (rc == 0)
            tally_row(&t, chose, 1, funds);
    }
    if (rc == 0)
        rc = tally_result(host, call, &t, opts, 0, how);
    else if (v && chose)
        free(t.count);
    free(chose);
    return rc;
}
