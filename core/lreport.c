/*
 * Building the document from the table a report script returns: the
 * DocBook tree, one chart spec per figure and the PDF style.
 *
 * Everything here runs inside lhost_pcall, so a faulty element raises a
 * Lua error located at the script line that made it ("where"). Anything
 * allocated is attached to the lhost_report before the next call that
 * can raise, so lhost_report_clear frees it on any path.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <lauxlib.h>

#include "csvenc.h"
#include "dbk.h"
#include "err.h"
#include "infile.h"
#include "fmt.h"
#include "hyph.h"
#include "lhost_int.h"

/* Raises "where: message" for the element table at index t. */
static int fail(lua_State *L, int t, const char *fmt, ...)
{
    va_list ap;

    lua_getfield(L, t, "where");
    if (!lua_isstring(L, -1)) {
        lua_pop(L, 1);
        lua_pushliteral(L, "report: ");
    }
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    return lua_error(L);
}

/* Returns 1 when s[at] starts ".0" written by Lua after a whole number
 * held as a float: digits before, and no more digits around. */
static int is_point_zero(const char *s, size_t at)
{
    size_t d = at;

    if (s[at] != '.' || s[at + 1] != '0' || g_ascii_isdigit(s[at + 2]) ||
        ((s[at + 2] == '.' || s[at + 2] == ',') &&
         g_ascii_isdigit(s[at + 3])))
        return 0;
    while (d > 0 && g_ascii_isdigit(s[d - 1]))
        d--;
    return d < at && (d == 0 || (s[d - 1] != '.' && s[d - 1] != ','));
}

/*
 * Pushes s without the ".0" Lua writes after a whole number held as a
 * float ("25.0" from 50 / 2 .. ""), so report text says 25, and returns
 * 1; returns 0, pushing nothing, when s has none. Norwegian text writes
 * decimals with a comma, so such a point is never meant. The copy is
 * made in Lua's memory, so the script's memory limit covers it.
 */
static int push_without_point_zero(lua_State *L, const char *s, size_t len)
{
    luaL_Buffer b;
    size_t from = 0;
    int any = 0;

    for (size_t k = 0; k < len; k++) {
        if (!is_point_zero(s, k))
            continue;
        if (!any)
            luaL_buffinitsize(L, &b, len);
        luaL_addlstring(&b, s + from, k - from);
        from = k + 2;
        any = 1;
        k++;
    }
    if (!any)
        return 0;
    luaL_addlstring(&b, s + from, len - from);
    luaL_pushresult(&b);
    return 1;
}

/*
 * Returns the first line at or after line from of file that holds
 * needle, or 0 when there is none or the file cannot be read.
 */
static int line_holding(const char *file, int from, const char *needle)
{
    FILE *f = fopen(file, "r");
    char buf[4096];
    int line = 1, found = 0;

    if (!f)
        return 0;
    while (!found && fgets(buf, sizeof buf, f)) {
        if (line >= from && strstr(buf, needle))
            found = line;
        if (strchr(buf, '\n'))
            line++;
    }
    fclose(f);
    return found;
}

/*
 * Pushes where the element at t was written ("file:line: "), moved on to
 * the first line of that file at or after it that holds needle: Lua
 * keeps no line for a field or a value inside a table, so the field's
 * name or the literal value is looked up in the script. A table with no
 * place of its own (style) takes the report's. Pushes the element's own
 * place when needle is not found, "report: " without one.
 */
static void push_where_near(lua_State *L, int t, const char *needle)
{
    const char *w;
    const char *colon;
    char *file;
    int line;

    lua_getfield(L, t, "where");
    if (!lua_isstring(L, -1)) {
        /* A plain table inside the report, such as style. */
        lua_pop(L, 1);
        lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.report");
        if (lua_istable(L, -1))
            lua_getfield(L, -1, "where");
        else
            lua_pushnil(L);
        lua_remove(L, -2);                  /* where */
    }
    w = lua_tostring(L, -1);
    if (!w || !*w) {
        lua_pop(L, 1);
        lua_pushliteral(L, "report: ");
        return;
    }
    colon = strrchr(w, ':');
    while (colon && colon > w && colon[-1] >= '0' && colon[-1] <= '9')
        colon--;
    if (!needle || !colon || colon == w || colon[-1] != ':')
        return;
    file = err_fmt("%.*s", (int)(colon - 1 - w), w);
    line = line_holding(file, atoi(colon), needle);
    if (line > 0) {
        lua_pushfstring(L, "%s:%d: ", file, line);
        lua_remove(L, -2);
    }
    free(file);
}

/* Raises "where: message" at the line near the element at t that holds
 * needle (see push_where_near). */
static int fail_near(lua_State *L, int t, const char *needle,
                     const char *fmt, ...)
{
    va_list ap;

    push_where_near(L, t, needle);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    return lua_error(L);
}

/* Returns 1 when s[at] is a letter, a digit, "_" or ".": a character
 * that makes a word of what touches it. */
static int is_word_char(const char *s, size_t at)
{
    return g_ascii_isalnum(s[at]) || s[at] == '_' || s[at] == '.';
}

/*
 * Fails when s holds "nan", "-nan", "inf" or "-inf" as a word of its
 * own: what Lua writes for a number that is not a number or infinite
 * when a script joins it into text with "..".
 */
static void check_not_numbers(lua_State *L, int t, const char *s,
                              const char *what)
{
    static const char *const words[] = {"nan", "inf"};

    for (size_t k = 0; s[k]; k++) {
        for (size_t w = 0; w < 2; w++) {
            size_t start = k > 0 && s[k - 1] == '-' ? k - 1 : k;
            char token[8];

            if (strncmp(s + k, words[w], 3) != 0 || is_word_char(s, k + 3) ||
                (start > 0 && is_word_char(s, start - 1)))
                continue;
            snprintf(token, sizeof token, "%s%s", start < k ? "-" : "",
                     words[w]);
            fail(L, t, "%s holds \"%s\": %s was written into the text",
                 what, token, w == 0 ?
                 "a number that is not a number (0/0?)" :
                 "an infinite number (a division by zero?)");
        }
    }
}

/*
 * Returns the string at index i after checking it is text the DocBook
 * and the PDF can carry: valid UTF-8 without control characters other
 * than tab and newline. what names it in the message. Whole numbers
 * Lua wrote as "25.0" become "25": the string at i is replaced, and the
 * new one is kept in the registry for as long as the state lives.
 */
static const char *checked_text(lua_State *L, int t, int i, const char *what)
{
    size_t len, at;
    const char *s = lua_tolstring(L, i, &len);
    unsigned cp;

    /* Control characters first: a NUL also stops UTF-8 validation, and
     * is better named as what it is. */
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];

        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
            char code[8];

            snprintf(code, sizeof code, "U+%04X", c);
            fail(L, t, "%s holds the control character %s at byte %d; XML "
                 "cannot carry it", what, code, (int)k + 1);
        }
    }
    if (!g_utf8_validate(s, (gssize)len, NULL))
        fail(L, t, "%s is not valid UTF-8", what);
    if ((cp = csvenc_noncharacter(s, len, &at)) != 0) {
        char code[12];

        snprintf(code, sizeof code, "U+%04X", cp);
        fail(L, t, "%s holds the noncharacter %s at byte %d; fonts and PDF "
             "text cannot carry it", what, code, (int)at + 1);
    }
    check_not_numbers(L, t, s, what);
    i = lua_absindex(L, i);
    if (!push_without_point_zero(L, s, len))
        return s;
    lua_pushvalue(L, -1);                   /* ... new new */
    luaL_ref(L, LUA_REGISTRYINDEX);
    lua_replace(L, i);
    return lua_tostring(L, i);
}

/*
 * Fails when the table at tab holds a string key that is not in known
 * (NULL-ended) or kind and where: most likely a misspelt field, named
 * with a "did you mean" when one is close. what names the element.
 */
static void known_fields(lua_State *L, int t, int tab, const char *what,
                         const char *const *known)
{
    size_t n = 0;

    while (known[n])
        n++;
    tab = lua_absindex(L, tab);
    lua_pushnil(L);
    while (lua_next(L, tab) != 0) {         /* key value */
        const char *key;
        const char *const *k = known;
        char *hint;

        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            continue;
        key = lua_tostring(L, -1);
        while (*k && strcmp(*k, key) != 0)
            k++;
        if (*k || strcmp(key, "kind") == 0 || strcmp(key, "where") == 0)
            continue;
        hint = check_hint(key, known, n);
        lua_pushstring(L, hint);
        free(hint);
        fail_near(L, t, key, "%s has no field \"%s\"%s", what, key,
                  lua_tostring(L, -1));
    }
}

/* Returns field of the table at tab as a string, or NULL when absent; a
 * present field that is not text is an error, told at the element at t
 * (tab itself, or the element a plain table such as a table column
 * belongs to). The string stays valid while the table holds it. */
static const char *opt_str_in(lua_State *L, int t, int tab,
                              const char *field)
{
    const char *s;

    lua_getfield(L, tab, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return NULL;
    }
    if (lua_type(L, -1) != LUA_TSTRING)
        fail(L, t, "%s must be a string, not a %s", field,
             luaL_typename(L, -1));
    s = checked_text(L, t, -1, field);
    lua_pop(L, 1);
    return s;
}

static const char *opt_str(lua_State *L, int t, const char *field)
{
    return opt_str_in(L, t, t, field);
}

/* As opt_str_in, and an absent or empty field is an error. */
static const char *req_str_in(lua_State *L, int t, int tab,
                              const char *field, const char *what)
{
    const char *s = opt_str_in(L, t, tab, field);

    if (!s || !*s)
        fail(L, t, "%s needs %s (%s = \"...\")", what, field, field);
    return s;
}

static const char *req_str(lua_State *L, int t, const char *field,
                           const char *what)
{
    return req_str_in(L, t, t, field, what);
}

/* Fails at field of the table at t: its value, on top of the stack, is
 * not what the field takes (want: "a number"). */
static int fail_type(lua_State *L, int t, const char *field,
                     const char *want)
{
    int text = lua_type(L, -1) == LUA_TSTRING;

    return fail_near(L, t, field, "%s must be %s, not %s%s%s", field, want,
                     text ? "\"" : "a ",
                     text ? lua_tostring(L, -1) : luaL_typename(L, -1),
                     text ? "\"" : "");
}

static double opt_num(lua_State *L, int t, const char *field, double def)
{
    double v;

    lua_getfield(L, t, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return def;
    }
    if (lua_type(L, -1) != LUA_TNUMBER)
        fail_type(L, t, field, "a number");
    v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

/* Returns field of the table at t as a boolean, 0 when absent; anything
 * but true or false is an error ("nei" and 0 would read as true). */
static int opt_bool(lua_State *L, int t, const char *field)
{
    int v;

    lua_getfield(L, t, field);
    if (!lua_isnil(L, -1) && !lua_isboolean(L, -1))
        fail_type(L, t, field, "true or false");
    v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* Returns the kind of the element at t ("" for a plain table). */
static const char *kind_of(lua_State *L, int t)
{
    const char *k;

    if (lua_type(L, t) == LUA_TSTRING)
        return "text";
    if (!lua_istable(L, t))
        return luaL_typename(L, t);
    lua_getfield(L, t, "kind");
    k = lua_tostring(L, -1);
    lua_pop(L, 1);
    return k ? k : "";
}

/* Pushes where the element at t was written, "file:line" (its "where"
 * without the trailing ": "), or "the report". */
static void push_place(lua_State *L, int t)
{
    size_t len = 0;
    const char *w;

    lua_getfield(L, t, "where");
    w = lua_tolstring(L, -1, &len);
    if (w && len > 2 && w[len - 2] == ':') {
        lua_pushlstring(L, w, len - 2);
        lua_remove(L, -2);
    } else {
        lua_pop(L, 1);
        lua_pushliteral(L, "the report");
    }
}

/* Checks an xml:id (an NCName we keep simple: a letter, then letters,
 * digits, '-', '_', '.') and that no other element has it. */
static void check_id(lua_State *L, int t, const char *id)
{
    const char *c = id;

    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
        fail(L, t, "id \"%s\" must start with a letter", id);
    for (; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' ||
              *c == '.'))
            fail(L, t, "id \"%s\" may hold only letters a-z, digits, '-', "
                 "'_' and '.'", id);
    }

    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.ids");
    lua_getfield(L, -1, id);
    if (!lua_isnil(L, -1))
        fail(L, t, "id \"%s\" is already used at %s", id,
             lua_tostring(L, -1));
    lua_pop(L, 1);
    push_place(L, t);
    lua_setfield(L, -2, id);
    lua_pop(L, 1);
}

/* The data table of a figure or table element: { rows, columns }. */
static int data_rows(lua_State *L, int t, int data)
{
    lua_Integer rows;

    if (!lua_istable(L, data))
        fail(L, t, "data must be an indicator result or a table with "
             "rows and columns");
    lua_getfield(L, data, "rows");
    rows = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
    lua_pop(L, 1);
    if (rows < 0 || rows > 100000)
        fail(L, t, "data has no valid rows count");
    return (int)rows;
}

/* Pushes data.columns[name], checking it exists. */
static void push_column(lua_State *L, int t, int data, const char *name)
{
    lua_getfield(L, data, "columns");
    if (!lua_istable(L, -1))
        fail(L, t, "data has no columns");
    lua_getfield(L, -1, name);
    if (!lua_istable(L, -1)) {
        lua_getfield(L, data, "indicator");
        fail(L, t, "data%s%s has no column \"%s\"",
             lua_isstring(L, -1) ? " of indicator " : "",
             lua_isstring(L, -1) ? lua_tostring(L, -1) : "", name);
    }
    lua_remove(L, -2);
}

/*
 * Pushes data.columns[name] for the chart at c of figure id, checking it
 * holds one value for each of the data's rows: a short column in a
 * table written by hand would drop bars without a word. A missing value
 * is 0/0, since a nil at the end does not count.
 */
static void push_chart_column(lua_State *L, int c, int data,
                              const char *name, const char *id)
{
    lua_Integer rows, len;

    push_column(L, c, data, name);
    lua_getfield(L, data, "rows");
    rows = lua_tointeger(L, -1);
    lua_pop(L, 1);                          /* ... column */
    len = (lua_Integer)lua_rawlen(L, -1);
    if (len != rows)
        fail(L, c, "figure %s: column \"%s\" has %d value%s, but the data "
             "has rows = %d (write 0/0 for a missing value, not nil)", id,
             name, (int)len, len == 1 ? "" : "s", (int)rows);
}

/* Appends the children of the element at t (its list part) to parent. */
static void build_children(lua_State *L, int t, xmlNodePtr parent,
                           lhost_report *rep);

/* Records a cross-reference from the element at t to id, checked when
 * the whole report is built (the target may come later). */
static void note_xref(lua_State *L, int t, const char *id)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.xrefs");
    lua_createtable(L, 2, 0);
    lua_pushstring(L, id);
    lua_rawseti(L, -2, 1);
    push_place(L, t);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    lua_pop(L, 1);
}

/* Appends one inline item of a paragraph: text, xref "id" or
 * emphasis "text". */
static void build_inline(lua_State *L, int t, int item, xmlNodePtr para)
{
    const char *kind = kind_of(L, item);

    if (strcmp(kind, "text") == 0) {
        dbk_append_text(para, checked_text(L, t, item, "paragraph text"));
    } else if (strcmp(kind, "xref") == 0) {
        static const char *const known[] = {"linkend", NULL};
        const char *id = req_str(L, item, "linkend", "xref");

        known_fields(L, item, item, "xref", known);
        dbk_set(dbk_add(para, "xref", NULL), "linkend", id);
        note_xref(L, item, id);
    } else if (strcmp(kind, "emphasis") == 0) {
        static const char *const known[] = {"text", NULL};

        known_fields(L, item, item, "emphasis", known);
        dbk_add_text(para, "emphasis", req_str(L, item, "text",
                                               "emphasis"));
    } else {
        fail(L, t, "a paragraph holds text, xref and emphasis, not %s",
             *kind ? kind : "a table");
    }
}

/* para "text", para{ text = "..." } or para{ "text", xref "fig-1", ... }. */
static void build_para(lua_State *L, int t, xmlNodePtr parent)
{
    static const char *const known[] = {"text", NULL};
    lua_Integer n;
    xmlNodePtr para;

    if (lua_type(L, t) == LUA_TSTRING) {
        dbk_add_text(parent, "para", checked_text(L, t, t, "paragraph"));
        return;
    }
    known_fields(L, t, t, "para", known);
    n = luaL_len(L, t);
    if (n == 0) {
        dbk_add_text(parent, "para", req_str(L, t, "text", "para"));
        return;
    }
    para = dbk_add(parent, "para", NULL);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, t, i);
        build_inline(L, t, lua_gettop(L), para);
        lua_pop(L, 1);
    }
}

/* Returns 1 when nokkel check left out the element whose id is at
 * index i (see lcheck.c). */
static int left_out(lua_State *L, int i)
{
    int out;

    i = lua_absindex(L, i);
    if (lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.leftout") != LUA_TTABLE) {
        lua_pop(L, 1);
        return 0;
    }
    lua_pushvalue(L, i);
    out = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return out;
}

/* Fails at the first xref whose target no element has. */
static void check_xrefs(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.xrefs");
    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.ids");
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -2); i++) {
        int missing;

        lua_rawgeti(L, -2, i);
        lua_rawgeti(L, -1, 1);
        lua_pushvalue(L, -1);
        missing = lua_rawget(L, -4) == LUA_TNIL;
        lua_pop(L, 1);                      /* xrefs ids ref id */
        if (missing && !left_out(L, -1)) {
            lua_rawgeti(L, -2, 2);          /* xrefs ids ref id where */
            luaL_error(L, "%s: xref to \"%s\", which no figure, table, "
                       "chapter or section has as id", lua_tostring(L, -1),
                       lua_tostring(L, -2));
        }
        lua_pop(L, 2);
    }
    lua_pop(L, 2);
}

static void build_list(lua_State *L, int t, xmlNodePtr parent)
{
    static const char *const known[] = {"numbered", NULL};
    lua_Integer n = luaL_len(L, t);
    xmlNodePtr list;

    known_fields(L, t, t, "list", known);
    if (n == 0)
        fail(L, t, "list has no items");
    list = dbk_add(parent, opt_bool(L, t, "numbered") ? "orderedlist" :
                   "itemizedlist", NULL);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, t, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            fail(L, t, "list item %d must be a string", (int)i);
        dbk_add_text(dbk_add(list, "listitem", NULL), "para",
                     checked_text(L, t, -1, "list item"));
        lua_pop(L, 1);
    }
}

/* chapter, section and sidebar: a title and children. */
static void build_division(lua_State *L, int t, xmlNodePtr parent,
                           const char *kind, lhost_report *rep)
{
    const char *id = NULL;
    const char *title;
    xmlNodePtr node;

    static const char *const known[] = {"id", "title", NULL};

    known_fields(L, t, t, kind, known);
    if (strcmp(kind, "sidebar") != 0) {
        id = req_str(L, t, "id", kind);
        check_id(L, t, id);
        title = req_str(L, t, "title", kind);
    } else {
        title = opt_str(L, t, "title");
    }
    node = dbk_add(parent, kind, id);
    if (title)
        dbk_add_text(node, "title", title);
    build_children(L, t, node, rep);
    if (!node->children || (title && !node->children->next))
        fail(L, t, "%s \"%s\" has no content", kind, title ? title : "");
}

/* Reads "#rrggbb" at the top of the stack; a bad colour is reported at
 * the line near the element at t that writes it. */
static uint32_t to_color(lua_State *L, int t)
{
    const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
                    NULL;
    char *end = NULL;
    unsigned long v = 0;

    if (s && s[0] == '#' && strlen(s) == 7)
        v = strtoul(s + 1, &end, 16);
    if (!end || *end) {
        lua_pushfstring(L, "\"%s\"", s ? s : "");
        fail_near(L, t, s ? lua_tostring(L, -1) : NULL, "colour %s must be "
                  "written #rrggbb", s ? lua_tostring(L, -1) :
                  luaL_typename(L, -2));
    }
    return (uint32_t)v;
}

/* Pushes the colour the report names for a series or category label,
 * report.colors[name], and returns 1; pushes nothing and returns 0 when
 * there is none. */
static int push_named_color(lua_State *L, const char *name)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.report");
    lua_getfield(L, -1, "colors");
    lua_remove(L, -2);                      /* colors */
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    lua_getfield(L, -1, name);
    lua_remove(L, -2);                      /* colour */
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    return 1;
}

/* Gives spec report.palette, for the series and categories that have
 * no colour of their own (the chart's default palette without one). */
static void chart_palette_from(lua_State *L, int t, chart_spec *spec)
{
    uint32_t *colors;
    lua_Integer n;

    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.report");
    lua_getfield(L, -1, "palette");
    lua_remove(L, -2);                      /* palette */
    n = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
    if (n > 0) {
        colors = lua_newuserdatauv(L, (size_t)n * sizeof *colors, 0);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_geti(L, -2, i);
            colors[i - 1] = to_color(L, t);
            lua_pop(L, 1);
        }
        chart_spec_set_palette(spec, colors, (size_t)n);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* The colour of the series or category called name: the one
 * report.colors names for it (one colour per region everywhere), or
 * CHART_AUTO_COLOR, the palette's turn. */
static uint32_t pick_color(lua_State *L, int t, const char *name)
{
    uint32_t c;

    if (!push_named_color(L, name))
        return CHART_AUTO_COLOR;
    c = to_color(L, t);
    lua_pop(L, 1);
    return c;
}

/* The colour of the series called name: its own (color = "#rrggbb"
 * in the series item at index series) or pick_color's. */
static uint32_t series_color(lua_State *L, int t, int series,
                             const char *name)
{
    uint32_t c;

    lua_getfield(L, series, "color");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return pick_color(L, t, name);
    }
    c = to_color(L, t);
    lua_pop(L, 1);
    return c;
}

/* Formats category label r of the x column on top of the stack. Years
 * print as 2007, other numbers in table style. Caller frees. */
static char *category_label(lua_State *L, int t, lua_Integer r)
{
    char *s;

    lua_geti(L, -1, r);
    if (lua_type(L, -1) == LUA_TSTRING) {
        s = xstrdup(checked_text(L, t, -1, "category"));
    } else if (lua_type(L, -1) == LUA_TNUMBER) {
        double v = lua_tonumber(L, -1);

        s = v == floor(v) && v >= 1000 && v < 3000 ? fmt_year(v) :
            fmt_number(v, 0, FMT_TABLE);
    } else {
        s = NULL;
        fail(L, t, "category %d is missing", (int)r);
    }
    lua_pop(L, 1);
    return s;
}

/* Reads the values of the column on top of the stack in the rows the
 * list at index order names, n of them, into v. A missing value (NaN,
 * as the data keeps it, or nil) stays NaN: a gap. */
static void series_values(lua_State *L, int t, const char *id,
                          const char *name, int order, int n, double *v)
{
    for (int k = 0; k < n; k++) {
        lua_Integer r;

        lua_geti(L, order, k + 1);
        r = lua_tointeger(L, -1);
        lua_geti(L, -2, r);                 /* column row value */
        if (lua_type(L, -1) == LUA_TNUMBER)
            v[k] = lua_tonumber(L, -1);
        else if (lua_isnil(L, -1))
            v[k] = NAN;
        else
            fail(L, t, "figure %s: series \"%s\", row %d holds a %s, not a "
                 "number", id, name, (int)r, luaL_typename(L, -1));
        lua_pop(L, 2);
    }
}

/* Fills the series of spec from the chart table at c, the data at data,
 * in the rows of the list at order. */
static void chart_series_from(lua_State *L, int t, int c, int data,
                              int order, chart_spec *spec)
{
    static const char *const known[] = {"color", NULL};
    int n, rows = (int)luaL_len(L, order);

    lua_getfield(L, c, "series");
    n = lua_istable(L, -1) ? (int)luaL_len(L, -1) : 0;
    if (n == 0)
        fail(L, t, "chart needs series = { { \"column\", \"label\" }, ... }");
    spec->series = xcalloc((size_t)n, sizeof *spec->series);
    spec->nseries = (size_t)n;
    for (int i = 0; i < n; i++) {
        chart_series *s = &spec->series[i];
        int item;

        lua_geti(L, -1, i + 1);
        item = lua_gettop(L);
        if (!lua_istable(L, item))
            fail(L, t, "series %d must be { \"column\", \"label\" }", i + 1);
        known_fields(L, t, item, "a series", known);
        lua_geti(L, item, 1);
        lua_geti(L, item, 2);               /* series item col label */
        if (!lua_isstring(L, -2))
            fail(L, t, "series %d needs a column name", i + 1);
        s->name = xstrdup(checked_text(L, t, lua_isstring(L, -1) ? -1 : -2,
                                       "series label"));
        s->color = series_color(L, t, item, s->name);
        s->values = xcalloc((size_t)rows + 1, sizeof *s->values);
        push_chart_column(L, t, data, lua_tostring(L, -2), spec->id);
        series_values(L, t, spec->id, s->name, order, rows, s->values);
        lua_settop(L, item - 1);
    }
    lua_pop(L, 1);
}

/* Appends the row numbers of the list on top of the stack to the list
 * at order, from its position *at on (counted from 0). */
static void order_append(lua_State *L, int order, lua_Integer *at)
{
    lua_Integer n = luaL_len(L, -1);

    for (lua_Integer k = 1; k <= n; k++) {
        lua_rawgeti(L, -1, k);
        lua_rawseti(L, order, ++*at);
    }
}

/*
 * Pushes the list of data rows (numbers from 1) in the order the chart
 * shows them: as they come, or, with facet = "column", grouped by that
 * column's values in the order each first appears, a facet of spec per
 * group. Returns the list's index.
 */
static int push_row_order(lua_State *L, int c, int data, int rows,
                          chart_spec *spec)
{
    const char *facet = opt_str(L, c, "facet");
    int order, col, groups, names;
    lua_Integer at = 0;

    lua_createtable(L, rows, 0);
    order = lua_gettop(L);
    if (!facet) {
        for (int r = 1; r <= rows; r++) {
            lua_pushinteger(L, r);
            lua_rawseti(L, order, r);
        }
        return order;
    }
    push_chart_column(L, c, data, facet, spec->id);
    col = lua_gettop(L);
    lua_newtable(L);
    groups = lua_gettop(L);
    lua_newtable(L);
    names = lua_gettop(L);                  /* order col groups names */
    for (int r = 1; r <= rows; r++) {
        char *label;

        lua_pushvalue(L, col);
        label = category_label(L, c, r);
        lua_pop(L, 1);
        lua_pushstring(L, label);
        free(label);
        lua_pushvalue(L, -1);               /* ... label label */
        if (lua_rawget(L, groups) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_newtable(L);                /* ... label list */
            lua_pushvalue(L, -2);
            lua_pushvalue(L, -2);
            lua_rawset(L, groups);
            lua_pushvalue(L, -2);
            lua_rawseti(L, names, luaL_len(L, names) + 1);
        }
        lua_pushinteger(L, r);
        lua_rawseti(L, -2, luaL_len(L, -2) + 1);
        lua_pop(L, 2);                      /* order col groups names */
    }
    for (lua_Integer f = 1; f <= luaL_len(L, names); f++) {
        lua_rawgeti(L, names, f);
        lua_pushvalue(L, -1);
        lua_rawget(L, groups);              /* ... label list */
        chart_spec_add_facet(spec, lua_tostring(L, -2), (size_t)at,
                             (size_t)luaL_len(L, -1));
        order_append(L, order, &at);
        lua_pop(L, 2);
    }
    lua_settop(L, order);
    return order;
}

/* Reads the chart options every kind shares from the chart table at c
 * into spec. */
static void chart_options(lua_State *L, int c, chart_spec *spec)
{
    spec->percent = opt_bool(L, c, "percent");
    spec->horizontal = opt_bool(L, c, "horizontal");
    spec->value_labels = opt_bool(L, c, "value_labels");
    spec->markers = opt_bool(L, c, "markers");
    spec->decimals = (int)opt_num(L, c, "decimals", 0);
    spec->width = opt_num(L, c, "width", spec->width);
    spec->height = opt_num(L, c, "height", spec->height);
    spec->font_size = opt_num(L, c, "font_size", spec->font_size);
    spec->columns = (int)opt_num(L, c, "columns", 0);
    if (opt_str(L, c, "scales")) {
        if (strcmp(opt_str(L, c, "scales"), "free") != 0 &&
            strcmp(opt_str(L, c, "scales"), "shared") != 0)
            fail(L, c, "scales must be \"shared\" or \"free\", not \"%s\"",
                 opt_str(L, c, "scales"));
        spec->free_scales = strcmp(opt_str(L, c, "scales"), "free") == 0;
    }
    if (opt_str(L, c, "unit"))
        spec->unit = xstrdup(opt_str(L, c, "unit"));

    lua_getfield(L, c, "stacked");
    if (lua_type(L, -1) == LUA_TSTRING) {
        if (strcmp(lua_tostring(L, -1), "percent") != 0)
            fail(L, c, "stacked must be true or \"percent\", not \"%s\"",
                 lua_tostring(L, -1));
        spec->normalized = 1;
    } else if (!lua_isnil(L, -1) && !lua_isboolean(L, -1)) {
        fail_type(L, c, "stacked", "true, false or \"percent\"");
    }
    spec->stacked = lua_toboolean(L, -1);
    lua_pop(L, 1);
}

/* Orders the categories of spec by value when the chart table at c
 * asks for it (sort = "descending" or "ascending"). */
static void chart_sort(lua_State *L, int c, chart_spec *spec)
{
    const char *sort = opt_str(L, c, "sort");

    if (!sort)
        return;
    if (strcmp(sort, "descending") != 0 && strcmp(sort, "ascending") != 0)
        fail(L, c, "sort must be \"descending\" or \"ascending\", not "
             "\"%s\"", sort);
    chart_spec_sort(spec, strcmp(sort, "descending") == 0);
}

/*
 * Gives each category of spec its own colour, for pies and for bars with
 * category_colors = true: the one report.colors names for its label,
 * or the palette's turn (by the order labels first appear, so that a
 * label keeps its colour in every facet).
 */
static void category_colors(lua_State *L, int c, chart_spec *spec)
{
    uint32_t *colors;

    if (!(spec->kind == CHART_PIE || spec->kind == CHART_DONUT
          || opt_bool(L, c, "category_colors")))
        return;
    colors = lua_newuserdatauv(L, spec->ncat * sizeof *colors + 1, 0);
    for (size_t i = 0; i < spec->ncat; i++)
        colors[i] = pick_color(L, c, spec->categories[i]);
    chart_spec_set_category_colors(spec, colors);
    lua_pop(L, 1);
}

/* Fails when the chart table at c holds a field that no chart reads,
 * most likely a misspelt option. */
static void chart_known(lua_State *L, int c, const char *kind)
{
    static const char *const known[] = {
        "data", "x", "series", "unit", "percent", "horizontal", "stacked",
        "value_labels", "markers", "decimals", "width", "height",
        "font_size", "facet", "columns", "sort", "category_colors", "scales",
        NULL};

    lua_pushfstring(L, "%s{}", kind);
    known_fields(L, c, c, lua_tostring(L, -1), known);
    lua_pop(L, 1);
}

/* Returns the chart kind called name, or -1. */
static int chart_kind_of(const char *name)
{
    static const char *const names[] = {"line", "bar", "pie", "donut"};
    static const chart_kind kinds[] = {CHART_LINE, CHART_BAR, CHART_PIE,
                                       CHART_DONUT};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)kinds[i];
    return -1;
}

/* __gc of the chart labels' hyphenator. */
static int chart_hyph_gc(lua_State *L)
{
    hyph **h = lua_touserdata(L, 1);

    hyph_free(*h);
    *h = NULL;
    return 0;
}

/*
 * Returns the hyphenator for chart labels, made on first use with the
 * report's exception list (st->hyphen_words, when the file is there)
 * and kept in the registry while the Lua state lives. Fails when the
 * list cannot be read.
 */
static hyph *chart_hyph(lua_State *L, int t, const pdf_style *st)
{
    const char *words = st->hyphen_words;
    char *err = NULL;
    hyph **h;

    if (lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.chart_hyph")
        == LUA_TUSERDATA) {
        h = lua_touserdata(L, -1);
        lua_pop(L, 1);
        return *h;
    }
    lua_pop(L, 1);
    h = lua_newuserdatauv(L, sizeof *h, 0);
    *h = NULL;
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, chart_hyph_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.chart_hyph");
    if (words && access(words, F_OK) != 0)
        words = NULL;
    if (!(*h = hyph_new(words, &err))) {
        lua_pushstring(L, err);
        free(err);
        fail(L, t, "%s", lua_tostring(L, -1));
    }
    return *h;
}

/* Replaces *s (malloc'd) with its words' break points marked. */
static void label_hyphenate(lua_State *L, int t, hyph *h, const char *lang,
                            char **s)
{
    char *out = NULL, *err = NULL;

    if (hyph_text(h, lang, *s, &out, &err) < 0) {
        lua_pushstring(L, err);
        free(err);
        fail(L, t, "%s", lua_tostring(L, -1));
    }
    free(*s);
    *s = out;
}

/*
 * Marks the break points of the chart's labels with soft hyphens, as
 * the report's text is hyphenated, so that a long word in a wrapped
 * label breaks between syllables, never cut. Done last: colours and
 * order go by the labels as written.
 */
static void chart_hyphenate(lua_State *L, int t, const lhost_report *rep,
                            chart_spec *spec)
{
    const char *lang = rep->style.lang;
    hyph *h;

    if (!rep->style.hyphenate)
        return;
    h = chart_hyph(L, t, &rep->style);
    for (size_t i = 0; i < spec->ncat; i++)
        label_hyphenate(L, t, h, lang, &spec->categories[i]);
    for (size_t s = 0; s < spec->nseries; s++)
        label_hyphenate(L, t, h, lang, &spec->series[s].name);
    for (size_t f = 0; f < spec->nfacets; f++)
        label_hyphenate(L, t, h, lang, &spec->facets[f].title);
}

/* Values past this size are no count or amount of the report, and their
 * axis labels would not fit; most likely a unit mix-up. */
#define CHART_MAX_VALUE 1e15

/* Fails when no series of spec has a single value (the chart would be
 * an empty frame, which is never what the data meant), or at a value
 * too large to draw. */
static void chart_values_check(lua_State *L, int t, const chart_spec *spec)
{
    int any = 0;

    for (size_t s = 0; s < spec->nseries; s++) {
        for (size_t i = 0; i < spec->ncat; i++) {
            double v = spec->series[s].values[i];

            if (fabs(v) >= CHART_MAX_VALUE && isfinite(v))
                fail(L, t, "figure %s: series \"%s\", category \"%s\": %f "
                     "is too large to chart", spec->id,
                     spec->series[s].name, spec->categories[i], v);
            any |= !isnan(v);
        }
    }
    if (!any)
        fail(L, t, "figure %s: every value of the chart is missing, so it "
             "would be empty", spec->id);
}

/* Builds the chart spec of the figure at t into the report's chart set. */
static void build_chart(lua_State *L, int t, const char *id,
                        lhost_report *rep)
{
    chart_spec *spec = chart_spec_new();
    const char *x;
    int c, data, rows, order, kind;
    char *err = NULL;

    chart_set_add(&rep->charts, spec);
    spec->id = xstrdup(id);
    lua_getfield(L, t, "chart");
    c = lua_gettop(L);
    kind = chart_kind_of(kind_of(L, c));
    if (kind < 0)
        fail(L, t, "figure %s: chart must be line{...}, bar{...}, pie{...} "
             "or donut{...}", id);
    spec->kind = (chart_kind)kind;
    chart_known(L, c, kind_of(L, c));

    lua_getfield(L, c, "data");
    data = lua_gettop(L);
    rows = data_rows(L, c, data);
    x = req_str(L, c, "x", "chart");
    order = push_row_order(L, c, data, rows, spec);
    push_chart_column(L, c, data, x, id);
    spec->categories = xcalloc((size_t)rows + 1, sizeof *spec->categories);
    for (int k = 1; k <= rows; k++, spec->ncat++) {
        lua_Integer r;

        lua_rawgeti(L, order, k);
        r = lua_tointeger(L, -1);
        lua_pop(L, 1);                      /* ... column */
        spec->categories[k - 1] = category_label(L, c, r);
    }
    lua_pop(L, 1);

    chart_palette_from(L, c, spec);
    chart_series_from(L, c, c, data, order, spec);
    chart_options(L, c, spec);
    category_colors(L, c, spec);
    chart_sort(L, c, spec);
    free(spec->font);
    spec->font = xstrdup(rep->style.heading_font);

    if (chart_check(spec, &err) != 0) {
        lua_pushstring(L, err);
        free(err);
        fail(L, t, "%s", lua_tostring(L, -1));
    }
    chart_values_check(L, t, spec);
    chart_hyphenate(L, c, rep, spec);
    lua_settop(L, c - 1);
}

static void add_image(xmlNodePtr media, const char *id, const char *ext,
                      const char *format)
{
    char *file = err_fmt("figurer/%s.%s", id, ext);
    xmlNodePtr data = dbk_add(dbk_add(media, "imageobject", NULL),
                              "imagedata", NULL);

    dbk_set(data, "fileref", file);
    dbk_set(data, "format", format);
    free(file);
}

static void build_figure(lua_State *L, int t, xmlNodePtr parent,
                         lhost_report *rep)
{
    static const char *const known[] = {"id", "title", "alt", "caption",
                                        "chart", NULL};
    const char *id, *title, *alt, *caption;
    xmlNodePtr fig;
    xmlNodePtr media;

    known_fields(L, t, t, "figure", known);
    id = req_str(L, t, "id", "figure");
    title = req_str(L, t, "title", "figure");
    alt = opt_str(L, t, "alt");
    caption = opt_str(L, t, "caption");

    if (!alt || !*alt)
        fail(L, t, "figure %s needs alt = \"...\": a sentence that says "
             "what the chart shows, for readers who cannot see it", id);
    check_id(L, t, id);
    build_chart(L, t, id, rep);

    fig = dbk_add(parent, "figure", id);
    dbk_add_text(fig, "title", title);
    media = dbk_add(fig, "mediaobject", NULL);
    add_image(media, id, "svg", "SVG");
    add_image(media, id, "png", "PNG");
    dbk_add_text(dbk_add(media, "textobject", NULL), "phrase", alt);
    if (caption)
        dbk_add_text(dbk_add(media, "caption", NULL), "para", caption);
}

/* Formats the value on top of the stack as a table cell, per the column
 * spec at col. Leaves the cell text on the stack. */
static void format_cell(lua_State *L, int t, int col)
{
    const char *format = opt_str_in(L, t, col, "format");
    int decimals = (int)opt_num(L, col, "decimals", 0);
    double v;
    char *s;

    if (lua_type(L, -1) == LUA_TSTRING)
        return;
    if (lua_type(L, -1) != LUA_TNUMBER)
        fail(L, t, "a cell is a %s, not a number or text",
             luaL_typename(L, -1));
    v = lua_tonumber(L, -1);
    if (!format || strcmp(format, "tall") == 0)
        s = fmt_number(v, decimals, FMT_TABLE);
    else if (strcmp(format, "prosent") == 0)
        s = fmt_percent(v, decimals, FMT_TABLE);
    else if (strcmp(format, "aar") == 0)
        s = fmt_year(v);
    else
        s = NULL, fail(L, t, "column format \"%s\" is not tall, prosent "
                       "or aar", format);
    lua_pop(L, 1);
    lua_pushstring(L, s);
    free(s);
}

/* Pushes row r of data as a table {column = value}, for text
 * functions. */
static void push_row(lua_State *L, int data, int r)
{
    lua_newtable(L);
    lua_getfield(L, data, "columns");
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {          /* row columns name values */
        lua_pushvalue(L, -2);
        lua_geti(L, -2, r);
        lua_rawset(L, -6);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);                          /* row */
}

/* Pushes the text of cell (r, column spec at col). */
static void push_cell(lua_State *L, int t, int data, int col, int r)
{
    lua_getfield(L, col, "text");
    if (lua_isfunction(L, -1)) {
        push_row(L, data, r);
        lua_call(L, 1, 1);
    } else {
        lua_pop(L, 1);
        push_column(L, t, data,
                    req_str_in(L, t, col, "column", "table column"));
        lua_geti(L, -1, r);
        lua_remove(L, -2);
    }
    format_cell(L, t, col);
}

/* Returns the alignment of the column spec at col: its own, or right
 * for numbers and left for text. */
static const char *column_align(lua_State *L, int t, int data, int col)
{
    const char *align = opt_str_in(L, t, col, "align");
    int numeric;

    if (align) {
        if (strcmp(align, "left") && strcmp(align, "right") &&
            strcmp(align, "center"))
            fail(L, t, "align must be left, right or center");
        return align;
    }
    lua_getfield(L, col, "text");
    numeric = !lua_isfunction(L, -1);
    lua_pop(L, 1);
    if (numeric) {
        push_column(L, t, data,
                    req_str_in(L, t, col, "column", "table column"));
        lua_geti(L, -1, 1);
        numeric = lua_type(L, -1) == LUA_TNUMBER;
        lua_pop(L, 2);
    }
    return numeric ? "right" : "left";
}

static void build_table_body(lua_State *L, int t, int data, int cols,
                             xmlNodePtr tgroup)
{
    int ncols = (int)luaL_len(L, cols);
    int rows = data_rows(L, t, data);
    xmlNodePtr head = dbk_add(dbk_add(tgroup, "thead", NULL), "row", NULL);
    xmlNodePtr body = dbk_add(tgroup, "tbody", NULL);

    for (int c = 1; c <= ncols; c++) {
        lua_geti(L, cols, c);
        dbk_add_text(head, "entry", req_str_in(L, t, lua_gettop(L), "head",
                                               "table column"));
        lua_pop(L, 1);
    }
    for (int r = 1; r <= rows; r++) {
        xmlNodePtr row = dbk_add(body, "row", NULL);

        for (int c = 1; c <= ncols; c++) {
            lua_geti(L, cols, c);
            push_cell(L, t, data, lua_gettop(L), r);
            dbk_add_text(row, "entry",
                         checked_text(L, t, -1, "table cell"));
            lua_pop(L, 2);
        }
        /* total_row = true: the last row sums the others and is set
         * as a total. */
        if (r == rows && opt_bool(L, t, "total_row"))
            dbk_set(row, "role", "total");
    }
}

static void build_table(lua_State *L, int t, xmlNodePtr parent)
{
    static const char *const known[] = {"id", "title", "caption", "data",
                                        "columns", "total_row", NULL};
    static const char *const col_known[] = {"head", "column", "text",
                                            "format", "decimals", "align",
                                            NULL};
    const char *id, *title, *caption;
    xmlNodePtr tab;
    xmlNodePtr tgroup;
    int data;
    int cols;
    int ncols;

    known_fields(L, t, t, "table", known);
    id = req_str(L, t, "id", "table");
    title = req_str(L, t, "title", "table");
    caption = opt_str(L, t, "caption");
    check_id(L, t, id);
    lua_getfield(L, t, "data");
    data = lua_gettop(L);
    data_rows(L, t, data);
    lua_getfield(L, t, "columns");
    cols = lua_gettop(L);
    ncols = lua_istable(L, cols) ? (int)luaL_len(L, cols) : 0;
    if (ncols == 0)
        fail(L, t, "table %s needs columns = { { head = ..., column = ... "
             "}, ... }", id);

    tab = dbk_add(parent, "table", id);
    dbk_add_text(tab, "title", title);
    tgroup = dbk_set(dbk_add(tab, "tgroup", NULL), "cols",
                     lua_pushfstring(L, "%d", ncols));
    lua_pop(L, 1);
    for (int c = 1; c <= ncols; c++) {
        xmlNodePtr spec = dbk_add(tgroup, "colspec", NULL);

        lua_geti(L, cols, c);
        if (!lua_istable(L, -1))
            fail(L, t, "table %s: columns[%d] must be a table { head = ..., "
                 "column = ... }", id, c);
        known_fields(L, t, -1, "table column", col_known);
        dbk_set(spec, "colname", lua_pushfstring(L, "c%d", c));
        dbk_set(spec, "align", column_align(L, t, data, cols + 1));
        lua_pop(L, 2);
    }
    build_table_body(L, t, data, cols, tgroup);
    if (caption)
        dbk_add_text(dbk_add(tab, "caption", NULL), "para", caption);
    lua_settop(L, data - 1);
}

/* Keeps where the element at t was written as the place of an error
 * that comes without one: memory running out while it is built. */
static void note_building(lua_State *L, int t)
{
    lhost *h = lhost_self(L);

    lua_getfield(L, t, "where");
    snprintf(h->build_where, sizeof h->build_where, "%s",
             lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
    lua_pop(L, 1);
}

static void build_children(lua_State *L, int t, xmlNodePtr parent,
                           lhost_report *rep)
{
    lua_Integer n = luaL_len(L, t);

    for (lua_Integer i = 1; i <= n; i++) {
        int e;
        const char *kind;

        lua_geti(L, t, i);
        e = lua_gettop(L);
        kind = kind_of(L, e);
        note_building(L, lua_istable(L, e) ? e : t);
        if (strcmp(kind, "text") == 0 || strcmp(kind, "para") == 0)
            build_para(L, e, parent);
        else if (strcmp(kind, "section") == 0 ||
                 strcmp(kind, "sidebar") == 0)
            build_division(L, e, parent, kind, rep);
        else if (strcmp(kind, "list") == 0)
            build_list(L, e, parent);
        else if (strcmp(kind, "figure") == 0)
            build_figure(L, e, parent, rep);
        else if (strcmp(kind, "table") == 0)
            build_table(L, e, parent);
        else
            fail(L, t, "item %d is a %s; expected para, list, section, "
                 "sidebar, figure or table", (int)i, *kind ? kind : "table "
                 "without a kind");
        lua_pop(L, 1);
    }
}

/* Returns the boolean style.field of the style table at s, def when
 * absent; anything but a boolean is an error. */
static int style_flag(lua_State *L, int t, int s, const char *field, int def)
{
    int v = def;

    lua_getfield(L, s, field);
    if (lua_isboolean(L, -1))
        v = lua_toboolean(L, -1);
    else if (!lua_isnil(L, -1))
        fail(L, t, "style.%s must be true or false", field);
    lua_pop(L, 1);
    return v;
}

/* Returns which of the words a and b style.field of the style table at
 * s is: 0 for a or when absent, 1 for b; anything else is an error. */
static int style_word(lua_State *L, int t, int s, const char *field,
                      const char *a, const char *b)
{
    const char *v = opt_str(L, s, field);

    if (!v || strcmp(v, a) == 0)
        return 0;
    if (strcmp(v, b) != 0)
        fail(L, t, "style.%s must be \"%s\" or \"%s\"", field, a, b);
    return 1;
}

/* Reads the layout choices of the style table at s: columns, justified
 * text, hyphenation, caption placement, chapter starts, accent. */
static void style_layout(lua_State *L, int t, int s, pdf_style *st)
{
    double columns = opt_num(L, s, "columns", st->columns);

    if (columns != 1 && columns != 2)
        fail(L, t, "style.columns must be 1 or 2");
    st->columns = (int)columns;
    st->justify = style_flag(L, t, s, "justify", st->justify);
    st->hyphenate = style_flag(L, t, s, "hyphenate", st->hyphenate);
    st->caption_below = style_word(L, t, s, "caption", "above", "below");
    st->chapter_right = style_word(L, t, s, "chapter_start", "any",
                                   "right");
    lua_getfield(L, s, "accent");
    if (!lua_isnil(L, -1))
        st->accent = to_color(L, t);
    lua_pop(L, 1);
}

/* Points the style at the hyphenation exception list of the report's
 * templates (templates/<lang>/orddeling.txt, used when it exists); the
 * path is kept in the registry for as long as the Lua state lives.
 * Fails at t when the list is a link out of the report's folder or not
 * a regular file. */
static void style_words(lua_State *L, int t, pdf_style *st)
{
    lhost *h = lhost_self(L);
    char *dir, *path, *bad = NULL;

    if (!h->templates_dir)
        return;
    dir = lhost_join(h->root, h->templates_dir);
    path = lhost_join(dir, "orddeling.txt");
    free(dir);
    if (infile_check(h->root, path, &bad) != 0) {
        free(path);
        lua_pushstring(L, bad);
        free(bad);
        fail(L, t, "%s", lua_tostring(L, -1));
    }
    lua_pushstring(L, path);                    /* path */
    lua_pushvalue(L, -1);                       /* path path */
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.orddeling");
    st->hyphen_words = lua_tostring(L, -1);
    lua_pop(L, 1);
    free(path);
}

/* Fails at a field of the style table at s that no setting reads. */
static void style_known(lua_State *L, int t, int s)
{
    static const char *const known[] = {
        "font", "heading_font", "body_size", "line_height", "title_size",
        "chapter_size", "section_size", "caption_size", "table_size",
        "footnote_size", "page_width", "page_height", "margin_top",
        "margin_bottom", "margin_inner", "margin_outer", "column_gap",
        "columns", "justify", "hyphenate", "caption", "chapter_start",
        "accent", NULL};

    known_fields(L, t, s, "style", known);
}

/* Reads report.style into the PDF style; lengths are in millimetres
 * and points as their names say. */
static void build_style(lua_State *L, int t, pdf_style *st)
{
    static const struct { const char *name; size_t off; } pt[] = {
        { "body_size", offsetof(pdf_style, body_size) },
        { "line_height", offsetof(pdf_style, line_height) },
        { "title_size", offsetof(pdf_style, title_size) },
        { "chapter_size", offsetof(pdf_style, chapter_size) },
        { "section_size", offsetof(pdf_style, section_size) },
        { "caption_size", offsetof(pdf_style, caption_size) },
        { "table_size", offsetof(pdf_style, table_size) },
        { "footnote_size", offsetof(pdf_style, footnote_size) },
    };
    static const struct { const char *name; size_t off; double max; } mm[] = {
        { "page_width", offsetof(pdf_style, page_width), 1000 },
        { "page_height", offsetof(pdf_style, page_height), 1000 },
        { "margin_top", offsetof(pdf_style, margin_top), 70 },
        { "margin_bottom", offsetof(pdf_style, margin_bottom), 70 },
        { "margin_inner", offsetof(pdf_style, margin_inner), 70 },
        { "margin_outer", offsetof(pdf_style, margin_outer), 70 },
        { "column_gap", offsetof(pdf_style, column_gap), 70 },
    };
    int s;

    pdf_style_default(st);
    style_words(L, t, st);
    lua_getfield(L, t, "style");
    s = lua_gettop(L);
    if (lua_isnil(L, s)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, s))
        fail(L, t, "style must be a table");
    style_known(L, t, s);

    st->font = opt_str(L, s, "font") ? opt_str(L, s, "font") : st->font;
    st->heading_font = opt_str(L, s, "heading_font") ?
                       opt_str(L, s, "heading_font") : st->heading_font;
    for (size_t i = 0; i < sizeof pt / sizeof pt[0]; i++) {
        double *f = (double *)((char *)st + pt[i].off);

        *f = opt_num(L, s, pt[i].name, *f);
        if (*f <= 0 || *f > 200)
            fail_near(L, t, pt[i].name, "style.%s must be a size in points",
                      pt[i].name);
    }
    for (size_t i = 0; i < sizeof mm / sizeof mm[0]; i++) {
        double *f = (double *)((char *)st + mm[i].off);
        double v = opt_num(L, s, mm[i].name, *f / 72.0 * 25.4);

        if (v < 0 || v > mm[i].max)
            fail_near(L, t, mm[i].name, "style.%s must be a length in "
                      "millimetres, 0 to %d", mm[i].name, (int)mm[i].max);
        *f = v / 25.4 * 72.0;
    }
    style_layout(L, t, s, st);
    lua_pop(L, 1);
}

/* Fails when style.field (font names st's font list) is not installed. */
static void style_font(lua_State *L, int t, const char *field,
                       const char *font)
{
    char *err = NULL;

    if (pdf_font_check(font, &err) == 0)
        return;
    lua_pushstring(L, err);
    free(err);
    fail(L, t, "style.%s: %s", field, lua_tostring(L, -1));
}

/* Checks report.palette: absent, or a list of "#rrggbb" colours. */
static void check_palette(lua_State *L, int t)
{
    lua_Integer n;

    lua_getfield(L, t, "palette");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    n = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
    if (n == 0)
        fail(L, t, "palette must be a list of colours { \"#0b4f8a\", ... }");
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, -1, i);
        to_color(L, t);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* Checks report.colors: absent, or region and series names, each with
 * a "#rrggbb" colour, so a bad one is found where it is written. */
static void check_colors(lua_State *L, int t)
{
    lua_getfield(L, t, "colors");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, -1))
        fail_near(L, t, "colors", "colors must be a table { [\"Helse "
                  "Vest\"] = \"#eda100\", ... }");
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {          /* colors name colour */
        if (lua_type(L, -2) != LUA_TSTRING)
            fail_near(L, t, "colors", "colors: each key is the name of a "
                      "region or series");
        to_color(L, t);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/*
 * Appends report.<field>, a list of strings, to info as a wrapper
 * element holding one item per string (in item, inside inner when inner
 * is not NULL). Absent fields add nothing.
 */
static void add_info_list(lua_State *L, int t, xmlNodePtr info,
                          const char *field, const char *wrapper,
                          const char *item, const char *inner)
{
    lua_Integer n;
    xmlNodePtr list;

    lua_getfield(L, t, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    n = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
    if (n == 0)
        fail(L, t, "%s must be a list of strings", field);
    list = dbk_add(info, wrapper, NULL);
    for (lua_Integer i = 1; i <= n; i++) {
        xmlNodePtr node;

        lua_geti(L, -1, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            fail(L, t, "%s[%d] must be a string", field, (int)i);
        node = inner ? dbk_add(list, item, NULL) : list;
        dbk_add_text(node, inner ? inner : item,
                     checked_text(L, t, -1, field));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* The report's authors (organisations) and keywords, for the DocBook
 * info and the PDF's metadata. */
static void build_info(lua_State *L, int t, xmlNodePtr info)
{
    add_info_list(L, t, info, "authors", "authorgroup", "author", "orgname");
    add_info_list(L, t, info, "keywords", "keywordset", "keyword", NULL);
}

int lrep_build(lua_State *L)
{
    static const char *const report_known[] = {
        "title", "subtitle", "year", "data", "lang", "templates", "name",
        "authors", "keywords", "palette", "colors", "style", "chapters",
        NULL};
    lhost_report *rep = lua_touserdata(L, 2);
    const char *title;
    const char *lang;
    lua_Integer year;
    char *pubdate;
    int chapters;

    lua_settop(L, 1);
    known_fields(L, 1, 1, "report", report_known);
    lua_pushvalue(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.report");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.ids");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.xrefs");

    title = req_str(L, 1, "title", "report");
    lang = opt_str(L, 1, "lang") ? opt_str(L, 1, "lang") : "nb";
    lua_getfield(L, 1, "year");
    year = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (year < 1900 || year > 2999)
        fail(L, 1, "report needs year = a year like 2025");
    build_style(L, 1, &rep->style);
    style_font(L, 1, "font", rep->style.font);
    style_font(L, 1, "heading_font", rep->style.heading_font);
    check_palette(L, 1);
    check_colors(L, 1);
    rep->style.lang = lang;
    rep->name = opt_str(L, 1, "name") ? xstrdup(opt_str(L, 1, "name")) :
                err_fmt("nokkeltall-%d", (int)year);
    if (!lhost_path_inside(rep->name) || strchr(rep->name, '/'))
        fail(L, 1, "name must be a plain file name");

    pubdate = err_fmt("%d", (int)year);
    rep->doc = dbk_book_new(rep->name, lang, title, opt_str(L, 1, "subtitle"),
                            pubdate);
    free(pubdate);
    build_info(L, 1, xmlDocGetRootElement(rep->doc)->children);

    lua_getfield(L, 1, "chapters");
    chapters = lua_gettop(L);
    if (!lua_istable(L, chapters) || luaL_len(L, chapters) == 0)
        fail(L, 1, "report has no chapters (chapters = { require "
             "\"forskning\", ... })");
    for (lua_Integer i = 1; i <= luaL_len(L, chapters); i++) {
        lua_geti(L, chapters, i);
        if (strcmp(kind_of(L, -1), "chapter") != 0)
            fail(L, 1, "chapters[%d] is not a chapter{...}", (int)i);
        build_division(L, lua_gettop(L), xmlDocGetRootElement(rep->doc),
                       "chapter", rep);
        lua_pop(L, 1);
    }
    check_xrefs(L);
    return 0;
}

void lhost_report_clear(lhost_report *rep)
{
    if (rep->doc)
        xmlFreeDoc(rep->doc);
    chart_set_clear(&rep->charts);
    free(rep->name);
    memset(rep, 0, sizeof *rep);
}
