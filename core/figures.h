/*
 * The chart image files of a build, SVG and PNG, written on a worker
 * thread while the caller lays out the PDF. A set lives as long as its
 * build session: a chart whose SVG comes out byte for byte the same as
 * in the last build is the same drawing, so its PNG, the slow one to
 * make, is copied from memory.
 */
#ifndef NOKKEL_FIGURES_H
#define NOKKEL_FIGURES_H

#include <stddef.h>

#include "chart.h"

typedef struct figures figures;

figures *figures_new(void);

/* Frees the set; no write may be running. */
void figures_free(figures *f);

/*
 * Starts writing chart specs[i] as SVG into svg[i] and as PNG into
 * png[i], for i < n, and returns at once. The specs and paths are
 * borrowed until figures_wait returns; only one write runs at a time.
 */
void figures_start(figures *f, const chart_spec *const *specs,
                   const char *const *svg, const char *const *png,
                   size_t n);

/*
 * Writes the charts no thread has taken yet, then waits for the
 * worker. Returns 0, or -1 and sets *err (caller frees) to the error of
 * the first chart, in report order, that could not be written.
 */
int figures_wait(figures *f, char **err);

/* Returns the SHA-256 (hex) of chart i's PNG, or with png 0 its SVG,
 * as written by the last successful figures_wait, and its size in
 * *size; borrowed until the next figures_start. */
const char *figures_sum(const figures *f, size_t i, int png, size_t *size);

#endif
