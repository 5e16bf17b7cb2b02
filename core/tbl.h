/*
 * Typed in-memory tables: the data read from CSV files and the results
 * indicators compute. A table owns all its memory; tbl_free releases it.
 */
#ifndef NOKKEL_TBL_H
#define NOKKEL_TBL_H

#include <stddef.h>

typedef enum tbl_type {
    TBL_NUMBER,         /* double, NaN when missing */
    TBL_TEXT            /* UTF-8 string, NULL when missing */
} tbl_type;

typedef struct tbl_column {
    char *name;
    tbl_type type;
    int whole;          /* numbers: declared whole (int, year) */
    int field;          /* field number in the file from 1, or 0 */
    double *num;        /* TBL_NUMBER: nrows values */
    char **text;        /* TBL_TEXT: nrows strings */
} tbl_column;

typedef struct tbl {
    char *name;         /* table name, e.g. "kbs_inklusjon" */
    char *path;         /* file it was read from, or NULL */
    size_t nrows;
    size_t ncols;
    tbl_column *cols;
    long *lines;        /* source line of each row, or NULL */
} tbl;

/* Returns an empty table with nrows rows, or NULL when out of memory. */
tbl *tbl_new(const char *name, size_t nrows);

void tbl_free(tbl *t);

/*
 * Adds a column and returns it, with values set to missing; NULL when
 * out of memory. The pointer is valid until the next tbl_add.
 */
tbl_column *tbl_add(tbl *t, const char *name, tbl_type type);

/* Returns the column called name, or NULL. */
tbl_column *tbl_find(const tbl *t, const char *name);

#endif
