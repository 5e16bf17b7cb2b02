/*
 * The Lua host: state, sandbox, limits, and the functions report scripts
 * call (report, plugin, indicator, templates, fmt, require). Building
 * the document from the returned report table is in lreport.c.
 */
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "check.h"
#include "err.h"
#include "fmt.h"
#include "infile.h"
#include "lhost.h"
#include "lhost_int.h"
#include "log.h"
#include "progress.h"
#include "tmpl.h"

/* A script may run this many VM instructions and seconds (time spent in
 * C functions such as string.rep counts there), and allocate this
 * much. NOKKEL_TIME_LIMIT (seconds) sets another time limit; one above
 * TIME_LIMIT raises the instruction limit in the same proportion. */
#define STEP_LIMIT 200000000L
#define STEP_CHUNK 1000
#define TIME_LIMIT 120
#define MEMORY_LIMIT ((size_t)512 << 20)

/* An error message longer than this many bytes is cut. */
#define MESSAGE_LIMIT 1000

/* The watchdog stops the process this many seconds after the time limit
 * when the instruction hook could not: the script is stuck inside one
 * C function (a pattern that backtracks for hours) or a plugin. */
#define WATCHDOG_GRACE 2

/* The host whose script runs, for the watchdog's message. */
static lhost *volatile watched;

/*
 * Records in h->stop_where the line the innermost script frame is at,
 * for errors raised from outside Lua: memory over the limit (Lua calls
 * no message handler for those, so the line must be taken while the
 * stack is whole) and the watchdog. Walking the stack allocates nothing.
 */
static void note_where(lhost *h)
{
    lua_Debug ar;

    h->stop_where[0] = '\0';
    for (int level = 0; h->L && lua_getstack(h->L, level, &ar); level++) {
        if (lua_getinfo(h->L, "Sl", &ar) && ar.currentline > 0) {
            snprintf(h->stop_where, sizeof h->stop_where, "%s:%d: ",
                     ar.short_src, ar.currentline);
            return;
        }
    }
}

/* Allocator with a ceiling, so a memory bomb is an error, not a crash. */
static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    lhost *h = ud;

    if (!ptr)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        h->mem_used -= osize;
        return NULL;
    }
    if (nsize > osize && h->mem_used + (nsize - osize) > MEMORY_LIMIT) {
        note_where(h);
        return NULL;
    }
    ptr = realloc(ptr, nsize);
    if (ptr)
        h->mem_used += nsize - osize;
    return ptr;
}

/* Stops a runaway script with the line it has reached. The hook runs
 * inside the interrupted function, which is level 0 here. */
static void l_hook(lua_State *L, lua_Debug *ar)
{
    lhost *h = lhost_self(L);
    lua_Debug where;

    (void)ar;
    h->steps += STEP_CHUNK;
    if (h->steps <= h->step_limit && log_now() - h->started <= h->time_limit)
        return;
    /* From now on every instruction raises again, so a pcall in the
     * script cannot swallow the stop and loop on. */
    lua_sethook(L, l_hook, LUA_MASKCOUNT, 1);
    h->halted = 1;
    if (lua_getstack(L, 0, &where) && lua_getinfo(L, "Sl", &where) &&
        where.currentline > 0)
        lua_pushfstring(L, "%s:%d: ", where.short_src, where.currentline);
    else
        lua_pushliteral(L, "");
    lua_pushfstring(L, "the script ran over %I million instructions or "
                    "%d second%s and was stopped (an endless loop?)",
                    (lua_Integer)(h->step_limit / 1000000), h->time_limit,
                    h->time_limit == 1 ? "" : "s");
    lua_concat(L, 2);
    lua_error(L);
}

/*
 * SIGALRM handler: the script has run past its time limit without
 * reaching the instruction hook, so it is stuck in C. No Lua error can
 * be raised from here; the handler writes where the script stands and
 * ends the process. Nothing is written to out/ while a script runs, so
 * the previous outputs stay as they were. Reading the stopped Lua stack
 * allocates nothing; snprintf with %s and %d takes no lock in glibc.
 */
static void on_overtime(int sig)
{
    lhost *h = watched;
    char msg[512];
    int len;

    (void)sig;
    if (!h)
        _exit(1);
    note_where(h);
    if (h->computing)
        len = snprintf(msg, sizeof msg, "nokkel: %sthe build ran over %d "
                       "s and was stopped: indicator %s of plugin %s did "
                       "not return\n", h->stop_where, h->time_limit,
                       h->computing->name, h->computing_plugin->name);
    else
        len = snprintf(msg, sizeof msg, "nokkel: %sthe script ran over %d "
                       "s inside one library call and was stopped (a "
                       "string pattern that backtracks?)\n",
                       h->stop_where, h->time_limit);
    if (len > 0 && write(STDERR_FILENO, msg, (size_t)len) < 0)
        len = 0;                /* a failed write leaves only the exit */
    _exit(1);
}

/* Arms the watchdog for h's run, or disarms it when h is NULL. */
static void watch_run(lhost *h)
{
    struct sigaction sa;

    watched = h;
    if (!h) {
        alarm(0);
        return;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_overtime;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)(h->time_limit + WATCHDOG_GRACE));
}

lhost *lhost_self(lua_State *L)
{
    lhost *h;

    lua_getallocf(L, (void **)&h);
    return h;
}

/* Pushes "file:line: " of the innermost script frame, or "". */
static void push_script_where(lua_State *L)
{
    lua_Debug ar;

    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

/* Returns 1 when hint, from check_hint, names a chart kind. */
static int hints_chart(const char *hint)
{
    static const char *const charts[] = {"line", "bar", "pie", "donut"};

    for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
        char *want = err_fmt(" (did you mean \"%s\"?)", charts[i]);
        int same = strcmp(hint, want) == 0;

        free(want);
        if (same)
            return 1;
    }
    return 0;
}

/*
 * Pushes msg with a hint when it is Lua's "attempt to call a nil value
 * (global 'name')" for a name close to one the scripts have, as bars
 * for bar; otherwise pushes msg as it is.
 */
static void push_with_hint(lua_State *L, const char *msg)
{
    static const char call_nil[] = "attempt to call a nil value (global '";
    const char *name = strstr(msg, call_nil);
    const char *names[256];
    size_t n = 0;
    char *hint;

    if (!name) {
        lua_pushstring(L, msg);
        return;
    }
    if (lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.env") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_pushstring(L, msg);
        return;
    }
    name += sizeof call_nil - 1;
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {          /* env key value */
        lua_pop(L, 1);
        if (n < 256 && lua_type(L, -1) == LUA_TSTRING)
            names[n++] = lua_tostring(L, -1);   /* held by env */
    }
    lua_pushlstring(L, name, strcspn(name, "'"));   /* env name */
    hint = check_hint(lua_tostring(L, -1), names, n);
    lua_pop(L, 2);
    lua_pushfstring(L, "%s%s%s", msg, hint, hints_chart(hint) ?
                    "; a chart is line, bar, pie or donut" : "");
    free(hint);
}

/* Returns 1 when msg starts with a place, "file:line:", or names the
 * build parameter it is about, "--set name=...", which is its place. */
static int has_where(const char *msg)
{
    size_t file = strcspn(msg, ": \n");
    size_t line;

    if (plg_message_is_param(msg))
        return 1;
    if (file == 0 || msg[file] != ':')
        return 0;
    line = strspn(msg + file + 1, "0123456789");
    return line > 0 && msg[file + 1 + line] == ':';
}

/*
 * Message handler: turns any error value into "where: message" plus a
 * short traceback of the script's own frames. A message that does not
 * say where (error("x", 0), error(42), a table) gets the line of the
 * innermost script frame.
 */
static int l_msgh(lua_State *L)
{
    int named = 0;

    if (lua_type(L, 1) == LUA_TSTRING) {
        lua_pushvalue(L, 1);
        named = 1;
    } else if (lua_type(L, 1) == LUA_TNUMBER) {
        lua_pushfstring(L, "error(%s): give error a message in a string",
                        lua_tostring(L, 1));
        named = 1;
    } else if (luaL_callmeta(L, 1, "__tostring")) {
        named = lua_type(L, -1) == LUA_TSTRING;
        if (!named)
            lua_pop(L, 1);
    }
    if (!named)
        lua_pushfstring(L, "error with a %s value instead of a message",
                        luaL_typename(L, 1));
    if (!has_where(lua_tostring(L, -1))) {
        push_script_where(L);
        lua_insert(L, -2);                  /* err where text */
        lua_concat(L, 2);
    }
    push_with_hint(L, lua_tostring(L, -1)); /* err msg hinted */
    lua_remove(L, -2);                      /* err hinted */
    luaL_traceback(L, L, lua_tostring(L, -1), 1);  /* err msg trace */
    return 1;
}

/*
 * Returns the first len bytes of msg, cut to MESSAGE_LIMIT bytes (at a
 * character boundary) with "… (N bytes more)" when longer: a script can
 * raise an error of megabytes. Caller frees.
 */
static char *cut_message(const char *msg, size_t len)
{
    size_t keep = MESSAGE_LIMIT;

    if (len <= MESSAGE_LIMIT)
        return err_fmt("%.*s", (int)len, msg);
    while (keep > 0 && ((unsigned char)msg[keep] & 0xc0) == 0x80)
        keep--;
    return err_fmt("%.*s\xe2\x80\xa6 (%zu bytes more)", (int)keep, msg,
                   len - keep);
}

/*
 * Shortens a Lua traceback to the message, itself cut to MESSAGE_LIMIT
 * bytes, and at most five frames from the scripts, dropping C frames.
 * Caller frees.
 */
static char *short_trace(const char *trace)
{
    const char *tb = strstr(trace, "\nstack traceback:");
    char *out;
    int frames = 0;

    if (!tb)
        return cut_message(trace, strlen(trace));
    out = cut_message(trace, (size_t)(tb - trace));
    for (const char *line = tb + 1; *line && frames < 5;) {
        size_t len = strcspn(line, "\n");
        const char *text = line;

        while (*text == '\t')
            text++;
        if (strncmp(text, "[C]", 3) != 0 && strncmp(text, "stack", 5) != 0 &&
            strncmp(text, "(...", 4) != 0) {
            char *next = err_fmt("%s\n  %.*s", out,
                                 (int)(len - (size_t)(text - line)), text);

            free(out);
            out = next;
            frames++;
        }
        line += len;
        if (*line == '\n')
            line++;
    }
    return out;
}

int lhost_pcall(lua_State *L, int nargs, int nresults, char **err)
{
    int base = lua_gettop(L) - nargs;
    int rc;

    lua_pushcfunction(L, l_msgh);
    lua_insert(L, base);                    /* msgh fn args */
    rc = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);                    /* results, or the error */
    if (rc == LUA_OK)
        return 0;
    if (rc == LUA_ERRMEM) {
        lhost *h = lhost_self(L);
        const char *where = h->stop_where;

        /* No script frame runs while the report is built from the
         * returned table: the element being built is the place, or at
         * least the script. */
        if (!where[0])
            where = h->build_where;
        *err = err_fmt("%s%s%sthe script needs more than %d MB of memory "
                       "and was stopped", where, where[0] ? "" : h->script,
                       where[0] ? "" : ": ", (int)(MEMORY_LIMIT >> 20));
        lua_pop(L, 1);
        return -1;
    }
    *err = short_trace(lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
    lua_pop(L, 1);
    return -1;
}

/* Returns "dir/name" or name when dir is ".". Caller frees. */
char *lhost_join(const char *dir, const char *name)
{
    if (strcmp(dir, ".") == 0)
        return xstrdup(name);
    return err_fmt("%s/%s", dir, name);
}

void lhost_add_input(lhost *h, const char *path)
{
    h->inputs = xrealloc(h->inputs, (h->ninputs + 1) * sizeof *h->inputs);
    h->inputs[h->ninputs++] = xstrdup(path);
}

/* Returns path with repeated slashes and leading "./" removed. Caller
 * frees. */
static char *clean_path(const char *path)
{
    char *out = xstrdup(path);
    char *o = out;

    for (const char *p = path; *p; p++) {
        if (*p == '/' && o > out && o[-1] == '/')
            continue;
        *o++ = *p;
    }
    *o = '\0';
    while (strncmp(out, "./", 2) == 0 && out[2])
        memmove(out, out + 2, strlen(out + 2) + 1);
    return out;
}

/* Returns the folder part of path ("." when none). Caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return err_fmt("%.*s", (int)(slash - path), path);
}

/* Returns the folder that holds dir: "scripts" -> ".", "." -> "..".
 * Caller frees. */
static char *parent_of(const char *dir)
{
    const char *base = strrchr(dir, '/');

    base = base ? base + 1 : dir;
    if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return strcmp(dir, ".") == 0 ? xstrdup("..") :
               err_fmt("%s/..", dir);
    return dir_of(dir);
}

/* Returns 1 when a relative path stays inside the folder it starts in. */
int lhost_path_inside(const char *rel)
{
    const char *p = rel;

    if (*rel == '/' || *rel == '\0')
        return 0;
    while (*p) {
        size_t len = strcspn(p, "/");

        if (len == 2 && p[0] == '.' && p[1] == '.')
            return 0;
        p += len;
        if (*p == '/')
            p++;
    }
    return 1;
}

/*
 * Loads the Lua source text at path and leaves the chunk on the stack,
 * or the error. Lua names no file for a binary chunk, so that message
 * is replaced by one located at the file. A file that is not a regular
 * file in the report's folder is refused (LUA_ERRFILE); otherwise
 * returns the status of luaL_loadfilex.
 */
static int load_text(lua_State *L, const char *path)
{
    char *bad = NULL;
    int rc;

    if (infile_check(lhost_self(L)->root, path, &bad) != 0) {
        lua_pushstring(L, bad);
        free(bad);
        return LUA_ERRFILE;
    }
    rc = luaL_loadfilex(L, path, "t");
    if (rc != LUA_OK && strstr(lua_tostring(L, -1), "binary chunk")) {
        lua_pushfstring(L, "%s:1: a compiled (binary) chunk; scripts must "
                        "be Lua source text", path);
        lua_remove(L, -2);
    }
    return rc;
}

/*
 * Loads a text chunk from path into the sandbox and leaves it on the
 * stack, or raises the load error. Binary chunks are refused.
 */
static void load_sandboxed(lua_State *L, const char *path, int env)
{
    if (load_text(L, path) != LUA_OK)
        lua_error(L);
    lua_pushvalue(L, env);                  /* chunk env */
    if (!lua_setupvalue(L, -2, 1))          /* chunk */
        lua_pop(L, 1);
}

/*
 * Runs the chunk on top of the stack, the script called name, and
 * leaves its value; with -v, says how long it took and how many
 * indicators it computed. In check mode a script that fails is recorded
 * and stands as a chapter with one paragraph.
 */
static void run_required(lua_State *L, lhost *h, const char *name)
{
    unsigned long computed0, reused0, computed, reused;
    unsigned long stubs = h->stubs;
    double t0 = log_now();
    char *err = NULL;

    plg_stats(h->plugins, &computed0, &reused0);
    if (!h->check) {
        lua_call(L, 0, 1);
    } else if (lhost_pcall(L, 0, 1, &err) != 0) {
        /* A script that got a stand-in result most likely failed on it
         * (an empty list, a missing value): the problem behind the
         * stand-in is told, not this follow-on. */
        if (!h->halt_told && h->stubs == stubs)
            check_add(h->check, CHECK_ERROR, "%s", err);
        /* A problem that ends the run is told once, where it happened,
         * and not again by each script it passes on its way out. */
        if (h->halted) {
            h->halt_told = 1;
            lua_pushstring(L, err);
            free(err);
            lua_error(L);
        }
        free(err);
        lhost_push_stub_chapter(L, name);
    }
    plg_stats(h->plugins, &computed, &reused);
    progress_item("%s: %.1f ms, %lu indicator%s computed, %lu reused",
                  name, (log_now() - t0) * 1e3, computed - computed0,
                  computed - computed0 == 1 ? "" : "s", reused - reused0);
}

/*
 * Adds the script at path to the list of scripts running, one inside
 * the other (registry "nokkel.running"), or raises "require cycle: a →
 * b → a" when it is already running: its require would start it again
 * without end. Net stack effect zero.
 */
static void enter_script(lua_State *L, const char *path)
{
    lua_Integer n;
    lua_Integer from = 0;
    luaL_Buffer b;

    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.running");   /* running */
    n = (lua_Integer)lua_rawlen(L, -1);
    for (lua_Integer i = 1; i <= n && !from; i++) {
        lua_rawgeti(L, -1, i);              /* running path_i */
        if (strcmp(lua_tostring(L, -1), path) == 0)
            from = i;
        lua_pop(L, 1);
    }
    if (!from) {
        lua_pushstring(L, path);
        lua_rawseti(L, -2, n + 1);
        lua_pop(L, 1);
        return;
    }

    luaL_buffinit(L, &b);
    luaL_where(L, 1);
    luaL_addvalue(&b);
    luaL_addstring(&b, "require cycle: ");
    for (lua_Integer i = from; i <= n; i++) {
        lua_rawgeti(L, -2, i);              /* running ... path_i */
        luaL_addvalue(&b);
        luaL_addstring(&b, " \xe2\x86\x92 ");
    }
    luaL_addstring(&b, path);
    luaL_pushresult(&b);
    lua_error(L);
}

/* Takes the innermost script off the list of enter_script. */
static void leave_script(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.running");   /* running */
    lua_pushnil(L);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2));
    lua_pop(L, 1);
}

/* require(name): runs scripts/<name>.lua once and returns its value. */
static int l_require(lua_State *L)
{
    lhost *h = lhost_self(L);
    const char *name = luaL_checkstring(L, 1);
    char *file;
    char *path;

    if (!name_is_plain(name))
        return luaL_error(L, "require \"%s\": a script name is lowercase "
                          "letters, digits and _ (scripts are found in %s)",
                          name, h->scripts_dir);
    lua_settop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.loaded");
    lua_getfield(L, -1, name);              /* name loaded value */
    if (!lua_isnil(L, -1))
        return 1;
    lua_pop(L, 1);                          /* name loaded */

    file = err_fmt("%s.lua", name);
    path = lhost_join(h->scripts_dir, file);
    free(file);
    lua_pushstring(L, path);
    lhost_add_input(h, path);
    free(path);
    enter_script(L, lua_tostring(L, -1));
    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.env");
    load_sandboxed(L, lua_tostring(L, -2), lua_gettop(L));
    run_required(L, h, name);               /* name loaded path env value */
    leave_script(L);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);               /* loaded[name] = value */
    return 1;
}

/* Reads data/<year>/schema.lua into the data set. */
static void load_schema(lua_State *L, lhost *h)
{
    char *path = lhost_join(data_dir(h->data), "schema.lua");
    char *err = NULL;
    int rc;

    lua_pushstring(L, path);
    lhost_add_input(h, path);
    free(path);
    lua_newtable(L);                        /* path env */
    load_sandboxed(L, lua_tostring(L, -2), lua_gettop(L));
    lua_call(L, 0, 1);                      /* path env schema */
    if (!lua_istable(L, -1)) {
        lua_pushfstring(L, "%s:1: must return a table of tables, one "
                        "{ file, source, columns } per input table",
                        lua_tostring(L, -3));
        lua_error(L);
    }
    rc = lhost_declare_tables(L, h, lua_tostring(L, -3), &err);
    if (rc != 0) {
        lua_pushstring(L, err);
        free(err);
        lua_error(L);
    }
    lua_pop(L, 3);
}

/* Sets a string setting of the host from the report table, or a default. */
static char *setting(lua_State *L, int t, const char *field, const char *def)
{
    const char *v;

    lua_getfield(L, t, field);
    v = lua_tostring(L, -1);
    if (!v && !lua_isnil(L, -1))
        luaL_error(L, "report: %s must be a string", field);
    v = v ? v : def;
    lua_pop(L, 1);
    return v ? xstrdup(v) : NULL;
}

/* Puts the build parameters data and year (--set) into the report table
 * at index 1, over what the script wrote there. Another year needs its
 * own data: without --set data, the script's data folder holds the
 * numbers of the script's year, not of the one asked for. */
static void apply_params(lua_State *L, lhost *h)
{
    size_t n;
    const plg_param *params = plg_globals(h->plugins, &n);
    long script_year, new_year = 0;
    int has_data = 0;

    lua_getfield(L, 1, "year");
    script_year = (long)lua_tointeger(L, -1);
    lua_pop(L, 1);

    for (size_t i = 0; i < n; i++) {
        const char *value = params[i].value;
        char *end;
        long year;

        if (strcmp(params[i].name, "data") == 0) {
            lua_pushstring(L, value);
            lua_setfield(L, 1, "data");
            has_data = 1;
        } else if (strcmp(params[i].name, "year") == 0) {
            year = strtol(value, &end, 10);
            if (end == value || *end || year < 1900 || year > 2999)
                luaL_error(L, "--set year=%s: a year is written like 2024",
                           value);
            lua_pushinteger(L, year);
            lua_setfield(L, 1, "year");
            new_year = year;
        }
    }
    /* Read, or asked for: a misspelt --set yaer then hints at year. */
    plg_mark_global(h->plugins, "data");
    plg_mark_global(h->plugins, "year");
    if (new_year && new_year != script_year && !has_data)
        luaL_error(L, "--set year=%d: the script's data are those of %d; "
                   "give the data of %d too (--set data=data/%d)",
                   (int)new_year, (int)script_year, (int)new_year,
                   (int)new_year);
}

/* Opens the data folder path for this run: the one of the last run,
 * which keeps its unchanged tables, when the folder is the same. */
static void open_data(lhost *h, const char *path)
{
    if (h->data && strcmp(data_dir(h->data), path) == 0) {
        data_begin(h->data);
        return;
    }
    plg_set_data(h->plugins, NULL);
    data_free(h->data);
    h->data = data_new(h->root, path);
}

/* report{...}: records the report's settings, opens its data folder and
 * returns the table for the script to fill in. */
static int l_report(lua_State *L)
{
    lhost *h = lhost_self(L);
    char *data;
    char *path;
    char *lang;
    char *tdefault;

    luaL_checktype(L, 1, LUA_TTABLE);
    if (h->reported)
        return luaL_error(L, "report{} is called twice");

    apply_params(L, h);
    data = setting(L, 1, "data", NULL);
    if (!data)
        return luaL_error(L, "report: no data folder (data = \"data/2025\")");
    lang = setting(L, 1, "lang", "nb");
    tdefault = err_fmt("templates/%s", lang);
    free(lang);
    h->templates_dir = setting(L, 1, "templates", tdefault);
    free(tdefault);
    if (!lhost_path_inside(data) || !lhost_path_inside(h->templates_dir)) {
        int bad_data = !lhost_path_inside(data);

        luaL_where(L, 1);
        lua_pushfstring(L, "%s = \"%s\": data and templates must be "
                        "folders inside the report's folder, written "
                        "relative to it", bad_data ? "data" : "templates",
                        bad_data ? data : h->templates_dir);
        free(data);
        lua_concat(L, 2);
        return lua_error(L);
    }

    path = lhost_join(h->root, data);
    free(data);
    open_data(h, path);
    free(path);
    h->reported = 1;
    plg_set_data(h->plugins, h->data);
    load_schema(L, h);

    lua_pushstring(L, "report");
    lua_setfield(L, 1, "kind");
    luaL_where(L, 1);
    lua_setfield(L, 1, "where");
    lua_settop(L, 1);
    return 1;
}

/* Element constructors: chapter{...}, section{...} and the like mark
 * their table with its kind and where it was written. */
static int l_element(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setfield(L, 1, "kind");
    push_script_where(L);                   /* past table{}'s shim */
    lua_setfield(L, 1, "where");
    return 1;
}

/* Inline elements: xref "fig-id" and emphasis "text", or the same as
 * tables ({ linkend = ... }, { text = ... }). */
static int l_inline(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING) {
        const char *kind = lua_tostring(L, lua_upvalueindex(1));

        lua_createtable(L, 0, 3);
        lua_pushvalue(L, 1);
        lua_setfield(L, -2, strcmp(kind, "xref") == 0 ? "linkend" : "text");
        lua_replace(L, 1);
    }
    return l_element(L);
}

/* Returns 1 when the value at i is an xref or emphasis element. */
static int is_inline(lua_State *L, int i)
{
    int hit;

    if (!lua_istable(L, i))
        return 0;
    lua_getfield(L, i, "kind");
    hit = lua_isstring(L, -1) && (strcmp(lua_tostring(L, -1), "xref") == 0
                                  || strcmp(lua_tostring(L, -1),
                                            "emphasis") == 0);
    lua_pop(L, 1);
    return hit;
}

/* para "text", para{text = "..."}, para{"text", xref "id", ...} or the
 * same list as arguments, para("Se ", xref "fig-1", "."): the pieces
 * are joined as they are, with no space added between them. */
static int l_para(lua_State *L)
{
    int n = lua_gettop(L);

    if (n > 1 || lua_type(L, 1) == LUA_TSTRING || is_inline(L, 1)) {
        lua_createtable(L, n, 3);
        for (int i = 1; i <= n; i++) {
            if (lua_isnil(L, i))
                return luaL_error(L, "para: piece %d is nil (a missing "
                                  "value or template?)", i);
            lua_pushvalue(L, i);
            lua_rawseti(L, -2, i);
        }
        lua_replace(L, 1);
        lua_settop(L, 1);
    }
    if (!lua_istable(L, 1))
        return luaL_typeerror(L, 1, "text or a table");
    return l_element(L);
}

/* Pushes a result column value: whole numbers as integers, so scripts
 * print 25 and not 25.0. */
void lhost_push_number(lua_State *L, double v)
{
    if (v == floor(v) && fabs(v) < 9.0e15)
        lua_pushinteger(L, (lua_Integer)v);
    else
        lua_pushnumber(L, v);
}

/* Pushes the named values of a list as a table {name = value}. */
static void push_named(lua_State *L, const plg_value *list, size_t n)
{
    lua_createtable(L, 0, (int)n);
    for (size_t i = 0; i < n; i++) {
        lhost_push_number(L, list[i].value);
        lua_setfield(L, -2, list[i].name);
    }
}

/* Pushes a result as {indicator, rows, names, columns, values,
 * denominators, unit, source}. */
static void push_result(lua_State *L, const char *name,
                        const struct nk_result *res)
{
    const tbl *t = res->table;

    lua_createtable(L, 0, 8);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "indicator");
    lua_pushinteger(L, (lua_Integer)t->nrows);
    lua_setfield(L, -2, "rows");
    lua_createtable(L, (int)t->ncols, 0);   /* res names */
    lua_createtable(L, 0, (int)t->ncols);   /* res names columns */
    for (size_t c = 0; c < t->ncols; c++) {
        const tbl_column *col = &t->cols[c];

        lua_pushstring(L, col->name);
        lua_rawseti(L, -3, (lua_Integer)c + 1);
        lua_createtable(L, (int)t->nrows, 0);
        for (size_t r = 0; r < t->nrows; r++) {
            if (col->type == TBL_NUMBER)
                lhost_push_number(L, col->num[r]);
            else
                lua_pushstring(L, col->text[r] ? col->text[r] : "");
            lua_rawseti(L, -2, (lua_Integer)r + 1);
        }
        lua_setfield(L, -2, col->name);
    }
    lua_setfield(L, -3, "columns");
    lua_setfield(L, -2, "names");           /* res */
    push_named(L, res->values, res->nvalues);
    lua_setfield(L, -2, "values");
    push_named(L, res->denominators, res->ndenominators);
    lua_setfield(L, -2, "denominators");
    lua_pushstring(L, res->unit ? res->unit : "");
    lua_setfield(L, -2, "unit");
    lua_pushstring(L, res->source ? res->source : "");
    lua_setfield(L, -2, "source");
}

/*
 * Computes an indicator with the parameters in the table at index params
 * (may be absent) and pushes the result table. Parameter values become
 * strings; they stay anchored on the stack until plg_compute returns.
 */
static int compute(lua_State *L, const char *name, int params)
{
    lhost *h = lhost_self(L);
    plg_param list[32];
    size_t n = 0;
    char *err = NULL;
    const struct nk_result *res;

    if (!lua_isnoneornil(L, params)) {
        luaL_checktype(L, params, LUA_TTABLE);
        luaL_checkstack(L, 40, "indicator parameters");
        lua_pushnil(L);
        while (lua_next(L, params) != 0) {  /* ... key value */
            if (n == 32 || lua_type(L, -2) != LUA_TSTRING ||
                !lua_isstring(L, -1))
                return luaL_error(L, "indicator %s: parameters are at most "
                                  "32 name = string or number pairs", name);
            list[n].name = lua_tostring(L, -2);
            list[n].value = lua_tostring(L, -1);
            n++;
            lua_insert(L, -2);              /* ... value key */
        }
    }
    h->computing = plg_find(h->plugins, name, &h->computing_plugin);
    res = plg_compute(h->plugins, name, list, n, &err);
    h->computing = NULL;
    if (!res && h->check) {
        /* A bad data file or --set is told once, not at each indicator
         * that reads it (check_add drops a message it has). */
        if (plg_error_shared(h->plugins))
            lua_pushliteral(L, "");
        else
            luaL_where(L, 1);
        check_add(h->check, CHECK_ERROR, "%s%s", lua_tostring(L, -1), err);
        if (plg_message_is_param(err)) {
            /* Every indicator would fail the same way: the check ends. */
            h->halted = h->halt_told = 1;
            lua_pushstring(L, err);
            free(err);
            return lua_error(L);
        }
        free(err);
        lhost_push_stub_result(L, name);
        return 1;
    }
    if (!res) {
        lua_pushstring(L, err);
        free(err);
        return lua_error(L);
    }
    push_result(L, name, res);
    return 1;
}

/* Stands for an unknown indicator in check mode: an empty result. */
static int l_stub_indicator(lua_State *L)
{
    lhost_push_stub_result(L, lua_tostring(L, lua_upvalueindex(1)));
    return 1;
}

/*
 * Returns " (did you mean "x"?)" for an unknown indicator name, from the
 * indicators of plugin (or of every loaded plugin when NULL). Caller
 * frees.
 */
static char *indicator_hint(const plg_host *host, const nk_plugin *plugin,
                            const char *name)
{
    const char **names = NULL;
    size_t n = 0;
    char *hint;

    for (size_t i = 0; i < plg_count(host); i++) {
        const nk_plugin *p = plg_plugin(host, i);

        if (plugin && p != plugin)
            continue;
        for (const nk_indicator *ind = p->indicators; ind->name; ind++) {
            names = xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = ind->name;
        }
    }
    hint = check_hint(name, names, n);
    free(names);
    return hint;
}

/*
 * Reports an unknown indicator at the calling script line: raises the
 * error when building; records it and pushes a function that returns an
 * empty result when checking.
 */
static int unknown_indicator(lua_State *L, const char *plugin_name,
                             const nk_plugin *plugin, const char *name)
{
    lhost *h = lhost_self(L);
    char *hint = indicator_hint(h->plugins, plugin, name);

    luaL_where(L, 1);
    if (plugin_name)
        lua_pushfstring(L, "plugin \"%s\" has no indicator \"%s\"%s",
                        plugin_name, name, hint);
    else
        lua_pushfstring(L, "no loaded plugin has an indicator \"%s\"%s",
                        name, hint);
    free(hint);
    lua_concat(L, 2);
    if (!h->check)
        return lua_error(L);
    check_add(h->check, CHECK_ERROR, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    lua_pushstring(L, name);
    lua_pushcclosure(L, l_stub_indicator, 1);
    return 1;
}

static int l_indicator(lua_State *L)
{
    lhost *h = lhost_self(L);
    const char *name = luaL_checkstring(L, 1);

    if (!plg_find(h->plugins, name, NULL)) {
        unknown_indicator(L, NULL, NULL, name);
        lua_pushvalue(L, 2);
        lua_call(L, 1, 1);                  /* the stub's empty result */
        return 1;
    }
    return compute(L, name, 2);
}

static int l_plugin_indicator(lua_State *L)
{
    return compute(L, lua_tostring(L, lua_upvalueindex(1)), 1);
}


/* __index of a plugin's table: the name is not one of its indicators. */
static int l_plugin_missing(lua_State *L)
{
    lhost *h = lhost_self(L);
    const char *plugin = lua_tostring(L, lua_upvalueindex(1));
    const nk_plugin *desc = plg_load(h->plugins, plugin, NULL);

    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    return unknown_indicator(L, plugin, desc, lua_tostring(L, 2));
}

/* __index of the table of a plugin that did not load (check mode): the
 * problem is recorded already, so every name is a quiet stub. */
static int l_plugin_stub(lua_State *L)
{
    lua_settop(L, 2);
    lua_pushcclosure(L, l_stub_indicator, 1);
    return 1;
}

/* Raises, or records in check mode, why plugin name did not load, with
 * a "did you mean" from the plugins in the path; err is freed. In check
 * mode pushes a table of stub indicators. */
static int plugin_failed(lua_State *L, lhost *h, const char *name, char *err)
{
    size_t n;
    char **names = plg_scan(h->plugins, &n);
    char *hint = check_hint(name, (const char *const *)names, n);

    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    luaL_where(L, 1);
    lua_pushfstring(L, "%s%s", err, hint);
    free(err);
    free(hint);
    lua_concat(L, 2);
    if (!h->check)
        return lua_error(L);
    check_add(h->check, CHECK_ERROR, "%s", lua_tostring(L, -1));
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, l_plugin_stub);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    return 1;
}

/* plugin "name": loads a plugin and returns {indicator = function}. */
static int l_plugin(lua_State *L)
{
    lhost *h = lhost_self(L);
    const char *name = luaL_checkstring(L, 1);
    char *err = NULL;
    const nk_plugin *desc;

    if (!h->reported)
        return luaL_error(L, "plugin \"%s\": call report{} first, so the "
                          "data folder is known", name);
    desc = plg_load(h->plugins, name, &err);
    if (!desc)
        return plugin_failed(L, h, name, err);
    lua_newtable(L);
    for (const nk_indicator *ind = desc->indicators; ind->name; ind++) {
        lua_pushstring(L, ind->name);
        lua_pushcclosure(L, l_plugin_indicator, 1);
        lua_setfield(L, -2, ind->name);
    }
    lua_createtable(L, 0, 1);               /* plugin mt */
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, l_plugin_missing, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    return 1;
}

/* Reads t[name] raw (no metamethods, so no Lua error can escape into
 * tmpl_render), following dots: "kbs.values.siste". Leaves one value. */
static void raw_path(lua_State *L, int t, const char *name)
{
    lua_pushvalue(L, t);
    while (*name && lua_istable(L, -1)) {
        size_t len = strcspn(name, ".");

        lua_pushlstring(L, name, len);
        lua_rawget(L, -2);
        lua_remove(L, -2);
        name += len;
        if (*name == '.')
            name++;
    }
    if (*name) {
        lua_pop(L, 1);
        lua_pushnil(L);
    }
}

int lhost_lookup(void *ud, const char *name, double *num, const char **text)
{
    lookup_ctx *ctx = ud;
    lua_State *L = ctx->L;
    const char *other = NULL;   /* the type of a value of no use */

    for (int i = ctx->first; i <= ctx->last; i++) {
        if (!lua_istable(L, i))
            continue;
        lua_pushliteral(L, "values");
        lua_rawget(L, i);
        for (int pass = 0; pass < 2; pass++) {
            raw_path(L, pass == 0 ? lua_gettop(L) : i, name);
            if (lua_type(L, -1) == LUA_TNUMBER) {
                *num = lua_tonumber(L, -1);
                lua_pop(L, 2);
                return 1;
            }
            if (lua_type(L, -1) == LUA_TSTRING) {
                /* Anchored by the argument table until render returns. */
                *text = lua_tostring(L, -1);
                lua_pop(L, 2);
                return 2;
            }
            if (!lua_isnil(L, -1) && !other)
                other = luaL_typename(L, -1);   /* a static string */
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    if (other)
        *text = other;
    return other ? 3 : 0;
}

/* t.name(args...): renders one template of a templates() set. */
static int l_render(lua_State *L)
{
    tmpl_set **set = lua_touserdata(L, lua_upvalueindex(1));
    const char *name = lua_tostring(L, lua_upvalueindex(2));
    lookup_ctx ctx = { L, 1, lua_gettop(L) };
    char *out = NULL;
    char *err = NULL;

    if (lhost_self(L)->check)
        return lhost_check_render(L, *set, name);
    if (tmpl_render(*set, name, lhost_lookup, &ctx, &out, &err) != 0) {
        luaL_where(L, 1);
        lua_pushstring(L, err);
        free(err);
        lua_concat(L, 2);
        return lua_error(L);
    }
    lua_pushstring(L, out);
    free(out);
    return 1;
}

/* Pushes " (did you mean "x"?)" for a template name the set lacks, or
 * "" when no name of the set is close. */
static void push_template_hint(lua_State *L, const tmpl_set *set,
                               const char *name)
{
    int n = tmpl_count(set);
    const char **names = xcalloc((size_t)n + 1, sizeof *names);
    char *hint;

    for (int i = 0; i < n; i++)
        names[i] = tmpl_name(set, i);
    hint = check_hint(name, names, (size_t)n);
    lua_pushstring(L, hint);
    free(hint);
    free(names);
}

/* __index of a templates() set: returns a render function. */
static int l_template_index(lua_State *L)
{
    tmpl_set **set = luaL_checkudata(L, 1, "nokkel.templates");
    const char *name = luaL_checkstring(L, 2);
    check_list *check = lhost_self(L)->check;

    /* In check mode a set that did not load has been recorded; each of
     * its templates renders as "". */
    if (check && (!*set || !tmpl_has(*set, name))) {
        if (*set) {
            luaL_where(L, 1);
            lua_getiuservalue(L, 1, 1);
            push_template_hint(L, *set, name);
            check_add(check, CHECK_ERROR, "%sno template \"%s\" in %s%s",
                      lua_tostring(L, -3), name, lua_tostring(L, -2),
                      lua_tostring(L, -1));
            lua_pop(L, 3);
        }
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 2);
        lua_pushcclosure(L, l_render, 2);
        return 1;
    }
    if (!tmpl_has(*set, name)) {
        lua_getiuservalue(L, 1, 1);
        push_template_hint(L, *set, name);
        return luaL_error(L, "no template \"%s\" in %s%s", name,
                          lua_tostring(L, -2), lua_tostring(L, -1));
    }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, l_render, 2);
    return 1;
}

static int l_template_gc(lua_State *L)
{
    tmpl_set **set = luaL_checkudata(L, 1, "nokkel.templates");

    tmpl_free(*set);
    *set = NULL;
    return 0;
}

/* Loads a template file in check mode: records every problem in list,
 * and keeps the set when only filters were bad, so its values are
 * still checked. Returns 0. */
static int check_templates(check_list *list, const char *file,
                           tmpl_set **set)
{
    char *problems = NULL;
    char *err = NULL;

    if (tmpl_load_all(file, set, &problems, &err) != 0) {
        check_add(list, CHECK_ERROR, "%s", err);
        free(err);
    }
    for (char *p = problems, *nl; p; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        check_add(list, CHECK_ERROR, "%.*s",
                  nl ? (int)(nl - p) : (int)strlen(p), p);
    }
    free(problems);
    return 0;
}

/* templates "forskning": loads templates/<lang>/forskning.txt. */
static int l_templates(lua_State *L)
{
    lhost *h = lhost_self(L);
    const char *name = luaL_checkstring(L, 1);
    tmpl_set **set;
    char *dir;
    char *file;
    char *err = NULL;
    int rc;

    if (!h->templates_dir)
        return luaL_error(L, "templates \"%s\": call report{} first", name);
    if (!name_is_plain(name))
        return luaL_error(L, "templates \"%s\": not a plain file name", name);

    set = lua_newuserdatauv(L, sizeof *set, 1);
    *set = NULL;
    luaL_setmetatable(L, "nokkel.templates");
    dir = lhost_join(h->root, h->templates_dir);
    file = err_fmt("%s/%s.txt", dir, name);
    free(dir);
    lua_pushstring(L, file);
    lua_setiuservalue(L, -2, 1);            /* set; its file as user value */
    lhost_add_input(h, file);
    if (infile_check(h->root, file, &err) != 0)
        rc = -1;
    else
        rc = h->check ? check_templates(h->check, file, set) :
             tmpl_load(file, set, &err);
    free(file);
    if (rc != 0) {
        lua_pushstring(L, err);
        free(err);
        return lua_error(L);
    }
    return 1;
}

/* The fmt table: Norwegian formatting for scripts. Each takes a number
 * and an optional count of decimals. */
typedef char *(*fmt_fn)(double v, int decimals);

static char *f_tall(double v, int d) { return fmt_number(v, d, FMT_PROSE); }
static char *f_tabell(double v, int d) { return fmt_number(v, d, FMT_TABLE); }
static char *f_prosent(double v, int d) { return fmt_percent(v, d, FMT_PROSE); }
static char *f_prosent_tabell(double v, int d)
{
    return fmt_percent(v, d, FMT_TABLE);
}
static char *f_kroner(double v, int d) { return fmt_money(v, d); }
static char *f_aar(double v, int d) { (void)d; return fmt_year(v); }
static char *f_ord(double v, int d) { (void)d; return fmt_word(v, 0); }
static char *f_prosentord(double v, int d)
{
    (void)d;
    return fmt_percent_words(v);
}

/* Raises an argument error for argument arg, v printed with decimals
 * (kroner: its scaled value, see fmt_exact), when v is infinite or too
 * large to print digit for digit. */
static void check_exact(lua_State *L, int arg, double v, int decimals,
                        int kroner)
{
    if (isinf(v))
        luaL_argerror(L, arg, "infinite (a division by zero?)");
    if (!fmt_exact(kroner ? v / 1e9 : v, decimals))
        luaL_argerror(L, arg, lua_pushfstring(L, "%f is too large to print "
                      "digit for digit (at most fifteen digits%s)", v,
                      decimals > 0 ? ", decimals included" : ""));
}

/* fmt.tall(v, d) and the like: upvalue 1 is the fmt_fn. */
static int l_fmt(lua_State *L)
{
    fmt_fn fn = (fmt_fn)lua_touserdata(L, lua_upvalueindex(1));
    double v = luaL_checknumber(L, 1);
    lua_Integer d = luaL_optinteger(L, 2, 0);
    char *s;

    luaL_argcheck(L, d >= 0 && d <= 6, 2, "decimals from 0 to 6");
    check_exact(L, 1, v, (int)d, fn == f_kroner);
    s = fn(v, (int)d);
    lua_pushstring(L, s);
    free(s);
    return 1;
}

/* fmt.periode(from, to): "2007–2025". */
static int l_fmt_periode(lua_State *L)
{
    double from = luaL_checknumber(L, 1);
    double to = luaL_checknumber(L, 2);
    char *s;

    check_exact(L, 1, from, 1, 0);
    check_exact(L, 2, to, 1, 0);
    s = fmt_range(from, to);

    lua_pushstring(L, s);
    free(s);
    return 1;
}

static void open_fmt(lua_State *L)
{
    static const struct { const char *name; fmt_fn fn; } fns[] = {
        { "tall", f_tall },         { "tabell", f_tabell },
        { "prosent", f_prosent },   { "prosent_tabell", f_prosent_tabell },
        { "kroner", f_kroner },     { "aar", f_aar },
        { "ord", f_ord },           { "prosentord", f_prosentord },
    };

    lua_newtable(L);
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        /* Function pointers travel as light userdata; POSIX makes the
         * conversion safe. */
        lua_pushlightuserdata(L, (void *)fns[i].fn);
        lua_pushcclosure(L, l_fmt, 1);
        lua_setfield(L, -2, fns[i].name);
    }
    lua_pushcfunction(L, l_fmt_periode);
    lua_setfield(L, -2, "periode");
}

/* Copies the named fields of the table at index from into the table on
 * top of the stack. */
static void copy_fields(lua_State *L, int from, const char *const *names)
{
    for (; *names; names++) {
        lua_getfield(L, from, *names);
        lua_setfield(L, -2, *names);
    }
}

/* Copies a standard library into env (on top), leaving out the named
 * members. */
static void copy_lib(lua_State *L, const char *lib, const char *const *drop)
{
    lua_getglobal(L, lib);                  /* env lib */
    lua_newtable(L);                        /* env lib copy */
    lua_pushnil(L);
    while (lua_next(L, -3) != 0) {          /* env lib copy key value */
        int keep = 1;

        for (const char *const *d = drop; d && *d; d++)
            keep &= !(lua_type(L, -2) == LUA_TSTRING &&
                      strcmp(lua_tostring(L, -2), *d) == 0);
        if (keep) {
            lua_pushvalue(L, -2);
            lua_pushvalue(L, -2);
            lua_rawset(L, -5);
        }
        lua_pop(L, 1);                      /* env lib copy key */
    }
    lua_remove(L, -2);                      /* env copy */
    lua_setfield(L, -2, lib);               /* env */
}

/*
 * setmetatable without finalizers: Lua runs __gc with hooks off, so an
 * endless loop there could not be stopped, and at lua_close it would run
 * after the build. An object is finalized only when its metatable has
 * __gc as setmetatable is called, so refusing it here is enough.
 */
static int l_setmetatable(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_istable(L, 2)) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)   /* t mt gc */
            return luaL_error(L, "setmetatable: __gc is not allowed in "
                              "report scripts");
        lua_pop(L, 1);                      /* t mt */
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);                       /* setmetatable t mt */
    lua_call(L, 2, 1);
    return 1;
}

/* getmetatable for tables only: the shared string metatable stays out
 * of reach. */
static int l_getmetatable(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TTABLE || !lua_getmetatable(L, 1))
        return 0;
    lua_getfield(L, -1, "__metatable");
    return lua_isnil(L, -1) ? (lua_pop(L, 1), 1) : 1;
}

/* print(...): a line on stderr, for editors following a script. */
static int l_print(lua_State *L)
{
    int n = lua_gettop(L);

    fputs("nokkel: lua:", stderr);
    for (int i = 1; i <= n; i++) {
        fputc(' ', stderr);
        fputs(luaL_tolstring(L, i, NULL), stderr);
        lua_pop(L, 1);
    }
    fputc('\n', stderr);
    return 0;
}

/* Adds an element constructor called name for kind to the table on top. */
static void add_element(lua_State *L, const char *name, const char *kind,
                        lua_CFunction fn)
{
    lua_pushstring(L, kind);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, name);
}

/* Adds the report vocabulary to the table on top of the stack. */
static void open_vocabulary(lua_State *L)
{
    static const char *const elements[] = {
        "chapter", "section", "list", "sidebar", "figure", NULL
    };

    for (const char *const *e = elements; *e; e++)
        add_element(L, *e, *e, l_element);
    add_element(L, "para", "para", l_para);
    add_element(L, "xref", "xref", l_inline);
    add_element(L, "emphasis", "emphasis", l_inline);
    add_element(L, "line", "line", l_element);
    add_element(L, "bar", "bar", l_element);
    add_element(L, "pie", "pie", l_element);
    add_element(L, "donut", "donut", l_element);

    lua_pushcfunction(L, l_report);
    lua_setfield(L, -2, "report");
    lua_pushcfunction(L, l_plugin);
    lua_setfield(L, -2, "plugin");
    lua_pushcfunction(L, l_indicator);
    lua_setfield(L, -2, "indicator");
    lua_pushcfunction(L, l_templates);
    lua_setfield(L, -2, "templates");
    lua_pushcfunction(L, l_require);
    lua_setfield(L, -2, "require");
    open_fmt(L);
    lua_setfield(L, -2, "fmt");

    /* table{...} makes a table element; table.insert and friends stay. */
    lua_getfield(L, -1, "table");           /* env tablelib */
    lua_createtable(L, 0, 1);
    lua_pushstring(L, "table");
    lua_pushcclosure(L, l_element, 1);
    lua_pushcclosure(L, lhost_call_shim, 1);
    lua_setfield(L, -2, "__call");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);                          /* env */
}

/* __call of the table library: drops the library argument. */
int lhost_call_shim(lua_State *L)
{
    lua_remove(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* __index of params: the build parameter key, marked as read. */
static int l_params_index(lua_State *L)
{
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    plg_mark_global(lhost_self(L)->plugins, lua_tostring(L, 2));
    lua_rawget(L, lua_upvalueindex(1));
    return 1;
}

/* __pairs of params: walks the parameters, which marks them all read. */
static int l_params_pairs(lua_State *L)
{
    size_t n;
    lhost *h = lhost_self(L);
    const plg_param *params = plg_globals(h->plugins, &n);

    for (size_t i = 0; i < n; i++)
        plg_mark_global(h->plugins, params[i].name);
    lua_getglobal(L, "next");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    return 3;
}

static int l_params_newindex(lua_State *L)
{
    return luaL_error(L, "params is read-only: give parameters on the "
                      "command line, --set name=value");
}

/*
 * Adds params to the table on top of the stack: an empty table whose
 * metatable reads the build parameters (--set), as strings, and refuses
 * writes. Reads are counted, so a parameter nothing reads is found.
 */
static void open_params(lua_State *L, lhost *h)
{
    static const luaL_Reg meta[] = {
        { "__index", l_params_index },
        { "__pairs", l_params_pairs },
        { "__newindex", l_params_newindex },
        { NULL, NULL },
    };
    size_t n;
    const plg_param *params = plg_globals(h->plugins, &n);

    lua_newtable(L);                        /* env params */
    lua_createtable(L, 0, 4);               /* env params mt */
    lua_createtable(L, 0, (int)n);          /* env params mt values */
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, params[i].value);
        lua_setfield(L, -2, params[i].name);
    }
    luaL_setfuncs(L, meta, 1);              /* env params mt */
    lua_pushliteral(L, "params");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "params");          /* env */
}

/* Builds the sandbox environment and keeps it in the registry. */
static void open_sandbox(lua_State *L)
{
    static const char *const base[] = {
        "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal",
        "rawget", "rawlen", "rawset", "select", "tonumber",
        "tostring", "type", "xpcall", "_VERSION", NULL
    };
    static const char *const no_dump[] = { "dump", NULL };
    static const char *const no_random[] = { "random", "randomseed", NULL };

    luaL_openlibs(L);
    lua_pushglobaltable(L);
    lua_newtable(L);                        /* G env */
    copy_fields(L, -2, base);
    lua_remove(L, -2);                      /* env */
    lua_pushcfunction(L, l_getmetatable);
    lua_setfield(L, -2, "getmetatable");
    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, l_setmetatable, 1);
    lua_setfield(L, -2, "setmetatable");
    lua_pushcfunction(L, l_print);
    lua_setfield(L, -2, "print");
    copy_lib(L, "string", no_dump);
    copy_lib(L, "table", NULL);
    copy_lib(L, "math", no_random);
    copy_lib(L, "utf8", NULL);
    open_vocabulary(L);
    open_params(L, lhost_self(L));

    /* Methods on strings ("x"):upper() use the sandbox's string table. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);                /* env "" mt */
    lua_getfield(L, -3, "string");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 2);                          /* env */

    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.env");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.loaded");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "nokkel.running");

    luaL_newmetatable(L, "nokkel.templates");
    lua_pushcfunction(L, l_template_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_template_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
}

/* Returns the time limit in seconds: NOKKEL_TIME_LIMIT when it is a
 * whole number from 1 to a day, else TIME_LIMIT. */
static int time_limit(void)
{
    const char *env = getenv("NOKKEL_TIME_LIMIT");
    char *end;
    long v;

    if (!env || !*env)
        return TIME_LIMIT;
    v = strtol(env, &end, 10);
    if (*end || v < 1 || v > 86400) {
        log_warn("NOKKEL_TIME_LIMIT=%s is not a number of seconds from 1 "
                 "to 86400; using %d", env, TIME_LIMIT);
        return TIME_LIMIT;
    }
    return (int)v;
}

lhost *lhost_new(const char *path, plg_host *plugins)
{
    lhost *h = xcalloc(1, sizeof *h);

    h->time_limit = time_limit();
    h->step_limit = STEP_LIMIT;
    if (h->time_limit > TIME_LIMIT)
        h->step_limit = STEP_LIMIT * h->time_limit / TIME_LIMIT;
    h->script = clean_path(path);
    h->scripts_dir = dir_of(h->script);
    h->root = parent_of(h->scripts_dir);
    h->plugins = plugins;
    return h;
}

/* Gets the host ready for a new run. The data set stays open. */
static void reset(lhost *h)
{
    if (h->L)
        lua_close(h->L);
    h->L = NULL;
    h->reported = 0;
    free(h->templates_dir);
    h->templates_dir = NULL;
    h->steps = 0;
    h->halted = h->halt_told = 0;
    h->build_where[0] = '\0';
    h->started = log_now();
    for (size_t i = 0; i < h->ninputs; i++)
        free(h->inputs[i]);
    free(h->inputs);
    h->inputs = NULL;
    h->ninputs = 0;
}

void lhost_free(lhost *h)
{
    if (!h)
        return;
    reset(h);
    plg_set_data(h->plugins, NULL);
    data_free(h->data);
    free(h->script);
    free(h->scripts_dir);
    free(h->root);
    free(h);
}

/* Runs the report script; leaves the report table on the stack. */
static int run_script(lua_State *L, lhost *h, char **err)
{
    int env;

    lua_getfield(L, LUA_REGISTRYINDEX, "nokkel.env");
    env = lua_gettop(L);
    lhost_add_input(h, h->script);
    enter_script(L, h->script);
    if (load_text(L, h->script) != LUA_OK) {
        *err = xstrdup(lua_tostring(L, -1));
        lua_pop(L, 2);
        return -1;
    }
    lua_pushvalue(L, env);
    lua_setupvalue(L, -2, 1);               /* env chunk */
    lua_remove(L, env);
    if (lhost_pcall(L, 0, 1, err) != 0)
        return -1;
    if (!lua_istable(L, -1) || !h->reported) {
        lua_pop(L, 1);
        *err = err_fmt("%s: the script must call report{...} and return "
                       "its table", h->script);
        return -1;
    }
    return 0;
}

/* Runs the script and builds the report; see lhost_run. */
static int run_report(lhost *h, lhost_report *rep, char **err)
{
    lua_State *L;
    int rc;

    reset(h);
    memset(rep, 0, sizeof *rep);
    L = h->L = lua_newstate(l_alloc, h);
    if (!L)
        return err_set(err, "cannot create a Lua state");
    lua_sethook(L, l_hook, LUA_MASKCOUNT, STEP_CHUNK);
    open_sandbox(L);

    if (run_script(L, h, err) != 0) {
        if (h->halt_told) {
            free(*err);
            *err = NULL;
        }
        return -1;
    }
    if (h->check) {
        lua_pushcfunction(L, lhost_check_walk);
        lua_pushvalue(L, -2);               /* report walk report */
        if (lhost_pcall(L, 1, 0, err) != 0)
            return -1;
    }
    lua_pushcfunction(L, lrep_build);
    lua_insert(L, -2);
    lua_pushlightuserdata(L, rep);          /* build report rep */
    rc = lhost_pcall(L, 2, 0, err);
    if (rc != 0)
        lhost_report_clear(rep);
    return rc;
}

int lhost_run(lhost *h, lhost_report *rep, char **err)
{
    int rc;

    watch_run(h);
    rc = run_report(h, rep, err);
    watch_run(NULL);
    return rc;
}

void lhost_set_check(lhost *h, check_list *list)
{
    h->check = list;
}

const char *lhost_root(const lhost *h)
{
    return h->root;
}

data_set *lhost_data(const lhost *h)
{
    return h->reported ? h->data : NULL;
}

const char *const *lhost_inputs(const lhost *h, size_t *n)
{
    *n = h->ninputs;
    return (const char *const *)h->inputs;
}
