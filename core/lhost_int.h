/*
 * Shared between lhost.c (the Lua state and the script API) and
 * lreport.c (building the document from the report table).
 */
#ifndef NOKKEL_LHOST_INT_H
#define NOKKEL_LHOST_INT_H

#include <stddef.h>

#include <lua.h>

#include "check.h"
#include "data.h"
#include "lhost.h"
#include "plg.h"
#include "tmpl.h"

struct lhost {
    char *script;           /* the report script, as given */
    char *scripts_dir;      /* its folder; require looks here */
    char *root;             /* the report's folder */
    plg_host *plugins;      /* borrowed */
    lua_State *L;
    size_t mem_used;
    char stop_where[160];   /* "file:line: " where the script was stopped
                               from outside: memory, watchdog */
    char build_where[160];  /* "file:line: " of the element the report
                               is being built from, or "" */
    long steps;
    double started;         /* when the run began, for the time limit */
    int time_limit;         /* seconds */
    long step_limit;        /* VM instructions, raised with time_limit */
    /* The indicator a plugin computes now and its plugin, for the
     * watchdog; NULL between computations. */
    const nk_indicator *volatile computing;
    const nk_plugin *computing_plugin;
    data_set *data;         /* opened by report{}; kept between runs */
    int reported;           /* report{} ran in this run */
    char *templates_dir;    /* relative to root */
    check_list *check;      /* borrowed; set while checking */
    int halted;             /* a problem that ends the run: the scripts
                               were stopped or a --set is bad */
    int halt_told;          /* ... and it is in the check list */
    unsigned long stubs;    /* stand-in results given while checking */
    char **inputs;          /* files this run read, as opened */
    size_t ninputs;
};

/* The host that owns L (its allocator's user data). */
lhost *lhost_self(lua_State *L);

/* lua_pcall with a traceback handler; on error sets *err (caller frees)
 * and pops the error. */
int lhost_pcall(lua_State *L, int nargs, int nresults, char **err);

/* Pushes a number, as an integer when it is whole. */
void lhost_push_number(lua_State *L, double v);

char *lhost_join(const char *dir, const char *name);

/* Records path (copied) as a file this run read. */
void lhost_add_input(lhost *h, const char *path);
int lhost_path_inside(const char *rel);
int lhost_call_shim(lua_State *L);

/* Declares the tables of the schema table on top of the stack, read
 * from path. Returns 0, or -1 and sets *err. */
int lhost_declare_tables(lua_State *L, lhost *h, const char *path,
                         char **err);

/* Template placeholders are looked up in the arguments first..last of
 * a render call: an indicator result's values first, then plain
 * fields. lhost_lookup is a tmpl_lookup_fn over a lookup_ctx. */
typedef struct lookup_ctx {
    lua_State *L;
    int first;
    int last;
} lookup_ctx;

int lhost_lookup(void *ud, const char *name, double *num, const char **text);

/*
 * Check mode (lcheck.c). A stub stands in for what a build would fail
 * on, so the check goes on: an empty indicator result whose values read
 * as 0, or a chapter with one paragraph.
 */
void lhost_push_stub_result(lua_State *L, const char *name);
int lhost_is_stub(lua_State *L, int idx);
void lhost_push_stub_chapter(lua_State *L, const char *name);

/* Renders template name of set like a build, but records every problem
 * in h->check and pushes the text (or a stand-in) instead of raising. */
int lhost_check_render(lua_State *L, const tmpl_set *set, const char *name);

/*
 * lua_CFunction run under lhost_pcall with the report table: records
 * figures without alt text and figures and tables bound to columns their
 * data lacks, and patches or replaces them so that the document can
 * still be built and checked further.
 */
int lhost_check_walk(lua_State *L);

/*
 * lua_CFunction run under lhost_pcall: arguments are the report table
 * and a light userdata lhost_report to fill. Raises Lua errors located
 * at the script line that made the faulty element.
 */
int lrep_build(lua_State *L);

#endif
