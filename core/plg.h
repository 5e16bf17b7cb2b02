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
};

/* A parameter the report script passes to an indicator. */
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

/* The default search path: $NOKKEL_PLUGIN_PATH, then the build folder,
 * then the install folder. Caller frees. */
char *plg_default_path(void);

/*
 * Loads the plugin file at path and checks its descriptor. Returns the
 * descriptor (borrowed until plg_free), or NULL and sets *err to a
 * message naming the file (and both versions for an ABI mismatch).
 */
const nk_plugin *plg_load_file(plg_host *host, const char *path, char **err);

/* Loads the plugin called name ("<name>.so" in the search path), or
 * returns it if already loaded; as plg_load_file otherwise. */
const nk_plugin *plg_load(plg_host *host, const char *name, char **err);

/* Returns the indicator called name among the loaded plugins, or NULL;
 * sets *plugin to its plugin when found. */
const nk_indicator *plg_find(const plg_host *host, const char *name,
                             const nk_plugin **plugin);

/*
 * Computes indicator name with the given parameters, or returns the
 * result of an earlier equal call. Returns the result (borrowed until
 * plg_free), or NULL and sets *err to "plugin P, indicator I: ..." with
 * the data location when the plugin gave one.
 */
const struct nk_result *plg_compute(plg_host *host, const char *name,
                                    const plg_param *params, size_t nparams,
                                    char **err);

/* Returns the named value of a result, or NULL. */
const plg_value *plg_value_find(const struct nk_result *res,
                                const char *name);

#endif
