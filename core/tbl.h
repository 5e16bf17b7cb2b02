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

/*
 * Where the text cells of a table live: blocks of strings, freed all at
 * once with the table, so a table of a million texts costs a few
 * allocations rather than a million.
 */
typedef struct tbl_strings tbl_strings;

typedef struct tbl_column {
    char *name;
    tbl_type type;
    int whole;          /* numbers: declared whole (int, year) */
    int field;          /* field number in the file from 1, or 0 */
    double *num;        /* TBL_NUMBER: nrows values */
    char **text;        /* TBL_TEXT: nrows strings, in the table's store */

    /* TBL_TEXT, once tbl_codes has made them: per row the place of its
     * text among the column's distinct texts in byte order (-1 when
     * missing), and those texts (borrowed from the cells). */
    int *codes;
    const char **distinct;
    long ndistinct;
} tbl_column;

typedef struct tbl {
    char *name;         /* table name, e.g. "kbs_inklusjon" */
    char *path;         /* file it was read from, or NULL */
    size_t nrows;
    size_t ncols;
    tbl_column *cols;
    long *lines;        /* source line of each row, or NULL */
    tbl_strings *strings; /* the text cells, or NULL when there are none */
} tbl;

/* Returns an empty table with nrows rows, or NULL when out of memory. */
tbl *tbl_new(const char *name, size_t nrows);

void tbl_free(tbl *t);

/*
 * Adds a column and returns it, with values set to missing; NULL when
 * out of memory. The pointer is valid until the next tbl_add.
 */
tbl_column *tbl_add(tbl *t, const char *name, tbl_type type);

/*
 * Adds a column that takes over values: nrows doubles for TBL_NUMBER,
 * nrows strings in the table's store for TBL_TEXT, allocated with
 * malloc. Returns the column, valid until the next tbl_add.
 */
tbl_column *tbl_adopt(tbl *t, const char *name, tbl_type type,
                      void *values);

/* Returns the column called name, or NULL. */
tbl_column *tbl_find(const tbl *t, const char *name);

/* Copies the n bytes at s, with a NUL after them, into the store
 * *strings (made on first use) and returns the copy, which lives until
 * tbl_strings_free. */
char *tbl_strings_add(tbl_strings **strings, const char *s, size_t n);

/* Moves the strings of *from into *to, leaving *from empty; the
 * strings keep their addresses. */
void tbl_strings_move(tbl_strings **to, tbl_strings **from);

void tbl_strings_free(tbl_strings *strings);

/*
 * Makes the codes of the text column col, of nrows rows (see
 * tbl_column), unless it has them. Equal texts share a code, so rows
 * group and sort by integers, and codes follow byte order, so they sort
 * the way the texts do.
 */
void tbl_codes(tbl_column *col, size_t nrows);

#endif
