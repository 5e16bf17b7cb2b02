/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <dlfcn.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "err.h"
#include "log.h"
#include "plg.h"

typedef struct plg_lib {
    void *handle;
    char *path;
    const nk_plugin *desc;
} plg_lib;

/* A computed result, with the stamps its input tables had (in the
 * order of the indicator's inputs). */
typedef struct plg_cached {
    char *key;
    struct nk_result *res;
    unsigned long *stamps;
    size_t nstamps;
} plg_cached;

struct plg_host {
    char *path;
    data_set *data;
    plg_lib *libs;
    size_t nlibs;
    plg_cached *cache;
    size_t ncache;
    plg_param *globals;     /* names and values owned */
    int *globals_used;
    size_t nglobals;
    char **asked;           /* names asked for that no --set gives */
    size_t nasked;
    unsigned long computed;
    unsigned long reused;
    double compute_ms;
    int shared;             /* the last failed compute's message is not
                               the indicator's own (see plg.h) */
};

/* One computation; lives on plg_compute's stack. */
struct nk_call {
    plg_host *host;
    const nk_plugin *plugin;
    const nk_indicator *ind;
    const plg_param *params;
    size_t nparams;
    unsigned char *read;    /* per parameter: the indicator asked for it */
    const char **asked;     /* the names it asked for, given or not */
    size_t nasked;
    struct nk_result *res;
    char *err;
    int shared;             /* err is a data file's, not the indicator's */
};

/* The smallest descriptor sizes a plugin of ABI 1.0 may declare. */
#define PLUGIN_SIZE_1_0 (offsetof(nk_plugin, indicators) + sizeof(void *))
#define INDICATOR_SIZE_1_0 (offsetof(nk_indicator, compute) + sizeof(void *))

plg_host *plg_new(const char *path)
{
    plg_host *host = xcalloc(1, sizeof *host);

    host->path = xstrdup(path ? path : "");
    return host;
}

static void result_free(struct nk_result *res)
{
    if (!res)
        return;
    tbl_free(res->table);
    for (size_t i = 0; i < res->nvalues; i++)
        free(res->values[i].name);
    for (size_t i = 0; i < res->ndenominators; i++)
        free(res->denominators[i].name);
    free(res->values);
    free(res->denominators);
    free(res->unit);
    free(res->source);
    free(res->misuse);
    free(res);
}

static void free_globals(plg_host *host)
{
    for (size_t i = 0; i < host->nglobals; i++) {
        free((char *)host->globals[i].name);
        free((char *)host->globals[i].value);
    }
    for (size_t i = 0; i < host->nasked; i++)
        free(host->asked[i]);
    free(host->globals);
    free(host->globals_used);
    free(host->asked);
    host->globals = NULL;
    host->globals_used = NULL;
    host->asked = NULL;
    host->nglobals = 0;
    host->nasked = 0;
}

void plg_free(plg_host *host)
{
    if (!host)
        return;

    for (size_t i = 0; i < host->ncache; i++) {
        free(host->cache[i].key);
        free(host->cache[i].stamps);
        result_free(host->cache[i].res);
    }
    free(host->cache);
    free_globals(host);

    for (size_t i = host->nlibs; i-- > 0;) {
        dlclose(host->libs[i].handle);
        free(host->libs[i].path);
    }
    free(host->libs);
    free(host->path);
    free(host);
}

void plg_set_data(plg_host *host, data_set *data)
{
    host->data = data;
}

/* Returns the folder of the running nokkel binary, or NULL when the
 * system does not say. Caller frees. */
static char *exe_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    char *slash;

    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    return err_fmt("%.*s", (int)(slash - buf), buf);
}

/* Returns the plugin folder that belongs to the running binary: the
 * build's when it runs from the build folder, else the installed one
 * relative to it. Caller frees. */
static char *own_plugin_dir(void)
{
    char *dir = exe_dir();
    char *build = realpath(NOKKEL_BUILD_DIR, NULL);
    int in_build = dir && build && strcmp(dir, build) == 0;
    char *own;

    free(build);
    if (!dir)
        return xstrdup(NOKKEL_BUILD_PLUGIN_DIR);
    if (in_build) {
        own = xstrdup(NOKKEL_BUILD_PLUGIN_DIR);
    } else {
        char *rel = err_fmt("%s/%s", dir, NOKKEL_INSTALL_PLUGIN_RELDIR);

        own = realpath(rel, NULL);
        own = own ? own : xstrdup(rel);
        free(rel);
    }
    free(dir);
    return own;
}

char *plg_default_path(void)
{
    const char *env = getenv("NOKKEL_PLUGIN_PATH");
    char *own = own_plugin_dir();
    char *path;

    if (env && *env)
        path = err_fmt("%s:%s", env, own);
    else
        path = xstrdup(own);
    free(own);
    return path;
}

void plg_set_globals(plg_host *host, const plg_param *params, size_t n)
{
    free_globals(host);
    host->globals = xcalloc(n ? n : 1, sizeof *host->globals);
    host->globals_used = xcalloc(n ? n : 1, sizeof *host->globals_used);
    for (size_t i = 0; i < n; i++) {
        host->globals[i].name = xstrdup(params[i].name);
        host->globals[i].value = xstrdup(params[i].value);
    }
    host->nglobals = n;
}

const plg_param *plg_globals(const plg_host *host, size_t *n)
{
    *n = host->nglobals;
    return host->globals;
}

/* Returns the build parameter called name and marks it read, or NULL
 * after noting the name for plg_global_hint. */
static const char *read_global(plg_host *host, const char *name)
{
    for (size_t i = 0; i < host->nglobals; i++) {
        if (strcmp(host->globals[i].name, name) == 0) {
            host->globals_used[i] = 1;
            return host->globals[i].value;
        }
    }
    for (size_t i = 0; i < host->nasked; i++) {
        if (strcmp(host->asked[i], name) == 0)
            return NULL;
    }
    host->asked = xrealloc(host->asked,
                           (host->nasked + 1) * sizeof *host->asked);
    host->asked[host->nasked++] = xstrdup(name);
    return NULL;
}

char *plg_global_hint(const plg_host *host, const char *name)
{
    return check_hint(name, (const char *const *)host->asked, host->nasked);
}

void plg_mark_global(plg_host *host, const char *name)
{
    read_global(host, name);
}

int plg_global_used(const plg_host *host, size_t i)
{
    return host->globals_used[i];
}

size_t plg_count(const plg_host *host)
{
    return host->nlibs;
}

const nk_plugin *plg_plugin(const plg_host *host, size_t i)
{
    return host->libs[i].desc;
}

const char *plg_file(const plg_host *host, size_t i)
{
    return host->libs[i].path;
}

int plg_message_is_param(const char *msg)
{
    return strncmp(msg, "--set ", 6) == 0;
}

int plg_error_shared(const plg_host *host)
{
    return host->shared;
}

double plg_compute_ms(const plg_host *host)
{
    return host->compute_ms;
}

void plg_stats(const plg_host *host, unsigned long *computed,
               unsigned long *reused)
{
    *computed = host->computed;
    *reused = host->reused;
}

const nk_indicator *plg_find(const plg_host *host, const char *name,
                             const nk_plugin **plugin)
{
    for (size_t i = 0; i < host->nlibs; i++) {
        const nk_plugin *desc = host->libs[i].desc;

        for (const nk_indicator *ind = desc->indicators; ind->name; ind++) {
            if (strcmp(ind->name, name) == 0) {
                if (plugin)
                    *plugin = desc;
                return ind;
            }
        }
    }
    return NULL;
}

/* Checks one indicator entry of a descriptor. */
static int check_indicator(const plg_host *host, const char *path,
                           const nk_indicator *ind, char **err)
{
    const nk_plugin *other;

    if (ind->size < INDICATOR_SIZE_1_0)
        return err_set(err, "%s: indicator \"%s\" has size %u, ABI 1.0 "
                       "needs at least %zu", path, ind->name,
                       (unsigned)ind->size, INDICATOR_SIZE_1_0);
    if (!ind->compute || !ind->inputs)
        return err_set(err, "%s: indicator \"%s\" has no compute function "
                       "or no inputs list", path, ind->name);
    if (plg_find(host, ind->name, &other))
        return err_set(err, "%s: indicator \"%s\" is already provided by "
                       "plugin \"%s\"", path, ind->name, other->name);
    return 0;
}

/*
 * Checks a descriptor before anything else of the plugin runs: ABI major
 * equal, minor not newer than ours, sizes, required fields.
 */
static int check_desc(const plg_host *host, const char *path,
                      const nk_plugin *desc, char **err)
{
    if (!desc)
        return err_set(err, "%s: %s returned no descriptor", path,
                       NK_PLUGIN_SYMBOL);
    if (desc->abi_major != NK_ABI_MAJOR || desc->abi_minor > NK_ABI_MINOR)
        return err_set(err, "%s: plugin ABI %u.%u does not fit this nokkel "
                       "(ABI %d.%d); rebuild the plugin against this "
                       "nokkel's plugin.h", path, (unsigned)desc->abi_major,
                       (unsigned)desc->abi_minor, NK_ABI_MAJOR, NK_ABI_MINOR);
    if (desc->size < PLUGIN_SIZE_1_0)
        return err_set(err, "%s: descriptor size %u is smaller than ABI "
                       "1.0's %zu", path, (unsigned)desc->size,
                       PLUGIN_SIZE_1_0);
    if (!desc->name || !*desc->name || !desc->version || !desc->indicators)
        return err_set(err, "%s: descriptor lacks a name, a version or "
                       "the indicators list", path);

    for (const nk_indicator *ind = desc->indicators; ind->name; ind++) {
        if (check_indicator(host, path, ind, err) != 0)
            return -1;
    }
    return 0;
}

const nk_plugin *plg_load_file(plg_host *host, const char *path, char **err)
{
    void *handle;
    void *sym;
    nk_describe_fn describe;
    const nk_plugin *desc;

    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        err_set(err, "%s: cannot load plugin: %s", path, dlerror());
        return NULL;
    }
    sym = dlsym(handle, NK_PLUGIN_SYMBOL);
    if (!sym) {
        err_set(err, "%s: not a nokkel plugin: it does not export %s", path,
                NK_PLUGIN_SYMBOL);
        dlclose(handle);
        return NULL;
    }

    /* ISO C has no conversion from object to function pointer; POSIX
     * guarantees dlsym results can be converted this way. */
    memcpy(&describe, &sym, sizeof describe);
    desc = describe();
    if (check_desc(host, path, desc, err) != 0) {
        dlclose(handle);
        return NULL;
    }

    host->libs = xrealloc(host->libs, (host->nlibs + 1) * sizeof *host->libs);
    host->libs[host->nlibs].handle = handle;
    host->libs[host->nlibs].path = xstrdup(path);
    host->libs[host->nlibs].desc = desc;
    host->nlibs++;
    log_note("loaded plugin %s %s from %s", desc->name, desc->version, path);
    return desc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the plugin names of one folder (files "<plain name>.so") to
 * names, skipping those already there. */
static void scan_dir(const char *dir, char ***names, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        char *name;
        int seen = 0;

        if (len <= 3 || strcmp(e->d_name + len - 3, ".so") != 0)
            continue;
        name = err_fmt("%.*s", (int)(len - 3), e->d_name);
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strcmp((*names)[i], name) == 0;
        if (seen || !name_is_plain(name)) {
            free(name);
            continue;
        }
        *names = xrealloc(*names, (*n + 1) * sizeof **names);
        (*names)[(*n)++] = name;
    }
    closedir(d);
}

char **plg_scan(const plg_host *host, size_t *n)
{
    char **names = NULL;
    const char *p = host->path;

    *n = 0;
    while (*p) {
        size_t len = strcspn(p, ":");
        char *dir = err_fmt("%.*s", (int)len, p);

        if (len > 0)
            scan_dir(dir, &names, n);
        free(dir);
        p += len;
        if (*p == ':')
            p++;
    }
    if (*n > 0)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

/* Returns the first "<dir>/<name>.so" of the search path that exists,
 * or NULL. Caller frees. */
static char *search(const plg_host *host, const char *name)
{
    const char *p = host->path;

    while (*p) {
        size_t len = strcspn(p, ":");
        char *file;

        if (len > 0) {
            file = err_fmt("%.*s/%s.so", (int)len, p, name);
            if (access(file, F_OK) == 0)
                return file;
            free(file);
        }
        p += len;
        if (*p == ':')
            p++;
    }
    return NULL;
}

const nk_plugin *plg_load(plg_host *host, const char *name, char **err)
{
    const nk_plugin *desc;
    char *file;

    for (size_t i = 0; i < host->nlibs; i++) {
        if (strcmp(host->libs[i].desc->name, name) == 0)
            return host->libs[i].desc;
    }
    if (!name_is_plain(name)) {
        err_set(err, "plugin name \"%s\" must be lowercase letters, digits "
                "and _", name);
        return NULL;
    }

    file = search(host, name);
    if (!file) {
        err_set(err, "no plugin \"%s\": no %s.so in the plugin path %s "
                "(set NOKKEL_PLUGIN_PATH to add folders)", name, name,
                host->path);
        return NULL;
    }
    desc = plg_load_file(host, file, err);
    if (desc && strcmp(desc->name, name) != 0) {
        err_set(err, "%s: the file calls its plugin \"%s\", not \"%s\"",
                file, desc->name, name);
        desc = NULL;
    }
    free(file);
    return desc;
}

const plg_value *plg_value_find(const struct nk_result *res,
                                const char *name)
{
    for (size_t i = 0; i < res->nvalues; i++) {
        if (strcmp(res->values[i].name, name) == 0)
            return &res->values[i];
    }
    return NULL;
}

/* Records the call's first error; later ones add nothing. */
static void call_error(nk_call *call, char *msg)
{
    if (call->err)
        free(msg);
    else
        call->err = msg;
}

/* Returns 1 when the indicator declared column of table as an input. */
static int declared(const nk_call *call, const char *table, const char *col)
{
    for (const nk_input *in = call->ind->inputs; in->table; in++) {
        if (strcmp(in->table, table) != 0)
            continue;
        if (!col)
            return 1;
        for (const char *const *c = in->columns; c && *c; c++) {
            if (strcmp(*c, col) == 0)
                return 1;
        }
    }
    return 0;
}

/* Returns an input table the indicator declared, or NULL with the
 * reason recorded. */
static const tbl *input(nk_call *call, const char *table, const char *col)
{
    char *err = NULL;
    const tbl *t;

    if (!table) {
        call_error(call, xstrdup("reads a table without naming it (the "
                                 "table's name is NULL)"));
        return NULL;
    }
    if (!declared(call, table, col)) {
        call_error(call, err_fmt("reads %s%s%s, which it does not declare "
                                 "among its inputs", table, col ? "." : "",
                                 col ? col : ""));
        return NULL;
    }
    t = data_table(call->host->data, table, &err);
    if (!t) {
        /* Only a first error: a later read of the same bad file must not
         * take back that the message is the file's. */
        if (!call->err)
            call->shared = 1;
        call_error(call, err);
    }
    return t;
}

static long host_rows(nk_call *call, const char *table)
{
    const tbl *t = input(call, table, NULL);

    return t ? (long)t->nrows : -1;
}

/* Returns the input column, of type type, or NULL with the reason
 * recorded; *tp, when asked for, gets its table. The column is the data
 * set's; only its codes are made through it. */
static tbl_column *input_column(nk_call *call, const char *table,
                                const char *column, tbl_type type,
                                const tbl **tp)
{
    const tbl *t;
    tbl_column *col;

    if (!column) {
        call_error(call, err_fmt("reads a column of %s without naming it "
                                 "(the column's name is NULL)",
                                 table ? table : "a table"));
        return NULL;
    }
    t = input(call, table, column);
    if (!t)
        return NULL;
    col = tbl_find(t, column);
    if (!col || col->type != type) {
        call_error(call, err_fmt("column %s.%s is not %s", table, column,
                                 type == TBL_NUMBER ? "numeric" : "text"));
        return NULL;
    }
    if (tp)
        *tp = t;
    return col;
}

static const double *host_numbers(nk_call *call, const char *table,
                                  const char *column)
{
    const tbl_column *col = input_column(call, table, column, TBL_NUMBER,
                                         NULL);

    return col ? col->num : NULL;
}

static const char *const *host_texts(nk_call *call, const char *table,
                                     const char *column)
{
    const tbl_column *col = input_column(call, table, column, TBL_TEXT,
                                         NULL);

    return col ? (const char *const *)col->text : NULL;
}

static const int *host_text_codes(nk_call *call, const char *table,
                                  const char *column,
                                  const char *const **distinct,
                                  long *ndistinct)
{
    const tbl *t;
    tbl_column *col = input_column(call, table, column, TBL_TEXT, &t);

    if (!col)
        return NULL;
    tbl_codes(col, t->nrows);
    if (distinct)
        *distinct = col->distinct;
    if (ndistinct)
        *ndistinct = col->ndistinct;
    return col->codes;
}

static long host_line(nk_call *call, const char *table, long row)
{
    const tbl *t = input(call, table, NULL);

    if (!t || row < 0 || (size_t)row >= t->nrows || !t->lines)
        return -1;
    return t->lines[row];
}

/* The script's own parameters of the call come first, then the build's
 * (--set). */
static const char *host_param(nk_call *call, const char *name)
{
    size_t k = 0;

    if (!name)
        return NULL;
    while (k < call->nasked && strcmp(call->asked[k], name) != 0)
        k++;
    if (k == call->nasked) {
        call->asked = xrealloc(call->asked,
                               (k + 1) * sizeof *call->asked);
        call->asked[call->nasked++] = name;
    }
    for (size_t i = 0; i < call->nparams; i++) {
        if (strcmp(call->params[i].name, name) == 0) {
            call->read[i] = 1;
            return call->params[i].value;
        }
    }
    return read_global(call->host, name);
}

/* Records an error for the first parameter the script gave that the
 * indicator never asked for: most likely a misspelt name, which would
 * otherwise change the result in silence. */
static void check_params_read(nk_call *call)
{
    for (size_t i = 0; i < call->nparams && !call->err; i++) {
        char *hint, *names;

        if (call->read[i])
            continue;
        hint = check_hint(call->params[i].name, call->asked, call->nasked);
        names = xstrdup("");
        for (size_t k = 0; k < call->nasked; k++) {
            char *more = err_fmt("%s%s%s", names, k ? ", " : "",
                                 call->asked[k]);

            free(names);
            names = more;
        }
        call_error(call, err_fmt("has no parameter \"%s\"%s; it reads %s%s",
                                 call->params[i].name, hint,
                                 call->nasked ? "" : "none", names));
        free(names);
        free(hint);
    }
}

static nk_result *host_result(nk_call *call, long nrows)
{
    if (call->res) {
        call_error(call, xstrdup("asked for a second result"));
        return NULL;
    }
    if (nrows < 0) {
        call_error(call, err_fmt("asked for a result of %ld rows", nrows));
        return NULL;
    }
    call->res = xcalloc(1, sizeof *call->res);
    call->res->table = tbl_new(call->ind->name, (size_t)nrows);
    return call->res;
}

/* Records the first misuse of a result's functions; returns -1. */
static int misuse(nk_result *res, char *msg)
{
    if (res->misuse)
        free(msg);
    else
        res->misuse = msg;
    return -1;
}

/* Adds a column to a result unless the name is taken or the values are
 * missing; either is recorded as a misuse. */
static tbl_column *result_column(nk_result *res, const char *column,
                                 tbl_type type, const void *values)
{
    char *wrong = NULL;

    if (!res)
        return NULL;
    if (!column || !*column)
        wrong = xstrdup("adds a column without a name");
    else if (tbl_find(res->table, column))
        wrong = err_fmt("adds column %s twice", column);
    else if (!values)
        wrong = err_fmt("adds column %s without values", column);
    if (wrong) {
        misuse(res, wrong);
        return NULL;
    }
    return tbl_add(res->table, column, type);
}

static int host_add_numbers(nk_result *res, const char *column,
                            const double *values)
{
    tbl_column *col = result_column(res, column, TBL_NUMBER, values);

    if (!col)
        return -1;
    memcpy(col->num, values, res->table->nrows * sizeof *values);
    return 0;
}

static int host_add_texts(nk_result *res, const char *column,
                          const char *const *values)
{
    tbl_column *col = result_column(res, column, TBL_TEXT, values);

    if (!col)
        return -1;
    for (size_t r = 0; r < res->table->nrows; r++)
        col->text[r] = values[r] ? tbl_strings_add(&res->table->strings,
                                                   values[r],
                                                   strlen(values[r]))
                                 : NULL;
    return 0;
}

/* Sets name to value in a list of named values, replacing an old one. */
static int set_named(plg_value **list, size_t *n, const char *name,
                     double value)
{
    if (!name || !*name)
        return -1;
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*list)[i].name, name) == 0) {
            (*list)[i].value = value;
            return 0;
        }
    }
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[*n].name = xstrdup(name);
    (*list)[*n].value = value;
    (*n)++;
    return 0;
}

static int host_set_value(nk_result *res, const char *name, double value)
{
    return res ? set_named(&res->values, &res->nvalues, name, value) : -1;
}

static int host_set_denominator(nk_result *res, const char *column,
                                double denominator)
{
    if (!res)
        return -1;
    return set_named(&res->denominators, &res->ndenominators, column,
                     denominator);
}

static int set_string(char **field, const char *value)
{
    if (!value)
        return -1;
    free(*field);
    *field = xstrdup(value);
    return 0;
}

static int host_set_unit(nk_result *res, const char *unit)
{
    return res ? set_string(&res->unit, unit) : -1;
}

static int host_set_source(nk_result *res, const char *source)
{
    return res ? set_string(&res->source, source) : -1;
}

/* The line a message about table at row is located at: the row's, or
 * for row -1 (the table as a whole: "too few rows") its last row's, or
 * the header's when it has none. -1 when the table is not at hand. */
static long fail_line(nk_call *call, const char *table, long row)
{
    const tbl *t;

    if (!table || row >= 0)
        return table ? host_line(call, table, row) : -1;
    t = data_table(call->host->data, table, NULL);
    if (!t || !declared(call, table, NULL))
        return -1;
    return t->nrows > 0 && t->lines ? t->lines[t->nrows - 1] : 1;
}

/* Returns the field number in the file of the column of t that msg
 * starts with ("kvinner: value is missing"), or 0 when it names none. */
static int message_field(const tbl *t, const char *msg)
{
    size_t len = strcspn(msg, ":");

    for (size_t k = 0; msg[len] == ':' && k < t->ncols; k++) {
        if (strlen(t->cols[k].name) == len &&
            strncmp(t->cols[k].name, msg, len) == 0)
            return t->cols[k].field;
    }
    return 0;
}

static int host_fail(nk_call *call, const char *table, long row,
                     const char *fmt, ...)
{
    va_list ap;
    char *msg;
    long line = fail_line(call, table, row);

    va_start(ap, fmt);
    msg = err_vfmt(fmt, ap);
    va_end(ap);

    if (line > 0) {
        const tbl *t = data_table(call->host->data, table, NULL);
        int field = message_field(t, msg);

        call_error(call, field > 0 ?
                   err_fmt("%s:%ld:%d: %s", t->path, line, field, msg) :
                   err_fmt("%s:%ld: %s", t->path, line, msg));
        free(msg);
    } else {
        call_error(call, msg);
    }
    return -1;
}

static void host_log(nk_call *call, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (!log_verbose)
        return;
    va_start(ap, fmt);
    msg = err_vfmt(fmt, ap);
    va_end(ap);
    log_note("%s: %s", call->ind->name, msg);
    free(msg);
}

static const nk_host host_api = {
    .size = sizeof(nk_host),
    .abi_major = NK_ABI_MAJOR,
    .abi_minor = NK_ABI_MINOR,
    .rows = host_rows,
    .numbers = host_numbers,
    .texts = host_texts,
    .line = host_line,
    .param = host_param,
    .result = host_result,
    .add_numbers = host_add_numbers,
    .add_texts = host_add_texts,
    .set_value = host_set_value,
    .set_denominator = host_set_denominator,
    .set_unit = host_set_unit,
    .set_source = host_set_source,
    .fail = host_fail,
    .log = host_log,
    .text_codes = host_text_codes,
};

/* Checks before compute that the schema has every declared input. */
static int check_inputs(const plg_host *host, const nk_indicator *ind,
                        char **err)
{
    for (const nk_input *in = ind->inputs; in->table; in++) {
        if (data_has_column(host->data, in->table, NULL) < 0)
            return err_set(err, "needs table \"%s\", which the schema in %s "
                           "does not declare", in->table,
                           data_dir(host->data));
        for (const char *const *c = in->columns; c && *c; c++) {
            if (data_has_column(host->data, in->table, *c) != 1)
                return err_set(err, "needs column \"%s\" of table \"%s\", "
                               "which the schema in %s does not declare", *c,
                               in->table, data_dir(host->data));
        }
    }
    return 0;
}

/* Appends "\x1fname=value" for each parameter to *key, in name order
 * so the order a script lists them in does not matter. */
static void key_params(char **key, const plg_param *params, size_t n)
{
    const char *last = NULL;

    for (size_t done = 0; done < n; done++) {
        const plg_param *next = NULL;
        char *longer;

        for (size_t i = 0; i < n; i++) {
            if ((!last || strcmp(params[i].name, last) > 0) &&
                (!next || strcmp(params[i].name, next->name) < 0))
                next = &params[i];
        }
        if (!next)
            break;
        longer = err_fmt("%s\x1f%s=%s", *key, next->name, next->value);
        free(*key);
        *key = longer;
        last = next->name;
    }
}

/* Builds the cache key of a call: the indicator's name, its own
 * parameters, then "\x1e" and the build's parameters. */
static char *cache_key(const plg_host *host, const char *name,
                       const plg_param *params, size_t nparams)
{
    char *key = xstrdup(name);
    char *longer;

    key_params(&key, params, nparams);
    longer = err_fmt("%s\x1e", key);
    free(key);
    key = longer;
    key_params(&key, host->globals, host->nglobals);
    return key;
}

/*
 * Fills stamps (one per input of ind, at most n) with the current
 * stamps of its input tables. Returns the count, or -1 when a table
 * cannot be read (the computation will then say why).
 */
static long input_stamps(plg_host *host, const nk_indicator *ind,
                         unsigned long *stamps, size_t n)
{
    size_t i = 0;

    for (const nk_input *in = ind->inputs; in->table && i < n; in++) {
        char *err = NULL;

        stamps[i] = data_stamp(host->data, in->table, &err);
        free(err);
        if (stamps[i++] == 0)
            return -1;
    }
    return (long)i;
}

static size_t count_inputs(const nk_indicator *ind)
{
    size_t n = 0;

    while (ind->inputs[n].table)
        n++;
    return n;
}

/* Returns the cache entry of key, or NULL. */
static plg_cached *cache_find(plg_host *host, const char *key)
{
    for (size_t i = 0; i < host->ncache; i++) {
        if (strcmp(host->cache[i].key, key) == 0)
            return &host->cache[i];
    }
    return NULL;
}

/* Returns 1 when a cache entry's inputs still have its stamps. */
static int still_valid(plg_host *host, const nk_indicator *ind,
                       const plg_cached *c)
{
    unsigned long *now = xcalloc(c->nstamps + 1, sizeof *now);
    long n = input_stamps(host, ind, now, c->nstamps);
    int same = n == (long)c->nstamps &&
               memcmp(now, c->stamps, c->nstamps * sizeof *now) == 0;

    free(now);
    return same;
}

/* Stores a new result under key, replacing an outdated one. Takes key
 * and res. */
static void cache_store(plg_host *host, const nk_indicator *ind, char *key,
                        struct nk_result *res)
{
    plg_cached *c = cache_find(host, key);
    size_t n = count_inputs(ind);

    if (c) {
        free(key);
        free(c->stamps);
        result_free(c->res);
    } else {
        host->cache = xrealloc(host->cache,
                               (host->ncache + 1) * sizeof *host->cache);
        c = &host->cache[host->ncache++];
        c->key = key;
    }
    c->res = res;
    c->stamps = xcalloc(n + 1, sizeof *c->stamps);
    c->nstamps = n;
    if (input_stamps(host, ind, c->stamps, n) != (long)n)
        memset(c->stamps, 0, n * sizeof *c->stamps);
}

/* A result without a source note takes the one the schema gives its
 * first input table, so "Data fra ..." follows the data, not the code. */
static void default_source(nk_call *call)
{
    const nk_input *in = call->ind->inputs;
    const char *source = in && in->table ?
                         data_source(call->host->data, in->table) : NULL;

    if (!call->res->source && source)
        call->res->source = xstrdup(source);
}

/* Runs the compute function and checks what it handed back. */
static struct nk_result *run(nk_call *call)
{
    int rc;

    call->read = xcalloc(call->nparams + 1, 1);
    rc = call->ind->compute(&host_api, call);
    if (rc == 0 && !call->err)
        check_params_read(call);
    free(call->read);
    free(call->asked);
    call->read = NULL;
    call->asked = NULL;
    call->nasked = 0;
    if (rc != 0 && !call->err)
        call->err = xstrdup("failed without saying why");
    if (rc == 0 && !call->err && !call->res)
        call->err = xstrdup("returned no result");
    if (rc == 0 && !call->err)
        plg_result_check(call->res, &call->err);
    if (rc == 0 && call->err)
        rc = -1;
    if (rc != 0) {
        result_free(call->res);
        return NULL;
    }
    default_source(call);
    return call->res;
}

const struct nk_result *plg_compute(plg_host *host, const char *name,
                                    const plg_param *params, size_t nparams,
                                    char **err)
{
    nk_call call = { 0 };
    char *key;
    char *why = NULL;
    plg_cached *cached;
    double t0 = log_now();

    call.host = host;
    call.params = params;
    call.nparams = nparams;
    call.ind = plg_find(host, name, &call.plugin);
    if (!call.ind) {
        err_set(err, "no loaded plugin has an indicator \"%s\"", name);
        return NULL;
    }
    if (!host->data) {
        err_set(err, "indicator \"%s\": the report has no data folder", name);
        return NULL;
    }

    key = cache_key(host, name, params, nparams);
    cached = cache_find(host, key);
    if (cached && still_valid(host, call.ind, cached)) {
        free(key);
        host->reused++;
        return cached->res;
    }
    if (check_inputs(host, call.ind, &why) != 0 || !run(&call)) {
        const char *msg = why ? why : call.err;

        /* A bad data file or build parameter (a region the data does not
         * have) is the same for every indicator, so it is told as is. */
        host->shared = !why && (call.shared || plg_message_is_param(msg));
        if (host->shared)
            err_set(err, "%s", msg);
        else
            err_set(err, "%s (plugin %s, indicator %s)", msg,
                    call.plugin->name, name);
        free(why);
        free(call.err);
        free(key);
        return NULL;
    }

    cache_store(host, call.ind, key, call.res);
    host->computed++;
    host->compute_ms += (log_now() - t0) * 1e3;
    log_note("computed %s (%.2f ms)", name, (log_now() - t0) * 1e3);
    return call.res;
}
