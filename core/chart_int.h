/*
 * The chart module's private parts, shared by its files:
 *
 *   chart_spec.c     making, sorting and checking specs; spec sets
 *   chart_palette.c  the palette, its check, the colour of everything
 *   chart_text.c     labels measured with pango and kept apart
 *   chart_axis.c     value range, ticks, category labels
 *   chart_bar.c      bar geometry and value labels
 *   chart_layout.c   unit, legend, line ends; fitting a chart's layout
 *   chart_pie.c      pies and donuts
 *   chart_facet.c    figures of facets (small multiples)
 *   chart.c          drawing, SVG and PNG files, the layout's boxes
 *
 * One layout computation measures every label with pango and places
 * it; drawing and the box report both read that layout, so what the
 * tests check is what the page shows.
 *
 * Coordinates are points from the chart's top left corner. "Upright"
 * charts (lines, vertical bars) run the categories along the bottom;
 * horizontal bars run them down the left side, and their value axis
 * along the bottom.
 */
#ifndef NOKKEL_CHART_INT_H
#define NOKKEL_CHART_INT_H

#include <stddef.h>
#include <stdint.h>

#include <pango/pangocairo.h>

#include "chart.h"

#define CHART_MAX_CATEGORIES 60
#define CHART_MAX_TICKS 7
#define CHART_MAX_FACETS 16
#define CHART_MAX_SLICES 12

#define CHART_PAD 2.0       /* blank edge around the chart */
#define CHART_GAP 4.0       /* between an axis and its labels */
#define CHART_MIN_PLOT 24.0 /* the smallest plot side worth drawing */
#define CHART_END_GAP 3.0   /* between the plot and a line's name */
#define CHART_ITEM_GAP 12.0 /* between legend entries */
#define CHART_LEGEND_GAP 8.0 /* between the legend and what is above it */
#define CHART_LEADER 8.0    /* from a pie's rim to a label beside it */
#define CHART_CELL_GAP 14.0 /* between the facets of a figure */
#define CHART_TITLE_GAP 3.0 /* between a facet's title and its chart */
#define CHART_PI 3.14159265358979323846
#define CHART_QUARTER (CHART_PI / 2) /* a quarter turn */

#define CHART_INK 0x333333  /* text */
#define CHART_GRID 0xDDDDDD
#define CHART_AXIS 0x595959

/* A label: a pango layout and the box it takes on the chart. */
typedef struct chart_text {
    chart_box_kind kind;
    char *str;              /* owned */
    PangoLayout *pl;        /* owned */
    double lx, ly;          /* the layout's logical rectangle, unturned */
    double tw, th;
    double base;            /* first baseline below the rectangle's top */
    double x, y, w, h;      /* the box on the chart */
    double ox;              /* where the text starts in the box */
    int turned;             /* a quarter turn, reading upwards */
    size_t cat;             /* value labels: the bar's category */
    size_t series;          /* value labels, legend and line ends */
    uint32_t color;
    uint32_t swatch;        /* legend entries: the colour they name */
    int outside;            /* a slice's label set beside the pie */
} chart_text;

/* Ticks at (k0 + i) * step for i below n. */
typedef struct chart_ticks {
    double step;
    long k0;
    size_t n;
    int decimals;
    double score;           /* how good a choice, higher is better */
} chart_ticks;

/* One chart laid out: its pango context, plot, axes and labels. */
typedef struct chart_layout {
    const chart_spec *spec;
    PangoContext *pc;
    PangoFontDescription *fd;
    double line_h;          /* height of one line of text */
    int horizontal;         /* categories down the left side */
    int end_labels;         /* series names at line ends, no legend */
    int cell;               /* a facet: no legend, unit or line ends */
    int frame;              /* a figure's facets drawn apart: texts only */
    double data_lo, data_hi;    /* what the value axis must show */
    chart_ticks ticks;
    double lo, hi;          /* the value axis */
    double px, py, pw, ph;  /* the plot area */
    double bound_l, bound_t, bound_r, bound_b;  /* the plot stays inside */
    double slot;            /* from one category to the next */
    size_t slots;           /* bars: slots to share out, at least ncat */
    double inset;           /* from the plot's edge to the first one */
    double bar;             /* pitch of one bar in a group */
    double bar_gap;         /* blank between the bars of a group */
    double cx, cy, r, hole; /* a pie's centre, radius and hole */
    double max_r;           /* the largest radius a pie may take */
    size_t tick_first, cat_first, cat_n, end_first, value_first;
    size_t unit;            /* index of the unit text, or SIZE_MAX */
    const char *long_label; /* a category label too tall for its slot
                               even wrapped, from the last try; borrowed
                               from the spec, or NULL */
    chart_text *texts;
    size_t ntexts, cap;
} chart_layout;

/* How a try at a layout ended. */
enum {
    CHART_FIT_OK,
    CHART_FIT_TICKS,        /* tick labels crowd: try fewer ticks */
    CHART_FIT_ENDS,         /* line-end names do not fit: use a legend */
    CHART_FIT_SMALL         /* the chart is too small for its labels */
};

/* A facet of a figure: a chart of its own over the facet's categories,
 * sharing the figure's options. */
typedef struct chart_cell {
    chart_spec view;        /* the figure's spec, narrowed to the facet;
                               borrows its labels and values */
    chart_series *series;   /* the view's series, colours resolved */
    uint32_t *colors;       /* the view's category colours, or NULL */
    chart_layout L;
    double x, y;            /* the view's top left corner in the figure */
    double cell_x, cell_w;  /* the cell across the figure */
} chart_cell;

/* A chart laid out: the whole of it in top, or for facets the figure's
 * own texts (unit, titles, legend) in top and a chart per cell. */
typedef struct chart_figure {
    chart_layout top;
    chart_cell *cells;
    size_t ncells;
} chart_figure;

/* chart_spec.c */
const char *chart_spec_name(const chart_spec *spec);
int chart_is_pie(const chart_spec *spec);

/* chart_palette.c */
uint32_t chart_series_color(const chart_spec *spec, size_t s);
void chart_label_ranks(const chart_spec *spec, size_t *rank);
uint32_t chart_ranked_color(const chart_spec *spec, size_t i,
                            const size_t *rank);
uint32_t chart_category_color(const chart_spec *spec, size_t i);
int chart_bars_by_category(const chart_spec *spec);
uint32_t chart_bar_color(const chart_spec *spec, size_t i, size_t s);
double chart_color_light(uint32_t c);
uint32_t chart_color_for_text(uint32_t c);

/* chart_text.c */
chart_text *chart_text_add(chart_layout *L, chart_box_kind kind, char *s,
                           double wrap, PangoAlignment align);
void chart_text_bold(chart_text *t);
void chart_text_turn(chart_text *t);
void chart_text_free(chart_text *t);
void chart_texts_truncate(chart_layout *L, size_t mark);
int chart_texts_meet(const chart_text *a, const chart_text *b, double gap);
int chart_texts_crowd(const chart_layout *L, size_t from, size_t others,
                      double gap);
int chart_text_outside(const chart_layout *L, const chart_text *t);
double chart_texts_width(const chart_layout *L, size_t from, size_t to);
char *chart_value_text(const chart_spec *spec, double v, int decimals);
void chart_texts_spread(chart_layout *L, const size_t *order, size_t n,
                        double top, double bottom, double gap);
void chart_texts_move(chart_layout *L, size_t from, size_t n, double dx,
                      double dy);
void chart_layout_close(chart_layout *L);
void chart_layout_open(chart_layout *L, const chart_spec *spec);

/* chart_axis.c */
void chart_data_range(chart_layout *L);
size_t chart_ticks_choices(double lo, double hi, chart_ticks *out);
double chart_tick_value(const chart_layout *L, size_t i);
double chart_value_pos(const chart_layout *L, double v);
double chart_cat_pos(const chart_layout *L, size_t i);
void chart_cats_spread(chart_layout *L, double edge_w);
double chart_ticks_add(chart_layout *L);
int chart_ticks_place_left(chart_layout *L);
int chart_ticks_place_below(chart_layout *L);
int chart_cats_below(chart_layout *L, double *height);
int chart_cats_beside(chart_layout *L, double *width);
double chart_cat_edge_width(chart_layout *L);

/* chart_bar.c */
double chart_bar_value(const chart_spec *spec, size_t i, size_t s);
double chart_stack_below(const chart_spec *spec, size_t i, size_t s);
void chart_bars_measure(chart_layout *L);
int chart_bar_geom(const chart_layout *L, size_t i, size_t s, double *c0,
                   double *c1, double *v0, double *v1);
void chart_values_add(chart_layout *L, double *after, double *before);
void chart_values_place(chart_layout *L);

/* chart_layout.c */
double chart_unit_add(chart_layout *L);
double chart_swatch_width(const chart_layout *L);
chart_text *chart_legend_entry(chart_layout *L, const char *name,
                               uint32_t color, double wrap);
double chart_legend_rows(chart_layout *L, size_t first);
double chart_legend_add(chart_layout *L);
int chart_layout_try(chart_layout *L, const chart_ticks *t);
/* Lays L out with the first of the n tick choices whose labels do not
 * crowd, skipping choices with as many ticks as one that crowded.
 * Returns CHART_FIT_OK or why the last try failed. */
int chart_layout_best(chart_layout *L, const chart_ticks *choice, size_t n);
int chart_too_small(const chart_spec *spec, char **err);
int chart_layout_fit(chart_layout *L, char **err);

/* chart_pie.c */
double chart_slice_angle(const chart_layout *L, size_t i);
double chart_slice_mid(const chart_layout *L, size_t i);
int chart_try_pie(chart_layout *L);

/* chart_facet.c */
void chart_cell_close(chart_cell *c);
int chart_facets_fit(chart_figure *F, char **err);

#endif
