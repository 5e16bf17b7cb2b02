/*
 * Reading a data folder's schema.lua: a table keyed by table name, each
 * { file = "x.csv", source = "NIFU", columns = { { "aar", "year" }, ... } }.
 *
 * A Lua table does not remember the line it was written on, so a fault
 * is located by finding the entry in the file's text: the schema is
 * plain data, one key per table, which a short scan finds reliably.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "check.h"
#include "err.h"
#include "lhost_int.h"

/* The schema's text, for locating entries. */
typedef struct schema_src {
    const char *path;
    char *text;             /* NULL when the file cannot be read again */
} schema_src;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Returns the file's contents, or NULL. Caller frees. */
static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, got;
    char buf[4096];

    if (!f)
        return NULL;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        text = xrealloc(text, len + got + 1);
        memcpy(text + len, buf, got);
        len += got;
    }
    fclose(f);
    if (text)
        text[len] = '\0';
    return text;
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/*
 * Returns where key is written as a field ("key =" or ["key"] =) in
 * text at or after from, or NULL.
 */
static const char *find_key(const char *from, const char *key)
{
    size_t len = strlen(key);

    for (const char *p = strstr(from, key); p; p = strstr(p + 1, key)) {
        const char *after = p + len;

        if (p > from && (is_name_char(p[-1]) || p[-1] == '.'))
            continue;
        if (p > from && p[-1] == '"' && strncmp(after, "\"]", 2) == 0)
            after += 2;
        else if (is_name_char(*after) || (p > from && p[-1] == '"'))
            continue;
        after += strspn(after, " \t");
        if (*after == '=' && after[1] != '=')
            return p;
    }
    return NULL;
}

/* Returns the n-th table constructor (from 1) in the list that opens
 * at or after from ("columns = { {...}, {...} }"), or NULL. */
static const char *find_item(const char *from, int n)
{
    const char *p = strchr(from, '{');
    int depth = 0;

    for (; p && *p; p++) {
        if (*p == '"' || *p == '\'') {
            const char *end = strchr(p + 1, *p);

            if (!end)
                return NULL;
            p = end;
        } else if (*p == '{' && ++depth == 2 && --n == 0) {
            return p;
        } else if (*p == '}' && --depth == 0) {
            return NULL;
        }
    }
    return NULL;
}

/*
 * Returns the line of src on which table name's entry is written: its
 * field when field is not NULL, its column-th column when column > 0.
 * Falls back to the nearest part found, or 0.
 */
static int schema_line(const schema_src *src, const char *name,
                       const char *field, int column)
{
    const char *at, *part = NULL;
    int line = 1;

    if (!src->text || !(at = find_key(src->text, name)))
        return 0;
    if (field)
        part = find_key(at, field);
    if (column > 0 && (part = find_key(at, "columns")) != NULL)
        part = find_item(part, column) ? find_item(part, column) : part;
    if (part)
        at = part;
    for (const char *p = src->text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Sets *err to "path:line: table name: " and the message; returns -1. */
static int fail_at(const schema_src *src, const char *name,
                   const char *field, int column, char **err,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static int fail_at(const schema_src *src, const char *name,
                   const char *field, int column, char **err,
                   const char *fmt, ...)
{
    int line = schema_line(src, name, field, column);
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = err_vfmt(fmt, ap);
    va_end(ap);
    if (line > 0)
        err_set(err, "%s:%d: table %s: %s", src->path, line, name, msg);
    else
        err_set(err, "%s: table %s: %s", src->path, name, msg);
    free(msg);
    return -1;
}

/* Returns the column number before i (from 1) that is called name, or
 * 0. */
static int earlier_column(const csvin_column *cols, int i, const char *name)
{
    for (int k = 0; k < i; k++) {
        if (strcmp(cols[k].name, name) == 0)
            return k + 1;
    }
    return 0;
}

/* Frees the values lists of the n columns. */
static void free_values(csvin_column *cols, int n)
{
    for (int i = 0; i < n; i++)
        free((void *)cols[i].values);
}

/* The fields a column's entry may have beyond its name and type. */
static const char *const column_fields[] = {"values", "unique", "min", "max"};
#define NCOLUMN_FIELDS 4

/* Returns 1 when field (a column_fields entry) suits a column of type. */
static int field_fits(const char *field, csvin_type type)
{
    int for_text = strcmp(field, "values") == 0 ||
                   strcmp(field, "unique") == 0;

    return for_text ? type == CSVIN_TEXT :
           type != CSVIN_TEXT && type != CSVIN_FLAG;
}

/* Fails unless every field of column i's entry, on top of the stack, is
 * its name, its type or a column_fields entry that suits its type. */
static int check_column_fields(lua_State *L, const schema_src *src,
                               const char *name, int i,
                               const csvin_column *col, char **err)
{
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {          /* entry key value */
        const char *key = lua_type(L, -2) == LUA_TSTRING ?
                          lua_tostring(L, -2) : NULL;
        char *hint;
        int known = 0;

        lua_pop(L, 1);
        if (!key && lua_isinteger(L, -1) &&
            (lua_tointeger(L, -1) == 1 || lua_tointeger(L, -1) == 2))
            continue;
        for (int f = 0; key && f < NCOLUMN_FIELDS; f++)
            known |= strcmp(key, column_fields[f]) == 0;
        if (known && field_fits(key, col->type))
            continue;
        lua_pop(L, 1);
        if (known)
            return fail_at(src, name, NULL, i, err, "column %d: %s is for "
                           "%s columns only", i, key,
                           field_fits(key, CSVIN_TEXT) ? "text" :
                           "int, number and year");
        hint = check_hint(key ? key : "", column_fields, NCOLUMN_FIELDS);
        fail_at(src, name, NULL, i, err, "column %d: %s%s%s: a column is "
                "{ \"name\", type }, and may add values = { ... } and "
                "unique = true for text, min and max for numbers%s", i,
                key ? "no field \"" : "more than a name and a type "
                "without keys", key ? key : "", key ? "\"" : "", hint);
        free(hint);
        return -1;
    }
    return 0;
}

/* Reads the number field of the entry on top of the stack into *v;
 * *has says whether it is there. Returns 0, or -1 when it is there and
 * no number. */
static int read_bound(lua_State *L, const char *field, int *has, double *v)
{
    int ok;

    lua_getfield(L, -1, field);
    *has = !lua_isnil(L, -1);
    ok = !*has || (lua_type(L, -1) == LUA_TNUMBER &&
                   !isnan(lua_tonumber(L, -1)));
    *v = *has && ok ? lua_tonumber(L, -1) : 0;
    lua_pop(L, 1);
    return ok ? 0 : -1;
}

/* Returns what is wrong with s (len bytes, or NULL when not a text) as
 * the next of the values before it, or NULL. */
static const char *value_fault(const char *s, size_t len,
                               const char *const *before, int nbefore)
{
    if (!s)
        return "must be a list of texts";
    if (len == 0)
        return "must not hold an empty text (an empty cell is missing)";
    if (strchr(" \t", s[0]) || strchr(" \t", s[len - 1]))
        return "must not hold a text with spaces at its ends (cells lose "
               "them)";
    for (int k = 0; k < nbefore; k++) {
        if (strcmp(before[k], s) == 0)
            return "must not hold the same text twice";
    }
    return NULL;
}

/*
 * Returns the values list on top of the stack as a NULL-ended array of
 * its texts (anchored in it; caller frees the array), or NULL and sets
 * *why. A value no cell can hold is refused, since the column would
 * then refuse every cell that means it.
 */
static const char **read_values(lua_State *L, const char **why)
{
    int n = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;
    const char **values;
    size_t keys = 0;

    if (n > 0) {
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            lua_pop(L, 1);
            keys++;
        }
    }
    if (n == 0 || keys != (size_t)n) {
        *why = "must be a list of texts";
        return NULL;
    }
    values = xcalloc((size_t)n + 1, sizeof *values);
    *why = NULL;
    for (int v = 0; v < n && !*why; v++) {
        size_t len = 0;
        const char *s;

        lua_rawgeti(L, -1, v + 1);
        s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len)
                                           : NULL;
        lua_pop(L, 1);
        *why = value_fault(s, len, values, v);
        values[v] = s;
    }
    if (*why) {
        free(values);
        return NULL;
    }
    return values;
}

/*
 * Reads the fields of column i's entry, on top of the stack, beyond its
 * name and type into col: values (a list of texts) and unique (a
 * boolean) for text, min and max for numbers. The texts stay anchored
 * in the entry. Returns 0, or -1 and sets *err.
 */
static int read_column_options(lua_State *L, const schema_src *src,
                               const char *name, int i, csvin_column *col,
                               char **err)
{
    const char **values;
    const char *why;

    if (check_column_fields(L, src, name, i, col, err) != 0)
        return -1;
    if (read_bound(L, "min", &col->has_min, &col->min) != 0 ||
        read_bound(L, "max", &col->has_max, &col->max) != 0)
        return fail_at(src, name, NULL, i, err, "column %d: min and max "
                       "must be numbers", i);
    if (col->has_min && col->has_max && col->min > col->max)
        return fail_at(src, name, NULL, i, err, "column %d: min is more "
                       "than max", i);

    lua_getfield(L, -1, "unique");
    if (!lua_isnil(L, -1) && !lua_isboolean(L, -1)) {
        lua_pop(L, 1);
        return fail_at(src, name, NULL, i, err, "column %d: unique must "
                       "be true or false", i);
    }
    col->unique = lua_toboolean(L, -1);
    lua_pop(L, 1);

    lua_getfield(L, -1, "values");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    values = read_values(L, &why);
    lua_pop(L, 1);
    if (!values)
        return fail_at(src, name, NULL, i, err, "column %d: values %s", i,
                       why);
    col->values = values;
    return 0;
}

/* Reads the columns list at the top of the stack into cols (at most
 * max). Returns the count, or -1 and sets *err; the caller frees the
 * values lists of the count columns with free_values. */
static int read_columns(lua_State *L, const schema_src *src,
                        const char *name, csvin_column *cols, int max,
                        char **err)
{
    int n = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;

    if (n == 0 || n > max)
        return fail_at(src, name, "columns", 0, err, "columns must be a "
                       "list of 1 to %d { name, type } pairs", max);
    for (int i = 1; i <= n; i++) {
        int type, twice;

        lua_rawgeti(L, -1, i);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);              /* cols pair name type */
        type = lua_type(L, -1) == LUA_TSTRING ?
               csvin_type_from_name(lua_tostring(L, -1)) : -1;
        if (lua_type(L, -2) != LUA_TSTRING || type < 0) {
            lua_pop(L, 3);
            free_values(cols, i - 1);
            return fail_at(src, name, NULL, i, err, "column %d must be "
                           "{ \"name\", type } with type int, number, "
                           "year, text or flag", i);
        }
        cols[i - 1] = (csvin_column){
            .name = lua_tostring(L, -2),     /* anchored in the entry */
            .type = (csvin_type)type,
        };
        twice = earlier_column(cols, i - 1, cols[i - 1].name);
        lua_pop(L, 2);
        if (!twice && read_column_options(L, src, name, i, &cols[i - 1],
                                          err) != 0) {
            lua_pop(L, 1);
            free_values(cols, i - 1);
            return -1;
        }
        lua_pop(L, 1);
        if (twice) {
            free_values(cols, i - 1);
            return fail_at(src, name, NULL, i, err, "column %d: \"%s\" is "
                           "column %d already", i, cols[i - 1].name, twice);
        }
    }
    return n;
}

/* Fails at the first field of the entry on top of the stack that is
 * not file, source or columns. */
static int check_fields(lua_State *L, const schema_src *src,
                        const char *name, char **err)
{
    static const char *const known[] = {"file", "source", "columns", NULL};

    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {          /* entry key value */
        const char *key;
        char *hint;

        lua_pop(L, 1);
        key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        if (key && (strcmp(key, "file") == 0 ||
                    strcmp(key, "source") == 0 ||
                    strcmp(key, "columns") == 0))
            continue;
        hint = check_hint(key ? key : "", known, 3);
        fail_at(src, name, key, 0, err, "no field %s%s%s: a table has "
                "file, source and columns%s", key ? "\"" : "",
                key ? key : "other than a name", key ? "\"" : "", hint);
        free(hint);
        lua_pop(L, 2);
        return -1;
    }
    return 0;
}

/* Declares one table from its entry at the top of the stack. */
static int declare(lua_State *L, lhost *h, const schema_src *src,
                   const char *name, char **err)
{
    csvin_column cols[256];
    const char *file;
    const char *source;
    char *where;
    int n = -1;

    if (check_fields(L, src, name, err) != 0)
        return -1;
    lua_getfield(L, -1, "file");
    lua_getfield(L, -2, "source");
    lua_getfield(L, -3, "columns");         /* entry file source columns */
    file = lua_type(L, -3) == LUA_TSTRING ? lua_tostring(L, -3) : NULL;
    source = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    if (!file || !lhost_path_inside(file) || strchr(file, '/'))
        fail_at(src, name, "file", 0, err, "file must name a CSV file in "
                "the data folder");
    else
        n = read_columns(L, src, name, cols, 256, err);
    if (n > 0) {
        int line = schema_line(src, name, NULL, 0);
        int failed;

        where = line > 0 ? err_fmt("%s:%d", src->path, line) :
                err_fmt("%s: table %s", src->path, name);
        failed = data_declare(h->data, name, file, source, cols,
                              (size_t)n, where, err) != 0;
        free(where);
        free_values(cols, n);
        if (failed)
            n = -1;
    }
    lua_pop(L, 3);
    return n > 0 ? 0 : -1;
}

int lhost_declare_tables(lua_State *L, lhost *h, const char *path,
                         char **err)
{
    const char **names = NULL;
    schema_src src = { path, read_all(path) };
    size_t n = 0;
    int rc = 0;

    /* pairs() order varies between runs; declare in name order. */
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            free(names);
            free(src.text);
            lua_pop(L, 1);
            return err_set(err, "%s:1: the keys of the table it returns "
                           "must be table names", path);
        }
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = lua_tostring(L, -1);
    }
    qsort(names, n, sizeof *names, by_name);

    for (size_t i = 0; i < n && rc == 0; i++) {
        lua_getfield(L, -1, names[i]);
        if (!lua_istable(L, -1))
            rc = fail_at(&src, names[i], NULL, 0, err, "must be a table "
                         "{ file = ..., source = ..., columns = ... }");
        else
            rc = declare(L, h, &src, names[i], err);
        lua_pop(L, 1);
    }
    free(names);
    free(src.text);
    return rc;
}
