/*
 * Charts: a specification that is plain data, drawn with cairo into a
 * PDF page, an SVG file or a PNG file from the same code. Text is set
 * with pango in the document's font; numbers follow fmt.h (tables
 * style: "1 000", "2,5", "40 %"; years as "2007").
 */
#ifndef NOKKEL_CHART_H
#define NOKKEL_CHART_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

typedef enum chart_kind {
    CHART_LINE,         /* one line per series over the categories */
    CHART_BAR           /* bars per category; grouped or stacked */
} chart_kind;

typedef struct chart_series {
    char *name;         /* legend text */
    double *values;     /* ncat values; NaN is a gap, never zero */
    uint32_t color;     /* 0xRRGGBB */
} chart_series;

typedef struct chart_spec {
    char *id;               /* the figure's xml:id, for messages */
    chart_kind kind;
    size_t ncat;
    char **categories;      /* category labels (x axis, or y when
                               horizontal) */
    size_t nseries;
    chart_series *series;
    char *unit;             /* axis title, e.g. "Antall"; may be NULL */
    int percent;            /* values are percent: ticks "40 %" */
    int horizontal;         /* bars: categories down the side */
    int stacked;            /* bars: series stacked, not side by side */
    int value_labels;       /* write each value on or beside its bar */
    int markers;            /* lines: a dot on each point */
    int decimals;           /* decimals in value labels */
    char *font;             /* pango family, e.g. "Noto Sans" */
    double font_size;       /* points */
    double width;           /* points, for files and the page */
    double height;
} chart_spec;

/* Returns an empty spec with defaults set; free with chart_spec_free. */
chart_spec *chart_spec_new(void);

void chart_spec_free(chart_spec *spec);

/* Checks a spec: values finite or NaN, categories and series present.
 * Returns 0, or -1 and sets *err to "figure id: what is wrong". */
int chart_check(const chart_spec *spec, char **err);

/*
 * Draws the chart into the rectangle (0, 0, spec->width, spec->height)
 * of cr's user space, leaving cr's state as it found it. The spec must
 * have passed chart_check. Returns 0, or -1 and sets *err.
 */
int chart_draw(cairo_t *cr, const chart_spec *spec, char **err);

/* Writes the chart as an SVG or a PNG (scale pixels per point) file at
 * path. Returns 0, or -1 and sets *err. */
int chart_write_svg(const chart_spec *spec, const char *path, char **err);
int chart_write_png(const chart_spec *spec, const char *path, double scale,
                    char **err);

/* A set of specs keyed by figure id; owns them. */
typedef struct chart_set {
    size_t n;
    chart_spec **specs;
} chart_set;

/* Adds spec (taking ownership) to set. */
void chart_set_add(chart_set *set, chart_spec *spec);

/* Returns the spec for a figure id, or NULL. */
const chart_spec *chart_set_find(const chart_set *set, const char *id);

/* Frees every spec and the list, leaving an empty set. */
void chart_set_clear(chart_set *set);

#endif
