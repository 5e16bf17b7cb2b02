#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "err.h"
#include "log.h"

typedef struct data_def {
    char *name;
    char *file;
    char *source;
    char *where;
    csvin_column *cols;
    size_t ncols;
    tbl *table;             /* NULL until read */
} data_def;

struct data_set {
    char *dir;
    data_def *defs;
    size_t ndefs;
};

data_set *data_new(const char *dir)
{
    data_set *set = xcalloc(1, sizeof *set);

    set->dir = xstrdup(dir);
    return set;
}

static void free_def(data_def *def)
{
    for (size_t c = 0; c < def->ncols; c++)
        free((char *)def->cols[c].name);
    free(def->cols);
    tbl_free(def->table);
    free(def->name);
    free(def->file);
    free(def->source);
    free(def->where);
}

void data_free(data_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->ndefs; i++)
        free_def(&set->defs[i]);
    free(set->defs);
    free(set->dir);
    free(set);
}

const char *data_dir(const data_set *set)
{
    return set->dir;
}

static data_def *find_def(const data_set *set, const char *name)
{
    for (size_t i = 0; i < set->ndefs; i++) {
        if (strcmp(set->defs[i].name, name) == 0)
            return &set->defs[i];
    }
    return NULL;
}

int data_declare(data_set *set, const char *name, const char *file,
                 const char *source, const csvin_column *cols, size_t ncols,
                 const char *where, char **err)
{
    data_def *def = find_def(set, name);

    if (def)
        return err_set(err, "%s: table \"%s\" is declared twice (first at %s)",
                       where, name, def->where);

    set->defs = xrealloc(set->defs, (set->ndefs + 1) * sizeof *set->defs);
    def = &set->defs[set->ndefs++];
    memset(def, 0, sizeof *def);
    def->name = xstrdup(name);
    def->file = xstrdup(file);
    def->source = source ? xstrdup(source) : NULL;
    def->where = xstrdup(where);
    def->cols = xcalloc(ncols, sizeof *def->cols);
    def->ncols = ncols;
    for (size_t c = 0; c < ncols; c++) {
        def->cols[c].name = xstrdup(cols[c].name);
        def->cols[c].type = cols[c].type;
    }
    return 0;
}

int data_has_column(const data_set *set, const char *table,
                    const char *column)
{
    const data_def *def = find_def(set, table);

    if (!def)
        return -1;
    if (!column)
        return 1;
    for (size_t c = 0; c < def->ncols; c++) {
        if (strcmp(def->cols[c].name, column) == 0)
            return 1;
    }
    return 0;
}

const char *data_source(const data_set *set, const char *table)
{
    const data_def *def = find_def(set, table);

    return def ? def->source : NULL;
}

const tbl *data_table(data_set *set, const char *name, char **err)
{
    data_def *def = find_def(set, name);
    csvin_schema schema;
    char *path;
    double t0 = log_now();
    int rc;

    if (!def) {
        err_set(err, "%s: the schema declares no table \"%s\"", set->dir,
                name);
        return NULL;
    }
    if (def->table)
        return def->table;

    schema.table = def->name;
    schema.ncols = def->ncols;
    schema.cols = def->cols;
    path = err_fmt("%s/%s", set->dir, def->file);
    rc = csvin_read(path, &schema, &def->table, err);
    if (rc == 0)
        log_note("read %s: %zu rows (%.1f ms)", path, def->table->nrows,
                 (log_now() - t0) * 1e3);
    free(path);
    return rc == 0 ? def->table : NULL;
}
