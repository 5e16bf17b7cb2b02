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
 * Where one chart's images go: their final paths, the temporary paths
 * to write instead (from out_add), and, once written, whether a final
 * file was kept as it is because it holds the image already.
 */
typedef struct figure_files {
    const char *svg, *png;
    const char *svg_temp, *png_temp;
    int svg_kept, png_kept;
} figure_files;

/*
 * Starts writing chart specs[i] as the SVG and PNG of files[i], for
 * i < n, and returns at once. The specs and files are borrowed until
 * figures_wait returns, which has set the kept flags; only one write
 * runs at a time.
 */
void figures_start(figures *f, const chart_spec *const *specs,
                   figure_files *files, size_t n);

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
