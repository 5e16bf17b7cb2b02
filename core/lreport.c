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
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "dbk.h"
#include "err.h"
#include "fmt.h"
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

/* Returns field of the table at t as a string, or NULL when absent; a
 * present field that is not a string is an error. The string stays
 * valid while the table holds it. */
static const char *opt_str(lua_State *L, int t, const char *field)
{
    const char *s;

    lua_getfield(L, t, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return NULL;
    }
    if (lua_type(L, -1) != LUA_TSTRING)
        fail(L, t, "%s must be a string, not a %s", field,
             luaL_typename(L, -1));
    s = lua_tostring(L, -1);
    lua_pop(L, 1);
    return s;
}

static const char *req_str(lua_State *L, int t, const char *field,
                           const char *what)
{
    const char *s = opt_str(L, t, field);

    if (!s || !*s)
        fail(L, t, "%s needs %s (%s = \"...\")", what, field, field);
    return s;
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
        fail(L, t, "%s must be a number", field);
    v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

static int opt_bool(lua_State *L, int t, const char *field)
{
    int v;

    lua_getfield(L, t, field);
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
    lua_getfield(L, t, "where");
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

/* Appends the children of the element at t (its list part) to parent. */
static void build_children(lua_State *L, int t, xmlNodePtr parent,
                           lhost_report *rep);

static void build_para(lua_State *L, int t, xmlNodePtr parent)
{
    const char *text;

    if (lua_type(L, t) == LUA_TSTRING)
        text = lua_tostring(L, t);
    else
        text = req_str(L, t, "text", "para");
    dbk_add_text(parent, "para", text);
}

static void build_list(lua_State *L, int t, xmlNodePtr parent)
{
    lua_Integer n = luaL_len(L, t);
    xmlNodePtr list;

    if (n == 0)
        fail(L, t, "list has no items");
    list = dbk_add(parent, opt_bool(L, t, "numbered") ? "orderedlist" :
                   "itemizedlist", NULL);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, t, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            fail(L, t, "list item %d must be a string", (int)i);
        dbk_add_text(dbk_add(list, "listitem", NULL), "para",
                     lua_tostring(L, -1));
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

/* Reads "#rrggbb" at the top of the stack. */
static uint32_t to_color(lua_State *L, int t)
{
    const char *s = lua_tostring(L, -1);
    char *end;
    unsigned long v;

    if (!s || s[0] != '#' || strlen(s) != 7)
        fail(L, t, "colour \"%s\" must be written #rrggbb", s ? s : "?");
    v = strtoul(s + 1, &end, 16);
    if (*end)
        fail(L, t, "colour \"%s\" must be written #rrggbb", s);
    return (uint32_t)v;
}

/* The colour of series i: its own, the report palette's, or the
 * chart module's default palette. */
static uint32_t series_color(lua_State *L, int t, int series, int i)
{
    uint32_t c;

    lua_getfield(L, series, "color");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.report");
        lua_getfield(L, -1, "palette");
        lua_remove(L, -2);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 1);
            return chart_palette((size_t)i);
        }
        lua_geti(L, -1, (lua_Integer)(i % luaL_len(L, -1)) + 1);
        lua_remove(L, -2);
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
        s = xstrdup(lua_tostring(L, -1));
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

/* Fills the series of spec from the chart table at c. */
static void chart_series_from(lua_State *L, int t, int c, int data, int rows,
                              chart_spec *spec)
{
    int n;

    lua_getfield(L, c, "series");
    n = lua_istable(L, -1) ? (int)luaL_len(L, -1) : 0;
    if (n == 0)
        fail(L, t, "chart needs series = { { \"column\", \"label\" }, ... }");
    spec->series = xcalloc((size_t)n, sizeof *spec->series);
    for (int i = 0; i < n; i++) {
        chart_series *s = &spec->series[i];
        int item;

        lua_geti(L, -1, i + 1);
        item = lua_gettop(L);
        lua_geti(L, item, 1);
        lua_geti(L, item, 2);               /* series item col label */
        if (!lua_isstring(L, -2))
            fail(L, t, "series %d needs a column name", i + 1);
        s->name = xstrdup(luaL_optstring(L, -1, lua_tostring(L, -2)));
        s->color = series_color(L, t, item, i);
        s->values = xmalloc((size_t)rows * sizeof *s->values);
        spec->nseries++;
        push_column(L, t, data, lua_tostring(L, -2));
        for (int r = 0; r < rows; r++) {
            lua_geti(L, -1, r + 1);
            s->values[r] = lua_type(L, -1) == LUA_TNUMBER ?
                           lua_tonumber(L, -1) : NAN;
            lua_pop(L, 1);
        }
        lua_settop(L, item - 1);
    }
    lua_pop(L, 1);
}

/* Builds the chart spec of the figure at t into the report's chart set. */
static void build_chart(lua_State *L, int t, const char *id,
                        lhost_report *rep)
{
    chart_spec *spec = chart_spec_new();
    const char *kind;
    const char *x;
    int c;
    int data;
    int rows;
    char *err = NULL;

    chart_set_add(&rep->charts, spec);
    spec->id = xstrdup(id);
    lua_getfield(L, t, "chart");
    c = lua_gettop(L);
    kind = kind_of(L, c);
    if (strcmp(kind, "line") != 0 && strcmp(kind, "bar") != 0)
        fail(L, t, "figure %s: chart must be line{...} or bar{...}", id);
    spec->kind = strcmp(kind, "line") == 0 ? CHART_LINE : CHART_BAR;

    lua_getfield(L, c, "data");
    data = lua_gettop(L);
    rows = data_rows(L, c, data);
    x = req_str(L, c, "x", "chart");
    push_column(L, c, data, x);
    spec->categories = xcalloc((size_t)rows + 1, sizeof *spec->categories);
    for (int r = 0; r < rows; r++, spec->ncat++)
        spec->categories[r] = category_label(L, c, r + 1);
    lua_pop(L, 1);

    chart_series_from(L, c, c, data, rows, spec);
    if (opt_str(L, c, "unit"))
        spec->unit = xstrdup(opt_str(L, c, "unit"));
    spec->percent = opt_bool(L, c, "percent");
    spec->horizontal = opt_bool(L, c, "horizontal");
    spec->stacked = opt_bool(L, c, "stacked");
    spec->value_labels = opt_bool(L, c, "value_labels");
    spec->markers = opt_bool(L, c, "markers");
    spec->decimals = (int)opt_num(L, c, "decimals", 0);
    spec->width = opt_num(L, c, "width", spec->width);
    spec->height = opt_num(L, c, "height", spec->height);
    spec->font_size = opt_num(L, c, "font_size", spec->font_size);
    free(spec->font);
    spec->font = xstrdup(rep->style.heading_font);
    lua_settop(L, c - 1);

    if (chart_check(spec, &err) != 0) {
        lua_pushstring(L, err);
        free(err);
        fail(L, t, "%s", lua_tostring(L, -1));
    }
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
    const char *id = req_str(L, t, "id", "figure");
    const char *title = req_str(L, t, "title", "figure");
    const char *alt = opt_str(L, t, "alt");
    const char *caption = opt_str(L, t, "caption");
    xmlNodePtr fig;
    xmlNodePtr media;

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
    const char *format = opt_str(L, col, "format");
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
        push_column(L, t, data, req_str(L, col, "column", "table column"));
        lua_geti(L, -1, r);
        lua_remove(L, -2);
    }
    format_cell(L, t, col);
}

/* Returns the alignment of the column spec at col: its own, or right
 * for numbers and left for text. */
static const char *column_align(lua_State *L, int t, int data, int col)
{
    const char *align = opt_str(L, col, "align");
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
        push_column(L, t, data, req_str(L, col, "column", "table column"));
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
        dbk_add_text(head, "entry", req_str(L, lua_gettop(L), "head",
                                            "table column"));
        lua_pop(L, 1);
    }
    for (int r = 1; r <= rows; r++) {
        xmlNodePtr row = dbk_add(body, "row", NULL);

        for (int c = 1; c <= ncols; c++) {
            lua_geti(L, cols, c);
            push_cell(L, t, data, lua_gettop(L), r);
            dbk_add_text(row, "entry", lua_tostring(L, -1));
            lua_pop(L, 2);
        }
    }
}

static void build_table(lua_State *L, int t, xmlNodePtr parent)
{
    const char *id = req_str(L, t, "id", "table");
    const char *title = req_str(L, t, "title", "table");
    const char *caption = opt_str(L, t, "caption");
    xmlNodePtr tab;
    xmlNodePtr tgroup;
    int data;
    int cols;
    int ncols;

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
        dbk_set(spec, "colname", lua_pushfstring(L, "c%d", c));
        dbk_set(spec, "align", column_align(L, t, data, cols + 1));
        lua_pop(L, 2);
    }
    build_table_body(L, t, data, cols, tgroup);
    if (caption)
        dbk_add_text(dbk_add(tab, "caption", NULL), "para", caption);
    lua_settop(L, data - 1);
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

/* Reads report.style into the PDF style; lengths are in millimetres
 * and points as their names say. */
static void build_style(lua_State *L, int t, pdf_style *st)
{
    static const struct { const char *name; size_t off; } pt[] = {
        { "body_size", offsetof(pdf_style, body_size) },
        { "line_height", offsetof(pdf_style, line_height) },
        { "chapter_size", offsetof(pdf_style, chapter_size) },
        { "section_size", offsetof(pdf_style, section_size) },
        { "caption_size", offsetof(pdf_style, caption_size) },
        { "table_size", offsetof(pdf_style, table_size) },
    };
    static const struct { const char *name; size_t off; } mm[] = {
        { "margin_top", offsetof(pdf_style, margin_top) },
        { "margin_bottom", offsetof(pdf_style, margin_bottom) },
        { "margin_inner", offsetof(pdf_style, margin_inner) },
        { "margin_outer", offsetof(pdf_style, margin_outer) },
    };
    int s;

    pdf_style_default(st);
    lua_getfield(L, t, "style");
    s = lua_gettop(L);
    if (lua_isnil(L, s)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, s))
        fail(L, t, "style must be a table");

    st->font = opt_str(L, s, "font") ? opt_str(L, s, "font") : st->font;
    st->heading_font = opt_str(L, s, "heading_font") ?
                       opt_str(L, s, "heading_font") : st->heading_font;
    for (size_t i = 0; i < sizeof pt / sizeof pt[0]; i++) {
        double *f = (double *)((char *)st + pt[i].off);

        *f = opt_num(L, s, pt[i].name, *f);
        if (*f <= 0 || *f > 200)
            fail(L, t, "style.%s must be a size in points", pt[i].name);
    }
    for (size_t i = 0; i < sizeof mm / sizeof mm[0]; i++) {
        double *f = (double *)((char *)st + mm[i].off);

        *f = opt_num(L, s, mm[i].name, *f / 72.0 * 25.4) / 25.4 * 72.0;
        if (*f < 0 || *f > 200)
            fail(L, t, "style.%s must be a length in millimetres",
                 mm[i].name);
    }
    lua_pop(L, 1);
}

int lrep_build(lua_State *L)
{
    lhost_report *rep = lua_touserdata(L, 2);
    const char *title;
    const char *lang;
    lua_Integer year;
    char *pubdate;
    int chapters;

    lua_settop(L, 1);
    lua_pushvalue(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.report");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.ids");

    title = req_str(L, 1, "title", "report");
    lang = opt_str(L, 1, "lang") ? opt_str(L, 1, "lang") : "nb";
    lua_getfield(L, 1, "year");
    year = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (year < 1900 || year > 2999)
        fail(L, 1, "report needs year = a year like 2025");
    build_style(L, 1, &rep->style);
    rep->style.lang = lang;
    rep->name = opt_str(L, 1, "name") ? xstrdup(opt_str(L, 1, "name")) :
                err_fmt("nokkeltall-%d", (int)year);
    if (!lhost_path_inside(rep->name) || strchr(rep->name, '/'))
        fail(L, 1, "name must be a plain file name");

    pubdate = err_fmt("%d", (int)year);
    rep->doc = dbk_book_new(rep->name, lang, title, opt_str(L, 1, "subtitle"),
                            pubdate);
    free(pubdate);

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
