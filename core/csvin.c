/*
 * Reading CSV files into typed tables.
 *
 * The file is read whole and its encoding settled first (csvenc.c), so
 * the rest sees UTF-8 only. An Excel "sep=" line is taken off the top.
 * libcsv then gets the text one physical line at a time, so every record
 * knows the line it starts on even when a quoted field spans lines. The
 * first record is the header; each later record becomes a row whose
 * cells are converted by the type the schema gives their column.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <glib.h>

#include "csvenc.h"
#include "check.h"
#include "csvin.h"
#include "err.h"
#include "fmt.h"
#include "infile.h"

#define MIB (1024 * 1024)

/* Text at least this large is parsed in two parts at once, on two
 * threads; below it a thread costs more than it saves. */
#define CSVIN_SPLIT_BYTES MIB

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
    char sep;                   /* the field separator */
    size_t nheader;             /* fields in the header */
    size_t nnamed;              /* up to the last field with a name */
    size_t *map;                /* header field -> schema column */

    csvin_vals *vals;           /* one per schema column */
    tbl_strings *strings;       /* the text cells */
    long *lines;                /* line each row starts on */
    size_t nrows, caprows;
    int borrowed;               /* vals and lines are another's */
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
 * Opens path for reading, refusing what is not a regular file or is
 * larger than CSVIN_MAX_BYTES. The file is opened without waiting, so
 * a pipe does not hang the build. Returns the stream, or NULL with *err
 * set.
 */
static FILE *open_data(const char *path, char **err)
{
    struct stat st;
    int fd;

    if (infile_regular(path, err) != 0)
        return NULL;
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        err_set(err, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        err_set(err, "%s: not a regular file", path);
        return NULL;
    }
    if (st.st_size > CSVIN_MAX_BYTES) {
        close(fd);
        err_set(err, "%s: too large (%lld MiB; at most %d MiB)", path,
                ((long long)st.st_size + MIB - 1) / MIB,
                CSVIN_MAX_BYTES / MIB);
        return NULL;
    }
    return fdopen(fd, "rb");
}

/*
 * Reads the whole file at path into *data (NUL-terminated, caller frees)
 * and its length into *len. A file that grows past the limit while it
 * is read is refused as too large. Returns 0, or -1 with *err set.
 */
static int read_all(const char *path, char **data, size_t *len, char **err)
{
    FILE *f = open_data(path, err);
    size_t cap = 65536, n = 0, got;
    struct stat st;
    char *buf;
    int e;

    if (!f)
        return -1;

    /* Room for the whole file and its NUL at once, and one byte more to
     * see that it did not grow. */
    if (fstat(fileno(f), &st) == 0 && (size_t)st.st_size + 2 > cap)
        cap = (size_t)st.st_size + 2;
    buf = xmalloc(cap);
    do {
        if (cap - n < 2) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0 && n <= CSVIN_MAX_BYTES);

    e = errno;
    if (ferror(f) || n > CSVIN_MAX_BYTES) {
        fclose(f);
        free(buf);
        if (n > CSVIN_MAX_BYTES)
            return err_set(err, "%s: too large (over %d MiB)", path,
                           CSVIN_MAX_BYTES / MIB);
        return err_set(err, "%s: cannot read: %s", path, strerror(e));
    }
    fclose(f);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

/*
 * Returns the separator of the file: a tab when tabs outnumber both ';'
 * and ',' outside quotes in the header line (Excel's "Unicode text"),
 * else the one of ';' and ',' that occurs more often, ';' on a tie when
 * there is one, ',' when the header has none of them (a single column).
 */
static char detect_separator(const char *s, size_t n)
{
    size_t semis = 0, commas = 0, tabs = 0;
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
        else if (!quoted && ch == '\t')
            tabs++;
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
            text = 1;           /* blank lines before the header skipped */
    }
    if (tabs > semis && tabs > commas)
        return '\t';
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

/*
 * Reads Excel's "sep=;" first line, which names the separator. Returns
 * the separator and sets *skip to the length of the line; returns 0
 * when s does not start with "sep="; returns -1 with c->err set when
 * the line names no separator nokkel reads.
 */
static int sep_line(csvin_ctx *c, const char *s, size_t n, size_t *skip)
{
    size_t end;

    if (n < 4 || strncmp(s, "sep=", 4) != 0)
        return 0;
    end = line_end(s, n, 0);
    *skip = end;
    while (end > 4 && (s[end - 1] == '\n' || s[end - 1] == '\r'))
        end--;
    if (end == 5 && strchr(",;\t|", s[4]))
        return (unsigned char)s[4];
    return err_set(&c->err, "%s:1: \"%.*s\" names no separator nokkel "
                   "reads (sep=, sep=; sep=| or sep= and a tab)", c->path,
                   (int)end, s);
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

/* Returns the length of field f (0-based) of the current record. */
static size_t field_len(const csvin_ctx *c, size_t f)
{
    size_t end = f + 1 < c->nfields ? c->off[f + 1] : c->len;

    return end - c->off[f] - 1;
}

/* Sets c->err to a message about field (0-based) of the row that
 * starts on line, whose trimmed text is s, with advice on what to do
 * (or NULL). Returns -1. */
static int cell_error_at(csvin_ctx *c, long line, size_t field,
                         const char *s, const char *what,
                         const char *advice)
{
    const csvin_column *col = &c->schema->cols[c->map[field]];

    return err_set(&c->err, "%s:%ld:%zu: \"%s\" %s (column \"%s\", %s)%s%s",
                   c->path, line, field + 1, s, what, col->name,
                   type_names[col->type], advice ? ": " : "",
                   advice ? advice : "");
}

/* As cell_error_at, for the current row. */
static int cell_error(csvin_ctx *c, size_t field, const char *s,
                      const char *what, const char *advice)
{
    return cell_error_at(c, c->start_line, field, s, what, advice);
}

/*
 * Returns 1 when s is a statistical symbol for a value that is missing:
 * ".", ".." or "..." (not available, not applicable), ":" (suppressed)
 * or "<" and a number, as in "<5" (a small count suppressed).
 */
static int is_missing_symbol(const char *s)
{
    double v;

    if (*s != '.' && *s != ':' && *s != '<')
        return 0;
    if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0 ||
        strcmp(s, "...") == 0 || strcmp(s, ":") == 0)
        return 1;
    if (*s != '<')
        return 0;
    s++;
    while (*s == ' ')
        s++;
    return fmt_parse(s, &v) == 0;
}

/* Returns 1 when s is a lone dash, which means zero in some statistics
 * and missing in others. */
static int is_dash(const char *s)
{
    return strcmp(s, "-") == 0 || strcmp(s, "\xe2\x80\x93") == 0 ||
           strcmp(s, "\xe2\x80\x94") == 0 || strcmp(s, "\xe2\x88\x92") == 0;
}

/* Returns 1 when the number s starts with a zero that a number loses,
 * as codes such as "0301" do. */
static int has_leading_zero(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    else if (strncmp(s, "\xe2\x88\x92", 3) == 0)
        s += 3;
    return s[0] == '0' && s[1] >= '0' && s[1] <= '9';
}

/* Returns 1 when the number s, which fmt_parse read as v, is too close
 * to zero for a double: written with a digit other than 0 before its
 * exponent, yet read as 0 or with lost precision. */
static int is_underflow(const char *s, double v)
{
    if (v != 0 && fabs(v) >= DBL_MIN)
        return 0;
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s >= '1' && *s <= '9')
            return 1;
    }
    return 0;
}

/* Reports s, which fmt_parse refused, with advice for the mistakes
 * people make most. Returns -1. */
static int not_a_number(csvin_ctx *c, size_t field, const char *s)
{
    size_t n = strlen(s);

    if (is_dash(s))
        return cell_error(c, field, s, "is not a number", "a dash means "
                          "zero in some tables and missing in others; "
                          "write 0, or leave the cell empty when the value "
                          "is missing");
    if (n > 0 && s[n - 1] == '%')
        return cell_error(c, field, s, "is not a number", "write a share "
                          "without the percent sign, in percent (25 for "
                          "25 %)");
    if (strchr(s, '.') && strchr(s, '.') != strrchr(s, '.'))
        return cell_error(c, field, s, "is not a number", "group digits "
                          "with a space, not a point (1 234 567)");
    return cell_error(c, field, s, "is not a number", NULL);
}

/* Reads flag text s into *v: "1", "x" or "X" is 1, "0" or empty is 0.
 * Returns 0, or -1 with c->err set. */
static int take_flag(csvin_ctx *c, size_t field, const char *s, double *v)
{
    if (*s == '\0' || strcmp(s, "0") == 0)
        *v = 0;
    else if (strcmp(s, "1") == 0 || strcmp(s, "x") == 0 ||
             strcmp(s, "X") == 0)
        *v = 1;
    else
        return cell_error(c, field, s, "is not 1, x, 0 or empty", NULL);
    return 0;
}

/*
 * Returns the first character of the UTF-8 text s (n bytes) that has no
 * place in a table's text, as its code point: a control character
 * other than tab and line ends, or a noncharacter (see
 * csvenc_noncharacter). Returns 0 when there is none.
 */
static unsigned bad_char(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cp;

    for (size_t i = 0; i < n; i++) {
        if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r') ||
            u[i] == 0x7F)
            return u[i];
        if (u[i] >= 0xEF && (cp = csvenc_noncharacter_at(s + i, n - i)) != 0)
            return cp;
    }
    return 0;
}

/* Stores text field (0-based) of the current record into row of its
 * schema column, NULL when empty. Returns 0, or -1 with c->err set when
 * the text holds a character that is no text. */
static int is_value(const char *const *values, const char *s)
{
    for (; *values; values++) {
        if (strcmp(*values, s) == 0)
            return 1;
    }
    return 0;
}

/* Returns 1 for a character that shows as a space or as nothing but is
 * not a plain space: U+00A0, U+2009, U+200B, U+FEFF and their kind. */
static int is_odd_space(gunichar ch)
{
    GUnicodeType type = g_unichar_type(ch);

    return ch != ' ' && (type == G_UNICODE_SPACE_SEPARATOR ||
                         type == G_UNICODE_FORMAT);
}

/* Returns the first odd space of s (see is_odd_space), or 0. */
static gunichar first_odd_space(const char *s)
{
    for (; *s; s = g_utf8_next_char(s)) {
        if (is_odd_space(g_utf8_get_char(s)))
            return g_utf8_get_char(s);
    }
    return 0;
}

/*
 * Returns s in the loose form that finds a value written another way:
 * odd spaces plain or gone, runs of spaces single and none at the ends,
 * no letter case and no accents, and the Norwegian letters as an
 * English keyboard writes them (æ ae, ø o, å a). Caller frees.
 */
static char *loose(const char *s)
{
    GString *out = g_string_new(NULL);
    gchar *decomposed, *folded;

    for (; *s; s = g_utf8_next_char(s)) {
        gunichar ch = g_utf8_get_char(s);

        if (is_odd_space(ch) && g_unichar_type(ch) == G_UNICODE_FORMAT)
            continue;
        if (is_odd_space(ch) || ch == ' ')
            ch = ' ';
        if (ch == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
            continue;
        if (ch == 0xE6 || ch == 0xC6)               /* æ Æ */
            g_string_append(out, "ae");
        else if (ch == 0xF8 || ch == 0xD8)          /* ø Ø */
            g_string_append_c(out, 'o');
        else
            g_string_append_unichar(out, ch);
    }
    if (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate(out, out->len - 1);

    decomposed = g_utf8_normalize(out->str, -1, G_NORMALIZE_NFKD);
    g_string_truncate(out, 0);
    for (const char *p = decomposed; p && *p; p = g_utf8_next_char(p)) {
        if (g_unichar_type(g_utf8_get_char(p)) != G_UNICODE_NON_SPACING_MARK)
            g_string_append_unichar(out, g_utf8_get_char(p));
    }
    g_free(decomposed);
    folded = g_utf8_casefold(out->str, -1);
    g_string_free(out, TRUE);
    return folded;
}

/* Returns the value that s is in loose form (see loose), or NULL. */
static const char *loose_value(const char *const *values, const char *s)
{
    char *want = loose(s);
    const char *found = NULL;

    for (; *values && !found; values++) {
        char *have = loose(*values);

        if (strcmp(have, want) == 0)
            found = *values;
        g_free(have);
    }
    g_free(want);
    return found;
}

/* The most values an error lists. */
#define LISTED_VALUES 8

/*
 * Fails unless the text s of field (0-based) is one of its column's
 * values. A text that is a value but for a character that looks like a
 * space or like nothing is told so, since the two look the same; one
 * that is a value but for case, accents or spacing gets that value as
 * its hint.
 */
static int check_value(csvin_ctx *c, size_t field, const char *s)
{
    const char *const *values = c->schema->cols[c->map[field]].values;
    const char *near;
    char *hint, *advice;
    gunichar odd;
    size_t n = 0;
    GString *list;
    int rc;

    if (!values || is_value(values, s))
        return 0;
    near = loose_value(values, s);
    odd = first_odd_space(s);
    if (near && odd) {
        char *what = err_fmt("holds the character U+%04X, which looks like "
                             "a space or like nothing", (unsigned)odd);

        advice = err_fmt("written with plain spaces only, it is the "
                         "schema's value \"%s\"", near);
        rc = cell_error(c, field, s, what, advice);
        free(advice);
        free(what);
        return rc;
    }
    while (values[n])
        n++;
    list = g_string_new(NULL);
    for (size_t i = 0; i < n && i < LISTED_VALUES; i++)
        g_string_append_printf(list, "%s\"%s\"", i == 0 ? "" :
                               i + 1 == n ? " or " : ", ", values[i]);
    if (n > LISTED_VALUES)
        g_string_append_printf(list, " and %zu more", n - LISTED_VALUES);
    hint = near ? err_fmt(" (did you mean \"%s\"?)", near) :
           check_hint(s, values, n);
    advice = err_fmt("the schema allows %s%s", list->str, hint);
    rc = cell_error(c, field, s, "is not one of the column's values",
                    advice);
    free(advice);
    free(hint);
    g_string_free(list, TRUE);
    return rc;
}

static int take_text(csvin_ctx *c, size_t field, size_t row)
{
    const char *s = c->buf + c->off[field];
    size_t n = field_len(c, field);
    unsigned bad = bad_char(s, n);

    if (bad)
        return err_set(&c->err, "%s:%ld:%zu: the text holds %s U+%04X; "
                       "remove it (column \"%s\")", c->path, c->start_line,
                       field + 1, bad < 0x80 ? "the control character" :
                       "the noncharacter", bad,
                       c->schema->cols[c->map[field]].name);
    c->vals[c->map[field]].text[row] = n ? tbl_strings_add(&c->strings, s, n)
                                         : NULL;
    return n ? check_value(c, field, c->vals[c->map[field]].text[row]) : 0;
}

/* Returns 1, with c->err set, when v (the cell s of field, 0-based) is
 * outside the bounds the schema gives its column. */
static int out_of_bounds(csvin_ctx *c, size_t field, const char *s,
                         double v)
{
    const csvin_column *col = &c->schema->cols[c->map[field]];
    char *what;

    if ((!col->has_min || v >= col->min) && (!col->has_max || v <= col->max))
        return 0;
    what = col->has_min && col->has_max ?
           err_fmt("is outside the schema's bounds, %.15g to %.15g",
                   col->min, col->max) :
           col->has_min ?
           err_fmt("is less than %.15g, the least the schema allows",
                   col->min) :
           err_fmt("is more than %.15g, the most the schema allows",
                   col->max);
    cell_error(c, field, s, what, NULL);
    free(what);
    return 1;
}

/*
 * Converts field (0-based) of the current record into row of its
 * schema column; empty text makes the value missing. Returns 0, or -1
 * with c->err set.
 */
static int take_cell(csvin_ctx *c, size_t field, size_t row)
{
    size_t k = c->map[field];
    csvin_type type = c->schema->cols[k].type;
    const char *s = c->buf + c->off[field];
    double v;

    if (type != CSVIN_TEXT)
        c->vals[k].num[row] = NAN;
    if (type == CSVIN_TEXT)
        return take_text(c, field, row);
    if (type == CSVIN_FLAG)
        return take_flag(c, field, s, &c->vals[k].num[row]);
    if (*s == '\0' || is_missing_symbol(s))
        return 0;

    if (fmt_parse(s, &v) < 0)
        return not_a_number(c, field, s);
    if (is_underflow(s, v))
        return cell_error(c, field, s, "is too close to zero to be read "
                          "(the smallest is about 2.2e-308)", NULL);
    if (has_leading_zero(s))
        return cell_error(c, field, s, "has a leading zero", "a code "
                          "keeps its zeros only as text; declare the "
                          "column text in the schema");
    /* Beyond 2^53 a double no longer holds every whole number; no count
     * or amount in kroner comes near it, so such a value is a mistake. */
    if (fabs(v) >= 9007199254740992.0)
        return cell_error(c, field, s, "is too large to be a count or "
                          "amount", NULL);
    if (type != CSVIN_NUMBER && v != trunc(v))
        return cell_error(c, field, s, "is not a whole number", NULL);
    if (type == CSVIN_YEAR && (v < 1000 || v > 2999))
        return cell_error(c, field, s, "is not a year from 1000 to 2999",
                          NULL);
    if (out_of_bounds(c, field, s, v))
        return -1;
    c->vals[k].num[row] = v;
    return 0;
}

/* Makes room for cap rows in every column and in the lines. */
static void reserve_rows(csvin_ctx *c, size_t cap)
{
    const csvin_schema *sc = c->schema;

    /* A part writes into arrays sized for every row it can have. */
    assert(!c->borrowed);
    c->caprows = cap;
    c->lines = xrealloc(c->lines, (cap + 1) * sizeof *c->lines);
    for (size_t k = 0; k < sc->ncols; k++) {
        csvin_vals *v = &c->vals[k];

        if (sc->cols[k].type == CSVIN_TEXT)
            v->text = xrealloc(v->text, (cap + 1) * sizeof *v->text);
        else
            v->num = xrealloc(v->num, (cap + 1) * sizeof *v->num);
    }
}

/* Makes room for one more row, with its line recorded, and returns its
 * index; take_cell fills each of its values. */
static size_t add_row(csvin_ctx *c)
{
    size_t row;

    if (c->nrows == c->caprows)
        reserve_rows(c, c->caprows ? 2 * c->caprows : 64);
    row = c->nrows++;
    c->lines[row] = c->start_line;
    return row;
}

/*
 * Checks the current record's field count: it needs a field for every
 * named column, and may go on past them with empty fields only, as
 * spreadsheets leave them. Returns 0, or -1 with c->err set.
 */
static int check_fields(csvin_ctx *c)
{
    const char *sep = c->sep == '\t' ? "a tab" : c->sep == ';' ? "\";\""
                      : c->sep == ',' ? "\",\"" : "\"|\"";

    if (c->nfields < c->nnamed)
        return err_set(&c->err, "%s:%ld: row has %zu field%s, the header "
                       "has %zu: give every column a field, empty when the "
                       "value is missing", c->path, c->start_line,
                       c->nfields, c->nfields == 1 ? "" : "s", c->nnamed);
    for (size_t f = c->nnamed; f < c->nfields; f++) {
        if (c->buf[c->off[f]] == '\0')
            continue;
        if (f < c->nheader)
            return err_set(&c->err, "%s:%ld:%zu: a value under a column "
                           "without a name: name the column in the header, "
                           "or delete the value", c->path, c->start_line,
                           f + 1);
        return err_set(&c->err, "%s:%ld: row has %zu fields, the header "
                       "has %zu: quote a field that holds %s",
                       c->path, c->start_line, c->nfields, c->nheader, sep);
    }
    return 0;
}

/* Adds the current record as a row. Returns 0, or -1 with c->err set
 * when its field count is wrong or a cell does not convert. */
static int take_row(csvin_ctx *c)
{
    size_t row;

    if (check_fields(c) < 0)
        return -1;

    row = add_row(c);
    for (size_t f = 0; f < c->nnamed; f++) {
        if (take_cell(c, f, row) < 0)
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
 * Sets c->map[f] to the schema column of header field f (0-based).
 * Returns 0, or -1 with c->err set when the name is empty, repeats an
 * earlier one or is not in the schema.
 */
static int take_header_field(csvin_ctx *c, size_t f)
{
    const char *name = c->buf + c->off[f];
    const csvin_schema *sc = c->schema;

    if (*name == '\0')
        return err_set(&c->err, "%s:%ld:%zu: empty column name: name the "
                       "column, or delete it when it holds nothing",
                       c->path, c->header_line, f + 1);
    for (size_t g = 0; g < f; g++) {
        if (strcmp(c->buf + c->off[g], name) == 0)
            return err_set(&c->err, "%s:%ld:%zu: duplicate column \"%s\" "
                           "(also field %zu): keep one of them", c->path,
                           c->header_line,
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

/*
 * Takes the current record as the header: maps its fields to schema
 * columns. Empty fields at its end are not columns: spreadsheets leave
 * them behind columns that once held something. Returns 0, or -1 with
 * c->err set.
 */
static int take_header(csvin_ctx *c)
{
    const csvin_schema *sc = c->schema;
    size_t f;

    c->have_header = 1;
    c->header_line = c->start_line;
    c->nheader = c->nfields;
    c->nnamed = c->nfields;
    while (c->nnamed > 0 && c->buf[c->off[c->nnamed - 1]] == '\0')
        c->nnamed--;
    c->map = xmalloc((c->nfields + 1) * sizeof *c->map);
    for (f = 0; f < c->nnamed; f++) {
        if (take_header_field(c, f) < 0)
            return -1;
    }

    for (size_t k = 0; k < sc->ncols; k++) {
        for (f = 0; f < c->nnamed && c->map[f] != k; f++)
            ;
        if (f == c->nnamed)
            return err_set(&c->err, "%s:%ld: missing column \"%s\"",
                           c->path, c->header_line, sc->cols[k].name);
    }
    c->vals = xcalloc(sc->ncols, sizeof *c->vals);
    return 0;
}

/* libcsv's field callback: appends the field, without the spaces and
 * tabs around it, to the current record. */
static void on_field(void *s, size_t len, void *data)
{
    csvin_ctx *c = data;
    const char *f = s;

    if (c->err)
        return;
    while (len > 0 && (*f == ' ' || *f == '\t')) {
        f++;
        len--;
    }
    while (len > 0 && (f[len - 1] == ' ' || f[len - 1] == '\t'))
        len--;
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
        memcpy(c->buf + c->len, f, len);
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

    csvenc_locate(s, n, at, &line, &col);
    return err_set(&c->err, "%s:%ld:%zu: %s (quote the whole field and "
                   "double the quotes inside it)", c->path, c->line, col,
                   s[at] == '"' ? "misplaced quote"
                                : "text after a closing quote");
}

/* Makes p ready to parse records whose fields c->sep separates. */
static void parser_init(const csvin_ctx *c, struct csv_parser *p)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        NK_UNREACHABLE();
    csv_set_delim(p, (unsigned char)c->sep);
    csv_set_realloc_func(p, xrealloc);
}

/*
 * Feeds the n bytes of s to p one physical line at a time, so that
 * c->start_line is the line each record starts on: a record starts on
 * the first line fed after the previous one ended that is not blank.
 * With header_only it stops after the header. Returns the bytes fed;
 * c->err is set when they hold an error.
 */
static size_t feed_lines(csvin_ctx *c, struct csv_parser *p, const char *s,
                         size_t n, int header_only)
{
    size_t at = 0, end, used;

    while (at < n && !c->err && !(header_only && c->have_header)) {
        end = line_end(s, n, at);
        c->line++;
        if (!c->in_record)
            c->start_line = c->line;
        c->ended = 0;

        used = csv_parse(p, s + at, end - at, on_field, on_row, c);
        if (used < end - at && !c->err) {
            parse_error(c, p, s + at, end - at, used);
            return at;
        }
        if (c->ended)
            c->in_record = 0;
        else if (!is_blank(s + at, end - at))
            c->in_record = 1;
        at = end;
    }
    return at;
}

/* Ends the text fed to p. Returns 0, or -1 with c->err set. */
static int feed_end(csvin_ctx *c, struct csv_parser *p)
{
    if (!c->err && csv_fini(p, on_field, on_row, c) != 0)
        err_set(&c->err, "%s:%ld: the row starting here has a quote that "
                "is never closed", c->path, c->start_line);
    return c->err ? -1 : 0;
}

/*
 * Returns where to cut s (n bytes that start a record) into two parts of
 * about the same size: just after the first line end past the middle
 * that no quote leaves open, or 0 when there is none. In text libcsv
 * takes strictly every quote opens a field, closes it or is doubled
 * inside it, so an even count of quotes before a line end means the line
 * end ends a record. Text with a misplaced quote before the cut fails in
 * the first part, as it would when read in one go.
 */
static size_t split_point(const char *s, size_t n)
{
    size_t mid = n / 2, quotes = 0;
    const char *q = s;

    while ((q = memchr(q, '"', (size_t)(s + mid - q)))) {
        quotes++;
        q++;
    }
    for (size_t i = mid; i + 1 < n; i++) {
        if (s[i] == '"')
            quotes++;
        else if (s[i] == '\n' && quotes % 2 == 0)
            return i + 1;
    }
    return 0;
}

/* Returns the physical lines in s (n bytes), counted as line_end
 * counts them. */
static long count_lines(const char *s, size_t n)
{
    long lines = 0;

    if (!memchr(s, '\r', n)) {
        for (const char *q = s; (q = memchr(q, '\n', (size_t)(s + n - q)));
             q++)
            lines++;
        return lines + (n > 0 && s[n - 1] != '\n');
    }
    for (size_t at = 0; at < n; at = line_end(s, n, at))
        lines++;
    return lines;
}

/* The second part of a file cut in two: its own context and parser,
 * sharing the header of the first. */
typedef struct csvin_part {
    csvin_ctx c;
    struct csv_parser p;
    const char *s;
    size_t n;
} csvin_part;

/*
 * Sets part up to parse the n bytes at s, which start lines after the
 * last line c has read. Its rows go into c's arrays from row at on,
 * which no row of c reaches: c has room for a row per line.
 */
static void part_init(csvin_part *part, const csvin_ctx *c, const char *s,
                      size_t n, long lines, size_t at)
{
    csvin_ctx *w = &part->c;

    memset(part, 0, sizeof *part);
    w->path = c->path;
    w->schema = c->schema;
    w->line = c->line + lines;
    w->have_header = 1;
    w->header_line = c->header_line;
    w->sep = c->sep;
    w->nheader = c->nheader;
    w->nnamed = c->nnamed;
    w->map = c->map;
    w->vals = xcalloc(c->schema->ncols, sizeof *w->vals);
    for (size_t k = 0; k < c->schema->ncols; k++) {
        if (c->schema->cols[k].type == CSVIN_TEXT)
            w->vals[k].text = c->vals[k].text + at;
        else
            w->vals[k].num = c->vals[k].num + at;
    }
    w->lines = c->lines + at;
    w->caprows = c->caprows - at;
    w->borrowed = 1;
    parser_init(w, &part->p);
    part->s = s;
    part->n = n;
}

/* Parses a part: a thread's start routine. */
static void *parse_part(void *arg)
{
    csvin_part *part = arg;

    feed_lines(&part->c, &part->p, part->s, part->n, 0);
    feed_end(&part->c, &part->p);
    return NULL;
}

/* Joins the rows of w, which it wrote from row at of c's arrays on,
 * to those of c; the strings move to c. */
static void append_rows(csvin_ctx *c, csvin_ctx *w, size_t at)
{
    for (size_t k = 0; at > c->nrows && k < c->schema->ncols; k++) {
        csvin_vals *v = &c->vals[k];

        if (c->schema->cols[k].type == CSVIN_TEXT)
            memmove(v->text + c->nrows, v->text + at,
                    w->nrows * sizeof *v->text);
        else
            memmove(v->num + c->nrows, v->num + at,
                    w->nrows * sizeof *v->num);
    }
    if (at > c->nrows)
        memmove(c->lines + c->nrows, c->lines + at,
                w->nrows * sizeof *c->lines);
    tbl_strings_move(&c->strings, &w->strings);
    c->nrows += w->nrows;
}

static void ctx_free(csvin_ctx *c);

/*
 * Parses the n bytes at s, which start a record, in two parts: the
 * first cut bytes here, the rest on a thread of its own. The rows join
 * in file order; the first part's error comes first, as its lines do.
 */
static void feed_parts(csvin_ctx *c, struct csv_parser *p, const char *s,
                       size_t n, size_t cut)
{
    long lines = count_lines(s, cut);
    size_t at = c->nrows + (size_t)lines;   /* where the part's rows go */
    csvin_part part;
    pthread_t thread;
    int threaded;

    part_init(&part, c, s + cut, n - cut, lines, at);
    threaded = pthread_create(&thread, NULL, parse_part, &part) == 0;
    feed_lines(c, p, s, cut, 0);
    feed_end(c, p);
    if (threaded)
        pthread_join(thread, NULL);
    else
        parse_part(&part);

    if (!c->err && part.c.err) {
        c->err = part.c.err;
        part.c.err = NULL;
    }
    if (!c->err)
        append_rows(c, &part.c, at);
    csv_free(&part.p);
    memset(part.c.vals, 0, c->schema->ncols * sizeof *part.c.vals);
    part.c.lines = NULL;
    part.c.map = NULL;
    ctx_free(&part.c);
}

/* Parses the UTF-8 text s (n bytes) into c. Returns 0, or -1 with
 * c->err set. */
static int parse(csvin_ctx *c, const char *s, size_t n)
{
    struct csv_parser p;
    size_t skip = 0, at, cut;
    int sep = sep_line(c, s, n, &skip);

    if (sep < 0)
        return -1;
    if (sep == 0)
        sep = detect_separator(s, n);
    else
        c->line = 1;            /* the header is on line 2 */
    c->sep = (char)sep;
    parser_init(c, &p);
    s += skip;
    n -= skip;

    at = feed_lines(c, &p, s, n, 1);
    if (!c->err && c->have_header)
        reserve_rows(c, (size_t)count_lines(s + at, n - at));
    if (!c->err && n - at >= CSVIN_SPLIT_BYTES &&
        (cut = split_point(s + at, n - at)) > 0) {
        feed_parts(c, &p, s + at, n - at, cut);
    } else {
        feed_lines(c, &p, s + at, n - at, 0);
        feed_end(c, &p);
    }
    csv_free(&p);
    if (!c->err && !c->have_header)
        err_set(&c->err, "%s:1: no header line (the file is empty)",
                c->path);
    return c->err ? -1 : 0;
}

/* Returns the header field (0-based) of schema column k. */
static size_t field_of(const csvin_ctx *c, size_t k)
{
    size_t f = 0;

    while (c->map[f] != k)
        f++;
    return f;
}

/* Fails at the first row that repeats the text of an earlier row in a
 * unique column. */
static int check_unique(csvin_ctx *c)
{
    for (size_t k = 0; k < c->schema->ncols && !c->err; k++) {
        char *const *text = c->vals[k].text;
        GHashTable *seen;

        if (!c->schema->cols[k].unique)
            continue;
        seen = g_hash_table_new(g_str_hash, g_str_equal);
        for (size_t r = 0; r < c->nrows && !c->err; r++) {
            gpointer first;
            char *advice;

            if (!text[r])
                continue;
            if (!g_hash_table_lookup_extended(seen, text[r], NULL, &first)) {
                g_hash_table_insert(seen, text[r], GSIZE_TO_POINTER(r));
                continue;
            }
            advice = err_fmt("line %ld has it already; the schema makes "
                             "the column's texts unique",
                             c->lines[GPOINTER_TO_SIZE(first)]);
            cell_error_at(c, c->lines[r], field_of(c, k), text[r],
                          "is there twice", advice);
            free(advice);
        }
        g_hash_table_destroy(seen);
    }
    return c->err ? -1 : 0;
}

/* Adds schema column k to t, which takes over its gathered values. */
static void move_column(csvin_ctx *c, tbl *t, size_t k)
{
    const csvin_column *sc = &c->schema->cols[k];
    csvin_vals *v = &c->vals[k];
    tbl_column *col;

    if (sc->type == CSVIN_TEXT) {
        col = tbl_adopt(t, sc->name, TBL_TEXT,
                        v->text ? v->text : xcalloc(1, sizeof *v->text));
        v->text = NULL;
    } else {
        col = tbl_adopt(t, sc->name, TBL_NUMBER,
                        v->num ? v->num : xcalloc(1, sizeof *v->num));
        v->num = NULL;
    }
    col->whole = sc->type == CSVIN_INT || sc->type == CSVIN_YEAR ||
                 sc->type == CSVIN_FLAG;
    for (size_t f = 0; f < c->nnamed; f++) {
        if (c->map[f] == k)
            col->field = (int)f + 1;
    }
}

/* Returns the table gathered in c (caller frees with tbl_free); c keeps
 * no values, strings or lines afterwards. */
static tbl *build_table(csvin_ctx *c)
{
    tbl *t = tbl_new(c->schema->table, c->nrows);

    t->path = xstrdup(c->path);
    for (size_t k = 0; k < c->schema->ncols; k++)
        move_column(c, t, k);
    t->lines = c->lines;
    t->strings = c->strings;
    c->lines = NULL;
    c->strings = NULL;
    return t;
}

/* Frees what c holds, but not c itself. */
static void ctx_free(csvin_ctx *c)
{
    for (size_t k = 0; c->vals && k < c->schema->ncols; k++) {
        free(c->vals[k].text);
        free(c->vals[k].num);
    }
    free(c->vals);
    tbl_strings_free(c->strings);
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
    if (csvenc_settle(path, &data, &len, err) < 0) {
        free(data);
        return -1;
    }

    rc = parse(&c, data, len);
    if (rc == 0)
        rc = check_unique(&c);
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
