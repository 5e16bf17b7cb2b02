/*
 * nokkel plugin ABI.
 *
 * This header is all a chapter plugin includes. A plugin is a shared
 * object that exports one symbol, NK_PLUGIN_SYMBOL, a function that
 * returns a constant descriptor: ABI version, name, version and the
 * indicators it computes. The host checks the descriptor before it
 * calls anything else.
 *
 * The host reaches the plugin through nk_host, a table of functions that
 * only ever grows at its end; a plugin built for minor version N runs on
 * any host with the same major version and a minor version of N or newer.
 * Every ABI change is recorded in docs/ABI-CHANGES.md.
 */
#ifndef NOKKEL_PLUGIN_H
#define NOKKEL_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#define NK_ABI_MAJOR 1
#define NK_ABI_MINOR 1

/* The one symbol every plugin exports. */
#define NK_PLUGIN_SYMBOL "nokkel_plugin_describe"

#if defined(__GNUC__)
#define NK_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define NK_PLUGIN_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* One computation of one indicator. Opaque; valid during compute only. */
typedef struct nk_call nk_call;

/* The result table a computation fills. Opaque; owned by the host. */
typedef struct nk_result nk_result;

typedef struct nk_host nk_host;

/* An input table and the columns of it an indicator reads. */
typedef struct nk_input {
    const char *table;          /* table name in the data schema */
    const char *const *columns; /* NULL-terminated column names */
} nk_input;

/*
 * Computes one indicator. Returns 0 when the result is complete, or -1
 * after reporting what went wrong through host->fail.
 */
typedef int (*nk_compute_fn)(const nk_host *host, nk_call *call);

typedef struct nk_indicator {
    uint32_t size;              /* sizeof(nk_indicator) */
    const char *name;           /* unique across all plugins */
    const char *description;    /* one line, Norwegian or English */
    const nk_input *inputs;     /* ended by an entry with table NULL */
    nk_compute_fn compute;
} nk_indicator;

typedef struct nk_plugin {
    uint32_t abi_major;         /* NK_ABI_MAJOR when built */
    uint32_t abi_minor;         /* NK_ABI_MINOR when built */
    uint32_t size;              /* sizeof(nk_plugin) */
    const char *name;           /* the chapter, e.g. "forskning" */
    const char *version;        /* the plugin's own version */
    const char *description;
    const nk_indicator *indicators; /* ended by an entry with name NULL */
} nk_plugin;

/* The type of NK_PLUGIN_SYMBOL. The descriptor must live as long as the
 * shared object is loaded. */
typedef const nk_plugin *(*nk_describe_fn)(void);

/*
 * Host services. A plugin calls nothing in the host but these.
 *
 * Input columns come from the tables an indicator declared in its
 * inputs; asking for anything else fails. Numbers are doubles with NaN
 * for a missing value; texts are UTF-8 with NULL for a missing value.
 * Both arrays are borrowed and valid until compute returns.
 *
 * Functions that can fail return -1 (or NULL) and record the reason, so
 * a compute function can simply return -1 in turn.
 */
struct nk_host {
    uint32_t size;              /* sizeof(nk_host) of the running host */
    uint32_t abi_major;
    uint32_t abi_minor;

    /* ABI 1.0 */
    long (*rows)(nk_call *call, const char *table);
    const double *(*numbers)(nk_call *call, const char *table,
                             const char *column);
    const char *const *(*texts)(nk_call *call, const char *table,
                                const char *column);
    /* The line in the input file that holds a row, for messages. */
    long (*line)(nk_call *call, const char *table, long row);
    /* A parameter given by the report script, or NULL when absent. */
    const char *(*param)(nk_call *call, const char *name);

    /* Creates the call's result with nrows rows; once per call. */
    nk_result *(*result)(nk_call *call, long nrows);
    /* Adds a column; values holds nrows entries and is copied. */
    int (*add_numbers)(nk_result *res, const char *column,
                       const double *values);
    int (*add_texts)(nk_result *res, const char *column,
                     const char *const *values);
    /* A named single value, for text templates ("total", "change"). */
    int (*set_value)(nk_result *res, const char *name, double value);
    /* The number a share column was computed against. */
    int (*set_denominator)(nk_result *res, const char *column,
                           double denominator);
    int (*set_unit)(nk_result *res, const char *unit);
    /* The source note ("NIFU"). Without one, the result takes the source
     * the data schema gives the indicator's first input table. */
    int (*set_source)(nk_result *res, const char *source);

    /*
     * Reports why the computation failed and returns -1. With a table
     * and a row (>= 0) the message is located at that row's file:line;
     * with a table and row -1 (a fault of the whole table, such as too
     * few rows) at the table's last line. A message that starts with
     * the name of a column of the table and a colon ("kvinner: value is
     * missing") is located at that cell, file:line:column.
     */
    int (*fail)(nk_call *call, const char *table, long row,
                const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 4, 5)))
#endif
        ;
    /* A progress note, shown with -v. */
    void (*log)(nk_call *call, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;

    /* ABI 1.1 */
    /*
     * A text column as codes, to group and order rows by integers
     * instead of comparing strings: codes[r] is the place of row r's
     * text among the column's distinct texts in byte order (from 0), or
     * -1 when the cell is empty. *distinct receives those texts and
     * *ndistinct their count. Borrowed like texts; NULL on failure.
     */
    const int *(*text_codes)(nk_call *call, const char *table,
                             const char *column,
                             const char *const **distinct, long *ndistinct);
};

#ifdef __cplusplus
}
#endif

#endif
