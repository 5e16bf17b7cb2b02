/*
 * The report's input data: the tables a data folder's schema declares,
 * each read from its CSV file the first time an indicator asks for it.
 *
 * A data set can outlive one build (nokkel watch): each build starts a
 * new declaration round with data_begin and declares its tables again.
 * A table declared as before whose file did not change (size, times,
 * inode) keeps the rows read earlier; any other is read afresh. Every
 * read gives the table a new stamp, a number no other read in the
 * process has had, so a result computed from a table can tell whether
 * the table is still the same.
 */
#ifndef NOKKEL_DATA_H
#define NOKKEL_DATA_H

#include <stddef.h>

#include "csvin.h"
#include "tbl.h"

typedef struct data_set data_set;

/* Returns an empty data set for the folder dir (copied) of the report
 * whose folder is root (copied); every file read must resolve inside
 * root. */
data_set *data_new(const char *root, const char *dir);

/* Frees the set and every table read. */
void data_free(data_set *set);

/* The folder the set reads from; borrowed. */
const char *data_dir(const data_set *set);

/*
 * Starts a new declaration round: the tables declared so far are kept
 * aside, and a data_declare that repeats one of them unchanged takes it
 * back, with its rows when its file is unchanged. Tables not declared
 * again are freed at the next data_begin or data_free.
 */
void data_begin(data_set *set);

/*
 * Declares table name, read from file (relative to the folder), with
 * the given columns (copied) and source note. where ("schema.lua:12")
 * locates the declaration in messages. Returns 0, or -1 and sets *err
 * when the name is declared twice in one round.
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
 * table is borrowed until the next data_begin or data_free. Returns NULL
 * and sets *err when the table is not declared or its file is bad.
 */
const tbl *data_table(data_set *set, const char *name, char **err);

/* As data_table, but returns the table's stamp (never 0), or 0 and sets
 * *err. */
unsigned long data_stamp(data_set *set, const char *name, char **err);

/* The number of tables declared in this round. */
size_t data_count(const data_set *set);

/* The name of table i (0 <= i < data_count) of this round; borrowed. */
const char *data_name(const data_set *set, size_t i);

/* The path of table i's file ("dir/file"); borrowed. */
const char *data_path(const data_set *set, size_t i);

/* Returns 1 when table i was asked for in this round (by data_table or
 * data_stamp), so the build depends on its file. */
int data_used(const data_set *set, size_t i);

#endif
