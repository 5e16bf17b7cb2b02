#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "check.h"
#include "csvenc.h"
#include "err.h"
#include "fmt.h"
#include "tmpl.h"

typedef enum filter_kind {
    FILTER_TALL,
    FILTER_TABELL,
    FILTER_PROSENT,
    FILTER_PROSENTORD,
    FILTER_ORD,
    FILTER_KRONER,
    FILTER_AAR,
    FILTER_ABS,
    FILTER_VALG
} filter_kind;

/* How a filter is written: its name and how many arguments it takes. */
typedef struct filter_spec {
    const char *name;
    filter_kind kind;
    int min_args;
    int max_args;
} filter_spec;

static const filter_spec filter_specs[] = {
    { "tall", FILTER_TALL, 0, 1 },
    { "tabell", FILTER_TABELL, 0, 1 },
    { "prosent", FILTER_PROSENT, 0, 1 },
    { "prosentord", FILTER_PROSENTORD, 0, 0 },
    { "ord", FILTER_ORD, 0, 1 },
    { "kroner", FILTER_KRONER, 0, 1 },
    { "aar", FILTER_AAR, 0, 0 },
    { "abs", FILTER_ABS, 0, 0 },
    { "valg", FILTER_VALG, 2, 3 },
};

#define FILTER_MAX_ARGS 3

typedef struct filter {
    const filter_spec *spec;
    int decimals;                   /* tall, tabell, prosent, kroner */
    int neuter;                     /* ord:n */
    char *choice[FILTER_MAX_ARGS];  /* valg: above, below, at zero */
} filter;

/* A piece of a template: literal text, or a placeholder when name is
 * set. */
typedef struct part {
    char *text;
    char *name;
    int line;
    filter *filters;
    int nfilters;
} part;

typedef struct tmpl {
    char *name;
    int line;       /* of the header */
    part *parts;
    int nparts;
} tmpl;

struct tmpl_set {
    char *path;
    tmpl *items;
    int count;
};

/* Where a message points: "path:line: template name: ...". */
typedef struct where {
    const char *path;
    const char *tmpl;
    int line;
    char **problems;    /* when set, a bad filter is recorded here and
                           its placeholder kept without filters */
} where;

typedef struct strbuf {
    char *s;
    size_t len;
    size_t cap;
} strbuf;

/* Where a source line starts in a template's joined text. */
typedef struct line_mark {
    size_t offset;
    int line;
} line_mark;

/* A template while its lines are read: the lines joined by spaces. */
typedef struct draft {
    char *name;
    int line;
    strbuf text;
    line_mark *marks;
    int nmarks;
} draft;

static void sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_adds(strbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* Sets *err to "path:line: template name: what" and returns -1. */
static int fail(char **err, const where *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(char **err, const where *w, const char *fmt, ...)
{
    va_list ap;
    char *what;

    va_start(ap, fmt);
    what = err_vfmt(fmt, ap);
    va_end(ap);

    err_set(err, "%s:%d: template %s: %s", w->path, w->line, w->tmpl, what);
    free(what);
    return -1;
}

/* Returns the byte length of the name character at p (an ASCII letter,
 * digit or underscore, or one of æ ø å Æ Ø Å), or 0. */
static size_t name_char_length(const char *p)
{
    static const char *const nordic[] = {
        "æ", "ø", "å", "Æ", "Ø", "Å"
    };
    unsigned char c = (unsigned char)*p;

    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9') || c == '_')
        return 1;
    for (size_t i = 0; i < sizeof nordic / sizeof nordic[0]; i++) {
        if (strncmp(p, nordic[i], strlen(nordic[i])) == 0)
            return strlen(nordic[i]);
    }
    return 0;
}

/* Returns 1 when s (n bytes) is a non-empty name. */
static int is_name(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t len = name_char_length(s + i);

        if (len == 0 || i + len > n)
            return 0;
        i += len;
    }
    return n > 0;
}

/* Returns 1 when s is a value path: names joined by single dots
 * ("kbs.values.siste"). */
static int is_path(const char *s)
{
    const char *dot;

    while ((dot = strchr(s, '.')) != NULL) {
        if (!is_name(s, (size_t)(dot - s)))
            return 0;
        s = dot + 1;
    }
    return is_name(s, strlen(s));
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Returns a copy of s (n bytes) without blanks at either end. Caller
 * frees. */
static char *dup_trimmed(const char *s, size_t n)
{
    char *out;

    while (n > 0 && is_blank(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_blank(s[n - 1]))
        n--;

    out = xmalloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static char *dup_n(const char *s, size_t n)
{
    char *out = xmalloc(n + 1);

    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static void filter_clear(filter *f)
{
    for (int i = 0; i < FILTER_MAX_ARGS; i++)
        free(f->choice[i]);
}

static void part_clear(part *p)
{
    for (int i = 0; i < p->nfilters; i++)
        filter_clear(&p->filters[i]);
    free(p->filters);
    free(p->text);
    free(p->name);
}

static void tmpl_clear(tmpl *t)
{
    for (int i = 0; i < t->nparts; i++)
        part_clear(&t->parts[i]);
    free(t->parts);
    free(t->name);
}

void tmpl_free(tmpl_set *set)
{
    if (!set)
        return;
    for (int i = 0; i < set->count; i++)
        tmpl_clear(&set->items[i]);
    free(set->items);
    free(set->path);
    free(set);
}

static const filter_spec *find_filter(const char *name)
{
    for (size_t i = 0; i < sizeof filter_specs / sizeof filter_specs[0];
         i++) {
        if (strcmp(filter_specs[i].name, name) == 0)
            return &filter_specs[i];
    }
    return NULL;
}

/* Fails for a filter name no filter has, with the closest filter's
 * name when it looks like a typo, and the list of filters. */
static int unknown_filter(const char *name, const where *w, char **err)
{
    const char *names[sizeof filter_specs / sizeof filter_specs[0]];
    size_t n = sizeof names / sizeof names[0];
    char *hint, *list;
    int rc;

    if (!name[0])
        return fail(err, w, "empty filter");
    list = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char *longer = err_fmt("%s%s%s", list, i ? ", " : "",
                               filter_specs[i].name);

        free(list);
        list = longer;
        names[i] = filter_specs[i].name;
    }
    hint = check_hint(name, names, n);
    rc = fail(err, w, "unknown filter \"%s\"%s; the filters are %s", name,
              hint, list);
    free(hint);
    free(list);
    return rc;
}

/* Reads a decimals argument, one digit. Returns 0 or fails. */
static int read_decimals(const char *arg, filter *f, const where *w,
                         char **err)
{
    if (arg[0] < '0' || arg[0] > '9' || arg[1] != '\0')
        return fail(err, w,
                    "filter %s: decimals must be a digit from 0 to 9, "
                    "not \"%s\"", f->spec->name, arg);
    f->decimals = arg[0] - '0';
    return 0;
}

/* Gives f the meaning of its nargs arguments, taking the strings. Only
 * valg keeps blanks around its arguments: they are text. Returns 0, or -1
 * with *err set. */
static int apply_args(filter *f, char **args, int nargs, const where *w,
                      char **err)
{
    if (f->spec->kind != FILTER_VALG && nargs > 0) {
        char *trimmed = dup_trimmed(args[0], strlen(args[0]));

        free(args[0]);
        args[0] = trimmed;
    }

    switch (f->spec->kind) {
    case FILTER_TALL:
    case FILTER_TABELL:
    case FILTER_PROSENT:
    case FILTER_KRONER:
        return nargs == 0 ? 0 : read_decimals(args[0], f, w, err);
    case FILTER_ORD:
        if (nargs == 1 && strcmp(args[0], "n") != 0)
            return fail(err, w,
                        "filter ord: the argument must be n (neuter), "
                        "not \"%s\"", args[0]);
        f->neuter = nargs == 1;
        return 0;
    case FILTER_VALG:
        for (int i = 0; i < nargs; i++) {
            f->choice[i] = args[i];
            args[i] = NULL;
        }
        return 0;
    case FILTER_PROSENTORD:
    case FILTER_AAR:
    case FILTER_ABS:
        return 0;
    }
    NK_UNREACHABLE();
}

/* Returns 0 when the filter takes nargs arguments, or fails. Every
 * filter takes none, or one of two counts next to each other. */
static int check_arg_count(const filter_spec *spec, int nargs,
                           const where *w, char **err)
{
    if (nargs >= spec->min_args && nargs <= spec->max_args)
        return 0;
    if (spec->max_args == 0)
        return fail(err, w, "filter %s takes no arguments", spec->name);
    return fail(err, w, "filter %s takes %d or %d arguments, not %d",
                spec->name, spec->min_args, spec->max_args, nargs);
}

/*
 * Reads one filter, "name" or "name:arg:arg", from s (n bytes) into f.
 * Returns 0, or -1 with *err set.
 */
static int parse_filter(const char *s, size_t n, filter *f, const where *w,
                        char **err)
{
    const char *colon = memchr(s, ':', n);
    size_t namelen = colon ? (size_t)(colon - s) : n;
    char *name = dup_trimmed(s, namelen);
    char *args[FILTER_MAX_ARGS + 1] = { NULL };
    int nargs = 0, rc;

    memset(f, 0, sizeof *f);
    f->spec = find_filter(name);
    if (!f->spec) {
        rc = unknown_filter(name, w, err);
        free(name);
        return rc;
    }
    free(name);

    while (colon) {
        const char *arg = colon + 1;
        const char *end = s + n;

        colon = memchr(arg, ':', (size_t)(end - arg));
        if (nargs <= FILTER_MAX_ARGS)
            args[nargs] = dup_n(arg, (size_t)((colon ? colon : end) - arg));
        nargs++;
    }

    rc = check_arg_count(f->spec, nargs, w, err);
    if (rc == 0)
        rc = apply_args(f, args, nargs, w, err);
    for (int i = 0; i <= FILTER_MAX_ARGS; i++)
        free(args[i]);
    return rc;
}

/* Appends the message *err to the "\n"-separated list *problems, and
 * frees it. */
static void add_problem(char **problems, char **err)
{
    char *longer = err_fmt("%s%s%s", *problems ? *problems : "",
                           *problems ? "\n" : "", *err);

    free(*problems);
    *problems = longer;
    free(*err);
    *err = NULL;
}

/*
 * Reads a placeholder's inside, "name|filter|filter:arg", from s (n
 * bytes) into p. Returns 0, or -1 with *err set; p is filled enough for
 * part_clear either way.
 */
static int parse_placeholder(const char *s, size_t n, part *p,
                             const where *w, char **err)
{
    const char *end = s + n;
    const char *bar = memchr(s, '|', n);

    p->name = dup_trimmed(s, (size_t)((bar ? bar : end) - s));
    if (!p->name[0])
        return fail(err, w, "empty placeholder name");
    if (!is_path(p->name))
        return fail(err, w, "bad value name \"%s\": use letters, digits "
                    "and _, with dots between the parts of a path",
                    p->name);

    while (bar) {
        const char *start = bar + 1;

        bar = memchr(start, '|', (size_t)(end - start));
        p->filters = xrealloc(p->filters,
                              sizeof *p->filters * (size_t)(p->nfilters + 1));
        if (parse_filter(start, (size_t)((bar ? bar : end) - start),
                         &p->filters[p->nfilters], w, err) != 0) {
            filter_clear(&p->filters[p->nfilters]);
            if (!w->problems)
                return -1;
            add_problem(w->problems, err);
            continue;
        }
        p->nfilters++;
    }
    return 0;
}

/* Returns the source line of byte offset in a draft's joined text. */
static int line_at(const draft *d, size_t offset)
{
    int line = d->marks[0].line;

    for (int i = 0; i < d->nmarks && d->marks[i].offset <= offset; i++)
        line = d->marks[i].line;
    return line;
}

static part *add_part(tmpl *t)
{
    t->parts = xrealloc(t->parts, sizeof *t->parts * (size_t)(t->nparts + 1));
    memset(&t->parts[t->nparts], 0, sizeof *t->parts);
    return &t->parts[t->nparts++];
}

/* Adds literal text (n bytes) to t, joining it to literal text before. */
static void add_literal(tmpl *t, const char *s, size_t n)
{
    part *p = t->nparts > 0 ? &t->parts[t->nparts - 1] : NULL;
    size_t old;

    if (n == 0)
        return;

    if (!p || p->name)
        p = add_part(t);
    old = p->text ? strlen(p->text) : 0;
    p->text = xrealloc(p->text, old + n + 1);
    memcpy(p->text + old, s, n);
    p->text[old + n] = '\0';
}

/*
 * Splits a draft's joined text into literal parts and placeholders in t.
 * Returns 0, or -1 with *err set naming the line of the offending brace.
 */
static int parse_text(const draft *d, const char *path, tmpl *t,
                      char **problems, char **err)
{
    const char *s = d->text.s;
    size_t i = 0;
    where w = { path, d->name, 0, problems };

    while (s[i]) {
        size_t run = strcspn(s + i, "{}");
        const char *close;
        part *p;

        add_literal(t, s + i, run);
        i += run;
        if (!s[i])
            break;
        w.line = line_at(d, i);

        if (s[i] == s[i + 1]) {
            add_literal(t, s + i, 1);
            i += 2;
            continue;
        }
        if (s[i] == '}')
            return fail(err, &w, "lone }: write }} for a brace");

        close = s + i + 1 + strcspn(s + i + 1, "{}");
        if (*close != '}')
            return fail(err, &w, "unclosed {");

        p = add_part(t);
        p->line = w.line;
        if (parse_placeholder(s + i + 1, (size_t)(close - s - i - 1), p, &w,
                              err) != 0)
            return -1;
        i = (size_t)(close - s) + 1;
    }
    return 0;
}

static void draft_clear(draft *d)
{
    free(d->name);
    free(d->text.s);
    free(d->marks);
    memset(d, 0, sizeof *d);
}

/* Adds a source line's text to a draft, after a space when not first. */
static void draft_add_line(draft *d, const char *text, int line)
{
    if (d->text.len > 0)
        sb_adds(&d->text, " ");
    d->marks = xrealloc(d->marks, sizeof *d->marks * (size_t)(d->nmarks + 1));
    d->marks[d->nmarks].offset = d->text.len;
    d->marks[d->nmarks].line = line;
    d->nmarks++;
    sb_adds(&d->text, text);
}

/*
 * Turns the draft (if any) into a template of set and clears it. Returns
 * 0, or -1 with *err set when the template is empty or malformed. With
 * problems, a bad filter is recorded there instead (see where).
 */
static int draft_finish(draft *d, tmpl_set *set, char **problems,
                        char **err)
{
    tmpl t = { NULL, 0, NULL, 0 };

    if (!d->name)
        return 0;
    if (d->nmarks == 0) {
        err_set(err, "%s:%d: template %s is empty", set->path, d->line,
                d->name);
        draft_clear(d);
        return -1;
    }

    if (parse_text(d, set->path, &t, problems, err) != 0) {
        tmpl_clear(&t);
        draft_clear(d);
        return -1;
    }

    t.name = d->name;
    t.line = d->line;
    d->name = NULL;
    draft_clear(d);
    set->items = xrealloc(set->items,
                          sizeof *set->items * (size_t)(set->count + 1));
    set->items[set->count++] = t;
    return 0;
}

/* The state of tmpl_load between lines. */
typedef struct loader {
    tmpl_set *set;
    draft cur;
    char **problems;        /* see where; NULL to fail at the first */
} loader;

/* Starts template name (the inside of a header line) at line, after
 * finishing the one before. Returns 0 or -1 with *err set. */
static int start_template(loader *ld, const char *name, int line,
                          char **err)
{
    if (draft_finish(&ld->cur, ld->set, ld->problems, err) != 0)
        return -1;

    for (int i = 0; i < ld->set->count; i++) {
        const tmpl *t = &ld->set->items[i];

        if (strcmp(t->name, name) == 0)
            return err_set(err, "%s:%d: template %s is defined again "
                           "(first at line %d)", ld->set->path, line, name,
                           t->line);
    }

    ld->cur.name = xstrdup(name);
    ld->cur.line = line;
    return 0;
}

/* Returns 0 when s (len bytes, line line) is UTF-8 without control
 * characters other than tab (XML cannot carry them) and without
 * noncharacters (fonts and PDF text cannot), or fails with the column
 * of the first bad character. */
static int check_utf8(const char *path, const char *s, size_t len, int line,
                      char **err)
{
    const gchar *bad;
    unsigned cp;
    size_t at;

    if (!g_utf8_validate(s, (gssize)len, &bad))
        return err_set(err, "%s:%d:%ld: not valid UTF-8", path, line,
                       g_utf8_strlen(s, bad - s) + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return err_set(err, "%s:%d:%ld: the control character U+%04X; "
                           "XML cannot carry it", path, line,
                           g_utf8_strlen(s, (gssize)i) + 1, c);
    }
    if ((cp = csvenc_noncharacter(s, len, &at)) != 0)
        return err_set(err, "%s:%d:%ld: the noncharacter U+%04X; fonts and "
                       "PDF text cannot carry it", path, line,
                       g_utf8_strlen(s, (gssize)at) + 1, cp);
    return 0;
}

/*
 * Takes one line of the file (without its line end): a header starts a
 * template, comments and blank lines are skipped, text joins the
 * current template. Returns 0 or -1 with *err set.
 */
static int load_line(loader *ld, char *s, int line, char **err)
{
    const char *path = ld->set->path;
    char *text = dup_trimmed(s, strlen(s));
    size_t n = strlen(text);
    int rc = 0;

    if (n == 0 || text[0] == '#') {
        rc = 0;
    } else if (text[0] == '[') {
        if (text[n - 1] != ']' || !is_name(text + 1, n - 2))
            rc = err_set(err, "%s:%d: bad template header \"%s\": write "
                         "[name] with letters, digits and _", path, line,
                         text);
        else {
            text[n - 1] = '\0';
            rc = start_template(ld, text + 1, line, err);
        }
    } else if (!ld->cur.name) {
        rc = err_set(err, "%s:%d: text before the first [name] header",
                     path, line);
    } else {
        draft_add_line(&ld->cur, text, line);
    }
    free(text);
    return rc;
}

/* Reads every line of f into ld. Returns 0 or -1 with *err set. */
static int load_lines(loader *ld, FILE *f, char **err)
{
    char *s = NULL;
    size_t cap = 0;
    ssize_t len;
    int line = 0, rc = 0;

    while (rc == 0 && (len = getline(&s, &cap, f)) >= 0) {
        char *start = s;

        line++;
        while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
            s[--len] = '\0';
        if (line == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0) {
            start += 3;
            len -= 3;
        }
        rc = check_utf8(ld->set->path, start, (size_t)len, line, err);
        if (rc == 0)
            rc = load_line(ld, start, line, err);
    }
    free(s);

    if (rc == 0 && ferror(f))
        rc = err_set(err, "%s: read error", ld->set->path);
    return rc;
}

int tmpl_load_all(const char *path, tmpl_set **out, char **problems,
                  char **err)
{
    loader ld;
    FILE *f = fopen(path, "r");
    int rc;

    if (!f)
        return err_set(err, "%s: cannot open: %s", path, strerror(errno));

    memset(&ld, 0, sizeof ld);
    ld.set = xcalloc(1, sizeof *ld.set);
    ld.set->path = xstrdup(path);
    ld.problems = problems;
    rc = load_lines(&ld, f, err);
    fclose(f);

    if (rc == 0)
        rc = draft_finish(&ld.cur, ld.set, problems, err);
    if (rc == 0 && ld.set->count == 0)
        rc = err_set(err, "%s: no templates; each starts with a [name] line",
                     path);
    draft_clear(&ld.cur);
    if (rc != 0) {
        tmpl_free(ld.set);
        return -1;
    }
    *out = ld.set;
    return 0;
}

int tmpl_load(const char *path, tmpl_set **out, char **err)
{
    return tmpl_load_all(path, out, NULL, err);
}

int tmpl_count(const tmpl_set *set)
{
    return set->count;
}

const char *tmpl_name(const tmpl_set *set, int i)
{
    return set->items[i].name;
}

static const tmpl *find_template(const tmpl_set *set, const char *name)
{
    for (int i = 0; i < set->count; i++) {
        if (strcmp(set->items[i].name, name) == 0)
            return &set->items[i];
    }
    return NULL;
}

int tmpl_has(const tmpl_set *set, const char *name)
{
    return find_template(set, name) != NULL;
}

/* A value on its way through a placeholder's filters. */
typedef struct value {
    int is_text;
    double num;
    const char *text;   /* borrowed, or owned when it is owned */
    char *owned;
} value;

static void value_take_text(value *v, char *s)
{
    free(v->owned);
    v->owned = s;
    v->text = s;
    v->is_text = 1;
}

/* Runs valg on a number: the first choice above zero, the second below,
 * the third (or the second) at zero. Returns 0, or -1 when the value is
 * missing. */
static int choose(const filter *f, value *v, const where *w, char **err)
{
    if (isnan(v->num))
        return fail(err, w, "filter valg: the value is missing");

    v->is_text = 1;
    if (v->num > 0)
        v->text = f->choice[0];
    else if (v->num < 0 || !f->choice[2])
        v->text = f->choice[1];
    else
        v->text = f->choice[2];
    return 0;
}

/* Runs filter f on a number value. Returns 0, or -1 with *err set. */
static int run_filter(const filter *f, value *v, const where *w, char **err)
{
    switch (f->spec->kind) {
    case FILTER_TALL:
        value_take_text(v, fmt_number(v->num, f->decimals, FMT_PROSE));
        return 0;
    case FILTER_TABELL:
        value_take_text(v, fmt_number(v->num, f->decimals, FMT_TABLE));
        return 0;
    case FILTER_PROSENT:
        value_take_text(v, fmt_percent(v->num, f->decimals, FMT_PROSE));
        return 0;
    case FILTER_PROSENTORD:
        value_take_text(v, fmt_percent_words(v->num));
        return 0;
    case FILTER_ORD:
        if (!isnan(v->num) && v->num != floor(v->num))
            return fail(err, w, "filter ord: %g is not a whole number; "
                        "words are for counts (use tall for %g)", v->num,
                        v->num);
        value_take_text(v, fmt_word(v->num, f->neuter));
        return 0;
    case FILTER_KRONER:
        value_take_text(v, fmt_money(v->num, f->decimals));
        return 0;
    case FILTER_AAR:
        if (!isnan(v->num) && (v->num != floor(v->num) || v->num < 0))
            return fail(err, w, "filter aar: %g is not a year", v->num);
        value_take_text(v, fmt_year(v->num));
        return 0;
    case FILTER_ABS:
        v->num = fabs(v->num);
        return 0;
    case FILTER_VALG:
        return choose(f, v, w, err);
    }
    NK_UNREACHABLE();
}

/* Returns the decimals filter f prints a number with: 0 for one that
 * prints a whole number, the scaled value's for kroner (see fmt_exact),
 * or -1 for one that does not print. */
static int printed_decimals(const filter *f)
{
    switch (f->spec->kind) {
    case FILTER_TALL:
    case FILTER_TABELL:
    case FILTER_PROSENT:
    case FILTER_KRONER:
        return f->decimals;
    case FILTER_PROSENTORD:
    case FILTER_ORD:
    case FILTER_AAR:
        return 0;
    case FILTER_ABS:
    case FILTER_VALG:
        return -1;
    }
    NK_UNREACHABLE();
}

/* Fails when the number num of value name, printed with decimals, would
 * lose digits (see fmt_exact); kroner checks its scaled value. */
static int check_exact(const char *name, double num, int decimals,
                       int kroner, const where *w, char **err)
{
    if (fmt_exact(kroner ? num / 1e9 : num, decimals))
        return 0;
    return fail(err, w, "value \"%s\" is %.15g: too large to print digit "
                "for digit%s (at most fifteen digits%s)", name, num,
                decimals > 0 ? " with its decimals" : "",
                decimals > 0 ? ", decimals included" : "");
}

/* Runs p's filters over v in order. Returns 0, or -1 with *err set when
 * a filter meets text or a number too large to print. */
static int run_filters(const part *p, value *v, const where *w, char **err)
{
    for (int i = 0; i < p->nfilters; i++) {
        const char *name = p->filters[i].spec->name;
        int decimals = printed_decimals(&p->filters[i]);

        if (v->is_text && i == 0)
            return fail(err, w, "filter %s needs a number, but %s is text "
                        "\"%s\"", name, p->name, v->text);
        if (v->is_text)
            return fail(err, w, "filter %s needs a number, but filter %s "
                        "before it gives text \"%s\"", name,
                        p->filters[i - 1].spec->name, v->text);
        if (decimals >= 0 &&
            check_exact(p->name, v->num, decimals,
                        p->filters[i].spec->kind == FILTER_KRONER, w,
                        err) != 0)
            return -1;
        if (run_filter(&p->filters[i], v, w, err) != 0)
            return -1;
    }
    return 0;
}

/* Appends placeholder p, looked up and filtered, to out. Returns 0, or -1
 * with *err set. */
static int render_placeholder(const part *p, tmpl_lookup_fn lookup,
                              void *ud, strbuf *out, const where *w,
                              char **err)
{
    value v = { 0, 0.0, NULL, NULL };
    int kind = lookup(ud, p->name, &v.num, &v.text);

    assert(kind != 2 || v.text);
    if (kind == 2)
        v.is_text = 1;
    else if (kind == 3)
        return fail(err, w, "value \"%s\" is a %s, not a number or text",
                    p->name, v.text);
    else if (kind != 1)
        return fail(err, w, "unknown value \"%s\"", p->name);
    if (kind == 1 && isinf(v.num))
        return fail(err, w, "value \"%s\" is %sinfinite (a division by "
                    "zero?)", p->name, v.num < 0 ? "minus " : "");

    if (run_filters(p, &v, w, err) != 0) {
        free(v.owned);
        return -1;
    }

    if (!v.is_text) {
        int decimals = floor(v.num) == v.num ? 0 : 1;

        if (check_exact(p->name, v.num, decimals, 0, w, err) != 0)
            return -1;
        value_take_text(&v, fmt_number(v.num, decimals, FMT_PROSE));
    }
    sb_adds(out, v.text);
    free(v.owned);
    return 0;
}

int tmpl_render(const tmpl_set *set, const char *name, tmpl_lookup_fn lookup,
                void *ud, char **out, char **err)
{
    const tmpl *t = find_template(set, name);
    strbuf text = { NULL, 0, 0 };
    where w = { set->path, name, 0, NULL };

    if (!t)
        return err_set(err, "%s: no template called %s", set->path, name);

    sb_adds(&text, "");
    for (int i = 0; i < t->nparts; i++) {
        const part *p = &t->parts[i];

        w.line = p->line;
        if (!p->name) {
            sb_adds(&text, p->text);
        } else if (render_placeholder(p, lookup, ud, &text, &w, err) != 0) {
            free(text.s);
            return -1;
        }
    }

    *out = text.s;
    return 0;
}
