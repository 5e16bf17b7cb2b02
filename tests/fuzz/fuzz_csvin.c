/*
 * Fuzz target for the CSV reader (csvin_read).
 *
 * An input is a line of column types, one letter per column of the
 * header ("t" text, "i" int, "n" number, "y" year, "f" flag; columns
 * past the letters are text), then the CSV file itself. The schema's
 * names are the header's own fields, split here by a simple reading of
 * the first line, so that the rows are read and not only the header;
 * when that reading differs from csvin's, the file fails at the header,
 * which is fine too. A file that reads must give a table that keeps
 * every promise of csvin.h; one that does not must say where.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "csvin.h"
#include "fuzz_util.h"

#define MAX_COLS 512

/* The schema built for one input; it owns the column names. */
typedef struct fuzz_schema {
    csvin_column cols[MAX_COLS];
    char *names[MAX_COLS];
    csvin_schema schema;
} fuzz_schema;

static csvin_type type_of_letter(char c)
{
    switch (c) {
    case 'i':
        return CSVIN_INT;
    case 'n':
        return CSVIN_NUMBER;
    case 'y':
        return CSVIN_YEAR;
    case 'f':
        return CSVIN_FLAG;
    default:
        return CSVIN_TEXT;
    }
}

/* Returns the start of the first line of s (n bytes) that is not blank,
 * after a UTF-8 BOM, and sets *len to its length. */
static const char *header_line(const char *s, size_t n, size_t *len)
{
    size_t at = 0, end;

    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        at = 3;
    while (at < n) {
        size_t blanks = 0;

        end = at;
        while (end < n && s[end] != '\n' && s[end] != '\r')
            end++;
        for (size_t i = at; i < end && (s[i] == ' ' || s[i] == '\t'); i++)
            blanks++;
        if (blanks < end - at) {
            *len = end - at;
            return s + at;
        }
        at = end + 1;
    }
    *len = 0;
    return s + n;
}

/* Returns ';' or ',' as csvin would pick it for header line h. */
static char pick_separator(const char *h, size_t n)
{
    size_t semis = 0, commas = 0;
    int quoted = 0;

    for (size_t i = 0; i < n; i++) {
        if (h[i] == '"')
            quoted = !quoted;
        else if (!quoted && h[i] == ';')
            semis++;
        else if (!quoted && h[i] == ',')
            commas++;
    }
    return semis > 0 && semis >= commas ? ';' : ',';
}

/*
 * Returns header field h[from, to) as libcsv and csvin would read it:
 * quotes removed, a doubled quote kept as one, blanks cut at both ends,
 * in UTF-8 (a schema's names always are; csvin converts Windows-1252).
 * Caller frees.
 */
static char *read_name(const char *h, size_t from, size_t to)
{
    char *name = malloc(to - from + 1), *end = name, *start, *utf8;

    for (size_t i = from; i < to; i++) {
        if (h[i] == '"' && i + 1 < to && h[i + 1] == '"')
            *end++ = h[i++];
        else if (h[i] != '"')
            *end++ = h[i];
    }
    while (end > name && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *end = '\0';
    start = name + strspn(name, " \t");
    memmove(name, start, strlen(start) + 1);
    if (fuzz_is_utf8(name, strlen(name)))
        return name;

    utf8 = g_convert(name, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
    if (!utf8)
        utf8 = g_utf8_make_valid(name, -1);
    free(name);
    name = strdup(utf8);
    g_free(utf8);
    return name;
}

/* Fills fs with one column per field of the header of csv (n bytes),
 * typed by the letters in types. */
static void build_schema(fuzz_schema *fs, const char *types, size_t ntypes,
                         const char *csv, size_t n)
{
    size_t hlen, from = 0, ncols = 0;
    const char *h = header_line(csv, n, &hlen);
    char sep = pick_separator(h, hlen);
    int quoted = 0;

    for (size_t i = 0; i <= hlen && ncols < MAX_COLS; i++) {
        if (i < hlen && h[i] == '"')
            quoted = !quoted;
        if (i < hlen && (quoted || h[i] != sep))
            continue;
        fs->names[ncols] = read_name(h, from, i);
        fs->cols[ncols].name = fs->names[ncols];
        fs->cols[ncols].type =
            ncols < ntypes ? type_of_letter(types[ncols]) : CSVIN_TEXT;
        ncols++;
        from = i + 1;
    }
    fs->schema.table = "fuzz";
    fs->schema.ncols = ncols;
    fs->schema.cols = fs->cols;
}

/* Checks one text cell: missing, or non-empty UTF-8 with no blanks at
 * either end. */
static void check_text(const char *s, size_t row, const char *col)
{
    size_t n;

    if (!s)
        return;
    n = strlen(s);
    FUZZ_CHECK(n > 0, "row %zu, %s: empty text instead of missing", row,
               col);
    FUZZ_CHECK(fuzz_is_utf8(s, n), "row %zu, %s: text is not UTF-8", row,
               col);
    FUZZ_CHECK(s[0] != ' ' && s[0] != '\t' && s[n - 1] != ' ' &&
                   s[n - 1] != '\t',
               "row %zu, %s: text \"%s\" is not trimmed", row, col, s);
}

/* Checks one number cell of a column of the given type. */
static void check_number(double v, csvin_type type, size_t row,
                         const char *col)
{
    if (type == CSVIN_FLAG) {
        FUZZ_CHECK(v == 0 || v == 1, "row %zu, %s: flag is %g", row, col,
                   v);
        return;
    }
    if (isnan(v))
        return;
    FUZZ_CHECK(isfinite(v), "row %zu, %s: %g is not finite", row, col, v);
    FUZZ_CHECK(type == CSVIN_NUMBER || v == trunc(v),
               "row %zu, %s: %g is not whole", row, col, v);
    FUZZ_CHECK(type != CSVIN_YEAR || (v >= 1000 && v <= 2999),
               "row %zu, %s: year %g out of range", row, col, v);
}

/* Checks that t has the schema's columns in order and that every value
 * and line keeps the promises of csvin.h. */
static void check_table(const tbl *t, const csvin_schema *sc)
{
    FUZZ_CHECK(t->ncols == sc->ncols, "%zu columns, schema has %zu",
               t->ncols, sc->ncols);
    for (size_t r = 0; r < t->nrows; r++) {
        FUZZ_CHECK(t->lines[r] >= 2, "row %zu on line %ld", r,
                   t->lines[r]);
        FUZZ_CHECK(r == 0 || t->lines[r] > t->lines[r - 1],
                   "row %zu starts on line %ld, before the row above", r,
                   t->lines[r]);
    }

    for (size_t k = 0; k < t->ncols; k++) {
        const tbl_column *col = &t->cols[k];

        FUZZ_CHECK(strcmp(col->name, sc->cols[k].name) == 0,
                   "column %zu is %s, not %s", k, col->name,
                   sc->cols[k].name);
        FUZZ_CHECK((col->type == TBL_TEXT) ==
                       (sc->cols[k].type == CSVIN_TEXT),
                   "column %s has the wrong type", col->name);
        for (size_t r = 0; r < t->nrows; r++) {
            if (col->type == TBL_TEXT)
                check_text(col->text[r], r, col->name);
            else
                check_number(col->num[r], sc->cols[k].type, r, col->name);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t ntypes = nl ? (size_t)(nl - s) : 0;
    const char *csv = nl ? nl + 1 : s;
    size_t n = size - (size_t)(csv - s);
    fuzz_schema fs;
    const char *path;
    tbl *t = NULL;
    char *err = NULL;

    build_schema(&fs, s, ntypes, csv, n);
    path = fuzz_write_file((const uint8_t *)csv, n);

    if (csvin_read(path, &fs.schema, &t, &err) == 0) {
        FUZZ_CHECK(t && !err, "success without a table");
        check_table(t, &fs.schema);
    } else {
        FUZZ_CHECK(!t && err, "failure without a message");
        FUZZ_CHECK(strncmp(err, path, strlen(path)) == 0 &&
                       err[strlen(path)] == ':' &&
                       err[strlen(path) + 1] >= '1' &&
                       err[strlen(path) + 1] <= '9',
                   "message does not start with path:line: %s", err);
        FUZZ_CHECK(fuzz_is_utf8(err, strlen(err)),
                   "message is not UTF-8: %s", err);
    }

    tbl_free(t);
    free(err);
    for (size_t k = 0; k < fs.schema.ncols; k++)
        free(fs.names[k]);
    return 0;
}
