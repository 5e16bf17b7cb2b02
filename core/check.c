#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "err.h"

typedef struct check_item {
    check_level level;
    char *msg;
} check_item;

struct check_list {
    check_item *items;
    size_t n;
};

check_list *check_new(void)
{
    return xcalloc(1, sizeof(check_list));
}

void check_free(check_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i].msg);
    free(list->items);
    free(list);
}

/* Returns 1 when the list holds msg at any level. */
static int check_has(const check_list *list, const char *msg)
{
    for (size_t i = 0; i < list->n; i++) {
        if (strcmp(list->items[i].msg, msg) == 0)
            return 1;
    }
    return 0;
}

void check_add(check_list *list, check_level level, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = err_vfmt(fmt, ap);
    va_end(ap);
    if (check_has(list, msg)) {
        free(msg);
        return;
    }
    list->items = xrealloc(list->items, (list->n + 1) * sizeof *list->items);
    list->items[list->n].level = level;
    list->items[list->n].msg = msg;
    list->n++;
}

size_t check_count(const check_list *list, check_level level)
{
    size_t n = 0;

    for (size_t i = 0; i < list->n; i++)
        n += list->items[i].level == level;
    return n;
}

void check_print(const check_list *list, FILE *out)
{
    for (size_t i = 0; i < list->n; i++)
        fprintf(out, "nokkel: %s%s\n",
                list->items[i].level == CHECK_WARNING ? "warning: " : "",
                list->items[i].msg);
}

/* Returns the smallest of a, b and c. */
static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;

    return m < c ? m : c;
}

/*
 * Returns the edit distance of a and b counting an insertion, a
 * deletion, a substitution or a swap of two neighbours as one edit
 * (so "titel" is one edit from "title"), or max + 1 when it is larger
 * than max (the row minimum passes max). Three rows: the one before
 * the last is needed for swaps.
 */
static size_t distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a);
    size_t lb = strlen(b);
    size_t *rows = xmalloc(3 * (lb + 1) * sizeof *rows);
    size_t *two = rows, *one = rows + lb + 1, *cur = rows + 2 * (lb + 1);
    size_t d;

    for (size_t j = 0; j <= lb; j++)
        one[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t low = cur[0] = i;
        size_t *spare;

        for (size_t j = 1; j <= lb; j++) {
            size_t best = min3(one[j - 1] + (a[i - 1] != b[j - 1]),
                               one[j] + 1, cur[j - 1] + 1);

            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && two[j - 2] + 1 < best)
                best = two[j - 2] + 1;
            cur[j] = best;
            if (best < low)
                low = best;
        }
        if (low > max) {
            free(rows);
            return max + 1;
        }
        spare = two;
        two = one;
        one = cur;
        cur = spare;
    }
    d = one[lb];
    free(rows);
    return d;
}

/* Returns the candidate closest to name, or NULL; see check_hint. */
static const char *suggest(const char *name, const char *const *candidates,
                           size_t n)
{
    size_t max = strlen(name) / 3;
    const char *best = NULL;
    size_t best_d;

    if (max > 3)
        max = 3;
    if (max == 0)
        max = 1;
    best_d = max + 1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(name, candidates[i]) == 0)
            return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        size_t d = distance(name, candidates[i], max);

        if (d < best_d) {
            best = candidates[i];
            best_d = d;
        }
    }
    return best;
}

char *check_hint(const char *name, const char *const *candidates, size_t n)
{
    const char *best = suggest(name, candidates, n);

    return best ? err_fmt(" (did you mean \"%s\"?)", best) : xstrdup("");
}
