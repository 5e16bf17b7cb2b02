#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "tbl.h"

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

        if (col->text) {
            for (size_t r = 0; r < t->nrows; r++)
                free(col->text[r]);
        }
        free(col->text);
        free(col->num);
        free(col->name);
    }
    free(t->cols);
    free(t->lines);
    free(t->path);
    free(t->name);
    free(t);
}

tbl_column *tbl_add(tbl *t, const char *name, tbl_type type)
{
    tbl_column *col;

    t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
    col = &t->cols[t->ncols++];
    memset(col, 0, sizeof *col);
    col->name = xstrdup(name);
    col->type = type;

    if (type == TBL_NUMBER) {
        col->num = xmalloc((t->nrows ? t->nrows : 1) * sizeof *col->num);
        for (size_t r = 0; r < t->nrows; r++)
            col->num[r] = NAN;
    } else {
        col->text = xcalloc(t->nrows ? t->nrows : 1, sizeof *col->text);
    }
    return col;
}

tbl_column *tbl_find(const tbl *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++) {
        if (strcmp(t->cols[c].name, name) == 0)
            return &t->cols[c];
    }
    return NULL;
}
