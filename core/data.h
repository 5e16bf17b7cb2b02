/*
 * The report's input data: the tables a data folder's schema declares,
 * each read from its CSV file the first time an indicator asks for it.
 */
#ifndef NOKKEL_DATA_H
#define NOKKEL_DATA_H

#include <stddef.h>

#include "csvin.h"
#include "tbl.h"

typedef struct data_set data_set;

/* Returns an empty data set for the folder dir (copied). */
data_set *data_new(const char *dir);

/* Frees the set and every table read. */
void data_free(data_set *set);

/* The folder the set reads from; borrowed. */
const char *data_dir(const data_set *set);

/*
 * Declares table name, read from file (relative to the folder), with
 * the given columns (copied) and source note. where ("schema.lua:12")
 * locates the declaration in messages. Returns 0, or -1 and sets *err
 * when the name is declared twice.
 */
int data_declare(data_set *set, const char *name, const char *file,
                 const char *source, const csvin_column *cols, size_t ncols,
                 const char *where, char **err);

/* Returns 1 when table declares column (or column is NULL), 0 when the
 * table does not have it, -1 when there is no such table. */
int data_has_column(const data_set *set, const char *table,
                    const char *column);

/* The source note of a declared table, or NULL; borrowed. */
const char *data_source(const data_set *set, const char *table);

/*
 * Returns the table called name, reading its file on first use. The
 * table is borrowed until data_free. Returns NULL and sets *err when the
 * table is not declared or its file is bad.
 */
const tbl *data_table(data_set *set, const char *name, char **err);

#endif
