/*
 * Check mode of the Lua host: stand-ins that let a check go past a
 * problem, template rendering that finds every missing value, a walk of
 * the report table before the document is built, and a search for
 * figures and tables nothing refers to.
 */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "check.h"
#include "dbk.h"
#include "err.h"
#include "lhost_int.h"
#include "log.h"

/* The most missing values one render reports. */
#define MAX_MISSING 64

/* Text that stands for an element or a text the check had to leave
 * out. */
#define LEFT_OUT "(left out by nokkel check)"

/* __index of a stub's values: every name reads as 0. */
static int l_zero(lua_State *L)
{
    lua_pushinteger(L, 0);
    return 1;
}

/* __index of a stub's columns: every column is empty. */
static int l_empty(lua_State *L)
{
    lua_newtable(L);
    return 1;
}

/* Pushes an empty table whose __index is fn. */
static void push_reading(lua_State *L, lua_CFunction fn)
{
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
}

/* Pushes the weak-keyed set of stub results, made on first use. */
static void push_stubs(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.stubs") == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.stubs");
}

void lhost_push_stub_result(lua_State *L, const char *name)
{
    lhost_self(L)->stubs++;
    lua_createtable(L, 0, 8);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "indicator");
    lua_pushinteger(L, 0);
    lua_setfield(L, -2, "rows");
    lua_newtable(L);
    lua_setfield(L, -2, "names");
    push_reading(L, l_empty);
    lua_setfield(L, -2, "columns");
    push_reading(L, l_zero);
    lua_setfield(L, -2, "values");
    push_reading(L, l_zero);
    lua_setfield(L, -2, "denominators");
    lua_pushliteral(L, "");
    lua_setfield(L, -2, "unit");
    lua_pushliteral(L, "");
    lua_setfield(L, -2, "source");      /* stub */

    push_stubs(L);
    lua_pushvalue(L, -2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);                      /* stub */
}

int lhost_is_stub(lua_State *L, int idx)
{
    int stub;

    if (!lua_istable(L, idx))
        return 0;
    idx = lua_absindex(L, idx);
    push_stubs(L);
    lua_pushvalue(L, idx);
    stub = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return stub;
}

void lhost_push_stub_chapter(lua_State *L, const char *name)
{
    lua_createtable(L, 1, 4);
    lua_pushliteral(L, "chapter");
    lua_setfield(L, -2, "kind");
    lua_pushfstring(L, "nokkel-check-%s", name);
    lua_setfield(L, -2, "id");
    lua_pushstring(L, name);
    lua_setfield(L, -2, "title");
    lua_pushliteral(L, LEFT_OUT);
    lua_rawseti(L, -2, 1);
}

/* A render in check mode: the names found missing so far read as 0. */
typedef struct check_ctx {
    lookup_ctx base;
    int stub_args;          /* an argument is a stub: nothing is missing */
    char *missing[MAX_MISSING];
    int nmissing;
    char *last_miss;        /* the name the last lookup did not find */
} check_ctx;

static int check_lookup(void *ud, const char *name, double *num,
                        const char **text)
{
    check_ctx *ctx = ud;
    int found = lhost_lookup(&ctx->base, name, num, text);

    if (found)
        return found;
    for (int i = 0; i < ctx->nmissing; i++) {
        if (strcmp(ctx->missing[i], name) == 0) {
            *num = 0;
            return 1;
        }
    }
    if (ctx->stub_args) {
        *num = 0;
        return 1;
    }
    free(ctx->last_miss);
    ctx->last_miss = xstrdup(name);
    return 0;
}

/*
 * Renders until the template renders or a problem other than a missing
 * value stops it; each missing value is recorded with the template's
 * line and the script line of the call. Returns the text or NULL.
 */
static char *render_all(lua_State *L, lhost *h, const tmpl_set *set,
                        const char *name, check_ctx *ctx)
{
    char *out = NULL;

    for (;;) {
        char *err = NULL;

        if (tmpl_render(set, name, check_lookup, ctx, &out, &err) == 0)
            return out;
        luaL_where(L, 1);
        check_add(h->check, CHECK_ERROR, "%s (template used at %.*s)", err,
                  (int)lua_rawlen(L, -1) - 2, lua_tostring(L, -1));
        lua_pop(L, 1);
        free(err);
        if (!ctx->last_miss || ctx->nmissing == MAX_MISSING)
            return NULL;
        ctx->missing[ctx->nmissing++] = ctx->last_miss;
        ctx->last_miss = NULL;
    }
}

int lhost_check_render(lua_State *L, const tmpl_set *set, const char *name)
{
    lhost *h = lhost_self(L);
    check_ctx ctx = { { L, 1, lua_gettop(L) }, 0, { NULL }, 0, NULL };
    char *out = NULL;

    for (int i = 1; i <= ctx.base.last; i++)
        ctx.stub_args |= lhost_is_stub(L, i);
    if (set && tmpl_has(set, name))
        out = render_all(L, h, set, name, &ctx);

    for (int i = 0; i < ctx.nmissing; i++)
        free(ctx.missing[i]);
    free(ctx.last_miss);
    lua_pushstring(L, out && *out ? out : LEFT_OUT);
    free(out);
    return 1;
}

/* Pushes the "where" of the element at t ("file:line: "), or "". */
static void push_where(lua_State *L, int t)
{
    if (lua_getfield(L, t, "where") != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushliteral(L, "");
    }
}

/* Returns the string field of the table at t, or NULL. */
static const char *field_str(lua_State *L, int t, const char *field)
{
    const char *s;

    lua_getfield(L, t, field);
    s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);                      /* the string is held by t */
    return s;
}

/* Returns "a, b, c": the column names of the data table at data. Caller
 * frees. */
static char *column_list(lua_State *L, int data)
{
    char *list = xstrdup("");
    int top = lua_gettop(L);

    if (lua_getfield(L, data, "names") != LUA_TTABLE)
        lua_settop(L, top);
    for (lua_Integer i = 1; lua_gettop(L) > top &&
         lua_rawgeti(L, top + 1, i) == LUA_TSTRING; i++) {
        char *longer = err_fmt("%s%s%s", list, *list ? ", " : "",
                               lua_tostring(L, -1));

        free(list);
        list = longer;
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    return list;
}

/*
 * Returns 1 when the data table at data has column, else records the
 * problem for the element at t (what says where it was asked for) and
 * returns 0.
 */
static int has_column(lua_State *L, lhost *h, int t, int data,
                      const char *column, const char *what)
{
    const char *indicator;
    char *columns;
    int top = lua_gettop(L);
    int found;

    found = lua_getfield(L, data, "columns") == LUA_TTABLE &&
            lua_getfield(L, -1, column) == LUA_TTABLE;
    lua_settop(L, top);
    if (found)
        return 1;
    indicator = field_str(L, data, "indicator");
    columns = column_list(L, data);
    push_where(L, t);
    check_add(h->check, CHECK_ERROR, "%s%s: no column \"%s\" in %s%s "
              "(it has %s)", lua_tostring(L, -1), what, column,
              indicator ? "indicator " : "the data",
              indicator ? indicator : "", *columns ? columns : "none");
    lua_pop(L, 1);
    free(columns);
    return 0;
}

/* Checks the columns a chart at c binds: x and each series' column.
 * Returns 1 when all are there. */
static int chart_columns(lua_State *L, lhost *h, int t, int c, int data,
                         const char *what)
{
    const char *x = field_str(L, c, "x");
    int ok = !x || has_column(L, h, t, data, x, what);
    int top = lua_gettop(L);

    if (lua_getfield(L, c, "series") != LUA_TTABLE)
        lua_settop(L, top);
    for (lua_Integer i = 1; lua_gettop(L) > top &&
         lua_rawgeti(L, top + 1, i) == LUA_TTABLE; i++) {
        if (lua_rawgeti(L, -1, 1) == LUA_TSTRING)
            ok &= has_column(L, h, t, data, lua_tostring(L, -1), what);
        lua_pop(L, 2);
    }
    lua_settop(L, top);
    return ok;
}

/* Returns 1 when the data table at d has no rows while stand-in
 * results were given: a script made it from them, most likely, and the
 * problem behind the stand-in is told instead. */
static int empty_from_stub(lua_State *L, lhost *h, int d)
{
    int empty;

    if (h->stubs == 0 || !lua_istable(L, d))
        return 0;
    lua_getfield(L, d, "rows");
    empty = lua_isinteger(L, -1) && lua_tointeger(L, -1) == 0;
    lua_pop(L, 1);
    return empty;
}

/*
 * Checks a figure at t. Records a missing alt text and patches it, so
 * the build goes on. Returns 0 when the figure must be left out: its
 * data is a stub, is made from stand-in results, or lacks a column it
 * binds.
 */
static int check_figure(lua_State *L, lhost *h, int t)
{
    const char *id = field_str(L, t, "id");
    const char *alt = field_str(L, t, "alt");
    char *what = err_fmt("figure %s", id ? id : "(no id)");
    int top = lua_gettop(L);
    int ok = 1;

    if (!alt || !*alt) {
        push_where(L, t);
        check_add(h->check, CHECK_ERROR, "%s%s has no alt text: alt = "
                  "\"...\" says what the chart shows, for readers who "
                  "cannot see it", lua_tostring(L, -1), what);
        lua_pop(L, 1);
        lua_pushliteral(L, LEFT_OUT);
        lua_setfield(L, t, "alt");
    }
    if (lua_getfield(L, t, "chart") == LUA_TTABLE &&
        lua_getfield(L, top + 1, "data") == LUA_TTABLE)
        ok = !lhost_is_stub(L, top + 2) && !empty_from_stub(L, h, top + 2) &&
             chart_columns(L, h, t, top + 1, top + 2, what);
    lua_settop(L, top);
    free(what);
    return ok;
}

/* Checks a table element at t; returns 0 when it must be left out. */
static int check_table(lua_State *L, lhost *h, int t)
{
    const char *id = field_str(L, t, "id");
    char *what = err_fmt("table %s", id ? id : "(no id)");
    int ok = 1;
    int data;
    int cols;

    lua_getfield(L, t, "data");
    data = lua_gettop(L);
    if (lhost_is_stub(L, data) || empty_from_stub(L, h, data))
        ok = 0;
    lua_getfield(L, t, "columns");
    cols = lua_gettop(L);
    for (lua_Integer i = 1; ok && lua_istable(L, data) &&
         lua_istable(L, cols) && lua_rawgeti(L, cols, i) == LUA_TTABLE;
         i++) {
        const char *column = field_str(L, lua_gettop(L), "column");

        if (column)
            ok &= has_column(L, h, t, data, column, what);
        lua_settop(L, cols);
    }
    lua_settop(L, data - 1);
    free(what);
    return ok;
}

static void walk_children(lua_State *L, lhost *h, int t);

/* Records the id of the element at e, left out of the document, in the
 * registry's set "nokkel.leftout", so that an xref to it is no error. */
static void note_left_out(lua_State *L, int e)
{
    const char *id = field_str(L, e, "id");

    if (!id)
        return;
    if (lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.leftout") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.leftout");
    }
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, id);
    lua_pop(L, 1);                          /* (nothing) */
}

/* Checks child i of the division at t; a child that must be left out is
 * replaced by a paragraph, so its division keeps content. */
static void walk_child(lua_State *L, lhost *h, int t, lua_Integer i)
{
    int e;
    int ok = 1;
    const char *kind;

    lua_rawgeti(L, t, i);
    e = lua_gettop(L);
    kind = lua_istable(L, e) ? field_str(L, e, "kind") : NULL;
    if (!kind)
        kind = "";
    if (strcmp(kind, "figure") == 0)
        ok = check_figure(L, h, e);
    else if (strcmp(kind, "table") == 0)
        ok = check_table(L, h, e);
    else if (strcmp(kind, "chapter") == 0 || strcmp(kind, "section") == 0 ||
             strcmp(kind, "sidebar") == 0)
        walk_children(L, h, e);
    /* A list made from stand-in results is most likely empty because of
     * them; the problem behind the stand-in is told, not this one. */
    else if (strcmp(kind, "list") == 0)
        ok = h->stubs == 0 || lua_rawlen(L, e) > 0;
    if (!ok) {
        note_left_out(L, e);
        lua_pushliteral(L, LEFT_OUT);
        lua_rawseti(L, t, i);
    }
    lua_pop(L, 1);
}

static void walk_children(lua_State *L, lhost *h, int t)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, t);

    for (lua_Integer i = 1; i <= n; i++)
        walk_child(L, h, t, i);
}

int lhost_check_walk(lua_State *L)
{
    lhost *h = lhost_self(L);

    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_getfield(L, 1, "chapters") == LUA_TTABLE)
        walk_children(L, h, 2);
    return 0;
}

/* Returns 1 when an xref in the subtree of node points at id. */
static int referenced(xmlNodePtr node, const xmlChar *id)
{
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "xref")) {
            xmlChar *to = xmlGetProp(n, BAD_CAST "linkend");
            int hit = to && xmlStrEqual(to, id);

            xmlFree(to);
            if (hit)
                return 1;
        }
        if (referenced(n->children, id))
            return 1;
    }
    return 0;
}

/* Warns about each figure and table under node that no xref of doc
 * points at: in the check list in check mode, on stderr in a build. */
static void find_figures(lhost *h, xmlNodePtr root, xmlNodePtr node)
{
    lua_State *L = h->L;

    for (xmlNodePtr n = node; n; n = n->next) {
        const char *id;
        const char *where;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        id = dbk_id(n);
        if ((xmlStrEqual(n->name, BAD_CAST "figure") ||
             xmlStrEqual(n->name, BAD_CAST "table")) && id &&
            !referenced(root, BAD_CAST id)) {
            lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.ids");
            if (lua_istable(L, -1))
                lua_getfield(L, -1, id);
            else
                lua_pushnil(L);             /* ids where */
            /* lreport.c keeps where each id was written, "file:line". */
            where = lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
            if (h->check)
                check_add(h->check, CHECK_WARNING, "%s%s%s %s is never "
                          "referenced: no xref points at it",
                          where ? where : "", where ? ": " : "",
                          (const char *)n->name, id);
            else
                log_warn("%s%s%s %s is never referenced: no xref points "
                         "at it", where ? where : "", where ? ": " : "",
                         (const char *)n->name, id);
            lua_pop(L, 2);
        }
        find_figures(h, root, n->children);
    }
}

void lhost_check_xrefs(lhost *h, xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);

    if (root && h->L)
        find_figures(h, root, root);
}
