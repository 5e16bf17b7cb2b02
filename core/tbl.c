#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "err.h"
#include "tbl.h"

/* A store's blocks are this large, or as large as one long text. */
#define STRINGS_BLOCK (256 * 1024)

struct tbl_strings {
    tbl_strings *next;      /* the block filled before this one */
    size_t used, cap;
    char data[];
};

tbl *tbl_new(const char *name, size_t nrows)
{
    tbl *t = xcalloc(1, sizeof *t);

    t->name = xstrdup(name);
    t->nrows = nrows;
    return t;
}

void tbl_free(tbl *t)
{
    if (!t)
        return;

    for (size_t c = 0; c < t->ncols; c++) {
        tbl_column *col = &t->cols[c];

        free(col->text);
        free(col->num);
        free(col->codes);
        free(col->distinct);
        free(col->name);
    }
    tbl_strings_free(t->strings);
    free(t->cols);
    free(t->lines);
    free(t->path);
    free(t->name);
    free(t);
}

tbl_column *tbl_adopt(tbl *t, const char *name, tbl_type type,
                      void *values)
{
    tbl_column *col;

    t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
    col = &t->cols[t->ncols++];
    memset(col, 0, sizeof *col);
    col->name = xstrdup(name);
    col->type = type;
    if (type == TBL_NUMBER)
        col->num = values;
    else
        col->text = values;
    return col;
}

tbl_column *tbl_add(tbl *t, const char *name, tbl_type type)
{
    size_t n = t->nrows ? t->nrows : 1;
    double *num;

    if (type == TBL_TEXT)
        return tbl_adopt(t, name, type, xcalloc(n, sizeof(char *)));
    num = xmalloc(n * sizeof *num);
    for (size_t r = 0; r < t->nrows; r++)
        num[r] = NAN;
    return tbl_adopt(t, name, type, num);
}

tbl_column *tbl_find(const tbl *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++) {
        if (strcmp(t->cols[c].name, name) == 0)
            return &t->cols[c];
    }
    return NULL;
}

char *tbl_strings_add(tbl_strings **strings, const char *s, size_t n)
{
    tbl_strings *b = *strings;
    char *copy;

    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > STRINGS_BLOCK ? n + 1 : STRINGS_BLOCK;

        b = xmalloc(sizeof *b + cap);
        b->next = *strings;
        b->used = 0;
        b->cap = cap;
        *strings = b;
    }
    copy = b->data + b->used;
    memcpy(copy, s, n);
    copy[n] = '\0';
    b->used += n + 1;
    return copy;
}

void tbl_strings_move(tbl_strings **to, tbl_strings **from)
{
    tbl_strings *last = *from;

    if (!last)
        return;
    while (last->next)
        last = last->next;
    last->next = *to;
    *to = *from;
    *from = NULL;
}

void tbl_strings_free(tbl_strings *strings)
{
    while (strings) {
        tbl_strings *next = strings->next;

        free(strings);
        strings = next;
    }
}

/* Orders text pointers by their text. */
static int by_text(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

void tbl_codes(tbl_column *col, size_t nrows)
{
    GHashTable *seen;
    int *rank;
    long n = 0;

    if (col->codes || col->type != TBL_TEXT)
        return;
    col->codes = xmalloc((nrows ? nrows : 1) * sizeof *col->codes);
    col->distinct = xmalloc((nrows ? nrows : 1) *
                            sizeof *col->distinct);

    /* First codes in the order texts first appear, then renumbered into
     * byte order. The table's values are 1 + code, as NULL is absent. */
    seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t r = 0; r < nrows; r++) {
        const char *s = col->text[r];
        gpointer v;

        if (!s) {
            col->codes[r] = -1;
            continue;
        }
        v = g_hash_table_lookup(seen, s);
        if (!v) {
            col->distinct[n++] = s;
            v = GINT_TO_POINTER(n);
            g_hash_table_insert(seen, (gpointer)s, v);
        }
        col->codes[r] = GPOINTER_TO_INT(v) - 1;
    }
    qsort(col->distinct, (size_t)n, sizeof *col->distinct, by_text);
    rank = xmalloc(((size_t)n + 1) * sizeof *rank);
    for (long k = 0; k < n; k++)
        rank[GPOINTER_TO_INT(g_hash_table_lookup(seen, col->distinct[k])) -
             1] = (int)k;
    for (size_t r = 0; r < nrows; r++) {
        if (col->codes[r] >= 0)
            col->codes[r] = rank[col->codes[r]];
    }
    col->ndistinct = n;
    col->distinct = xrealloc(col->distinct, ((size_t)n + 1) *
                             sizeof *col->distinct);
    free(rank);
    g_hash_table_destroy(seen);
}
