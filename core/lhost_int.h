/*
 * Shared between lhost.c (the Lua state and the script API) and
 * lreport.c (building the document from the report table).
 */
#ifndef NOKKEL_LHOST_INT_H
#define NOKKEL_LHOST_INT_H

#include <stddef.h>

#include <lua.h>

#include "data.h"
#include "lhost.h"
#include "plg.h"

struct lhost {
    char *script;           /* the report script, as given */
    char *scripts_dir;      /* its folder; require looks here */
    char *root;             /* the report's folder */
    plg_host *plugins;      /* borrowed */
    lua_State *L;
    size_t mem_used;
    long steps;
    data_set *data;         /* set by report{} */
    char *data_path;
    char *templates_dir;    /* relative to root */
};

/* The host that owns L (its allocator's user data). */
lhost *lhost_self(lua_State *L);

/* lua_pcall with a traceback handler; on error sets *err (caller frees)
 * and pops the error. */
int lhost_pcall(lua_State *L, int nargs, int nresults, char **err);

/* Pushes a number, as an integer when it is whole. */
void lhost_push_number(lua_State *L, double v);

char *lhost_join(const char *dir, const char *name);
int lhost_path_inside(const char *rel);
int lhost_call_shim(lua_State *L);

/* Declares the tables of the schema table on top of the stack, read
 * from path. Returns 0, or -1 and sets *err. */
int lhost_declare_tables(lua_State *L, lhost *h, const char *path,
                         char **err);

/*
 * lua_CFunction run under lhost_pcall: arguments are the report table
 * and a light userdata lhost_report to fill. Raises Lua errors located
 * at the script line that made the faulty element.
 */
int lrep_build(lua_State *L);

#endif
