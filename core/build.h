/*
 * A build session: one report script with its plugins, parameters and
 * output folder, built once (nokkel build), again and again (nokkel
 * watch) or checked (nokkel check). Between builds the session keeps
 * the loaded plugins, the data tables whose files did not change and
 * the indicator results computed from them.
 */
#ifndef NOKKEL_BUILD_H
#define NOKKEL_BUILD_H

#include <stddef.h>

#include "check.h"
#include "plg.h"

typedef struct build_opts {
    const char *script;         /* the report script */
    const char *outdir;         /* where outputs go */
    const plg_param *params;    /* --set name=value */
    size_t nparams;
    int strict;                 /* warnings fail the build */
} build_opts;

typedef struct build_session build_session;

/* Returns a session for opt (copied, strings too), searching plugins in
 * the default plugin path. */
build_session *build_new(const build_opts *opt);

void build_free(build_session *s);

/*
 * Builds the report: runs the script, then writes the DocBook, the
 * charts, the PDF and manifest.json into the output folder, all or
 * nothing. Returns 0, or -1 and sets *err (caller frees); the outputs of
 * an earlier build are then left as they were.
 */
int build_run(build_session *s, char **err);

/* Checks the report without writing anything; every problem found goes
 * into list (see check.h). */
void build_check(build_session *s, check_list *list);

/*
 * From now on, a good build_run writes its outputs under temporary names
 * and leaves them there, for build_commit to put all of them in place
 * at once or build_discard to remove: a run of several reports
 * (--variant) is then all or nothing.
 */
void build_defer(build_session *s);

/* Puts the outputs of every deferred build in place, in build order.
 * Returns 0, or -1 and sets *err (caller frees); the builds after the
 * one that failed are discarded. */
int build_commit(build_session *s, char **err);

/* Removes the outputs of every deferred build; the earlier outputs stay
 * as they were. build_free does this for builds never committed. */
void build_discard(build_session *s);

/*
 * Replaces the session's parameters and output folder (both copied)
 * for the next build, keeping the loaded plugins, the data read and
 * the indicator results, which are kept by parameters. variant names
 * the parameter that makes this build a variant (--variant), or is
 * NULL: a variant whose parameter nothing reads fails, as it would be
 * the report without it.
 */
void build_retarget(build_session *s, const plg_param *params,
                    size_t nparams, const char *outdir,
                    const char *variant);

/* Unloads the plugins and forgets every result, so plugin files that
 * changed are loaded afresh by the next build. */
void build_reload(build_session *s);

/*
 * Returns the folders the last build read from: the scripts, templates
 * and data folders and those of the loaded plugins, each once. Caller
 * frees the array and each folder.
 */
char **build_folders(const build_session *s, size_t *n);

/* How many indicator results the last build computed and how many it
 * reused from an earlier build. */
void build_counts(const build_session *s, unsigned long *computed,
                  unsigned long *reused);

/* The path of the last build's PDF, or NULL before a good build;
 * borrowed. */
const char *build_pdf(const build_session *s);

#endif
