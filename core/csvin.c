/*
 * Reading CSV files into typed tables.
 *
 * The file is read whole and its encoding settled first: UTF-8 is kept,
 * Windows-1252 is converted to UTF-8 with iconv. libcsv then gets the
 * text one physical line at a time, so every record knows the line it
 * starts on even when a quoted field spans lines. The first record is
 * the header; each later record becomes a row whose cells are converted
 * by the type the schema gives their column.
 */
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvin.h"
#include "err.h"
#include "fmt.h"

/* Indexed by csvin_type; the names schemas and messages use. */
static const char *const type_names[] = {
    "int", "number", "year", "text", "flag"
};

/* The values of one schema column, gathered row by row. */
typedef struct csvin_vals {
    double *num;                /* every type but CSVIN_TEXT */
    char **text;                /* CSVIN_TEXT */
} csvin_vals;

/* The state of one csvin_read call, shared with libcsv's callbacks. */
typedef struct csvin_ctx {
    const char *path;
    const csvin_schema *schema;
    char *err;                  /* first error; callbacks stop after it */

    long line;                  /* physical line being fed to libcsv */
    long start_line;            /* line the current record starts on */
    int in_record;              /* the current record goes on past line */
    int ended;                  /* a record ended within line */

    char *buf;                  /* fields of the current record */
    size_t len, cap;
    size_t *off;                /* where each field starts in buf */
    size_t nfields, capfields;

    int have_header;
    long header_line;
    size_t nheader;             /* fields in the header */
    size_t *map;                /* header field -> schema column */

    csvin_vals *vals;           /* one per schema column */
    long *lines;                /* line each row starts on */
    size_t nrows, caprows;
} csvin_ctx;

int csvin_type_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof type_names / sizeof *type_names; i++) {
        if (strcmp(name, type_names[i]) == 0)
            return (int)i;
    }
    return -1;
}

/*
 * Reads the whole file at path into *data (NUL-terminated, caller frees)
 * and its length into *len. Returns 0, or -1 with *err set.
 */
static int read_all(const char *path, char **data, size_t *len, char **err)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 65536, n = 0, got;
    char *buf;
    int e;

    if (!f)
        return err_set(err, "%s: cannot open: %s", path, strerror(errno));

    buf = xmalloc(cap);
    do {
        if (cap - n < 2) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);

    e = errno;
    if (ferror(f)) {
        fclose(f);
        free(buf);
        return err_set(err, "%s: cannot read: %s", path, strerror(e));
    }
    fclose(f);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

/*
 * Returns the length of the well-formed UTF-8 character at s (n bytes
 * left), or 0 when it is not one: overlong forms, surrogates and values
 * past U+10FFFF are refused.
 */
static size_t utf8_char_len(const unsigned char *s, size_t n)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4;
    else
        return 0;

    if (s[0] == 0xE0)
        lo = 0xA0;
    else if (s[0] == 0xED)
        hi = 0x9F;
    else if (s[0] == 0xF0)
        lo = 0x90;
    else if (s[0] == 0xF4)
        hi = 0x8F;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    return len;
}

/* Returns the offset of the first byte of s that does not start a
 * well-formed UTF-8 character, or n when s is all UTF-8. */
static size_t utf8_first_bad(const unsigned char *s, size_t n)
{
    size_t i = 0, k;

    while (i < n && (k = utf8_char_len(s + i, n - i)) > 0)
        i += k;
    return i;
}

/* Returns 1 when every byte of s is a character in Windows-1252 and the
 * only control bytes are tab, CR and LF; else 0. */
static int cp1252_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];

        if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F)
            return 0;
        if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D)
            return 0;
    }
    return 1;
}

/*
 * Finds the line and column of byte off in s. Lines end at LF, CRLF or
 * a lone CR; the column counts characters (UTF-8 lead bytes) from 1.
 */
static void locate(const char *s, size_t n, size_t off, long *line,
                   size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < n; i++) {
        unsigned char b = (unsigned char)s[i];

        if (b == '\n' || (b == '\r' && (i + 1 == n || s[i + 1] != '\n'))) {
            (*line)++;
            *col = 1;
        } else if ((b & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/*
 * Replaces *data (Windows-1252, *len bytes) with its UTF-8 form, freeing
 * the old buffer. Returns 0, or -1 with *err set when iconv fails.
 */
static int from_cp1252(const char *path, char **data, size_t *len,
                       char **err)
{
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    size_t cap = *len * 3 + 1;  /* no character needs more than 3 bytes */
    char *out, *in = *data, *o;
    size_t inleft = *len, outleft = cap - 1;

    if (cd == (iconv_t)-1)
        return err_set(err, "%s: cannot convert from Windows-1252: %s",
                       path, strerror(errno));

    out = o = xmalloc(cap);
    if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
        int e = errno;

        iconv_close(cd);
        free(out);
        return err_set(err, "%s: cannot convert from Windows-1252: %s",
                       path, strerror(e));
    }
    iconv_close(cd);

    *o = '\0';
    free(*data);
    *data = out;
    *len = (size_t)(o - out);
    return 0;
}

/*
 * Leaves *data as UTF-8 without a BOM: strips the BOM, keeps UTF-8 as it
 * is and converts Windows-1252. Returns 0, or -1 with *err naming the
 * first bad byte (a NUL before anything else).
 */
static int settle_encoding(const char *path, char **data, size_t *len,
                           char **err)
{
    const unsigned char *s = (const unsigned char *)*data;
    const char *nul = memchr(*data, '\0', *len);
    size_t bad;
    long line;
    size_t col;

    if (*len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0) {
        *len -= 3;
        memmove(*data, *data + 3, *len + 1);
        nul = memchr(*data, '\0', *len);
    }

    if (nul) {
        locate(*data, *len, (size_t)(nul - *data), &line, &col);
        return err_set(err, "%s:%ld:%zu: invalid byte 0x00 (NUL bytes are "
                       "not text; is the file UTF-16?)", path, line, col);
    }
    bad = utf8_first_bad(s, *len);
    if (bad == *len)
        return 0;
    if (cp1252_ok(s, *len))
        return from_cp1252(path, data, len, err);

    locate(*data, *len, bad, &line, &col);
    return err_set(err, "%s:%ld:%zu: invalid byte 0x%02X (the file is "
                   "neither UTF-8 nor Windows-1252)", path, line, col,
                   s[bad]);
}

/*
 * Returns the separator of the file: the one of ';' and ',' that occurs
 * more often outside quotes in the header line, ';' on a tie when there
 * is one, ',' when the header has neither (a single column).
 */
static char detect_separator(const char *s, size_t n)
{
    size_t semis = 0, commas = 0;
    int quoted = 0, text = 0;

    for (size_t i = 0; i < n; i++) {
        char ch = s[i];

        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && (ch == '\n' || ch == '\r') && text)
            break;
        else if (!quoted && ch == ';')
            semis++;
        else if (!quoted && ch == ',')
            commas++;
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
            text = 1;           /* blank lines before the header skipped */
    }
    return semis > 0 && semis >= commas ? ';' : ',';
}

/* Returns the offset just past the physical line that starts at at:
 * after its LF, CRLF or lone CR, or n for a last line without one. */
static size_t line_end(const char *s, size_t n, size_t at)
{
    for (size_t i = at; i < n; i++) {
        if (s[i] == '\n')
            return i + 1;
        if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))
            return i + 1;
    }
    return n;
}

/* Returns 1 when s holds only spaces, tabs and line ends; libcsv skips
 * such lines between records. */
static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    }
    return 1;
}

/* Cuts spaces and tabs off both ends of s in place; returns the start. */
static char *trim(char *s)
{
    size_t n;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    s[n] = '\0';
    return s;
}

/* Sets c->err to a message about field (0-based) of the current row,
 * whose trimmed text is s. Returns -1. */
static int cell_error(csvin_ctx *c, size_t field, const char *s,
                      const char *what)
{
    const csvin_column *col = &c->schema->cols[c->map[field]];

    return err_set(&c->err, "%s:%ld:%zu: \"%s\" is %s (column \"%s\", %s)",
                   c->path, c->start_line, field + 1, s, what, col->name,
                   type_names[col->type]);
}

/* Reads flag text s into *v: "1", "x" or "X" is 1, "0" or empty is 0.
 * Returns 0, or -1 with c->err set. */
static int take_flag(csvin_ctx *c, size_t field, const char *s, double *v)
{
    if (strcmp(s, "1") == 0 || strcmp(s, "x") == 0 || strcmp(s, "X") == 0)
        *v = 1;
    else if (strcmp(s, "0") == 0 || *s == '\0')
        *v = 0;
    else
        return cell_error(c, field, s, "not 1, x, 0 or empty");
    return 0;
}

/*
 * Converts the text raw of field (0-based) into row of its schema
 * column; empty text leaves the value missing. Returns 0, or -1 with
 * c->err set.
 */
static int take_cell(csvin_ctx *c, size_t field, char *raw, size_t row)
{
    size_t k = c->map[field];
    csvin_type type = c->schema->cols[k].type;
    char *s = trim(raw);
    double v;

    if (type == CSVIN_TEXT) {
        c->vals[k].text[row] = *s ? xstrdup(s) : NULL;
        return 0;
    }
    if (type == CSVIN_FLAG)
        return take_flag(c, field, s, &c->vals[k].num[row]);
    if (*s == '\0')
        return 0;

    if (fmt_parse(s, &v) < 0)
        return cell_error(c, field, s, "not a number");
    /* Beyond 2^53 a double no longer holds every whole number; no count
     * or amount in kroner comes near it, so such a value is a mistake. */
    if (fabs(v) >= 9007199254740992.0)
        return cell_error(c, field, s, "too large to be a count or amount");
    if (type != CSVIN_NUMBER && v != trunc(v))
        return cell_error(c, field, s, "not a whole number");
    if (type == CSVIN_YEAR && (v < 1000 || v > 2999))
        return cell_error(c, field, s, "not a year from 1000 to 2999");
    c->vals[k].num[row] = v;
    return 0;
}

/* Makes room for one more row, with every value missing and its line
 * recorded, and returns its index. */
static size_t add_row(csvin_ctx *c)
{
    const csvin_schema *sc = c->schema;
    size_t row;

    if (c->nrows == c->caprows) {
        c->caprows = c->caprows ? 2 * c->caprows : 64;
        c->lines = xrealloc(c->lines, c->caprows * sizeof *c->lines);
        for (size_t k = 0; k < sc->ncols; k++) {
            csvin_vals *v = &c->vals[k];

            if (sc->cols[k].type == CSVIN_TEXT)
                v->text = xrealloc(v->text, c->caprows * sizeof *v->text);
            else
                v->num = xrealloc(v->num, c->caprows * sizeof *v->num);
        }
    }

    row = c->nrows++;
    c->lines[row] = c->start_line;
    for (size_t k = 0; k < sc->ncols; k++) {
        if (sc->cols[k].type == CSVIN_TEXT)
            c->vals[k].text[row] = NULL;
        else
            c->vals[k].num[row] = NAN;
    }
    return row;
}

/* Adds the current record as a row. Returns 0, or -1 with c->err set
 * when its field count is wrong or a cell does not convert. */
static int take_row(csvin_ctx *c)
{
    size_t row;

    if (c->nfields != c->nheader)
        return err_set(&c->err, "%s:%ld: row has %zu field%s, the header "
                       "has %zu", c->path, c->start_line, c->nfields,
                       c->nfields == 1 ? "" : "s", c->nheader);

    row = add_row(c);
    for (size_t f = 0; f < c->nfields; f++) {
        if (take_cell(c, f, c->buf + c->off[f], row) < 0)
            return -1;
    }
    return 0;
}

/* Returns the schema's column names as "a, b, c" (caller frees). */
static char *schema_names(const csvin_schema *sc)
{
    size_t n = 1;
    char *s;

    for (size_t k = 0; k < sc->ncols; k++)
        n += strlen(sc->cols[k].name) + 2;
    s = xmalloc(n);
    s[0] = '\0';
    for (size_t k = 0; k < sc->ncols; k++) {
        if (k > 0)
            strcat(s, ", ");
        strcat(s, sc->cols[k].name);
    }
    return s;
}

/* Reports header field f (0-based) named name as not in the schema.
 * Returns -1. */
static int unknown_column(csvin_ctx *c, size_t f, const char *name)
{
    char *names = schema_names(c->schema);

    err_set(&c->err, "%s:%ld:%zu: unknown column \"%s\" (the schema for "
            "table %s declares: %s)", c->path, c->header_line, f + 1, name,
            c->schema->table, names);
    free(names);
    return -1;
}

/*
 * Trims header field f (0-based) in place and sets c->map[f] to its
 * schema column. Returns 0, or -1 with c->err set when the name is
 * empty, repeats an earlier one or is not in the schema.
 */
static int take_header_field(csvin_ctx *c, size_t f)
{
    char *name = trim(c->buf + c->off[f]);
    const csvin_schema *sc = c->schema;

    c->off[f] = (size_t)(name - c->buf);
    if (*name == '\0')
        return err_set(&c->err, "%s:%ld:%zu: empty column name", c->path,
                       c->header_line, f + 1);
    for (size_t g = 0; g < f; g++) {
        if (strcmp(c->buf + c->off[g], name) == 0)
            return err_set(&c->err, "%s:%ld:%zu: duplicate column \"%s\" "
                           "(also field %zu)", c->path, c->header_line,
                           f + 1, name, g + 1);
    }

    for (size_t k = 0; k < sc->ncols; k++) {
        if (strcmp(sc->cols[k].name, name) == 0) {
            c->map[f] = k;
            return 0;
        }
    }
    return unknown_column(c, f, name);
}

/* Takes the current record as the header: maps its fields to schema
 * columns. Returns 0, or -1 with c->err set. */
static int take_header(csvin_ctx *c)
{
    const csvin_schema *sc = c->schema;
    size_t f;

    c->have_header = 1;
    c->header_line = c->start_line;
    c->nheader = c->nfields;
    c->map = xmalloc(c->nfields * sizeof *c->map);
    for (f = 0; f < c->nfields; f++) {
        if (take_header_field(c, f) < 0)
            return -1;
    }

    for (size_t k = 0; k < sc->ncols; k++) {
        for (f = 0; f < c->nheader && c->map[f] != k; f++)
            ;
        if (f == c->nheader)
            return err_set(&c->err, "%s:%ld: missing column \"%s\"",
                           c->path, c->header_line, sc->cols[k].name);
    }
    c->vals = xcalloc(sc->ncols, sizeof *c->vals);
    return 0;
}

/* libcsv's field callback: appends the field to the current record. */
static void on_field(void *s, size_t len, void *data)
{
    csvin_ctx *c = data;

    if (c->err)
        return;
    if (c->nfields == c->capfields) {
        c->capfields = c->capfields ? 2 * c->capfields : 16;
        c->off = xrealloc(c->off, c->capfields * sizeof *c->off);
    }
    if (c->len + len + 1 > c->cap) {
        c->cap = 2 * (c->len + len + 1);
        c->buf = xrealloc(c->buf, c->cap);
    }

    c->off[c->nfields++] = c->len;
    if (len > 0)
        memcpy(c->buf + c->len, s, len);
    c->len += len;
    c->buf[c->len++] = '\0';
}

/* libcsv's record callback: takes the record as header or row. */
static void on_row(int term, void *data)
{
    csvin_ctx *c = data;

    (void)term;
    c->ended = 1;
    if (!c->err) {
        if (c->have_header)
            take_row(c);
        else
            take_header(c);
    }
    c->len = 0;
    c->nfields = 0;
}

/* Reports libcsv's refusal of byte at of line s (n bytes), the line
 * being fed. Returns -1 with c->err set. */
static int parse_error(csvin_ctx *c, struct csv_parser *p, const char *s,
                       size_t n, size_t at)
{
    long line;
    size_t col;

    if (csv_error(p) != CSV_EPARSE)
        return err_set(&c->err, "%s:%ld: %s", c->path, c->line,
                       csv_strerror(csv_error(p)));

    locate(s, n, at, &line, &col);
    return err_set(&c->err, "%s:%ld:%zu: %s (quote the whole field and "
                   "double the quotes inside it)", c->path, c->line, col,
                   s[at] == '"' ? "misplaced quote"
                                : "text after a closing quote");
}

/*
 * Feeds the n bytes of s to p one physical line at a time, so that
 * c->start_line is the line each record starts on: a record starts on
 * the first line fed after the previous one ended that is not blank.
 * Returns 0, or -1 with c->err set.
 */
static int feed(csvin_ctx *c, struct csv_parser *p, const char *s, size_t n)
{
    size_t at = 0, end, used;

    while (at < n && !c->err) {
        end = line_end(s, n, at);
        c->line++;
        if (!c->in_record)
            c->start_line = c->line;
        c->ended = 0;

        used = csv_parse(p, s + at, end - at, on_field, on_row, c);
        if (used < end - at && !c->err)
            return parse_error(c, p, s + at, end - at, used);
        if (c->ended)
            c->in_record = 0;
        else if (!is_blank(s + at, end - at))
            c->in_record = 1;
        at = end;
    }

    if (!c->err && csv_fini(p, on_field, on_row, c) != 0)
        err_set(&c->err, "%s:%ld: the row starting here has a quote that "
                "is never closed", c->path, c->start_line);
    return c->err ? -1 : 0;
}

/* Parses the UTF-8 text s (n bytes) into c. Returns 0, or -1 with
 * c->err set. */
static int parse(csvin_ctx *c, const char *s, size_t n)
{
    struct csv_parser p;

    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        NK_UNREACHABLE();
    csv_set_delim(&p, (unsigned char)detect_separator(s, n));
    csv_set_realloc_func(&p, xrealloc);

    feed(c, &p, s, n);
    csv_free(&p);
    if (!c->err && !c->have_header)
        err_set(&c->err, "%s:1: no header line (the file is empty)",
                c->path);
    return c->err ? -1 : 0;
}

/* Adds schema column k to t with the gathered values, moving the
 * strings of a text column into t. */
static void move_column(csvin_ctx *c, tbl *t, size_t k)
{
    const csvin_column *sc = &c->schema->cols[k];
    csvin_vals *v = &c->vals[k];
    tbl_column *col;

    col = tbl_add(t, sc->name,
                  sc->type == CSVIN_TEXT ? TBL_TEXT : TBL_NUMBER);
    col->whole = sc->type == CSVIN_INT || sc->type == CSVIN_YEAR ||
                 sc->type == CSVIN_FLAG;
    if (c->nrows == 0)
        return;

    if (sc->type == CSVIN_TEXT) {
        memcpy(col->text, v->text, c->nrows * sizeof *v->text);
        free(v->text);
        v->text = NULL;
    } else {
        memcpy(col->num, v->num, c->nrows * sizeof *v->num);
    }
}

/* Returns the table gathered in c (caller frees with tbl_free); c keeps
 * no strings or lines afterwards. */
static tbl *build_table(csvin_ctx *c)
{
    tbl *t = tbl_new(c->schema->table, c->nrows);

    t->path = xstrdup(c->path);
    for (size_t k = 0; k < c->schema->ncols; k++)
        move_column(c, t, k);
    t->lines = c->lines;
    c->lines = NULL;
    return t;
}

/* Frees what c holds, but not c itself. */
static void ctx_free(csvin_ctx *c)
{
    for (size_t k = 0; c->vals && k < c->schema->ncols; k++) {
        if (c->vals[k].text) {
            for (size_t r = 0; r < c->nrows; r++)
                free(c->vals[k].text[r]);
        }
        free(c->vals[k].text);
        free(c->vals[k].num);
    }
    free(c->vals);
    free(c->lines);
    free(c->map);
    free(c->off);
    free(c->buf);
    free(c->err);
}

int csvin_read(const char *path, const csvin_schema *schema, tbl **out,
               char **err)
{
    csvin_ctx c = {.path = path, .schema = schema};
    char *data = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    if (read_all(path, &data, &len, err) < 0)
        return -1;
    if (settle_encoding(path, &data, &len, err) < 0) {
        free(data);
        return -1;
    }

    rc = parse(&c, data, len);
    if (rc == 0)
        *out = build_table(&c);
    else if (err) {
        *err = c.err;
        c.err = NULL;
    }

    ctx_free(&c);
    free(data);
    return rc;
}
