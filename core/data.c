#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data.h"
#include "err.h"
#include "infile.h"
#include "log.h"

/* What a file looked like when its table was read. */
typedef struct data_file_id {
    long long size;
    long long mtime_ns;
    long long ctime_ns;
    unsigned long long ino;
    unsigned long long dev;
} data_file_id;

typedef struct data_def {
    char *name;
    char *file;
    char *path;             /* dir/file */
    char *source;
    char *where;
    csvin_column *cols;
    size_t ncols;
    tbl *table;             /* NULL until read */
    data_file_id id;        /* of the file, when table was read */
    unsigned long stamp;    /* of the read, 0 until read */
    unsigned long round;    /* last round that asked for the table */
} data_def;

struct data_set {
    char *root;             /* the report's folder */
    char *dir;
    data_def *defs;
    size_t ndefs;
    data_def *old;          /* last round's, until declared again */
    size_t nold;
    unsigned long round;
};

/* Stamps count reads across every data set of the process, so a stamp
 * from a freed set never matches one of a new set. */
static unsigned long last_stamp;

data_set *data_new(const char *root, const char *dir)
{
    data_set *set = xcalloc(1, sizeof *set);

    set->root = xstrdup(root);
    set->dir = xstrdup(dir);
    set->round = 1;
    return set;
}

/* Frees a column's copied values list (NULL-ended), if any. */
static void free_values(char **values)
{
    for (size_t i = 0; values && values[i]; i++)
        free(values[i]);
    free(values);
}

/* Returns a copy of a NULL-ended values list, or NULL for NULL. */
static const char *const *copy_values(const char *const *values)
{
    size_t n = 0;
    char **copy;

    if (!values)
        return NULL;
    while (values[n])
        n++;
    copy = xcalloc(n + 1, sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = xstrdup(values[i]);
    return (const char *const *)copy;
}

/* Returns 1 when two NULL-ended values lists (or NULLs) are equal. */
static int same_values(const char *const *a, const char *const *b)
{
    if (!a || !b)
        return a == b;
    for (; *a && *b; a++, b++) {
        if (strcmp(*a, *b) != 0)
            return 0;
    }
    return *a == *b;
}

static void free_def(data_def *def)
{
    for (size_t c = 0; c < def->ncols; c++) {
        free((char *)def->cols[c].name);
        free_values((char **)def->cols[c].values);
    }
    free(def->cols);
    tbl_free(def->table);
    free(def->name);
    free(def->file);
    free(def->path);
    free(def->source);
    free(def->where);
}

static void free_defs(data_def *defs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free_def(&defs[i]);
    free(defs);
}

void data_free(data_set *set)
{
    if (!set)
        return;
    free_defs(set->defs, set->ndefs);
    free_defs(set->old, set->nold);
    free(set->root);
    free(set->dir);
    free(set);
}

const char *data_dir(const data_set *set)
{
    return set->dir;
}

void data_begin(data_set *set)
{
    free_defs(set->old, set->nold);
    set->old = set->defs;
    set->nold = set->ndefs;
    set->defs = NULL;
    set->ndefs = 0;
    set->round++;
}

static data_def *find_in(data_def *defs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(defs[i].name, name) == 0)
            return &defs[i];
    }
    return NULL;
}

static data_def *find_def(const data_set *set, const char *name)
{
    return find_in(set->defs, set->ndefs, name);
}

/* Returns 0 and fills *id for the file at path, or -1. */
static int file_id(const char *path, data_file_id *id)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return -1;
    id->size = (long long)st.st_size;
    id->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
                   st.st_mtim.tv_nsec;
    id->ctime_ns = (long long)st.st_ctim.tv_sec * 1000000000LL +
                   st.st_ctim.tv_nsec;
    id->ino = (unsigned long long)st.st_ino;
    id->dev = (unsigned long long)st.st_dev;
    return 0;
}

/* Returns 1 when an old declaration says the same as the new one. */
static int same_def(const data_def *def, const char *file,
                    const char *source, const csvin_column *cols,
                    size_t ncols)
{
    if (strcmp(def->file, file) != 0 || def->ncols != ncols)
        return 0;
    if ((def->source == NULL) != (source == NULL) ||
        (source && strcmp(def->source, source) != 0))
        return 0;
    for (size_t c = 0; c < ncols; c++) {
        if (strcmp(def->cols[c].name, cols[c].name) != 0 ||
            def->cols[c].type != cols[c].type ||
            def->cols[c].unique != cols[c].unique ||
            !same_values(def->cols[c].values, cols[c].values) ||
            def->cols[c].has_min != cols[c].has_min ||
            def->cols[c].has_max != cols[c].has_max ||
            def->cols[c].min != cols[c].min ||
            def->cols[c].max != cols[c].max)
            return 0;
    }
    return 1;
}

/*
 * Takes the old declaration of name back into this round when it says
 * the same; its rows stay when the file is unchanged. Returns the
 * declaration, or NULL when there is none to take.
 */
static data_def *take_old(data_set *set, const char *name, const char *file,
                          const char *source, const csvin_column *cols,
                          size_t ncols)
{
    data_def *old = find_in(set->old, set->nold, name);
    data_def *def;
    data_file_id now;

    if (!old || !same_def(old, file, source, cols, ncols))
        return NULL;

    def = &set->defs[set->ndefs++];
    *def = *old;
    *old = set->old[--set->nold];
    if (def->table && (file_id(def->path, &now) != 0 ||
                       memcmp(&now, &def->id, sizeof now) != 0)) {
        log_note("%s changed; it will be read again", def->path);
        tbl_free(def->table);
        def->table = NULL;
        def->stamp = 0;
    }
    return def;
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
    def = take_old(set, name, file, source, cols, ncols);
    if (def) {
        free(def->where);
        def->where = xstrdup(where);
        return 0;
    }

    def = &set->defs[set->ndefs++];
    memset(def, 0, sizeof *def);
    def->name = xstrdup(name);
    def->file = xstrdup(file);
    def->path = err_fmt("%s/%s", set->dir, file);
    def->source = source ? xstrdup(source) : NULL;
    def->where = xstrdup(where);
    def->cols = xcalloc(ncols, sizeof *def->cols);
    def->ncols = ncols;
    for (size_t c = 0; c < ncols; c++) {
        def->cols[c] = cols[c];
        def->cols[c].name = xstrdup(cols[c].name);
        def->cols[c].values = copy_values(cols[c].values);
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

/* Reads the file of def, which must be in the report's folder root,
 * into def->table and stamps it. */
static int read_def(data_def *def, const char *root, char **err)
{
    csvin_schema schema;
    double t0 = log_now();

    /* The file's identity is taken before reading: a change during the
     * read shows as a difference in the next round. */
    if (file_id(def->path, &def->id) != 0)
        memset(&def->id, 0, sizeof def->id);
    schema.table = def->name;
    schema.ncols = def->ncols;
    schema.cols = def->cols;
    if (infile_inside(root, def->path, err) != 0)
        return -1;
    if (csvin_read(def->path, &schema, &def->table, err) != 0)
        return -1;
    def->stamp = ++last_stamp;
    log_note("read %s: %zu rows (%.1f ms)", def->path, def->table->nrows,
             (log_now() - t0) * 1e3);
    return 0;
}

/* Returns the declaration of name with its table read, or NULL and sets
 * *err. */
static data_def *loaded(data_set *set, const char *name, char **err)
{
    data_def *def = find_def(set, name);

    if (!def) {
        err_set(err, "%s: the schema declares no table \"%s\"", set->dir,
                name);
        return NULL;
    }
    def->round = set->round;
    if (!def->table && read_def(def, set->root, err) != 0)
        return NULL;
    return def;
}

const tbl *data_table(data_set *set, const char *name, char **err)
{
    data_def *def = loaded(set, name, err);

    return def ? def->table : NULL;
}

unsigned long data_stamp(data_set *set, const char *name, char **err)
{
    data_def *def = loaded(set, name, err);

    return def ? def->stamp : 0;
}

size_t data_count(const data_set *set)
{
    return set->ndefs;
}

const char *data_name(const data_set *set, size_t i)
{
    return set->defs[i].name;
}

const char *data_path(const data_set *set, size_t i)
{
    return set->defs[i].path;
}

int data_used(const data_set *set, size_t i)
{
    return set->defs[i].round == set->round;
}
