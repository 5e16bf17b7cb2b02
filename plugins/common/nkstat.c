#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nkstat.h"

/* Value names are "<prefix>_<key>"; keys are column names or codes. */
#define NAME_MAX_LEN 128

/* Orders text pointers by their text. */
static int by_text(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/*
 * Fails unless a row of the n texts of a region column holds region.
 * The message starts with "--set region=...": it is about the build's
 * parameter, not the indicator, so the host tells it once however many
 * indicators read the region. It names every region the column has.
 */
static int check_region(const nk_host *host, nk_call *call,
                        const char *const *regions, long n,
                        const char *region)
{
    const char **names;
    char list[1024] = "";
    long k = 0;

    for (long r = 0; r < n; r++)
        if (regions[r] && strcmp(regions[r], region) == 0)
            return 0;
    names = malloc(((size_t)n + 1) * sizeof *names);
    if (!names)
        return host->fail(call, NULL, -1, "out of memory");
    for (long r = 0; r < n; r++)
        if (regions[r] && *regions[r])
            names[k++] = regions[r];
    qsort(names, (size_t)k, sizeof *names, by_text);

    for (long i = 0; i < k; i++) {
        size_t used = strlen(list);

        if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
            continue;
        snprintf(list + used, sizeof list - used, "%s\"%s\"",
                 used ? ", " : "", names[i]);
    }
    free(names);
    return host->fail(call, NULL, -1, "--set region=\"%s\": the data has "
                      "no such region; it has %s", region,
                      *list ? list : "none");
}

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
        if (!regions ||
            check_region(host, call, regions, rows->n, region) != 0)
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

/* Sets storste_nr and minste_nr: the place, from 1, of the largest and
 * the smallest of the n counts, the first of equals. */
static int set_extremes(const nk_host *host, nk_result *res,
                        const double *count, int n)
{
    int most = 0, least = 0;

    for (int i = 1; i < n; i++) {
        most = count[i] > count[most] ? i : most;
        least = count[i] < count[least] ? i : least;
    }
    if (host->set_value(res, "storste_nr", most + 1) != 0)
        return -1;
    return host->set_value(res, "minste_nr", least + 1);
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
    if (rc == 0 && t->nopts > 0)
        rc |= set_extremes(host, res, t->count, t->nopts);
    if (rc == 0 && how && how->result)
        *how->result = res;
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

int nks_rows_where_any(const nk_host *host, nk_call *call, nks_rows *rows,
                       const char *const *columns, int n)
{
    unsigned char *keep = calloc((size_t)rows->n + 1, 1);

    if (!keep)
        return host->fail(call, NULL, -1, "out of memory");
    for (int k = 0; k < n; k++) {
        const double *v = host->numbers(call, rows->table, columns[k]);

        if (!v) {
            free(keep);
            return -1;
        }
        for (long r = 0; r < rows->n; r++)
            keep[r] |= v[r] == 1;
    }

    narrow(rows, keep);
    free(keep);
    return 0;
}

int nks_lookup(const nk_host *host, nk_call *call, const char *table,
               const char *key_column, const char *key,
               const char *value_column, double *value)
{
    long n = host->rows(call, table);
    const char *const *keys = host->texts(call, table, key_column);
    const double *v = host->numbers(call, table, value_column);

    if (n < 0 || !keys || !v)
        return -1;

    for (long r = 0; r < n; r++) {
        if (!keys[r] || strcmp(keys[r], key) != 0)
            continue;
        if (isnan(v[r]))
            return host->fail(call, table, r, "%s: no value for %s",
                              value_column, key);
        *value = v[r];
        return 0;
    }
    return host->fail(call, table, -1, "%s: no row \"%s\" in %s",
                      key_column, key, table);
}

/* Returns the options chosen in row r as a mask of NKS_BIT. */
static unsigned chosen_mask(const double **flags, int nopts, long r)
{
    unsigned mask = 0;

    for (int i = 0; i < nopts; i++) {
        if (flags[i][r] == 1)
            mask |= NKS_BIT(i);
    }
    return mask;
}

/* Returns the first combination the chosen options belong to, or -1. */
static int find_combination(const nks_combination *combos, int ncombos,
                            unsigned chosen)
{
    for (int c = 0; c < ncombos; c++) {
        int fits = (chosen & combos[c].none) == 0;

        for (int k = 0; fits && k < 4; k++)
            fits = !combos[c].need[k] || (chosen & combos[c].need[k]);
        if (fits)
            return c;
    }
    return -1;
}

/* Makes the result of nks_combinations from its counts. */
static int combination_result(const nk_host *host, nk_call *call,
                              const nks_combination *combos, int ncombos,
                              const double *count, double base,
                              const nks_count_opts *how)
{
    nk_result *res = host->result(call, ncombos);
    const char **labels = calloc((size_t)ncombos + 1, sizeof *labels);
    double *share = calloc((size_t)ncombos + 1, sizeof *share);
    int rc = res && labels && share ? 0 : -1;

    for (int c = 0; rc == 0 && c < ncombos; c++) {
        labels[c] = combos[c].label;
        share[c] = base > 0 ? 100.0 * count[c] / base : NAN;
        rc |= nks_set_share(host, res, combos[c].key, count[c], base);
        rc |= set_named(host, res, "antall", combos[c].key, count[c]);
    }
    if (rc == 0) {
        rc |= host->add_texts(res, "alternativ", labels);
        rc |= host->add_numbers(res, "antall", count);
        rc |= host->add_numbers(res, "andel", share);
        rc |= host->set_denominator(res, "andel", base);
        rc |= host->set_value(res, "grunnlag", base);
    }
    if (rc == 0 && how && how->result)
        *how->result = res;

    free(labels);
    free(share);
    return rc == 0 ? 0 : host->fail(call, NULL, -1, "cannot build the "
                                    "result (out of memory?)");
}

int nks_combinations(const nk_host *host, nk_call *call,
                     const nks_rows *rows, const nks_option *opts, int nopts,
                     const nks_combination *combos, int ncombos,
                     const nks_count_opts *how)
{
    const double **flags;
    double *count, base = 0;
    int rc = 0;

    if (nopts > 32)
        return host->fail(call, NULL, -1, "%s: more than 32 options to "
                          "combine", rows->table);
    flags = read_flags(host, call, rows, opts, nopts);
    count = calloc((size_t)ncombos + 1, sizeof *count);
    if (!flags || !count) {
        free(flags);
        free(count);
        return flags ? host->fail(call, NULL, -1, "out of memory") : -1;
    }

    for (long r = 0; rc == 0 && r < rows->n; r++) {
        unsigned chosen = rows->on[r] ? chosen_mask(flags, nopts, r) : 0;
        int c = find_combination(combos, ncombos, chosen);

        if (!rows->on[r] || (!chosen && how && how->answered_only))
            continue;
        if (c < 0) {
            rc = host->fail(call, rows->table, r, "the options chosen "
                            "fit none of the %d groups", ncombos);
            break;
        }
        count[c]++;
        base++;
    }

    if (rc == 0)
        rc = combination_result(host, call, combos, ncombos, count, base,
                                how);
    free(flags);
    free(count);
    return rc;
}

/* The columns of a slotted question, read once, and per slot the
 * place among the known values of each text the slot has (-1 for a
 * text that is not one of them), by its code. */
typedef struct slot_cols {
    const char *const *name[8];
    const int *code[8];
    int *value_of[8];
    const double *share[8];
} slot_cols;

/* Returns the position of s among n values, or -1. */
static int value_index(const char *const *values, int n, const char *s)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(values[i], s) == 0)
            return i;
    }
    return -1;
}

/*
 * Checks the slots of row r and stores each filled slot's value
 * position in at[] (-1 for an empty slot). Returns 0, or -1 after
 * failing at the row with what is wrong.
 */
static int check_slots(const nk_host *host, nk_call *call,
                       const nks_rows *rows, const nks_slots *slots,
                       const slot_cols *sc, int nvalues, long r, int *at)
{
    double total = 0;
    int empty = 0;

    for (int s = 0; s < slots->nslots; s++) {
        const char *v = sc->name[s][r];
        double share = sc->share[s][r];

        at[s] = -1;
        if (!v) {
            empty = 1;
            if (!isnan(share))
                return host->fail(call, rows->table, r, "%s: a share "
                                  "without a value in %s",
                                  slots->shares[s], slots->names[s]);
            continue;
        }
        at[s] = sc->value_of[s][sc->code[s][r]];
        if (empty)
            return host->fail(call, rows->table, r, "%s: filled after an "
                              "empty slot", slots->names[s]);
        if (at[s] < 0)
            return host->fail(call, rows->table, r, "%s: \"%s\" is not one "
                              "of the %d known values", slots->names[s], v,
                              nvalues);
        for (int p = 0; p < s; p++) {
            if (at[p] == at[s])
                return host->fail(call, rows->table, r, "%s: \"%s\" is "
                                  "named twice", slots->names[s], v);
        }
        if (!(share > 0))
            return host->fail(call, rows->table, r, "%s: the share must "
                              "be above zero", slots->shares[s]);
        total += share;
    }

    if (fabs(total - 100) > 1e-9)
        return host->fail(call, rows->table, r, "the shares in %s to %s add "
                          "up to %g, not 100", slots->shares[0],
                          slots->shares[slots->nslots - 1], total);
    return 0;
}

static void slots_free(slot_cols *sc)
{
    for (int s = 0; s < 8; s++)
        free(sc->value_of[s]);
}

/* Reads the slot columns into sc and finds the place of each of their
 * texts among the n values. Returns 0, or -1 after failing; free sc
 * with slots_free either way. */
static int read_slots(const nk_host *host, nk_call *call,
                      const nks_rows *rows, const nks_slots *slots,
                      const char *const *values, int n, slot_cols *sc)
{
    memset(sc, 0, sizeof *sc);
    if (slots->nslots < 1 || slots->nslots > 8)
        return host->fail(call, NULL, -1, "%s: 1 to 8 slots, not %d",
                          rows->table, slots->nslots);
    for (int s = 0; s < slots->nslots; s++) {
        const char *const *distinct;
        long ndistinct;

        sc->name[s] = host->texts(call, rows->table, slots->names[s]);
        sc->code[s] = host->text_codes(call, rows->table, slots->names[s],
                                       &distinct, &ndistinct);
        sc->share[s] = host->numbers(call, rows->table, slots->shares[s]);
        if (!sc->name[s] || !sc->code[s] || !sc->share[s])
            return -1;
        sc->value_of[s] = malloc(((size_t)ndistinct + 1) *
                                 sizeof *sc->value_of[s]);
        if (!sc->value_of[s])
            return host->fail(call, NULL, -1, "out of memory");
        for (long d = 0; d < ndistinct; d++)
            sc->value_of[s][d] = value_index(values, n, distinct[d]);
    }
    return 0;
}

/* Makes the result of nks_split_funds; sums holds per value the rows
 * naming it and then their funds, nvalues each. */
static int split_result(const nk_host *host, nk_call *call,
                        const char *const *values, int nvalues,
                        const double *sums, double base, double total,
                        const nks_count_opts *how)
{
    nk_result *res = host->result(call, nvalues);
    double *share = calloc((size_t)nvalues * 2 + 1, sizeof *share);
    double *mnok = share + nvalues;
    int rc = res && share ? 0 : -1;

    for (int i = 0; rc == 0 && i < nvalues; i++) {
        share[i] = total > 0 ? 100.0 * sums[nvalues + i] / total : NAN;
        mnok[i] = sums[nvalues + i] / 1e6;
    }
    if (rc == 0) {
        rc |= host->add_texts(res, "alternativ", values);
        rc |= host->add_numbers(res, "prosjekter", sums);
        rc |= host->add_numbers(res, "midler", sums + nvalues);
        rc |= host->add_numbers(res, "midler_mnok", mnok);
        rc |= host->add_numbers(res, "andel_midler", share);
        rc |= host->set_denominator(res, "andel_midler", total);
        rc |= host->set_value(res, "grunnlag", base);
        rc |= host->set_value(res, "midler_total", total);
        rc |= host->set_value(res, "midler_total_mnok", total / 1e6);
    }
    if (rc == 0 && how->result)
        *how->result = res;

    free(share);
    return rc == 0 ? 0 : host->fail(call, NULL, -1, "cannot build the "
                                    "result (out of memory?)");
}

/* Adds row r's funds to the values its slots name (at[]), and the row
 * to the count of each. */
static void split_row(const nks_slots *slots, const slot_cols *sc,
                      const int *at, int nvalues, double funds, long r,
                      double *sums)
{
    for (int s = 0; s < slots->nslots; s++) {
        if (at[s] < 0)
            continue;
        sums[at[s]]++;
        sums[nvalues + at[s]] += funds * sc->share[s][r] / 100;
    }
}

int nks_split_funds(const nk_host *host, nk_call *call, const nks_rows *rows,
                    const nks_slots *slots, const char *const *values,
                    int nvalues, const nks_count_opts *how)
{
    const char *funds = how->funds;
    const double *fv = host->numbers(call, rows->table, funds);
    double *sums, base = 0, total = 0;
    slot_cols sc = {0};
    int at[8], rc = 0;

    if (!fv || read_slots(host, call, rows, slots, values, nvalues,
                          &sc) != 0) {
        slots_free(&sc);
        return -1;
    }
    sums = calloc((size_t)nvalues * 2 + 1, sizeof *sums);
    if (!sums) {
        slots_free(&sc);
        return host->fail(call, NULL, -1, "out of memory");
    }

    for (long r = 0; rc == 0 && r < rows->n; r++) {
        if (!rows->on[r])
            continue;
        if (isnan(fv[r]))
            rc = host->fail(call, rows->table, r, "%s: value is missing",
                            funds);
        else
            rc = check_slots(host, call, rows, slots, &sc, nvalues, r, at);
        if (rc != 0)
            break;
        split_row(slots, &sc, at, nvalues, fv[r], r, sums);
        base++;
        total += fv[r];
    }

    if (rc == 0)
        rc = split_result(host, call, values, nvalues, sums, base, total,
                          how);
    free(sums);
    slots_free(&sc);
    return rc;
}

int nks_count_flags(const nk_host *host, nk_call *call,
                    const nks_rows *rows, const nks_option *opts, int nopts,
                    double *counts)
{
    const double **flags = read_flags(host, call, rows, opts, nopts);

    if (!flags)
        return -1;

    for (int i = 0; i < nopts; i++) {
        counts[i] = 0;
        for (long r = 0; r < rows->n; r++)
            counts[i] += rows->on[r] && flags[i][r] == 1;
    }
    free(flags);
    return 0;
}

int nks_count_choice(const nk_host *host, nk_call *call,
                     const nks_rows *rows, const char *column,
                     const nks_option *opts, int nopts, int answered_only,
                     double *counts)
{
    const char *const *v = host->texts(call, rows->table, column);

    if (!v)
        return -1;

    for (int i = 0; i < nopts; i++)
        counts[i] = 0;
    for (long r = 0; r < rows->n; r++) {
        int k = rows->on[r] ? find_option(opts, nopts, v[r]) : -1;

        if (!rows->on[r] || (k < 0 && answered_only))
            continue;
        if (k < 0)
            return host->fail(call, rows->table, r, "%s: \"%s\" is not one "
                              "of the answers", column, v[r] ? v[r] : "");
        counts[k]++;
    }
    return 0;
}

int nks_check_exclusive(const nk_host *host, nk_call *call,
                        const nks_rows *rows, const char *none,
                        const nks_option *opts, int nopts)
{
    const double *nv = host->numbers(call, rows->table, none);
    const double **flags = nv ? read_flags(host, call, rows, opts, nopts)
                              : NULL;
    int rc = 0;

    if (!flags)
        return -1;

    for (long r = 0; rc == 0 && r < rows->n; r++) {
        if (!rows->on[r] || nv[r] != 1)
            continue;
        for (int i = 0; rc == 0 && i < nopts; i++) {
            if (flags[i][r] == 1)
                rc = host->fail(call, rows->table, r, "%s and %s are both "
                                "ticked; \"none\" goes with no other answer",
                                none, opts[i].key);
        }
    }
    free(flags);
    return rc;
}

/* Returns whether v is a whole number (not NaN, not infinite). */
static int is_whole(double v)
{
    return isfinite(v) && v == floor(v);
}

/* Fails at the gap in the years v (n rows) before row r; a year that
 * seems missing there but comes later is told as out of order. */
static void fail_gap(const nk_host *host, nk_call *call, const char *table,
                     const char *column, const double *v, long n, long r)
{
    long later = r + 1;

    while (later < n && v[later] != v[r - 1] + 1)
        later++;
    if (later < n)
        host->fail(call, table, later, "%s: %.0f comes after %.0f; the "
                   "years must increase", column, v[later], v[r]);
    else
        host->fail(call, table, r, "%s: %.0f follows %.0f; a series has a "
                   "row for every year, and %s missing", column, v[r],
                   v[r - 1], v[r] == v[r - 1] + 2 ? "one is" : "some are");
}

const double *nks_read_years(const nk_host *host, nk_call *call,
                             const char *table, const char *column)
{
    long n = host->rows(call, table);
    const double *v = host->numbers(call, table, column);

    if (n < 0 || !v)
        return NULL;

    for (long r = 0; r < n; r++) {
        int bad = 1;

        if (isnan(v[r]))
            host->fail(call, table, r, "%s: the year is missing", column);
        else if (!is_whole(v[r]))
            host->fail(call, table, r, "%s: %.15g is not a year", column,
                       v[r]);
        else if (r > 0 && v[r] <= v[r - 1])
            host->fail(call, table, r, "%s: %.0f follows %.0f; the years "
                       "must increase", column, v[r], v[r - 1]);
        else if (r > 0 && v[r] > v[r - 1] + 1)
            fail_gap(host, call, table, column, v, n, r);
        else
            bad = 0;
        if (bad)
            return NULL;
    }
    return v;
}

const double *nks_read_counts(const nk_host *host, nk_call *call,
                              const char *table, const char *column)
{
    long n = host->rows(call, table);
    const double *v = host->numbers(call, table, column);

    if (n < 0 || !v)
        return NULL;

    for (long r = 0; r < n; r++) {
        if (isnan(v[r])) {
            host->fail(call, table, r, "%s: the count is missing", column);
            return NULL;
        }
        if (!is_whole(v[r]) || v[r] < 0) {
            host->fail(call, table, r, "%s: %.15g is not a count (a whole "
                       "number, 0 or more)", column, v[r]);
            return NULL;
        }
    }
    return v;
}

int nks_rows_copy(const nk_host *host, nk_call *call, const nks_rows *src,
                  nks_rows *dst)
{
    *dst = *src;
    dst->on = malloc((size_t)src->n + 1);
    if (!dst->on)
        return host->fail(call, NULL, -1, "out of memory");
    memcpy(dst->on, src->on, (size_t)src->n);
    return 0;
}

int nks_rows_where_none(const nk_host *host, nk_call *call, nks_rows *rows,
                        const char *const *columns, int n)
{
    nks_rows any;

    if (nks_rows_copy(host, call, rows, &any) != 0)
        return -1;
    if (nks_rows_where_any(host, call, &any, columns, n) != 0) {
        nks_rows_free(&any);
        return -1;
    }

    /* The rows on that chose any of the columns are left out. */
    for (long r = 0; r < rows->n; r++)
        any.on[r] = !any.on[r];
    narrow(rows, any.on);
    nks_rows_free(&any);
    return 0;
}

/* A row on, with its texts in the columns it is ordered by and their
 * codes (host->text_codes), which order the same way. */
typedef struct keyed_row {
    const char *key;
    const char *sub;        /* "" when ordered by key alone */
    int kc, sc;             /* codes of key and sub (0 without sub) */
    long row;
} keyed_row;

/* A text column read both ways: texts for messages, codes for work. */
typedef struct coded {
    const char *const *text;
    const int *code;
    const char *const *distinct;
    long n;                 /* distinct texts */
} coded;

/* Reads column of the table of rows into *c. Returns 0, or -1 after
 * failing. */
static int read_coded(const nk_host *host, nk_call *call,
                      const nks_rows *rows, const char *column, coded *c)
{
    c->text = host->texts(call, rows->table, column);
    c->code = c->text ? host->text_codes(call, rows->table, column,
                                         &c->distinct, &c->n)
                      : NULL;
    return c->code ? 0 : -1;
}

/*
 * Sorts the n keyed rows in kr, stably, by the code picked by sub (sc
 * when set, else kc), of which there are ncodes, into out.
 */
static void sort_by_code(const keyed_row *kr, long n, long ncodes, int sub,
                         keyed_row *out, long *start)
{
    memset(start, 0, ((size_t)ncodes + 1) * sizeof *start);
    for (long i = 0; i < n; i++)
        start[(sub ? kr[i].sc : kr[i].kc) + 1]++;
    for (long c = 1; c <= ncodes; c++)
        start[c] += start[c - 1];
    for (long i = 0; i < n; i++)
        out[start[sub ? kr[i].sc : kr[i].kc]++] = kr[i];
}

/* Gathers the rows on with their keys into out (n entries). Returns 0,
 * or -1 after failing at the first row on that lacks a text. */
static int gather_rows(const nk_host *host, nk_call *call,
                       const nks_rows *rows, const coded *k, const coded *s,
                       const char *key, const char *sub, keyed_row *out)
{
    long n = 0;

    for (long r = 0; r < rows->n; r++) {
        if (!rows->on[r])
            continue;
        if (k->code[r] < 0 || (sub && s->code[r] < 0))
            return host->fail(call, rows->table, r, "%s: value is missing",
                              k->code[r] < 0 ? key : sub);
        out[n].key = k->text[r];
        out[n].kc = k->code[r];
        out[n].sub = sub ? s->text[r] : "";
        out[n].sc = sub ? s->code[r] : 0;
        out[n++].row = r;
    }
    return 0;
}

/*
 * Returns the rows on ordered by their text in column key and then in
 * column sub (NULL to order by key alone), the earlier row first among
 * equals, and sets *n to how many; the caller frees the array. Returns
 * NULL after failing at the first row on that lacks one of the texts.
 * Two counting sorts over the codes, sub first, do it in linear time.
 */
static keyed_row *sort_rows(const nk_host *host, nk_call *call,
                            const nks_rows *rows, const char *key,
                            const char *sub, long *n)
{
    coded k, s = {0};
    keyed_row *kr, *tmp;
    long *start;

    if (read_coded(host, call, rows, key, &k) != 0 ||
        (sub && read_coded(host, call, rows, sub, &s) != 0))
        return NULL;
    kr = calloc((size_t)rows->count + 1, sizeof *kr);
    tmp = calloc((size_t)rows->count + 1, sizeof *tmp);
    start = calloc((size_t)(k.n > s.n ? k.n : s.n) + 2, sizeof *start);
    if (!kr || !tmp || !start) {
        host->fail(call, NULL, -1, "out of memory");
        goto fail;
    }
    if (gather_rows(host, call, rows, &k, &s, key, sub, kr) != 0)
        goto fail;

    *n = rows->count;
    if (sub) {
        sort_by_code(kr, *n, s.n, 1, tmp, start);
        sort_by_code(tmp, *n, k.n, 0, kr, start);
    } else {
        sort_by_code(kr, *n, k.n, 0, tmp, start);
        memcpy(kr, tmp, (size_t)*n * sizeof *kr);
    }
    free(tmp);
    free(start);
    return kr;

fail:
    free(kr);
    free(tmp);
    free(start);
    return NULL;
}

/* Returns the end of the run of keyed rows from i that share its key. */
static long key_run_end(const keyed_row *kr, long n, long i)
{
    long j = i + 1;

    while (j < n && kr[j].kc == kr[i].kc)
        j++;
    return j;
}

int nks_rows_distinct(const nk_host *host, nk_call *call, nks_rows *rows,
                      const char *key)
{
    long n;
    keyed_row *kr = sort_rows(host, call, rows, key, NULL, &n);
    unsigned char *keep;

    if (!kr)
        return -1;
    keep = calloc((size_t)rows->n + 1, 1);
    if (!keep) {
        free(kr);
        return host->fail(call, NULL, -1, "out of memory");
    }

    /* Runs are ordered by row, so each run starts with its first row. */
    for (long i = 0; i < n; i = key_run_end(kr, n, i))
        keep[kr[i].row] = 1;
    narrow(rows, keep);
    free(keep);
    free(kr);
    return 0;
}

/* Makes the result of nks_spread from hist[1..most], the keys with each
 * number of values. */
static int spread_result(const nk_host *host, nk_call *call,
                         const double *hist, long most, double keys,
                         double nrows, nk_result **out)
{
    nk_result *res = host->result(call, most);
    double *num = calloc((size_t)most * 2 + 1, sizeof *num);
    double *share = num + most;
    long fewest_several = 0;
    char m_text[32];
    int rc = res && num ? 0 : -1;

    for (long m = 1; rc == 0 && m <= most; m++) {
        num[m - 1] = (double)m;
        share[m - 1] = 100.0 * hist[m] / keys;
        snprintf(m_text, sizeof m_text, "%ld", m);
        rc |= set_named(host, res, "antall", m_text, hist[m]);
        rc |= set_named(host, res, "andel", m_text, share[m - 1]);
        if (m > 1 && hist[m] > 0 && fewest_several == 0)
            fewest_several = m;
    }
    if (rc == 0) {
        rc |= host->add_numbers(res, "hvor_mange", num);
        rc |= host->add_numbers(res, "antall", hist + 1);
        rc |= host->add_numbers(res, "andel", share);
        rc |= host->set_denominator(res, "andel", keys);
        rc |= host->set_value(res, "grunnlag", keys);
        rc |= host->set_value(res, "rader", nrows);
        rc |= host->set_value(res, "hoyeste", (double)most);
    }
    if (rc == 0 && fewest_several > 0)
        rc |= host->set_value(res, "laveste_flere", (double)fewest_several);
    if (rc == 0 && out)
        *out = res;

    free(num);
    return rc == 0 ? 0 : host->fail(call, NULL, -1, "cannot build the "
                                    "result (out of memory?)");
}

int nks_spread(const nk_host *host, nk_call *call, const nks_rows *rows,
               const char *key, const char *of, nk_result **res)
{
    long n, most = 0;
    double keys = 0, *hist;
    keyed_row *kr = sort_rows(host, call, rows, key, of, &n);
    int rc;

    if (!kr)
        return -1;
    if (n == 0) {
        free(kr);
        return host->fail(call, rows->table, -1, "no rows to count");
    }
    hist = calloc((size_t)n + 2, sizeof *hist);
    if (!hist) {
        free(kr);
        return host->fail(call, NULL, -1, "out of memory");
    }

    /* A key's values are its rows, or its distinct texts in of. */
    for (long i = 0, end; i < n; i = end) {
        long values = 1;

        end = key_run_end(kr, n, i);
        for (long j = i + 1; j < end; j++)
            values += !of || kr[j].sc != kr[j - 1].sc;
        hist[values]++;
        most = values > most ? values : most;
        keys++;
    }

    free(kr);
    rc = spread_result(host, call, hist, most, keys, (double)n, res);
    free(hist);
    return rc;
}

/* The counts of nks_group_count: per group its name, its rows and its
 * rows per split value. */
typedef struct group_table {
    long ngroups;
    long nsplit;
    const char **split;     /* split values in text order, borrowed */
    long *slot;             /* per split code, its place in split */
    const char **name;      /* per group, borrowed */
    double *total;          /* per group */
    double *cell;           /* ngroups * nsplit, a group's row at a time */
    long *order;            /* groups, the largest total first */
} group_table;

static void group_table_free(group_table *g)
{
    free(g->split);
    free(g->slot);
    free(g->name);
    free(g->total);
    free(g->cell);
    free(g->order);
}

/* Collects the distinct split texts of the n keyed rows into g, in the
 * order of their codes, which is text order. */
static int group_splits(const keyed_row *kr, long n, group_table *g)
{
    long codes = 0;

    for (long i = 0; i < n; i++)
        codes = kr[i].sc >= codes ? kr[i].sc + 1 : codes;
    g->split = calloc((size_t)codes + 1, sizeof *g->split);
    g->slot = calloc((size_t)codes + 1, sizeof *g->slot);
    if (!g->split || !g->slot)
        return -1;
    for (long i = 0; i < n; i++)
        g->split[kr[i].sc] = kr[i].sub;

    g->nsplit = 0;
    for (long c = 0; c < codes; c++) {
        g->slot[c] = g->nsplit;
        if (g->split[c])
            g->split[g->nsplit++] = g->split[c];
    }
    return 0;
}

/* The group table being ordered: qsort gives no context. */
static const group_table *ordering;

/* Orders groups by their total, the largest first, then by name. */
static int by_total(const void *pa, const void *pb)
{
    long a = *(const long *)pa, b = *(const long *)pb;
    double ta = ordering->total[a], tb = ordering->total[b];

    if (ta != tb)
        return ta < tb ? 1 : -1;
    return strcmp(ordering->name[a], ordering->name[b]);
}

/* Counts the n keyed rows (ordered by group, then split) into g. */
static int group_counts(const keyed_row *kr, long n, group_table *g)
{
    long groups = 0;

    for (long i = 0; i < n; i = key_run_end(kr, n, i))
        groups++;
    g->ngroups = groups;
    g->name = calloc((size_t)groups + 1, sizeof *g->name);
    g->total = calloc((size_t)groups + 1, sizeof *g->total);
    g->cell = calloc((size_t)(groups * g->nsplit) + 1, sizeof *g->cell);
    g->order = calloc((size_t)groups + 1, sizeof *g->order);
    if (!g->name || !g->total || !g->cell || !g->order)
        return -1;

    for (long i = 0, k = 0, end; i < n; i = end, k++) {
        end = key_run_end(kr, n, i);
        g->name[k] = kr[i].key;
        g->total[k] = (double)(end - i);
        g->order[k] = k;
        for (long j = i; j < end; j++)
            g->cell[k * g->nsplit + g->slot[kr[j].sc]]++;
    }
    ordering = g;
    qsort(g->order, (size_t)groups, sizeof *g->order, by_total);
    ordering = NULL;
    return 0;
}

/* Adds the column of split value s of g to res, in the groups' order. */
static int add_split_column(const nk_host *host, nk_result *res,
                            const group_table *g, long s, double *col)
{
    for (long k = 0; k < g->ngroups; k++)
        col[k] = g->cell[g->order[k] * g->nsplit + s];
    return host->add_numbers(res, g->split[s], col);
}

/* Makes the result of nks_group_count from g over base rows. */
static int group_result(const nk_host *host, nk_call *call,
                        const group_table *g, double base, int split,
                        nk_result **out)
{
    long n = g->ngroups;
    nk_result *res = host->result(call, n);
    const char **names = calloc((size_t)n + 1, sizeof *names);
    double *num = calloc((size_t)n * 3 + 1, sizeof *num);
    int rc = res && names && num ? 0 : -1;

    for (long k = 0; rc == 0 && k < n; k++) {
        names[k] = g->name[g->order[k]];
        num[k] = g->total[g->order[k]];
        num[n + k] = 100.0 * num[k] / base;
    }
    if (rc == 0) {
        rc |= host->add_texts(res, "gruppe", names);
        rc |= host->add_numbers(res, "antall", num);
        rc |= host->add_numbers(res, "andel", num + n);
        rc |= host->set_denominator(res, "andel", base);
        rc |= host->set_value(res, "grupper", (double)n);
        rc |= host->set_value(res, "grunnlag", base);
        rc |= host->set_value(res, "hoyeste", num[0]);
        rc |= host->set_value(res, "laveste", num[n - 1]);
    }
    for (long s = 0; rc == 0 && split && s < g->nsplit; s++)
        rc |= add_split_column(host, res, g, s, num + 2 * n);
    if (rc == 0 && out)
        *out = res;

    free(names);
    free(num);
    return rc == 0 ? 0 : host->fail(call, NULL, -1, "cannot build the "
                                    "result (out of memory?)");
}

int nks_group_count(const nk_host *host, nk_call *call, const nks_rows *rows,
                    const char *group, const char *split, nk_result **res)
{
    long n;
    keyed_row *kr = sort_rows(host, call, rows, group, split, &n);
    group_table g;
    int rc;

    if (!kr)
        return -1;
    if (n == 0) {
        free(kr);
        return host->fail(call, rows->table, -1, "no rows to count");
    }

    memset(&g, 0, sizeof g);
    if (group_splits(kr, n, &g) != 0 || group_counts(kr, n, &g) != 0)
        rc = host->fail(call, NULL, -1, "out of memory");
    else
        rc = group_result(host, call, &g, (double)n, split != NULL, res);

    group_table_free(&g);
    free(kr);
    return rc;
}

/* Writes s in quotes into buf, or "no value" when s is missing. */
static void quote_text(char *buf, size_t size, const char *s)
{
    if (s)
        snprintf(buf, size, "\"%s\"", s);
    else
        snprintf(buf, size, "no value");
}

/* Fails at row r, whose text in column differs from the one of row
 * first, which has the same key. */
static int fail_differs(const nk_host *host, nk_call *call,
                        const nks_rows *rows, const char *key,
                        const char *column, const char *const *v, long r,
                        long first)
{
    const char *const *keys = host->texts(call, rows->table, key);
    char here[256], there[256];

    quote_text(here, sizeof here, v[r]);
    quote_text(there, sizeof there, v[first]);
    return host->fail(call, rows->table, r, "%s: %s, but %s on line %ld "
                      "for the same %s \"%s\"", column, here, there,
                      host->line(call, rows->table, first), key,
                      keys ? keys[r] : "");
}

int nks_check_same(const nk_host *host, nk_call *call, const nks_rows *rows,
                   const char *key, const char *column)
{
    coded v;
    long n;
    keyed_row *kr = read_coded(host, call, rows, column, &v) == 0 ?
                    sort_rows(host, call, rows, key, NULL, &n) : NULL;
    int rc = 0;

    if (!kr)
        return -1;

    /* Each run starts with its first row, which the others must match:
     * the same code, or both without a text. */
    for (long i = 0, end; rc == 0 && i < n; i = end) {
        long first = kr[i].row;

        end = key_run_end(kr, n, i);
        for (long j = i + 1; rc == 0 && j < end; j++) {
            long r = kr[j].row;

            if (v.code[r] != v.code[first])
                rc = fail_differs(host, call, rows, key, column, v.text, r,
                                  first);
        }
    }
    free(kr);
    return rc;
}

int nks_check_unique(const nk_host *host, nk_call *call, const nks_rows *rows,
                     const char *key, const char *sub)
{
    long n;
    keyed_row *kr = sort_rows(host, call, rows, key, sub, &n);
    int rc = 0;

    if (!kr)
        return -1;

    /* Equal pairs lie next to each other, the earlier row first. */
    for (long i = 1; rc == 0 && i < n; i++) {
        if (kr[i].kc == kr[i - 1].kc && kr[i].sc == kr[i - 1].sc)
            rc = host->fail(call, rows->table, kr[i].row, "%s \"%s\" with "
                            "%s \"%s\" is on line %ld already", key,
                            kr[i].key, sub, kr[i].sub,
                            host->line(call, rows->table, kr[i - 1].row));
    }
    free(kr);
    return rc;
}

int nks_rows_where_any_text(const nk_host *host, nk_call *call,
                            nks_rows *rows, const char *column,
                            const char *const *values, int n)
{
    const char *const *v = host->texts(call, rows->table, column);
    unsigned char *keep;

    if (!v)
        return -1;
    keep = calloc((size_t)rows->n + 1, 1);
    if (!keep)
        return host->fail(call, NULL, -1, "out of memory");

    for (long r = 0; r < rows->n; r++) {
        for (int k = 0; v[r] && k < n && !keep[r]; k++)
            keep[r] = strcmp(v[r], values[k]) == 0;
    }
    narrow(rows, keep);
    free(keep);
    return 0;
}

void nks_classes_free(nks_classes *classes)
{
    free(classes->keys);
    free(classes->labels);
    free(classes->of);
    memset(classes, 0, sizeof *classes);
}

/* Makes n empty classes over a table of nrows rows, every row in none.
 * Returns 0, or -1 after failing. */
static int classes_new(const nk_host *host, nk_call *call, long nrows, int n,
                       nks_classes *c)
{
    memset(c, 0, sizeof *c);
    c->keys = calloc((size_t)n + 1, sizeof *c->keys);
    c->labels = calloc((size_t)n + 1, sizeof *c->labels);
    c->of = malloc(((size_t)nrows + 1) * sizeof *c->of);
    if (!c->keys || !c->labels || !c->of) {
        nks_classes_free(c);
        return host->fail(call, NULL, -1, "out of memory");
    }
    c->n = n;
    for (long r = 0; r < nrows; r++)
        c->of[r] = -1;
    return 0;
}

/* Returns the first class with the text v among its members, or -1. */
static int text_class(const nks_class *defs, int ndefs, const char *v)
{
    for (int d = 0; d < ndefs; d++) {
        for (int m = 0; m < defs[d].nmembers; m++) {
            if (strcmp(defs[d].members[m], v) == 0)
                return d;
        }
    }
    return -1;
}

/* Classifies the rows on by the values of a text column. */
static int classify_text(const nk_host *host, nk_call *call,
                         const nks_rows *rows, const char *column,
                         const nks_class *defs, int ndefs, nks_classes *out)
{
    const char *const *v = host->texts(call, rows->table, column);

    if (!v)
        return -1;
    for (long r = 0; r < rows->n; r++) {
        if (!rows->on[r] || !v[r])
            continue;
        out->of[r] = text_class(defs, ndefs, v[r]);
        if (out->of[r] < 0)
            return host->fail(call, rows->table, r, "%s: \"%s\" is not one "
                              "of the answers", column, v[r]);
    }
    return 0;
}

/* Classifies the rows on by flag columns; a row in two classes fails. */
static int classify_flags(const nk_host *host, nk_call *call,
                          const nks_rows *rows, const nks_class *defs,
                          int ndefs, nks_classes *out)
{
    for (int d = 0; d < ndefs; d++) {
        for (int m = 0; m < defs[d].nmembers; m++) {
            const char *col = defs[d].members[m];
            const double *v = host->numbers(call, rows->table, col);

            if (!v)
                return -1;
            for (long r = 0; r < rows->n; r++) {
                int was = out->of[r];

                if (!rows->on[r] || v[r] != 1 || was == d)
                    continue;
                if (was >= 0)
                    return host->fail(call, rows->table, r, "%s is ticked "
                                      "as well as an answer of \"%s\"; the "
                                      "row can be in one class only", col,
                                      defs[was].label);
                out->of[r] = d;
            }
        }
    }
    return 0;
}

int nks_classify(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const char *column, const nks_class *defs, int ndefs,
                 nks_classes *out)
{
    int rc;

    if (classes_new(host, call, rows->n, ndefs, out) != 0)
        return -1;
    for (int d = 0; d < ndefs; d++) {
        out->keys[d] = defs[d].key;
        out->labels[d] = defs[d].label;
    }

    rc = column ? classify_text(host, call, rows, column, defs, ndefs, out)
                : classify_flags(host, call, rows, defs, ndefs, out);
    if (rc != 0)
        nks_classes_free(out);
    return rc;
}

int nks_group_by(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const char *column, nks_classes *out)
{
    coded v;
    int *cls, n = 0, rc;

    if (read_coded(host, call, rows, column, &v) != 0)
        return -1;
    for (long r = 0; r < rows->n; r++) {
        if (rows->on[r] && v.code[r] < 0)
            return host->fail(call, rows->table, r, "%s: value is missing",
                              column);
    }
    cls = malloc(((size_t)v.n + 1) * sizeof *cls);
    if (!cls)
        return host->fail(call, NULL, -1, "out of memory");

    /* A class per code that a row on has, in code order: text order. */
    for (long c = 0; c < v.n; c++)
        cls[c] = -1;
    for (long r = 0; r < rows->n; r++) {
        if (rows->on[r])
            cls[v.code[r]] = 0;
    }
    for (long c = 0; c < v.n; c++) {
        if (cls[c] >= 0)
            cls[c] = n++;
    }
    rc = classes_new(host, call, rows->n, n, out);
    for (long r = 0; rc == 0 && r < rows->n; r++) {
        if (rows->on[r])
            out->of[r] = cls[v.code[r]];
    }
    for (long c = 0; rc == 0 && c < v.n; c++) {
        if (cls[c] >= 0)
            out->keys[cls[c]] = out->labels[cls[c]] = v.distinct[c];
    }
    free(cls);
    return rc;
}

/* The counts of a cross-table, funds alongside. */
typedef struct xtab {
    int nr, nc;
    double base;
    double *total;          /* nr: rows per row class */
    double *cell;           /* nr * nc, a row class at a time */
    double *ftotal;         /* the same in funds */
    double *fcell;
} xtab;

static int xtab_new(const nk_host *host, nk_call *call, int nr, int nc,
                    xtab *x)
{
    size_t n = (size_t)nr * (2 + 2 * (size_t)nc);

    memset(x, 0, sizeof *x);
    x->nr = nr;
    x->nc = nc;
    x->total = calloc(n + 1, sizeof *x->total);
    if (!x->total)
        return host->fail(call, NULL, -1, "out of memory");
    x->cell = x->total + nr;
    x->ftotal = x->cell + (size_t)nr * nc;
    x->fcell = x->ftotal + nr;
    return 0;
}

/* Counts the rows on into the cross-table x. */
static int xtab_count(const nk_host *host, nk_call *call,
                      const nks_rows *rows, const nks_classes *rows_by,
                      const nks_classes *cols_by, const nks_count_opts *how,
                      xtab *x)
{
    const double *fv = NULL;
    int answered = how && how->answered_only;

    if (how && how->funds) {
        fv = host->numbers(call, rows->table, how->funds);
        if (!fv)
            return -1;
    }
    for (long r = 0; r < rows->n; r++) {
        int a = rows_by->of[r], b = cols_by->of[r];
        double f = fv ? fv[r] : 0;

        if (!rows->on[r] || a < 0 || (b < 0 && answered))
            continue;
        if (isnan(f))
            return host->fail(call, rows->table, r, "%s: value is missing",
                              how->funds);
        x->base++;
        x->total[a]++;
        x->ftotal[a] += f;
        if (b >= 0) {
            x->cell[a * x->nc + b]++;
            x->fcell[a * x->nc + b] += f;
        }
    }
    return 0;
}

/* Returns part of whole in percent, NaN when whole is zero. */
static double percent_of(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : NAN;
}

/* Adds two columns for one column class: col, one number per row class
 * taken at stride nc from first, and share, each as a percent of whole.
 * buf holds 2 * nr numbers. */
static int xtab_pair(const nk_host *host, nk_result *res, const xtab *x,
                     const char *col, const char *share, const double *first,
                     const double *whole, double *buf)
{
    for (int a = 0; a < x->nr; a++) {
        buf[a] = first[a * x->nc];
        buf[x->nr + a] = percent_of(buf[a], whole[a]);
    }
    if (host->add_numbers(res, col, buf) != 0)
        return -1;
    return host->add_numbers(res, share, buf + x->nr);
}

/* Sets the named values of every cell of x. */
static int xtab_values(const nk_host *host, nk_result *res, const xtab *x,
                       const nks_classes *rows_by, const nks_classes *cols_by)
{
    char name[NAME_MAX_LEN];
    int rc = host->set_value(res, "grunnlag", x->base);

    for (int a = 0; rc == 0 && a < x->nr; a++) {
        const char *row = rows_by->keys[a];

        rc |= set_named(host, res, "grunnlag", row, x->total[a]);
        for (int b = 0; b < x->nc; b++) {
            double n = x->cell[a * x->nc + b];

            snprintf(name, sizeof name, "antall_%s_%s", row,
                     cols_by->keys[b]);
            rc |= host->set_value(res, name, n);
            snprintf(name, sizeof name, "andel_%s_%s", row,
                     cols_by->keys[b]);
            rc |= host->set_value(res, name, percent_of(n, x->total[a]));
        }
    }
    return rc;
}

/* Makes the result of nks_crosstab from x. */
static int xtab_result(const nk_host *host, nk_call *call, const xtab *x,
                       const nks_classes *rows_by,
                       const nks_classes *cols_by, const nks_count_opts *how)
{
    nk_result *res = host->result(call, x->nr);
    double *buf = calloc((size_t)x->nr * 2 + 1, sizeof *buf);
    int funds = how && how->funds;
    int rc = res && buf ? 0 : -1;

    if (rc == 0) {
        rc |= host->add_texts(res, "gruppe", rows_by->labels);
        rc |= host->add_numbers(res, "antall", x->total);
        if (funds)
            rc |= host->add_numbers(res, "midler", x->ftotal);
    }
    for (int b = 0; rc == 0 && b < x->nc; b++) {
        const char *key = cols_by->keys[b];
        char col[NAME_MAX_LEN], share[NAME_MAX_LEN];

        snprintf(col, sizeof col, "antall_%s", key);
        snprintf(share, sizeof share, "andel_%s", key);
        rc |= xtab_pair(host, res, x, col, share, x->cell + b, x->total,
                        buf);
        if (!funds)
            continue;
        snprintf(col, sizeof col, "midler_%s", key);
        snprintf(share, sizeof share, "andel_midler_%s", key);
        rc |= xtab_pair(host, res, x, col, share, x->fcell + b, x->ftotal,
                        buf);
    }
    if (rc == 0)
        rc = xtab_values(host, res, x, rows_by, cols_by);
    if (rc == 0 && how && how->result)
        *how->result = res;

    free(buf);
    return rc == 0 ? 0 : host->fail(call, NULL, -1, "cannot build the "
                                    "result (out of memory?)");
}

int nks_crosstab(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const nks_classes *rows_by, const nks_classes *cols_by,
                 const nks_count_opts *how)
{
    xtab x;
    int rc;

    if (xtab_new(host, call, rows_by->n, cols_by->n, &x) != 0)
        return -1;
    rc = xtab_count(host, call, rows, rows_by, cols_by, how, &x);
    if (rc == 0)
        rc = xtab_result(host, call, &x, rows_by, cols_by, how);
    free(x.total);
    return rc;
}

int nks_group_sums(const nk_host *host, nk_call *call, const nks_rows *rows,
                   const nks_classes *by, const char *funds, double *sums)
{
    const double *fv = funds ? host->numbers(call, rows->table, funds)
                             : NULL;

    if (funds && !fv)
        return -1;
    for (int c = 0; c < by->n; c++)
        sums[c] = 0;

    for (long r = 0; r < rows->n; r++) {
        if (!rows->on[r] || by->of[r] < 0)
            continue;
        if (fv && isnan(fv[r]))
            return host->fail(call, rows->table, r, "%s: value is missing",
                              funds);
        sums[by->of[r]] += fv ? fv[r] : 1;
    }
    return 0;
}

int nks_split_by(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const nks_slots *slots, const char *const *values,
                 int nvalues, const char *funds, const nks_classes *by,
                 double *sums)
{
    const double *fv = host->numbers(call, rows->table, funds);
    slot_cols sc = {0};
    int at[8];
    int rc = fv ? read_slots(host, call, rows, slots, values, nvalues, &sc)
                : -1;

    for (long i = 0; i < (long)nvalues * by->n; i++)
        sums[i] = 0;
    for (long r = 0; rc == 0 && r < rows->n; r++) {
        int c = by->of[r];

        if (!rows->on[r] || c < 0)
            continue;
        if (isnan(fv[r]))
            rc = host->fail(call, rows->table, r, "%s: value is missing",
                            funds);
        else
            rc = check_slots(host, call, rows, slots, &sc, nvalues, r, at);
        for (int s = 0; rc == 0 && s < slots->nslots; s++) {
            if (at[s] >= 0)
                sums[at[s] * by->n + c] += fv[r] * sc.share[s][r] / 100;
        }
    }
    slots_free(&sc);
    return rc;
}

/* Returns whether a ranks above b: larger, and any number above NaN. */
static int ranks_above(double a, double b)
{
    return !isnan(a) && (isnan(b) || a > b);
}

/* Returns whether place i is among the first n of top. */
static int is_taken(const int *top, int n, int i)
{
    for (int j = 0; j < n; j++) {
        if (top[j] == i)
            return 1;
    }
    return 0;
}

int nks_top(const double *v, int n, int k, int *top)
{
    int m = k < n ? k : n;

    for (int j = 0; j < m; j++) {
        int best = -1;

        for (int i = 0; i < n; i++) {
            if (is_taken(top, j, i))
                continue;
            if (best < 0 || ranks_above(v[i], v[best]))
                best = i;
        }
        top[j] = best;
    }
    return m < 0 ? 0 : m;
}
