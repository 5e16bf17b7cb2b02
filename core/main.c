/*
 * nokkel: builds the key-figures report from a Lua report script, its
 * plugins, templates and data, as DocBook and PDF.
 *
 * Exit codes: 0 built, 1 input or script error, 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "dbk.h"
#include "err.h"
#include "lhost.h"
#include "log.h"
#include "outfile.h"
#include "pdf.h"
#include "plg.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* Chart images are written at this many pixels per point. */
#define PNG_SCALE 2.0

static const char usage[] =
    "usage: nokkel build [-o DIR] [-v] SCRIPT\n"
    "       nokkel --help | --version\n";

static const char help[] =
    "nokkel builds the key-figures report (Nasjonale nøkkeltall) from a\n"
    "Lua report script, chapter plugins, text templates and data.\n"
    "\n"
    "  nokkel build [-o DIR] [-v] SCRIPT\n"
    "      Runs SCRIPT (e.g. scripts/report.lua) and writes DIR/NAME.xml\n"
    "      (DocBook 5), DIR/NAME.pdf and the charts as DIR/figurer/*.svg\n"
    "      and *.png. NAME comes from the report (nokkeltall-YEAR); DIR\n"
    "      is out by default. Outputs are replaced only when the whole\n"
    "      build succeeds.\n"
    "\n"
    "  -o DIR       write outputs into DIR\n"
    "  -v           show progress and timings\n"
    "  --help       show this text\n"
    "  --version    show the version\n"
    "\n"
    "Environment:\n"
    "  NOKKEL_PLUGIN_PATH   folders (':'-separated) searched for plugins\n"
    "                       before the build and install folders\n"
    "  SOURCE_DATE_EPOCH    the PDF's creation date, for identical bytes\n"
    "\n"
    "Exit status: 0 built, 1 input or script error, 2 usage error.\n";

typedef struct options {
    const char *script;
    const char *outdir;
} options;

/* Parses the command line. Returns 0 to build, -1 after printing a usage
 * error, 1 after printing help or the version. */
static int parse_args(int argc, char **argv, options *opt)
{
    int i = 1;

    opt->outdir = "out";
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        fputs(help, stdout);
        return 1;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("nokkel %s (plugin ABI %d.%d)\n", NOKKEL_VERSION,
               NK_ABI_MAJOR, NK_ABI_MINOR);
        return 1;
    }
    if (argc < 2 || strcmp(argv[i++], "build") != 0) {
        fprintf(stderr, "nokkel: %s\n%s", argc < 2 ? "no command" :
                "unknown command", usage);
        return -1;
    }
    for (; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            log_verbose = 1;
        } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            opt->outdir = argv[++i];
        } else if (argv[i][0] == '-' || opt->script) {
            fprintf(stderr, "nokkel: unexpected argument \"%s\"\n%s",
                    argv[i], usage);
            return -1;
        } else {
            opt->script = argv[i];
        }
    }
    if (!opt->script) {
        fprintf(stderr, "nokkel: build needs a report script\n%s", usage);
        return -1;
    }
    return 0;
}

/* The PDF date: SOURCE_DATE_EPOCH when set, so builds are repeatable,
 * else now. Returns -1 when the variable is not a number. */
static long long build_date(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;

    if (!s || !*s)
        return (long long)time(NULL);
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end || v < 0)
        return -1;
    return v;
}

/* Writes the chart images into temporary files of outs. */
static int write_charts(const lhost_report *rep, const char *dir,
                        out_set *outs, char **err)
{
    for (size_t i = 0; i < rep->charts.n; i++) {
        const chart_spec *spec = rep->charts.specs[i];
        char *svg = err_fmt("%s/%s.svg", dir, spec->id);
        char *png = err_fmt("%s/%s.png", dir, spec->id);
        int rc = chart_write_svg(spec, out_add(outs, svg), err);

        if (rc == 0)
            rc = chart_write_png(spec, out_add(outs, png), PNG_SCALE, err);
        free(svg);
        free(png);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Writes every output of a built report, all or nothing. */
static int write_outputs(lhost_report *rep, const char *outdir, char **err)
{
    out_set outs = { 0 };
    char *figdir = err_fmt("%s/figurer", outdir);
    char *xml = err_fmt("%s/%s.xml", outdir, rep->name);
    char *pdf = err_fmt("%s/%s.pdf", outdir, rep->name);
    double t0 = log_now();
    int rc = out_mkdirs(figdir, err);

    if (rc == 0)
        rc = write_charts(rep, figdir, &outs, err);
    if (rc == 0)
        rc = dbk_save(rep->doc, out_add(&outs, xml), err);
    if (rc == 0) {
        log_note("charts and DocBook written (%.1f ms)",
                 (log_now() - t0) * 1e3);
        t0 = log_now();
        rc = pdf_write(rep->doc, &rep->charts, &rep->style,
                       out_add(&outs, pdf), err);
        log_note("PDF typeset (%.1f ms)", (log_now() - t0) * 1e3);
    }
    if (rc == 0)
        rc = out_commit(&outs, err);
    else
        out_discard(&outs);

    free(figdir);
    free(xml);
    free(pdf);
    return rc;
}

static int build(const options *opt)
{
    char *path = plg_default_path();
    plg_host *plugins = plg_new(path);
    lhost *h = lhost_new(opt->script, plugins);
    lhost_report rep;
    char *err = NULL;
    double t0 = log_now();
    long long date = build_date();
    int rc;

    free(path);
    if (date < 0) {
        err = xstrdup("SOURCE_DATE_EPOCH must be a whole number of seconds");
        rc = -1;
    } else {
        rc = lhost_run(h, &rep, &err);
    }
    if (rc == 0) {
        log_note("script and indicators done (%.1f ms)",
                 (log_now() - t0) * 1e3);
        rep.style.date = date;
        rc = write_outputs(&rep, opt->outdir, &err);
        lhost_report_clear(&rep);
    }
    if (rc != 0)
        fprintf(stderr, "nokkel: %s\n", err);
    else
        log_note("built in %.1f ms", (log_now() - t0) * 1e3);

    free(err);
    lhost_free(h);
    plg_free(plugins);
    return rc == 0 ? EXIT_SUCCESS : EXIT_INPUT;
}

int main(int argc, char **argv)
{
    options opt = { 0 };
    int rc = parse_args(argc, argv, &opt);

    if (rc != 0)
        return rc < 0 ? EXIT_USAGE : EXIT_SUCCESS;
    return build(&opt);
}
