#include <dlfcn.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "plg.h"

typedef struct plg_lib {
    void *handle;
    char *path;
    const nk_plugin *desc;
} plg_lib;

typedef struct plg_cached {
    char *key;
    struct nk_result *res;
} plg_cached;

struct plg_host {
    char *path;
    data_set *data;
    plg_lib *libs;
    size_t nlibs;
    plg_cached *cache;
    size_t ncache;
};

/* One computation; lives on plg_compute's stack. */
struct nk_call {
    plg_host *host;
    const nk_plugin *plugin;
    const nk_indicator *ind;
    const plg_param *params;
    size_t nparams;
    struct nk_result *res;
    char *err;
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
    free(res);
}

void plg_free(plg_host *host)
{
    if (!host)
        return;

    for (size_t i = 0; i < host->ncache; i++) {
        free(host->cache[i].key);
        result_free(host->cache[i].res);
    }
    free(host->cache);

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

char *plg_default_path(void)
{
    const char *env = getenv("NOKKEL_PLUGIN_PATH");

    if (env && *env)
        return err_fmt("%s:%s:%s", env, NOKKEL_BUILD_PLUGIN_DIR,
                       NOKKEL_INSTALL_PLUGIN_DIR);
    return err_fmt("%s:%s", NOKKEL_BUILD_PLUGIN_DIR,
                   NOKKEL_INSTALL_PLUGIN_DIR);
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

    if (!table || !declared(call, table, col)) {
        call_error(call, err_fmt("reads %s%s%s, which it does not declare "
                                 "among its inputs", table ? table : "(null)",
                                 col ? "." : "", col ? col : ""));
        return NULL;
    }
    t = data_table(call->host->data, table, &err);
    if (!t)
        call_error(call, err);
    return t;
}

static long host_rows(nk_call *call, const char *table)
{
    const tbl *t = input(call, table, NULL);

    return t ? (long)t->nrows : -1;
}

static const tbl_column *input_column(nk_call *call, const char *table,
                                      const char *column, tbl_type type)
{
    const tbl *t = input(call, table, column);
    const tbl_column *col;

    if (!t)
        return NULL;
    col = tbl_find(t, column);
    if (!col || col->type != type) {
        call_error(call, err_fmt("column %s.%s is not %s", table, column,
                                 type == TBL_NUMBER ? "numeric" : "text"));
        return NULL;
    }
    return col;
}

static const double *host_numbers(nk_call *call, const char *table,
                                  const char *column)
{
    const tbl_column *col = input_column(call, table, column, TBL_NUMBER);

    return col ? col->num : NULL;
}

static const char *const *host_texts(nk_call *call, const char *table,
                                     const char *column)
{
    const tbl_column *col = input_column(call, table, column, TBL_TEXT);

    return col ? (const char *const *)col->text : NULL;
}

static long host_line(nk_call *call, const char *table, long row)
{
    const tbl *t = input(call, table, NULL);

    if (!t || row < 0 || (size_t)row >= t->nrows || !t->lines)
        return -1;
    return t->lines[row];
}

static const char *host_param(nk_call *call, const char *name)
{
    for (size_t i = 0; i < call->nparams; i++) {
        if (strcmp(call->params[i].name, name) == 0)
            return call->params[i].value;
    }
    return NULL;
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

/* Adds a column to a result unless the name is taken. */
static tbl_column *result_column(nk_result *res, const char *column,
                                 tbl_type type)
{
    if (!res || !column || !*column || tbl_find(res->table, column))
        return NULL;
    return tbl_add(res->table, column, type);
}

static int host_add_numbers(nk_result *res, const char *column,
                            const double *values)
{
    tbl_column *col = result_column(res, column, TBL_NUMBER);

    if (!col || !values)
        return -1;
    memcpy(col->num, values, res->table->nrows * sizeof *values);
    return 0;
}

static int host_add_texts(nk_result *res, const char *column,
                          const char *const *values)
{
    tbl_column *col = result_column(res, column, TBL_TEXT);

    if (!col || !values)
        return -1;
    for (size_t r = 0; r < res->table->nrows; r++)
        col->text[r] = values[r] ? xstrdup(values[r]) : NULL;
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

static int host_fail(nk_call *call, const char *table, long row,
                     const char *fmt, ...)
{
    va_list ap;
    char *msg;
    long line = table && row >= 0 ? host_line(call, table, row) : -1;

    va_start(ap, fmt);
    msg = err_vfmt(fmt, ap);
    va_end(ap);

    if (line > 0) {
        const tbl *t = data_table(call->host->data, table, NULL);

        call_error(call, err_fmt("%s:%ld: %s", t->path, line, msg));
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

/* Builds the cache key "name\x1fparam=value..." of a call. */
static char *cache_key(const char *name, const plg_param *params,
                       size_t nparams)
{
    char *key = xstrdup(name);

    for (size_t i = 0; i < nparams; i++) {
        char *next = err_fmt("%s\x1f%s=%s", key, params[i].name,
                             params[i].value);

        free(key);
        key = next;
    }
    return key;
}

/* Runs the compute function and checks what it handed back. */
static struct nk_result *run(nk_call *call)
{
    int rc = call->ind->compute(&host_api, call);

    if (rc != 0 && !call->err)
        call->err = xstrdup("failed without saying why");
    if (rc == 0 && !call->err && !call->res)
        call->err = xstrdup("returned no result");
    if (rc == 0 && call->err)
        rc = -1;
    if (rc != 0) {
        result_free(call->res);
        return NULL;
    }
    return call->res;
}

const struct nk_result *plg_compute(plg_host *host, const char *name,
                                    const plg_param *params, size_t nparams,
                                    char **err)
{
    nk_call call = { 0 };
    char *key = cache_key(name, params, nparams);
    char *why = NULL;
    double t0 = log_now();

    for (size_t i = 0; i < host->ncache; i++) {
        if (strcmp(host->cache[i].key, key) == 0) {
            free(key);
            return host->cache[i].res;
        }
    }

    call.host = host;
    call.params = params;
    call.nparams = nparams;
    call.ind = plg_find(host, name, &call.plugin);
    if (!call.ind) {
        err_set(err, "no loaded plugin has an indicator \"%s\"", name);
        free(key);
        return NULL;
    }
    if (!host->data) {
        err_set(err, "indicator \"%s\": the report has no data folder", name);
        free(key);
        return NULL;
    }
    if (check_inputs(host, call.ind, &why) != 0 || !run(&call)) {
        err_set(err, "%s (plugin %s, indicator %s)", why ? why : call.err,
                call.plugin->name, name);
        free(why);
        free(call.err);
        free(key);
        return NULL;
    }

    host->cache = xrealloc(host->cache,
                           (host->ncache + 1) * sizeof *host->cache);
    host->cache[host->ncache].key = key;
    host->cache[host->ncache].res = call.res;
    host->ncache++;
    log_note("computed %s (%.2f ms)", name, (log_now() - t0) * 1e3);
    return call.res;
}
