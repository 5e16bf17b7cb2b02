/*
 * Reading a data folder's schema.lua: a table keyed by table name, each
 * { file = "x.csv", source = "NIFU", columns = { { "aar", "year" }, ... } }.
 */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "err.h"
#include "lhost_int.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the columns list at the top of the stack into cols (at most
 * max). Returns the count, or -1 and sets *err. */
static int read_columns(lua_State *L, const char *where, csvin_column *cols,
                        int max, char **err)
{
    int n = (int)lua_rawlen(L, -1);

    if (!lua_istable(L, -1) || n == 0 || n > max)
        return err_set(err, "%s: columns must be a list of 1 to %d "
                       "{ name, type } pairs", where, max);
    for (int i = 1; i <= n; i++) {
        int type;

        lua_rawgeti(L, -1, i);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);              /* cols pair name type */
        type = lua_type(L, -1) == LUA_TSTRING ?
               csvin_type_from_name(lua_tostring(L, -1)) : -1;
        if (lua_type(L, -2) != LUA_TSTRING || type < 0) {
            lua_pop(L, 3);
            return err_set(err, "%s: column %d must be { \"name\", type } "
                           "with type int, number, year, text or flag",
                           where, i);
        }
        cols[i - 1].name = lua_tostring(L, -2);    /* anchored in pair */
        cols[i - 1].type = (csvin_type)type;
        lua_pop(L, 3);
    }
    return n;
}

/* Declares one table from its entry at the top of the stack. */
static int declare(lua_State *L, lhost *h, const char *path, const char *name,
                   char **err)
{
    csvin_column cols[256];
    char *where = err_fmt("%s: table %s", path, name);
    const char *file;
    const char *source;
    int n = -1;

    lua_getfield(L, -1, "file");
    lua_getfield(L, -2, "source");
    lua_getfield(L, -3, "columns");         /* entry file source columns */
    file = lua_tostring(L, -3);
    source = lua_tostring(L, -2);
    if (!file || !lhost_path_inside(file) || strchr(file, '/'))
        err_set(err, "%s: file must name a CSV file in the data folder",
                where);
    else
        n = read_columns(L, where, cols, 256, err);
    if (n > 0 && data_declare(h->data, name, file, source, cols, (size_t)n,
                              where, err) != 0)
        n = -1;
    lua_pop(L, 3);
    free(where);
    return n > 0 ? 0 : -1;
}

int lhost_declare_tables(lua_State *L, lhost *h, const char *path,
                         char **err)
{
    const char **names = NULL;
    size_t n = 0;
    int rc = 0;

    /* pairs() order varies between runs; declare in name order. */
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            free(names);
            lua_pop(L, 1);
            return err_set(err, "%s: keys must be table names", path);
        }
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = lua_tostring(L, -1);
    }
    qsort(names, n, sizeof *names, by_name);

    for (size_t i = 0; i < n && rc == 0; i++) {
        lua_getfield(L, -1, names[i]);
        if (!lua_istable(L, -1))
            rc = err_set(err, "%s: table %s must be a table", path, names[i]);
        else
            rc = declare(L, h, path, names[i], err);
        lua_pop(L, 1);
    }
    free(names);
    return rc;
}
