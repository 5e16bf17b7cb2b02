/*
 * nokkel: builds the key-figures report from a Lua report script, its
 * plugins, templates and data, as DocBook and PDF; watches it, checks
 * it, lists the indicators of the plugins and starts new plugins.
 *
 * Exit codes: 0 done, 1 input or script error (or problems found by
 * check), 2 usage.
 */
/* realpath comes with X/Open. */
#define _XOPEN_SOURCE 700

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build.h"
#include "check.h"
#include "err.h"
#include "log.h"
#include "outfile.h"
#include "plg.h"
#include "skel.h"
#include "watch.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* The most --set parameters one build takes. */
#define MAX_PARAMS 32

static const char usage[] =
    "usage: nokkel build [-o DIR] [-v] [--strict] [--set NAME=VALUE]... "
    "[--variant NAME=VALUE]... SCRIPT\n"
    "       nokkel watch [-o DIR] [-v] [--strict] [--set NAME=VALUE]... "
    "[--max-builds N] SCRIPT\n"
    "       nokkel check [-v] [--strict] [--set NAME=VALUE]... SCRIPT\n"
    "       nokkel indicators [PLUGIN]...\n"
    "       nokkel new-plugin [-o DIR] NAME\n"
    "       nokkel --help | --version\n";

static const char help[] =
    "nokkel builds the key-figures report (Nasjonale nøkkeltall) from a\n"
    "Lua report script, chapter plugins, text templates and data.\n"
    "\n"
    "  nokkel build [options] SCRIPT\n"
    "      Runs SCRIPT (e.g. scripts/report.lua) and writes DIR/NAME.xml\n"
    "      (DocBook 5), DIR/NAME.pdf, the charts as DIR/figurer/*.svg and\n"
    "      *.png, and DIR/manifest.json (inputs, plugins, fonts and\n"
    "      outputs with their SHA-256). NAME comes from the report\n"
    "      (nokkeltall-YEAR); DIR is out by default. Outputs are replaced\n"
    "      only when the whole build succeeds. Each --variant builds\n"
    "      the report again with one more parameter, into a folder of\n"
    "      DIR named after its value (--variant region=\"Helse Vest\"\n"
    "      writes DIR/helse-vest/), reusing the loaded plugins and data;\n"
    "      all reports are replaced together, or none.\n"
    "\n"
    "  nokkel watch [options] [--max-builds N] SCRIPT\n"
    "      Builds, then builds again whenever a script, template, data\n"
    "      file or plugin changes; says what changed and how long the\n"
    "      build took. A failed build keeps the last good outputs.\n"
    "      Stops on Ctrl-C, or after N builds.\n"
    "\n"
    "  nokkel check [-v] [--strict] [--set NAME=VALUE]... SCRIPT\n"
    "      Finds every problem of the report without writing anything:\n"
    "      scripts, templates, data, plugin bindings, alt texts, figures\n"
    "      never referenced. Exits 1 when it finds errors.\n"
    "\n"
    "  nokkel indicators [PLUGIN]...\n"
    "      Lists the indicators of every plugin in the plugin path (or of\n"
    "      the named ones): description, input columns, plugin version.\n"
    "\n"
    "  nokkel new-plugin [-o DIR] NAME\n"
    "      Writes a new plugin project into DIR (NAME by default): C\n"
    "      source with one example indicator, CMakeLists.txt, a test and\n"
    "      an example chapter in Lua.\n"
    "\n"
    "Options:\n"
    "  -o DIR             write outputs into DIR\n"
    "  -v                 show progress per chapter and phase, with times\n"
    "  --strict           make warnings errors (for release builds)\n"
    "  --set NAME=VALUE   a parameter the script reads as params.NAME and\n"
    "                     plugins through host->param; data=FOLDER and\n"
    "                     year=YEAR replace the report's data and year\n"
    "  --variant NAME=VALUE  build: also build with this parameter set\n"
    "  --help             show this text\n"
    "  --version          show the version\n"
    "\n"
    "Environment:\n"
    "  NOKKEL_PLUGIN_PATH   folders (':'-separated) searched for plugins\n"
    "                       before nokkel's own plugin folder\n"
    "  SOURCE_DATE_EPOCH    the PDF's creation date, for identical bytes\n"
    "  NOKKEL_TIME_LIMIT    seconds a script may run (default 120); more\n"
    "                       than 120 raises the 200 million instruction\n"
    "                       limit alike\n"
    "\n"
    "Exit status: 0 done, 1 input or script error (check: problems\n"
    "found), 2 usage error.\n";

typedef enum command {
    CMD_BUILD,
    CMD_WATCH,
    CMD_CHECK,
    CMD_INDICATORS,
    CMD_NEW_PLUGIN
} command;

typedef struct options {
    command cmd;
    const char *outdir;
    int strict;
    int max_builds;
    plg_param params[MAX_PARAMS];   /* point into argv */
    size_t nparams;
    char *param_text[MAX_PARAMS];   /* NAME=VALUE split copies */
    plg_param variants[MAX_PARAMS]; /* --variant, the same way */
    size_t nvariants;
    char *variant_text[MAX_PARAMS];
    const char *variant_arg[MAX_PARAMS];    /* as given, for messages */
    const char **args;              /* positional arguments */
    size_t nargs;
} options;

/* Prints a usage error and returns -1. */
static int bad_usage(const char *fmt, const char *arg)
{
    fputs("nokkel: ", stderr);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
    return -1;
}

/* Prints a usage error with two strings and returns -1. */
static int bad_usage2(const char *fmt, const char *a, const char *b)
{
    fputs("nokkel: ", stderr);
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\n%s", usage);
    return -1;
}

/* The commands' names, in the order of enum command. */
static const char *const command_names[] = {
    "build", "watch", "check", "indicators", "new-plugin"
};

/* Returns the command called name, or -1. */
static int find_command(const char *name)
{
    for (int i = 0; i < 5; i++) {
        if (strcmp(name, command_names[i]) == 0)
            return i;
    }
    return -1;
}

/* Splits arg, "NAME=VALUE" given with option, into list (*n entries,
 * the name a copy kept in names). Returns 0 or -1 after a usage
 * error. */
static int add_pair(const char *option, const char *arg, plg_param *list,
                    size_t *n, char **names)
{
    const char *eq = strchr(arg, '=');
    char *text;

    if (!eq)
        return bad_usage2("%s \"%s\": write NAME=VALUE", option, arg);
    if (*n == MAX_PARAMS)
        return bad_usage2("%s \"%s\": too many", option, arg);
    text = err_fmt("%.*s", (int)(eq - arg), arg);
    names[*n] = text;
    if (!name_is_plain(text))
        return bad_usage2("%s \"%s\": a parameter name is lowercase "
                          "letters, digits and _", option, arg);
    list[*n].name = text;
    list[*n].value = eq + 1;
    (*n)++;
    return 0;
}

/* Adds "NAME=VALUE" to the parameters. Returns 0 or -1 after a usage
 * error. */
static int add_param(options *opt, const char *arg)
{
    if (add_pair("--set", arg, opt->params, &opt->nparams,
                 opt->param_text) != 0)
        return -1;
    for (size_t i = 0; i + 1 < opt->nparams; i++) {
        if (strcmp(opt->params[i].name,
                   opt->params[opt->nparams - 1].name) == 0)
            return bad_usage("--set %s is given twice",
                             opt->params[i].name);
    }
    return 0;
}

/*
 * Returns the folder of a variant: value in lower case inside outdir,
 * with æ, ø and å written ae, o and a and every other run of characters
 * that is not a letter or digit as one "-". Returns NULL when value has
 * no letter or digit. Caller frees.
 */
static char *variant_dir(const char *outdir, const char *value)
{
    static const char *const folds[][2] = {
        {"æ", "ae"}, {"Æ", "ae"}, {"ø", "o"}, {"Ø", "o"}, {"å", "a"},
        {"Å", "a"}
    };
    char *dir = xmalloc(strlen(outdir) + 2 * strlen(value) + 3);
    char *d = dir + sprintf(dir, "%s/", outdir), *start = d;

    while (*value) {
        size_t k = 0, n = sizeof folds / sizeof folds[0];

        while (k < n && strncmp(value, folds[k][0], 2) != 0)
            k++;
        if (k < n) {
            d += sprintf(d, "%s", folds[k][1]);
            value += 2;
        } else if (isalnum((unsigned char)*value) && !(*value & 0x80)) {
            *d++ = (char)tolower((unsigned char)*value++);
        } else {
            if (d > start && d[-1] != '-')
                *d++ = '-';
            value++;
        }
    }
    while (d > start && d[-1] == '-')
        d--;
    *d = '\0';
    if (d == start) {
        free(dir);
        return NULL;
    }
    return dir;
}

/* Adds "NAME=VALUE" to the variants. Returns 0 or -1 after a usage
 * error. */
static int add_variant(options *opt, const char *arg)
{
    char *dir;

    if (add_pair("--variant", arg, opt->variants, &opt->nvariants,
                 opt->variant_text) != 0)
        return -1;
    opt->variant_arg[opt->nvariants - 1] = arg;
    dir = variant_dir(".", opt->variants[opt->nvariants - 1].value);
    if (!dir)
        return bad_usage("--variant \"%s\": the value has no letter or "
                         "digit to name its folder", arg);
    for (size_t i = 0; i + 1 < opt->nvariants; i++) {
        char *other = variant_dir(".", opt->variants[i].value);
        int same = strcmp(dir, other) == 0;

        free(other);
        if (same) {
            free(dir);
            return bad_usage2("--variant \"%s\": builds into the same "
                              "folder as --variant \"%s\"", arg,
                              opt->variant_arg[i]);
        }
    }
    free(dir);
    return 0;
}

/* Returns 1 when option (without its value) applies to cmd. */
static int option_fits(command cmd, const char *option)
{
    if (strcmp(option, "-o") == 0)
        return cmd == CMD_BUILD || cmd == CMD_WATCH || cmd == CMD_NEW_PLUGIN;
    if (strcmp(option, "--max-builds") == 0)
        return cmd == CMD_WATCH;
    if (strcmp(option, "--variant") == 0)
        return cmd == CMD_BUILD;
    if (strcmp(option, "-v") == 0)
        return cmd != CMD_NEW_PLUGIN;
    return cmd == CMD_BUILD || cmd == CMD_WATCH || cmd == CMD_CHECK;
}

/* Reads the option at argv[*i] (and its value). Returns 0, or -1 after
 * a usage error. */
static int parse_option(int argc, char **argv, int *i, options *opt)
{
    const char *arg = argv[*i];
    int takes_value = strcmp(arg, "-o") == 0 || strcmp(arg, "--set") == 0 ||
                      strcmp(arg, "--max-builds") == 0 ||
                      strcmp(arg, "--variant") == 0;
    const char *value = takes_value && *i + 1 < argc ? argv[*i + 1] : NULL;
    char *end;

    if (strcmp(arg, "-v") != 0 && strcmp(arg, "--strict") != 0 &&
        !takes_value)
        return bad_usage("unexpected argument \"%s\"", arg);
    if (!option_fits(opt->cmd, arg))
        return bad_usage("%s does not apply to this command", arg);
    if (takes_value && !value && strcmp(arg, "-o") == 0)
        return bad_usage("%s needs the output folder, as in -o out", arg);
    if (takes_value && !value)
        return bad_usage("%s needs a value", arg);
    if (strcmp(arg, "-o") == 0 && *value == '\0')
        return bad_usage("%s", "-o \"\": the output folder needs a name");
    if (strcmp(arg, "-o") == 0 && opt->outdir)
        return bad_usage2("-o is given twice (\"%s\" and \"%s\")",
                          opt->outdir, value);
    *i += takes_value;

    if (strcmp(arg, "-v") == 0)
        log_verbose = 1;
    else if (strcmp(arg, "--strict") == 0)
        opt->strict = 1;
    else if (strcmp(arg, "-o") == 0)
        opt->outdir = value;
    else if (strcmp(arg, "--set") == 0)
        return add_param(opt, value);
    else if (strcmp(arg, "--variant") == 0)
        return add_variant(opt, value);
    else {
        opt->max_builds = (int)strtol(value, &end, 10);
        if (*end || opt->max_builds < 1)
            return bad_usage("--max-builds \"%s\": a count of 1 or more",
                             value);
    }
    return 0;
}

/*
 * Checks the output folder of -o where it exists: it must be a folder
 * and not the root folder, where a report's files would mix with the
 * system's. Returns 0 or -1 after a usage error.
 */
static int check_outdir(const char *outdir)
{
    struct stat st;
    char *real;
    int root;

    if (!outdir || stat(outdir, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return bad_usage("-o %s: not a folder", outdir);
    real = realpath(outdir, NULL);
    root = real && strcmp(real, "/") == 0;
    free(real);
    if (root)
        return bad_usage("-o %s: the root folder cannot hold a report's "
                         "outputs; name a folder of its own", outdir);
    return 0;
}

/* Checks the count of positional arguments for the command, and the
 * output folder. */
static int check_args(const options *opt)
{
    if (check_outdir(opt->outdir) != 0)
        return -1;
    if (opt->cmd == CMD_INDICATORS)
        return 0;
    if (opt->nargs == 0 && opt->cmd == CMD_NEW_PLUGIN)
        return bad_usage("%s", "new-plugin needs the plugin's NAME");
    if (opt->nargs == 0)
        return bad_usage("%s needs a report script",
                         command_names[opt->cmd]);
    if (opt->nargs > 1)
        return bad_usage("unexpected argument \"%s\"", opt->args[1]);
    return 0;
}

/* Parses the command line. Returns 0 to run a command, -1 after
 * printing a usage error, 1 after printing help or the version. */
static int parse_args(int argc, char **argv, options *opt)
{
    int cmd;

    if (argc > 2 && (strcmp(argv[1], "--help") == 0 ||
                     strcmp(argv[1], "--version") == 0))
        return bad_usage("%s takes no arguments", argv[1]);
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        fputs(help, stdout);
        return 1;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("nokkel %s (plugin ABI %d.%d)\n", NOKKEL_VERSION,
               NK_ABI_MAJOR, NK_ABI_MINOR);
        return 1;
    }
    if (argc < 2)
        return bad_usage("%s", "no command");
    cmd = find_command(argv[1]);
    if (cmd < 0)
        return bad_usage("unknown command \"%s\"", argv[1]);
    opt->cmd = (command)cmd;
    opt->args = xcalloc((size_t)argc, sizeof *opt->args);
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            if (parse_option(argc, argv, &i, opt) != 0)
                return -1;
        } else {
            opt->args[opt->nargs++] = argv[i];
        }
    }
    return check_args(opt);
}

static build_session *open_session(const options *opt)
{
    build_opts bo = { 0 };

    bo.script = opt->args[0];
    bo.outdir = opt->outdir;
    bo.params = opt->params;
    bo.nparams = opt->nparams;
    bo.strict = opt->strict;
    return build_new(&bo);
}

/* Builds variant v of the report in session s: the options' parameters
 * with v's set or replaced, into its own folder. */
static int build_variant(build_session *s, const options *opt,
                         const plg_param *v, char **err)
{
    plg_param params[MAX_PARAMS + 1];
    size_t n = 0;
    char *dir = variant_dir(opt->outdir ? opt->outdir : "out", v->value);
    int rc;

    for (size_t i = 0; i < opt->nparams; i++) {
        if (strcmp(opt->params[i].name, v->name) != 0)
            params[n++] = opt->params[i];
    }
    params[n++] = *v;
    build_retarget(s, params, n, dir, v->name);
    rc = build_run(s, err);
    free(dir);
    return rc;
}

/* Builds the report and each variant; with variants, all of them are
 * put in place only when every one built, so a failing variant leaves
 * every earlier output as it was. */
static int run_build(const options *opt)
{
    build_session *s = open_session(opt);
    char *err = NULL;
    int rc;

    if (opt->nvariants > 0)
        build_defer(s);
    rc = build_run(s, &err);
    for (size_t i = 0; rc == 0 && i < opt->nvariants; i++) {
        if (build_variant(s, opt, &opt->variants[i], &err) != 0) {
            char *what = err_fmt("variant %s=%s (nothing written): %s",
                                 opt->variants[i].name,
                                 opt->variants[i].value, err);

            free(err);
            err = what;
            rc = -1;
        }
    }
    if (rc == 0 && opt->nvariants > 0)
        rc = build_commit(s, &err);
    if (rc != 0)
        fprintf(stderr, "nokkel: %s\n", err);
    free(err);
    build_free(s);
    return rc == 0 ? EXIT_SUCCESS : EXIT_INPUT;
}

static int run_watch(const options *opt)
{
    build_session *s = open_session(opt);
    char *err = NULL;
    int rc = watch_run(s, opt->max_builds, &err);

    if (rc < 0)
        fprintf(stderr, "nokkel: %s\n", err);
    free(err);
    build_free(s);
    return rc == 0 ? EXIT_SUCCESS : EXIT_INPUT;
}

/* Checks the report and prints every problem, then a count. */
static int run_check(const options *opt)
{
    check_list *list = check_new();
    build_session *s;
    size_t errors, warnings;
    int fails;

    /* Warnings while the session opens (a bad NOKKEL_TIME_LIMIT) are
     * the check's too. */
    log_check = list;
    s = open_session(opt);
    log_check = NULL;
    build_check(s, list);
    check_print(list, stderr);
    errors = check_count(list, CHECK_ERROR);
    warnings = check_count(list, CHECK_WARNING);
    fails = errors > 0 || (opt->strict && warnings > 0);
    fprintf(stderr, "nokkel: check: %zu error%s, %zu warning%s%s\n", errors,
            errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
            fails && errors == 0 ? " (--strict makes warnings errors)" : "");
    check_free(list);
    build_free(s);
    return fails ? EXIT_INPUT : EXIT_SUCCESS;
}

/* Returns the file loaded plugin p came from. */
static const char *file_of(const plg_host *host, const nk_plugin *p)
{
    for (size_t i = 0; i < plg_count(host); i++) {
        if (plg_plugin(host, i) == p)
            return plg_file(host, i);
    }
    return "?";
}

/* Prints one plugin and its indicators. */
static void print_plugin(const nk_plugin *p, const char *file)
{
    printf("%s %s (plugin ABI %u.%u): %s\n", p->name, p->version,
           (unsigned)p->abi_major, (unsigned)p->abi_minor,
           p->description ? p->description : "");
    printf("  file: %s\n", file);
    for (const nk_indicator *ind = p->indicators; ind->name; ind++) {
        const char *sep = "";

        printf("  %s: %s\n    inputs:", ind->name,
               ind->description ? ind->description : "");
        for (const nk_input *in = ind->inputs; in->table; in++) {
            for (const char *const *c = in->columns; c && *c; c++) {
                printf("%s %s.%s", sep, in->table, *c);
                sep = ",";
            }
        }
        putchar('\n');
    }
}

/* Prints why plugin name did not load, with a "did you mean" from the
 * plugins in the path; frees err. */
static void plugin_error(const plg_host *host, const char *name, char *err)
{
    size_t n;
    char **names = plg_scan(host, &n);
    char *hint = check_hint(name, (const char *const *)names, n);

    fprintf(stderr, "nokkel: %s%s\n", err, hint);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(hint);
    free(err);
}

/* Loads the plugins named (or all in the path) and prints them. */
static int run_indicators(const options *opt)
{
    char *path = plg_default_path();
    plg_host *host = plg_new(path);
    size_t n = opt->nargs;
    char **names = n ? NULL : plg_scan(host, &n);
    int rc = EXIT_SUCCESS;

    if (n == 0) {
        fprintf(stderr, "nokkel: no plugins in the plugin path %s\n", path);
        rc = EXIT_INPUT;
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = names ? names[i] : opt->args[i];
        char *err = NULL;
        const nk_plugin *p = plg_load(host, name, &err);

        if (!p) {
            plugin_error(host, name, err);
            rc = EXIT_INPUT;
            continue;
        }
        print_plugin(p, file_of(host, p));
    }
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    plg_free(host);
    free(path);
    return rc;
}

/* Returns 1 when a plugin called name is in the plugin path. */
static int plugin_exists(const char *name)
{
    char *path = plg_default_path();
    plg_host *host = plg_new(path);
    size_t n;
    char **names = plg_scan(host, &n);
    int found = 0;

    for (size_t i = 0; i < n; i++) {
        found |= strcmp(names[i], name) == 0;
        free(names[i]);
    }
    free(names);
    plg_free(host);
    free(path);
    return found;
}

/* new-plugin NAME: writes a plugin project, after checking its name. */
static int run_new_plugin(const options *opt)
{
    const char *name = opt->args[0];
    const char *dir = opt->outdir ? opt->outdir : name;
    char *err = NULL;

    if (!skel_name_ok(name)) {
        bad_usage("\"%s\" cannot name a plugin: use lowercase letters, "
                  "digits and _, at most 40, starting with a letter",
                  name);
        return EXIT_USAGE;
    }
    if (plugin_exists(name)) {
        bad_usage("new-plugin %s: a plugin of that name is already in the "
                  "plugin path; pick another name", name);
        return EXIT_USAGE;
    }
    if (skel_write(name, dir, &err) != 0) {
        fprintf(stderr, "nokkel: %s\n", err);
        free(err);
        return EXIT_INPUT;
    }
    printf("nokkel: wrote the plugin project %s into %s/; build it with\n"
           "  cmake -S %s -B %s/build && cmake --build %s/build && "
           "ctest --test-dir %s/build\n", name, dir, dir, dir, dir, dir);
    return EXIT_SUCCESS;
}

static void free_options(options *opt)
{
    for (size_t i = 0; i < MAX_PARAMS; i++) {
        free(opt->param_text[i]);
        free(opt->variant_text[i]);
    }
    free(opt->args);
}

int main(int argc, char **argv)
{
    options opt = { 0 };
    int rc = parse_args(argc, argv, &opt);

    if (rc == 0) {
        switch (opt.cmd) {
        case CMD_BUILD:
            out_catch_signals();
            rc = run_build(&opt);
            if (rc != EXIT_SUCCESS)
                out_end_if_interrupted();
            break;
        case CMD_WATCH: rc = run_watch(&opt); break;
        case CMD_CHECK: rc = run_check(&opt); break;
        case CMD_INDICATORS: rc = run_indicators(&opt); break;
        case CMD_NEW_PLUGIN: rc = run_new_plugin(&opt); break;
        }
    } else {
        rc = rc < 0 ? EXIT_USAGE : EXIT_SUCCESS;
    }
    free_options(&opt);
    return rc;
}
