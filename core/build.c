#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "chart.h"
#include "dbk.h"
#include "err.h"
#include "figures.h"
#include "hyph.h"
#include "lhost.h"
#include "log.h"
#include "manifest.h"
#include "outfile.h"
#include "pdf.h"
#include "progress.h"

struct build_session {
    char *script;
    char *outdir;
    char *variant;          /* the parameter a --variant build sets */
    plg_param *params;      /* names and values owned */
    size_t nparams;
    int strict;
    plg_host *plugins;
    lhost *host;
    char *pdf;              /* of the last good build */
    unsigned long computed; /* results of the last build */
    unsigned long reused;
    figures *figures;       /* chart images, kept between builds */
    pdf_cache *layouts;     /* text layouts, kept between builds */
    int defer;              /* good builds wait for build_commit */
    out_set *pending;       /* their outputs, not yet in place */
    size_t npending;
    pthread_t preload;      /* reads the hyphenation patterns */
    int preloading;
    int host_warnings;      /* given while the hosts opened (a bad
                               NOKKEL_TIME_LIMIT); --strict counts them
                               in every build */
};

/* The steps of one build, for the progress bar and -v: script and
 * indicators, DocBook, three in pdf_write, charts, manifest. */
enum { PHASES = 7 };

/* Reads the Norwegian Bokmål hyphenation patterns, which the report
 * needs soon (chart labels are hyphenated while the script runs), on a
 * thread of their own while the script starts. */
static void *preload_patterns(void *arg)
{
    (void)arg;
    hyph_preload("nb");
    return NULL;
}

/* Loads nothing yet: a plugin host on the default path with the
 * session's parameters, and a Lua host for the script. */
static void open_hosts(build_session *s)
{
    char *path = plg_default_path();
    int warnings = log_warnings;

    s->plugins = plg_new(path);
    free(path);
    plg_set_globals(s->plugins, s->params, s->nparams);
    s->host = lhost_new(s->script, s->plugins);
    s->host_warnings = log_warnings - warnings;
}

/* Frees the session's parameters. */
static void free_params(build_session *s)
{
    for (size_t i = 0; i < s->nparams; i++) {
        free((char *)s->params[i].name);
        free((char *)s->params[i].value);
    }
    free(s->params);
    s->params = NULL;
    s->nparams = 0;
}

/* Sets the session's parameters to copies of params. */
static void copy_params(build_session *s, const plg_param *params,
                        size_t n)
{
    s->params = xcalloc(n + 1, sizeof *s->params);
    for (size_t i = 0; i < n; i++) {
        s->params[i].name = xstrdup(params[i].name);
        s->params[i].value = xstrdup(params[i].value);
    }
    s->nparams = n;
}

build_session *build_new(const build_opts *opt)
{
    build_session *s = xcalloc(1, sizeof *s);

    s->script = xstrdup(opt->script);
    s->outdir = xstrdup(opt->outdir ? opt->outdir : "out");
    copy_params(s, opt->params, opt->nparams);
    s->strict = opt->strict;
    s->figures = figures_new();
    s->layouts = pdf_cache_new();
    s->preloading = pthread_create(&s->preload, NULL, preload_patterns,
                                   NULL) == 0;
    open_hosts(s);
    return s;
}

/* Frees the hosts; the Lua host first, as it borrows the plugins. */
static void close_hosts(build_session *s)
{
    lhost_free(s->host);
    plg_free(s->plugins);
    s->host = NULL;
    s->plugins = NULL;
}

void build_free(build_session *s)
{
    if (!s)
        return;
    build_discard(s);
    close_hosts(s);
    if (s->preloading)
        pthread_join(s->preload, NULL);
    figures_free(s->figures);
    pdf_cache_free(s->layouts);
    free_params(s);
    free(s->script);
    free(s->outdir);
    free(s->variant);
    free(s->pdf);
    free(s);
}

void build_retarget(build_session *s, const plg_param *params,
                    size_t nparams, const char *outdir,
                    const char *variant)
{
    free_params(s);
    copy_params(s, params, nparams);
    plg_set_globals(s->plugins, s->params, s->nparams);
    free(s->outdir);
    s->outdir = xstrdup(outdir);
    free(s->variant);
    s->variant = variant ? xstrdup(variant) : NULL;
}

void build_reload(build_session *s)
{
    close_hosts(s);
    open_hosts(s);
}

const char *build_pdf(const build_session *s)
{
    return s->pdf;
}

void build_counts(const build_session *s, unsigned long *computed,
                  unsigned long *reused)
{
    *computed = s->computed;
    *reused = s->reused;
}

/* The last second of the year 9999, the latest date a PDF can hold. */
#define BUILD_DATE_MAX 253402300799LL

/* The PDF date: SOURCE_DATE_EPOCH when set, so builds are repeatable,
 * else now. Returns -1 and sets *err when the variable is not a whole
 * number of seconds from 0 to BUILD_DATE_MAX. */
static long long build_date(char **err)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;

    if (!s || !*s)
        return (long long)time(NULL);
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end || v < 0 || v > BUILD_DATE_MAX || *s < '0' ||
        *s > '9')
        return err_set(err, "SOURCE_DATE_EPOCH=\"%s\": it must be a whole "
                       "number of seconds since 1970, from 0 to %lld (the "
                       "end of the year 9999)", s, BUILD_DATE_MAX);
    return v;
}

/* Returns path relative to the report's folder root, for the manifest.
 * Caller frees. */
static char *from_root(const char *root, const char *path)
{
    size_t n = strlen(root);

    if (strcmp(root, ".") != 0 && strncmp(path, root, n) == 0 &&
        path[n] == '/')
        path += n + 1;
    while (strncmp(path, "./", 2) == 0)
        path += 2;
    return xstrdup(path);
}

/* Registers an output called name in the output folder, for the output
 * set and the manifest; returns the temporary path to write. */
static const char *add_output(build_session *s, out_set *outs, manifest *m,
                              const char *name)
{
    char *final = err_fmt("%s/%s", s->outdir, name);
    const char *temp = out_add(outs, final);

    free(final);
    manifest_add_output(m, name, temp);
    return temp;
}

/* Returns the PDF's Creator: nokkel's version and every plugin's, so a
 * published PDF says what made it. Caller frees. */
static char *creator_of(const build_session *s)
{
    char *out = err_fmt("nokkel %s", NOKKEL_VERSION);

    for (size_t i = 0; i < plg_count(s->plugins); i++) {
        const nk_plugin *p = plg_plugin(s->plugins, i);
        char *next = err_fmt("%s%s %s %s", out, i == 0 ? "; plugins:" : ",",
                             p->name, p->version);

        free(out);
        out = next;
    }
    return out;
}

/* Returns the final path of chart i's SVG, or with png its PNG (caller
 * frees), and sets *temp to the temporary one, added to outs. */
static char *chart_output(build_session *s, const lhost_report *rep,
                          out_set *outs, size_t i, int png,
                          const char **temp)
{
    char *final = err_fmt("%s/figurer/%s.%s", s->outdir,
                          rep->charts.specs[i]->id, png ? "png" : "svg");

    *temp = out_add(outs, final);
    return final;
}

/* Adds the chart images to outs and starts writing them into files,
 * which the caller frees with free_charts after figures_wait. */
static figure_files *start_charts(build_session *s, const lhost_report *rep,
                                  out_set *outs)
{
    size_t n = rep->charts.n;
    figure_files *files = xcalloc(n + 1, sizeof *files);

    for (size_t i = 0; i < n; i++) {
        files[i].svg = chart_output(s, rep, outs, i, 0, &files[i].svg_temp);
        files[i].png = chart_output(s, rep, outs, i, 1, &files[i].png_temp);
    }
    figures_start(s->figures, (const chart_spec *const *)rep->charts.specs,
                  files, n);
    return files;
}

/* Tells outs which of the n charts' files stayed as they were, then
 * frees files. */
static void free_charts(out_set *outs, figure_files *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (files[i].svg_kept)
            out_keep(outs, files[i].svg_temp);
        if (files[i].png_kept)
            out_keep(outs, files[i].png_temp);
        free((char *)files[i].svg);
        free((char *)files[i].png);
    }
    free(files);
}

/* Lists the written chart images in the manifest, with the sums the
 * chart thread took of their bytes. */
static void list_charts(build_session *s, const lhost_report *rep,
                        manifest *m)
{
    for (size_t i = 0; i < rep->charts.n; i++) {
        for (int png = 0; png <= 1; png++) {
            char *name = err_fmt("figurer/%s.%s", rep->charts.specs[i]->id,
                                 png ? "png" : "svg");
            size_t size;
            const char *sum = figures_sum(s->figures, i, png, &size);

            manifest_add_output_sum(m, name, sum, size);
            free(name);
        }
    }
}

/* Lists what the build read and ran: scripts, templates, the schema,
 * the data files indicators asked for, plugins and fonts. */
static void describe_build(build_session *s, const lhost_report *rep,
                           long long date, manifest *m)
{
    const char *root = lhost_root(s->host);
    data_set *data = lhost_data(s->host);
    size_t n;
    const char *const *inputs = lhost_inputs(s->host, &n);
    char *name = from_root(root, s->script);

    manifest_set_script(m, name, date);
    free(name);
    for (size_t i = 0; i < s->nparams; i++)
        manifest_add_param(m, s->params[i].name, s->params[i].value);
    for (size_t i = 0; i < n; i++) {
        name = from_root(root, inputs[i]);
        manifest_add_input(m, name, inputs[i]);
        free(name);
    }
    for (size_t i = 0; data && i < data_count(data); i++) {
        if (!data_used(data, i))
            continue;
        name = from_root(root, data_path(data, i));
        manifest_add_input(m, name, data_path(data, i));
        free(name);
    }
    for (size_t i = 0; i < plg_count(s->plugins); i++) {
        const nk_plugin *p = plg_plugin(s->plugins, i);

        manifest_add_plugin(m, p->name, p->version, p->abi_major,
                            p->abi_minor, plg_file(s->plugins, i));
    }
    manifest_add_font(m, rep->style.font);
    manifest_add_font(m, rep->style.heading_font);
}

/*
 * Warns about each build parameter that neither the script nor a
 * plugin read; with list, records the warnings there instead. Returns
 * -1 and sets *err when the parameter of a variant build is one: the
 * variant would be the report without it.
 */
static int unused_params(build_session *s, check_list *list, char **err)
{
    int rc = 0;

    for (size_t i = 0; i < s->nparams && rc == 0; i++) {
        const char *name = s->params[i].name;
        char *hint;

        if (plg_global_used(s->plugins, i))
            continue;
        hint = plg_global_hint(s->plugins, name);
        if (s->variant && strcmp(name, s->variant) == 0)
            rc = err_set(err, "--variant %s: neither the script nor a "
                         "plugin reads parameter \"%s\"%s, so the variant "
                         "would be the report itself", name, name, hint);
        else if (list)
            check_add(list, CHECK_WARNING, "--set %s: neither the script "
                      "nor a plugin reads parameter \"%s\"%s", name, name,
                      hint);
        else
            log_warn("--set %s: neither the script nor a plugin reads "
                     "parameter \"%s\"%s", name, name, hint);
        free(hint);
    }
    return rc;
}

/* Writes the DocBook and the PDF into temporary files of outs, and
 * lists them in the manifest; the PDF's path is kept on success. */
static int write_documents(build_session *s, lhost_report *rep,
                           out_set *outs, manifest *m, char **err)
{
    char *xml = err_fmt("%s.xml", rep->name);
    char *pdf = err_fmt("%s.pdf", rep->name);
    char *creator = creator_of(s);
    double t0 = log_now();
    int rc;

    progress_phase("DocBook");
    rc = dbk_save(rep->doc, add_output(s, outs, m, xml), err);
    manifest_add_timing(m, "docbook", (log_now() - t0) * 1e3);
    t0 = log_now();
    /* With -v, the words broken at line ends are listed for proofreading
     * beside the PDF. */
    if (rc == 0 && log_verbose) {
        char *list = err_fmt("%s-orddeling.txt", rep->name);

        rep->style.hyphen_log = add_output(s, outs, m, list);
        free(list);
    }
    rep->style.creator = creator;
    rep->style.cache = s->layouts;
    if (rc == 0)
        rc = pdf_write(rep->doc, &rep->charts, &rep->style,
                       add_output(s, outs, m, pdf), err);
    manifest_add_timing(m, "pdf", (log_now() - t0) * 1e3);
    rep->style.creator = NULL;
    rep->style.cache = NULL;
    if (rc == 0) {
        free(s->pdf);
        s->pdf = err_fmt("%s/%s", s->outdir, pdf);
    }
    free(creator);
    free(xml);
    free(pdf);
    return rc;
}

/* Writes the charts, the DocBook and the PDF into temporary files of
 * outs, and lists them in the manifest. The chart images are written on
 * a second thread while this one writes the documents; a chart's error
 * comes first, as charts come first in the report's outputs. */
static int write_outputs(build_session *s, lhost_report *rep, out_set *outs,
                         manifest *m, char **err)
{
    char *figdir = err_fmt("%s/figurer", s->outdir);
    figure_files *files;
    char *doc_err = NULL;
    double t0 = log_now();
    int rc = out_open_folder(outs, s->outdir, "figurer", err);
    struct stat st;

    /* Charts go into the output folder itself, never through a link to
     * some other place. */
    if (rc == 0 && lstat(figdir, &st) == 0 && !S_ISDIR(st.st_mode))
        rc = err_set(err, "%s: not a folder (a link or a file); remove it, "
                     "and nokkel makes the folder", figdir);
    free(figdir);
    if (rc != 0)
        return -1;
    files = start_charts(s, rep, outs);
    rc = write_documents(s, rep, outs, m, &doc_err);
    progress_phase("charts");
    t0 = log_now();
    if (figures_wait(s->figures, err) != 0) {
        free(doc_err);
        rc = -1;
    } else if (rc != 0) {
        *err = doc_err;
    } else {
        list_charts(s, rep, m);
    }
    manifest_add_timing(m, "charts_wait", (log_now() - t0) * 1e3);
    free_charts(outs, files, rep->charts.n);
    return rc;
}

/*
 * Drops from the output folder, when outs are committed, the files the
 * earlier build wrote (its manifest lists them) that outs do not
 * replace, such as the chart of a figure since renamed.
 */
static void drop_stale(const build_session *s, out_set *outs)
{
    char *path = err_fmt("%s/manifest.json", s->outdir);
    size_t nold;
    char **old = manifest_read_outputs(path, &nold);

    free(path);
    for (size_t i = 0; i < nold; i++) {
        char *full = err_fmt("%s/%s", s->outdir, old[i]);
        size_t j = 0;

        while (j < outs->n && strcmp(outs->finals[j], full) != 0)
            j++;
        if (j == outs->n)
            out_drop(outs, full);
        free(full);
        free(old[i]);
    }
    free(old);
}

/* Commits outs now, or keeps them for build_commit when the session
 * defers. Returns 0, or -1 and sets *err. */
static int commit(build_session *s, out_set *outs, char **err)
{
    drop_stale(s, outs);
    if (!s->defer)
        return out_commit(outs, err);
    s->pending = xrealloc(s->pending, (s->npending + 1) * sizeof *outs);
    s->pending[s->npending++] = *outs;
    return 0;
}

void build_defer(build_session *s)
{
    s->defer = 1;
}

int build_commit(build_session *s, char **err)
{
    int rc = 0;

    for (size_t i = 0; i < s->npending; i++) {
        if (rc == 0)
            rc = out_commit(&s->pending[i], err);
        else
            out_discard(&s->pending[i]);
    }
    free(s->pending);
    s->pending = NULL;
    s->npending = 0;
    return rc;
}

void build_discard(build_session *s)
{
    /* Last first: a variant's folder may be inside the report's. */
    for (size_t i = s->npending; i-- > 0;)
        out_discard(&s->pending[i]);
    free(s->pending);
    s->pending = NULL;
    s->npending = 0;
}

/* The inputs and plugins of a build, hashed on a thread of their own
 * while the outputs are written. */
typedef struct input_hashing {
    manifest *m;
    pthread_t thread;
    int running;
    int rc;
    char *err;
} input_hashing;

static void *hash_inputs(void *arg)
{
    input_hashing *h = arg;

    h->rc = manifest_hash_inputs(h->m, &h->err);
    return NULL;
}

/* Starts hashing m's inputs and plugins; without a thread, the
 * manifest hashes them when it is written. */
static void start_hashing(input_hashing *h, manifest *m)
{
    *h = (input_hashing){.m = m};
    h->running = pthread_create(&h->thread, NULL, hash_inputs, h) == 0;
}

/* Waits for the hashing; on a build that went well so far (rc 0),
 * returns its result and hands its error to *err. */
static int join_hashing(input_hashing *h, int rc, char **err)
{
    if (h->running)
        pthread_join(h->thread, NULL);
    if (rc == 0 && h->rc != 0) {
        *err = h->err;
        return -1;
    }
    free(h->err);
    return rc;
}

/* Writes the manifest as the last output and commits every output, or
 * discards them all. */
static int finish(build_session *s, out_set *outs, manifest *m, double t0,
                  int warnings, int rc, char **err)
{
    char *path;

    progress_phase("manifest");
    if (rc == 0 && s->strict && log_warnings > warnings)
        rc = err_set(err, "%d warning%s, and --strict makes warnings "
                     "errors; nothing was written",
                     log_warnings - warnings,
                     log_warnings - warnings == 1 ? "" : "s");
    if (rc == 0) {
        path = err_fmt("%s/manifest.json", s->outdir);
        manifest_add_timing(m, "total", (log_now() - t0) * 1e3);
        rc = manifest_write(m, out_add(outs, path), err);
        free(path);
    }
    if (rc == 0)
        return commit(s, outs, err);
    out_discard(outs);
    return -1;
}

int build_run(build_session *s, char **err)
{
    lhost_report rep;
    out_set outs = { 0 };
    manifest *m = manifest_new();
    long long date = build_date(err);
    int warnings = log_warnings - s->host_warnings;
    double t0 = log_now();
    unsigned long computed0, reused0;
    input_hashing hashing;
    double compute0 = plg_compute_ms(s->plugins);
    int rc;

    plg_stats(s->plugins, &computed0, &reused0);
    progress_begin(PHASES);
    progress_phase("script and indicators");
    if (date < 0)
        rc = -1;
    else
        rc = lhost_run(s->host, &rep, err);
    manifest_add_timing(m, "script", (log_now() - t0) * 1e3);
    plg_stats(s->plugins, &s->computed, &s->reused);
    s->computed -= computed0;
    s->reused -= reused0;
    progress_item("indicators: %.1f ms of it, %lu computed, %lu reused",
                  plg_compute_ms(s->plugins) - compute0, s->computed,
                  s->reused);
    if (rc == 0) {
        rep.style.date = date;
        lhost_check_xrefs(s->host, rep.doc);
        rc = unused_params(s, NULL, err);
        if (rc == 0) {
            describe_build(s, &rep, date, m);
            start_hashing(&hashing, m);
            rc = write_outputs(s, &rep, &outs, m, err);
            rc = join_hashing(&hashing, rc, err);
        }
        lhost_report_clear(&rep);
    }
    rc = finish(s, &outs, m, t0, warnings, rc, err);
    progress_end();
    manifest_free(m);
    if (rc == 0)
        log_note("built %s in %.1f ms", s->pdf, (log_now() - t0) * 1e3);
    return rc;
}

/* Reads every table the schema declares, so each bad file is found,
 * not only those the report uses. */
static void check_data(data_set *data, check_list *list)
{
    for (size_t i = 0; i < data_count(data); i++) {
        char *err = NULL;

        if (!data_table(data, data_name(data, i), &err)) {
            check_add(list, CHECK_ERROR, "%s", err);
            free(err);
        }
    }
}

/* Checks that the schema declares every table and column the loaded
 * plugins' indicators read. */
static void check_bindings(build_session *s, data_set *data,
                           check_list *list)
{
    char *schema = err_fmt("%s/schema.lua", data_dir(data));

    for (size_t i = 0; i < plg_count(s->plugins); i++) {
        const nk_plugin *p = plg_plugin(s->plugins, i);

        for (const nk_indicator *ind = p->indicators; ind->name; ind++) {
            for (const nk_input *in = ind->inputs; in->table; in++) {
                int has = data_has_column(data, in->table, NULL);

                if (has < 0)
                    check_add(list, CHECK_ERROR, "%s: no table \"%s\", "
                              "which indicator %s of plugin %s reads",
                              schema, in->table, ind->name, p->name);
                for (const char *const *c = in->columns; has > 0 && c &&
                     *c; c++) {
                    if (data_has_column(data, in->table, *c) != 1)
                        check_add(list, CHECK_ERROR, "%s: table \"%s\" has "
                                  "no column \"%s\", which indicator %s of "
                                  "plugin %s reads", schema, in->table, *c,
                                  ind->name, p->name);
                }
            }
        }
    }
    free(schema);
}

/* Lays the report and its charts out as a build would, so that check
 * finds what the layout warns about (a character no font has) or fails
 * at (a chart too small for its labels). Only a
 * report without errors is laid out: the stand-ins check puts in for
 * what failed (a figure left out) would give errors of their own. */
static void check_layout(lhost_report *rep, check_list *list)
{
    char *err = NULL;

    if (check_count(list, CHECK_ERROR) > 0)
        return;
    log_check = list;
    if (pdf_check(rep->doc, &rep->charts, &rep->style, &err) != 0) {
        check_add(list, CHECK_ERROR, "%s", err);
        free(err);
    }
    log_check = NULL;
}

void build_check(build_session *s, check_list *list)
{
    lhost_report rep;
    char *err = NULL;
    data_set *data;

    lhost_set_check(s->host, list);
    if (lhost_run(s->host, &rep, &err) != 0) {
        if (err)
            check_add(list, CHECK_ERROR, "%s", err);
        free(err);
    } else {
        lhost_check_xrefs(s->host, rep.doc);
        check_layout(&rep, list);
        lhost_report_clear(&rep);
    }
    data = lhost_data(s->host);
    if (data) {
        check_data(data, list);
        check_bindings(s, data, list);
    }
    unused_params(s, list, NULL);
    lhost_set_check(s->host, NULL);
}

/* Adds the folder of path to the list unless it is there. */
static void add_folder(char ***list, size_t *n, const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? err_fmt("%.*s", (int)(slash - path), path) :
                xstrdup(".");

    if (!*dir) {
        free(dir);
        dir = xstrdup("/");
    }
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*list)[i], dir) == 0) {
            free(dir);
            return;
        }
    }
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = dir;
}

char **build_folders(const build_session *s, size_t *n)
{
    char **list = NULL;
    size_t ninputs;
    const char *const *inputs = lhost_inputs(s->host, &ninputs);
    data_set *data = lhost_data(s->host);

    *n = 0;
    add_folder(&list, n, s->script);
    for (size_t i = 0; i < ninputs; i++)
        add_folder(&list, n, inputs[i]);
    for (size_t i = 0; data && i < data_count(data); i++)
        add_folder(&list, n, data_path(data, i));
    for (size_t i = 0; i < plg_count(s->plugins); i++)
        add_folder(&list, n, plg_file(s->plugins, i));
    return list;
}
