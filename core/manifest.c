#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <nokkel/plugin.h>

#include "err.h"
#include "manifest.h"
#include "sha.h"

/* A file of the manifest: the name it is listed under, the file its
 * bytes come from, and for plugins and fonts what they say of
 * themselves. */
typedef struct manifest_item {
    char *name;
    char *file;
    char *version;
    char *extra;            /* plugin ABI, "1.0" */
    char *sum;              /* SHA-256 as hex, once hashed, or NULL */
    size_t size;            /* bytes, with sum */
} manifest_item;

typedef struct manifest_list {
    manifest_item *items;
    size_t n;
} manifest_list;

typedef struct manifest_timing {
    char *name;
    double ms;
} manifest_timing;

struct manifest {
    char *script;
    long long date;
    manifest_list params;   /* name and version (the value) */
    manifest_list inputs;
    manifest_list outputs;
    manifest_list plugins;
    manifest_list fonts;
    manifest_timing *timings;
    size_t ntimings;
};

manifest *manifest_new(void)
{
    return xcalloc(1, sizeof(manifest));
}

static void clear_list(manifest_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].name);
        free(list->items[i].file);
        free(list->items[i].version);
        free(list->items[i].extra);
        free(list->items[i].sum);
    }
    free(list->items);
}

void manifest_free(manifest *m)
{
    if (!m)
        return;
    clear_list(&m->params);
    clear_list(&m->inputs);
    clear_list(&m->outputs);
    clear_list(&m->plugins);
    clear_list(&m->fonts);
    for (size_t i = 0; i < m->ntimings; i++)
        free(m->timings[i].name);
    free(m->timings);
    free(m->script);
    free(m);
}

/* Appends an item (strings copied; any may be NULL) and returns it. */
static manifest_item *add(manifest_list *list, const char *name,
                          const char *file, const char *version)
{
    manifest_item *it;

    list->items = xrealloc(list->items, (list->n + 1) * sizeof *list->items);
    it = &list->items[list->n++];
    it->name = xstrdup(name);
    it->file = file ? xstrdup(file) : NULL;
    it->version = version ? xstrdup(version) : NULL;
    it->extra = NULL;
    it->sum = NULL;
    it->size = 0;
    return it;
}

void manifest_set_script(manifest *m, const char *script, long long date)
{
    free(m->script);
    m->script = xstrdup(script);
    m->date = date;
}

void manifest_add_param(manifest *m, const char *name, const char *value)
{
    add(&m->params, name, NULL, value);
}

void manifest_add_input(manifest *m, const char *name, const char *file)
{
    for (size_t i = 0; i < m->inputs.n; i++) {
        if (strcmp(m->inputs.items[i].name, name) == 0)
            return;
    }
    add(&m->inputs, name, file, NULL);
}

void manifest_add_output(manifest *m, const char *name, const char *file)
{
    add(&m->outputs, name, file, NULL);
}

void manifest_add_output_sum(manifest *m, const char *name,
                             const char *sum, size_t size)
{
    manifest_item *it = add(&m->outputs, name, NULL, NULL);

    it->sum = xstrdup(sum);
    it->size = size;
}

void manifest_add_plugin(manifest *m, const char *name, const char *version,
                         unsigned abi_major, unsigned abi_minor,
                         const char *file)
{
    manifest_item *it = add(&m->plugins, name, file, version);

    it->extra = err_fmt("%u.%u", abi_major, abi_minor);
}

/* Sets the file and version fontconfig picks for family into it. */
static void resolve_font(manifest_item *it, const char *family)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)family);
    FcPattern *match;
    FcResult result;
    FcChar8 *file;
    int version;

    if (!pat)
        return;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &result);
    FcPatternDestroy(pat);
    if (!match)
        return;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
        it->file = xstrdup((const char *)file);
    if (FcPatternGetInteger(match, FC_FONTVERSION, 0, &version) ==
        FcResultMatch)
        it->version = err_fmt("%.3f", version / 65536.0);
    FcPatternDestroy(match);
}

void manifest_add_font(manifest *m, const char *family)
{
    for (size_t i = 0; i < m->fonts.n; i++) {
        if (strcmp(m->fonts.items[i].name, family) == 0)
            return;
    }
    resolve_font(add(&m->fonts, family, NULL, NULL), family);
}

void manifest_add_timing(manifest *m, const char *name, double ms)
{
    m->timings = xrealloc(m->timings, (m->ntimings + 1) * sizeof *m->timings);
    m->timings[m->ntimings].name = xstrdup(name);
    m->timings[m->ntimings].ms = ms;
    m->ntimings++;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const manifest_item *)a)->name,
                  ((const manifest_item *)b)->name);
}

/* Sorts list by name; an empty list may have no array, which qsort must
 * not be given. */
static void sort_by_name(manifest_list *list)
{
    if (list->n > 0)
        qsort(list->items, list->n, sizeof *list->items, by_name);
}

/* Writes s as a JSON string. */
static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fprintf(f, "\\%c", *c);
        else if (*c == '\n')
            fputs("\\n", f);
        else if (*c < 0x20)
            fprintf(f, "\\u%04x", *c);
        else
            fputc(*c, f);
    }
    fputc('"', f);
}

/* Writes "key": "value" with its indent and a comma unless last. */
static void put_field(FILE *f, int indent, const char *key,
                      const char *value, int last)
{
    fprintf(f, "%*s", indent, "");
    put_string(f, key);
    fputs(": ", f);
    put_string(f, value);
    fputs(last ? "\n" : ",\n", f);
}

/* Returns the last part of a path; borrowed from path. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Hashes the item's file unless it has its sum. Returns 0, or -1 and
 * sets *err. */
static int hash_item(manifest_item *it, char **err)
{
    if (it->sum)
        return 0;
    it->sum = sha_file(it->file, &it->size, err);
    return it->sum ? 0 : -1;
}

int manifest_hash_inputs(manifest *m, char **err)
{
    for (size_t i = 0; i < m->inputs.n; i++) {
        if (hash_item(&m->inputs.items[i], err) != 0)
            return -1;
    }
    for (size_t i = 0; i < m->plugins.n; i++) {
        if (hash_item(&m->plugins.items[i], err) != 0)
            return -1;
    }
    return 0;
}

/* Writes a list of files with their sizes and hashes under key; a
 * plugin also shows its version, ABI and file name. */
static int put_files(FILE *f, const char *key, manifest_list *list,
                     int plugins, char **err)
{
    fprintf(f, "  \"%s\": [", key);
    sort_by_name(list);
    for (size_t i = 0; i < list->n; i++) {
        manifest_item *it = &list->items[i];

        if (hash_item(it, err) != 0)
            return -1;
        fputs(i ? ",\n    {\n" : "\n    {\n", f);
        put_field(f, 6, plugins ? "name" : "path", it->name, 0);
        if (plugins) {
            put_field(f, 6, "version", it->version, 0);
            put_field(f, 6, "abi", it->extra, 0);
            put_field(f, 6, "file", base_name(it->file), 0);
        }
        fprintf(f, "      \"bytes\": %zu,\n", it->size);
        put_field(f, 6, "sha256", it->sum, 1);
        fputs("    }", f);
    }
    fputs(list->n ? "\n  ],\n" : "],\n", f);
    return 0;
}

static void put_fonts(FILE *f, manifest_list *list)
{
    fputs("  \"fonts\": [", f);
    sort_by_name(list);
    for (size_t i = 0; i < list->n; i++) {
        manifest_item *it = &list->items[i];

        fputs(i ? ",\n    {\n" : "\n    {\n", f);
        put_field(f, 6, "family", it->name, 0);
        put_field(f, 6, "file", it->file ? base_name(it->file) : "", 0);
        put_field(f, 6, "version", it->version ? it->version : "", 1);
        fputs("    }", f);
    }
    fputs(list->n ? "\n  ],\n" : "],\n", f);
}

static void put_params(FILE *f, manifest_list *list)
{
    fputs("  \"params\": {", f);
    sort_by_name(list);
    for (size_t i = 0; i < list->n; i++) {
        fputs(i ? ",\n" : "\n", f);
        fprintf(f, "    ");
        put_string(f, list->items[i].name);
        fputs(": ", f);
        put_string(f, list->items[i].version);
    }
    fputs(list->n ? "\n  },\n" : "},\n", f);
}

static void put_timings(FILE *f, const manifest *m)
{
    fputs("  \"timings_ms\": {", f);
    for (size_t i = 0; i < m->ntimings; i++) {
        fputs(i ? ",\n    " : "\n    ", f);
        put_string(f, m->timings[i].name);
        fprintf(f, ": %.1f", m->timings[i].ms);
    }
    fputs(m->ntimings ? "\n  }\n" : "}\n", f);
}

/* Writes the whole manifest to f. */
static int put_manifest(FILE *f, manifest *m, char **err)
{
    char *version = err_fmt("nokkel %s", NOKKEL_VERSION);
    char *abi = err_fmt("%d.%d", NK_ABI_MAJOR, NK_ABI_MINOR);

    fputs("{\n", f);
    put_field(f, 2, "generator", version, 0);
    put_field(f, 2, "plugin_abi", abi, 0);
    put_field(f, 2, "script", m->script ? m->script : "", 0);
    fprintf(f, "  \"date\": %lld,\n", m->date);
    free(version);
    free(abi);
    put_params(f, &m->params);
    if (put_files(f, "inputs", &m->inputs, 0, err) != 0 ||
        put_files(f, "plugins", &m->plugins, 1, err) != 0)
        return -1;
    put_fonts(f, &m->fonts);
    if (put_files(f, "outputs", &m->outputs, 0, err) != 0)
        return -1;
    put_timings(f, m);
    fputs("}\n", f);
    return 0;
}

int manifest_write(manifest *m, const char *path, char **err)
{
    FILE *f = fopen(path, "w");
    int rc;

    if (!f)
        return err_set(err, "%s: cannot write: %s", path, strerror(errno));
    rc = put_manifest(f, m, err);
    if (fclose(f) != 0 && rc == 0)
        rc = err_set(err, "%s: cannot write: %s", path, strerror(errno));
    return rc;
}

/* Returns 1 when name is a path inside the output folder: relative, no
 * ".." part, no JSON escape; else 0. */
static int output_name_ok(const char *name, size_t len)
{
    if (len == 0 || name[0] == '/' || memchr(name, '\\', len))
        return 0;
    for (size_t i = 0; i < len;) {
        size_t part = 0;

        while (i + part < len && name[i + part] != '/')
            part++;
        if (part == 2 && name[i] == '.' && name[i + 1] == '.')
            return 0;
        i += part + 1;
    }
    return 1;
}

char **manifest_read_outputs(const char *path, size_t *n)
{
    gchar *text = NULL;
    char **names = NULL;
    const char *p, *end;

    *n = 0;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    p = strstr(text, "\n  \"outputs\": [\n");
    end = p ? strstr(p, "\n  ]") : NULL;
    while (p && end && (p = strstr(p, "\"path\": \"")) && p < end) {
        const char *q = strchr(p += 9, '"');

        if (!q)
            break;
        if (output_name_ok(p, (size_t)(q - p))) {
            names = xrealloc(names, (*n + 1) * sizeof *names);
            names[(*n)++] = err_fmt("%.*s", (int)(q - p), p);
        }
        p = q + 1;
    }
    g_free(text);
    return names;
}
