/*
 * Plugins: finding, loading and checking chapter plugins, and running
 * their indicators against the report's data.
 *
 * dlopen policy: RTLD_NOW | RTLD_LOCAL, so an unresolved symbol fails at
 * load time and plugins cannot see each other. Handles are kept in one
 * list and closed in reverse order by plg_free.
 */
#ifndef NOKKEL_PLG_H
#define NOKKEL_PLG_H

#include <nokkel/plugin.h>

#include "data.h"
#include "tbl.h"

typedef struct plg_host plg_host;

/* A named single value of a result. */
typedef struct plg_value {
    char *name;
    double value;
} plg_value;

/* What an indicator computed: struct nk_result, owned by the host. */
struct nk_result {
    tbl *table;
    plg_value *values;
    size_t nvalues;
    plg_value *denominators;    /* name is the column */
    size_t ndenominators;
    char *unit;
    char *source;
    char *misuse;               /* the first wrong call on it, or NULL */
};

/* A parameter the report script passes to an indicator, or one given
 * on the command line (--set name=value). */
typedef struct plg_param {
    const char *name;
    const char *value;
} plg_param;

/*
 * Returns a host with no plugins and no data. Plugins are searched in
 * path, a colon-separated list of folders (copied), in order.
 */
plg_host *plg_new(const char *path);

/* Unloads every plugin in reverse load order and frees all results. */
void plg_free(plg_host *host);

/* Sets the data indicators read from (borrowed until plg_free). */
void plg_set_data(plg_host *host, data_set *data);

/*
 * The default search path: $NOKKEL_PLUGIN_PATH, then the build's plugin
 * folder when nokkel runs from its build folder, else the installed
 * plugin folder found from where the nokkel binary is. Caller frees.
 */
char *plg_default_path(void);

/*
 * Sets the build's parameters (--set name=value; copied). Every
 * indicator sees them through host->param after its own parameters, and
 * they are part of each result's cache key.
 */
void plg_set_globals(plg_host *host, const plg_param *params, size_t n);

/* The build's parameters; borrowed until plg_set_globals or plg_free. */
const plg_param *plg_globals(const plg_host *host, size_t *n);

/* Marks the build parameter called name as read (by the script). */
void plg_mark_global(plg_host *host, const char *name);

/* Returns 1 when build parameter i was read by the script or a plugin. */
int plg_global_used(const plg_host *host, size_t i);

/* For a build parameter nothing read: " (did you mean "x"?)" with the
 * closest name the script or a plugin asked for, or "". Caller frees. */
char *plg_global_hint(const plg_host *host, const char *name);

/*
 * Loads the plugin file at path and checks its descriptor. Returns the
 * descriptor (borrowed until plg_free), or NULL and sets *err to a
 * message naming the file (and both versions for an ABI mismatch).
 */
const nk_plugin *plg_load_file(plg_host *host, const char *path, char **err);

/* Loads the plugin called name ("<name>.so" in the search path), or
 * returns it if already loaded; as plg_load_file otherwise. */
const nk_plugin *plg_load(plg_host *host, const char *name, char **err);

/*
 * Returns the names of the plugins in the search path (one per
 * "<name>.so", the first of each name), sorted, with the count in *n.
 * Caller frees the array and each name.
 */
char **plg_scan(const plg_host *host, size_t *n);

/* The number of loaded plugins. */
size_t plg_count(const plg_host *host);

/* Loaded plugin i, in load order, and the file it came from; both
 * borrowed until plg_free. */
const nk_plugin *plg_plugin(const plg_host *host, size_t i);
const char *plg_file(const plg_host *host, size_t i);

/* Returns the indicator called name among the loaded plugins, or NULL;
 * sets *plugin to its plugin when found. */
const nk_indicator *plg_find(const plg_host *host, const char *name,
                             const nk_plugin **plugin);

/*
 * Computes indicator name with the given parameters, or returns the
 * result of an earlier call with equal parameters when the indicator's
 * input tables still have the stamps they had then (see data.h).
 * Returns the result (borrowed until the indicator is computed again or
 * plg_free), or NULL and sets *err to "... (plugin P, indicator I)" with
 * the data location when the plugin gave one.
 */
const struct nk_result *plg_compute(plg_host *host, const char *name,
                                    const plg_param *params, size_t nparams,
                                    char **err);

/* Returns 1 when a plugin's message is about a build parameter: it
 * starts "--set name=value:", which names its own place, and every
 * indicator reading that parameter would say the same. */
int plg_message_is_param(const char *msg);

/* Returns 1 when the last failed plg_compute's message is not about
 * the indicator but about what every indicator that reads it shares, a
 * data file or a --set parameter: it is then told as it is, without
 * " (plugin P, indicator I)", and once is enough. */
int plg_error_shared(const plg_host *host);

/* Counts of results computed and reused since plg_new. */
void plg_stats(const plg_host *host, unsigned long *computed,
               unsigned long *reused);

/* The time spent computing indicators, data reading included, in
 * milliseconds, since the host was made. */
double plg_compute_ms(const plg_host *host);

/*
 * Checks a computed result: no infinite numbers, shares (columns with a
 * denominator or named andel...) from 0 to 100, no negative numbers in a
 * count (unit "Antall ..."), denominators 0 or more, texts valid UTF-8
 * without control characters, no misuse of the result functions.
 * Returns 0, or -1 and sets *err to what is wrong.
 */
int plg_result_check(const struct nk_result *res, char **err);

/* Returns the named value of a result, or NULL. */
const plg_value *plg_value_find(const struct nk_result *res,
                                const char *name);

#endif
