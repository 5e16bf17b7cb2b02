/*
 * Reading CSV files into typed tables, against a declared schema.
 *
 * Accepts what analysts' tools export: comma, semicolon or tab
 * separators (found from the header line, or named by Excel's "sep=;"
 * first line), decimal commas, the encodings csvenc.h lists, CRLF line
 * ends, quoted fields with separators, quotes and newlines inside.
 * Parsing is done by libcsv.
 *
 * Lines end at LF, CRLF or a lone CR; blank lines are skipped. Cells and
 * header names lose surrounding spaces and tabs. Empty header fields
 * after the last named one are not columns, and rows may stop early or
 * go on past the named columns with empty fields only. Numbers take an
 * optional sign ('-', '+' or U+2212), digits grouped in threes by a
 * space, U+00A0 or U+202F, a decimal comma or point and an exponent,
 * whatever the process locale. In number columns the statistical
 * symbols ".", "..", "...", ":" and "<" with a number ("<5") are missing
 * values; a lone dash, a percent sign and a leading zero ("0301") are
 * refused with advice, since each would be read wrong in some files.
 */
#ifndef NOKKEL_CSVIN_H
#define NOKKEL_CSVIN_H

#include "tbl.h"

/* The largest data file read: generous for real data, and a bound on
 * the memory a file can take (about seven times its size). */
#define CSVIN_MAX_BYTES (512 * 1024 * 1024)

typedef enum csvin_type {
    CSVIN_INT,          /* whole number */
    CSVIN_NUMBER,       /* decimal number, comma or point as decimal mark */
    CSVIN_YEAR,         /* whole number from 1000 to 2999 */
    CSVIN_TEXT,         /* any UTF-8 text; codes like "0301" stay text */
    CSVIN_FLAG          /* multi-choice answer: 1 chosen, 0 or empty not */
} csvin_type;

typedef struct csvin_column {
    const char *name;
    csvin_type type;
    /* Text columns only. values: NULL, or the NULL-ended list of the
     * texts a cell may hold (an empty cell aside); unique: no two rows
     * hold the same text. */
    const char *const *values;
    int unique;
    /* Number columns (int, number, year) only: the least and the
     * greatest value a cell may hold, where has_min and has_max say. */
    int has_min, has_max;
    double min, max;
} csvin_column;

typedef struct csvin_schema {
    const char *table;          /* table name given to the result */
    size_t ncols;
    const csvin_column *cols;   /* every column the file must have */
} csvin_schema;

/*
 * Reads path into a new table with one column per schema column, in
 * schema order; file columns may come in any order. Empty cells and
 * the symbols above are missing values (flags read empty as 0). Returns
 * 0 and sets *out (caller frees with tbl_free), or -1 and sets *err to
 * "path:line:column: what is wrong" (caller frees). Line and column
 * count from 1; the line is the one the row starts on and the column is
 * the field number in the row, except for bad bytes and misplaced
 * quotes, where the column counts characters in the line. A number
 * outside the column's bounds, a text outside its values, and a text
 * repeated in a unique column (told at its second row) are errors too. What is not a regular
 * file, and a file over CSVIN_MAX_BYTES, is refused before it is read.
 */
int csvin_read(const char *path, const csvin_schema *schema, tbl **out,
               char **err);

/* Returns the type called name ("int", "number", "year", "text",
 * "flag"), or -1. */
int csvin_type_from_name(const char *name);

#endif
