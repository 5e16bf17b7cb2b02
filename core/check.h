/*
 * nokkel check: finds every problem of a report without writing
 * anything. Scripts, templates, data and plugin bindings are checked in
 * one run, and each problem is collected, not only the first.
 *
 * While checking, the Lua host records a problem and carries on where a
 * build would stop: an unknown indicator gives an empty result, a
 * template value that is missing reads as 0, a figure without alt text
 * gets a stand-in, a chapter script that fails is left out (its failure
 * untold when it had got a stand-in result, most likely the cause).
 * After the script, every declared data table is read, every loaded
 * plugin's inputs are matched against the schema, and the DocBook tree
 * is searched for figures and tables no xref points at. A report
 * without errors so far is then laid out as for the PDF, charts and
 * title page included, for what the layout warns about (a character no
 * font has) or fails at (a chart too small for its labels).
 */
#ifndef NOKKEL_CHECK_H
#define NOKKEL_CHECK_H

#include <stddef.h>
#include <stdio.h>

typedef enum check_level {
    CHECK_ERROR,        /* the build would fail or be wrong */
    CHECK_WARNING       /* the build works; --strict makes it fail */
} check_level;

typedef struct check_list check_list;

/* Returns an empty list; free with check_free. */
check_list *check_new(void);

void check_free(check_list *list);

/* Adds a problem, "file:line: what is wrong" by convention. A message
 * already in the list is not added again. */
void check_add(check_list *list, check_level level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The number of problems of a level. */
size_t check_count(const check_list *list, check_level level);

/* Prints every problem in the order found, "nokkel: " first and
 * "warning: " before warnings. */
void check_print(const check_list *list, FILE *out);

/*
 * Returns " (did you mean "x"?)" with the candidate closest to name by
 * edit distance (a swap of two neighbouring letters is one edit), or
 * "" when none is close enough to be a likely typo: at most a third of
 * name's length (at least one) and never more than three edits. Also
 * "" when name is one of the candidates: what failed was then not the
 * name. Caller frees.
 */
char *check_hint(const char *name, const char *const *candidates, size_t n);

#endif
