/*
 * The Lua host: runs the report script in a sandbox and turns what it
 * returns into the document tree and the chart specs.
 *
 * Scripts see Lua's base functions (without file access, load of binary
 * chunks or raw debug access), string, table, math and utf8, and the
 * report vocabulary: report, chapter, section, para, list, sidebar,
 * figure, table, line, bar, plugin, indicator, templates, fmt, params
 * (the build's --set parameters, read-only) and a require that loads
 * scripts from the report's scripts folder only. A script runs under an
 * instruction and a memory limit.
 *
 * report{} takes two build parameters itself: --set data=FOLDER and
 * --set year=YEAR replace the data folder and year the script gives.
 *
 * One host can run its script many times (nokkel watch); each run starts
 * from a fresh Lua state, while the data set stays open, so tables whose
 * files did not change are not read again.
 *
 * The report's folder is the parent of the folder that holds the report
 * script; data and template paths are relative to it and must stay
 * inside it.
 */
#ifndef NOKKEL_LHOST_H
#define NOKKEL_LHOST_H

#include <libxml/tree.h>

#include "chart.h"
#include "check.h"
#include "pdf.h"
#include "plg.h"

/* What a report script describes, ready for the writers. */
typedef struct lhost_report {
    xmlDocPtr doc;          /* the DocBook book */
    chart_set charts;       /* one spec per figure, by xml:id */
    pdf_style style;        /* strings borrowed from the lhost */
    char *name;             /* output base name, "nokkeltall-2025" */
} lhost_report;

typedef struct lhost lhost;

/* Returns a host for the script at path, using plugins (borrowed). */
lhost *lhost_new(const char *path, plg_host *plugins);

/* Frees the host, its Lua state and its data set. */
void lhost_free(lhost *h);

/*
 * Runs the script and builds the report into *rep (free its parts with
 * lhost_report_clear). Returns 0, or -1 and sets *err to "file:line:
 * message" with a short Lua traceback where one helps.
 */
int lhost_run(lhost *h, lhost_report *rep, char **err);

void lhost_report_clear(lhost_report *rep);

/*
 * Puts the host in check mode with list (borrowed), or back to building
 * with NULL. In check mode lhost_run records each problem it can step
 * past in list and goes on (see check.h); it still returns -1 for a
 * problem it cannot step past, with *err NULL when that problem is
 * already in the list.
 */
void lhost_set_check(lhost *h, check_list *list);

/* Warns about every figure and table of doc (the last run's) that no
 * xref points at: recorded in the list in check mode, logged as a
 * warning in a build (so --strict fails on it in both). */
void lhost_check_xrefs(lhost *h, xmlDocPtr doc);

/* The report's folder ("." or a path); borrowed. */
const char *lhost_root(const lhost *h);

/* The data set the last run opened, or NULL; borrowed until the next
 * lhost_run or lhost_free. */
data_set *lhost_data(const lhost *h);

/* The scripts, template files and schema the last run read, as opened
 * (relative to the current folder or absolute), in the order read.
 * Borrowed until the next lhost_run. */
const char *const *lhost_inputs(const lhost *h, size_t *n);

#endif
