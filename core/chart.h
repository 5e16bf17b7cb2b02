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
#include <pango/pango.h>

typedef enum chart_kind {
    CHART_LINE,         /* one line per series over the categories */
    CHART_BAR,          /* bars per category; grouped or stacked */
    CHART_PIE,          /* one series, a slice per category */
    CHART_DONUT         /* a pie with a hole in the middle */
} chart_kind;

typedef struct chart_series {
    char *name;         /* legend text */
    double *values;     /* ncat values; NaN is a gap, never zero */
    uint32_t color;     /* 0xRRGGBB, or CHART_AUTO_COLOR */
} chart_series;

/*
 * A colour with any of these bits set takes its turn from the spec's
 * palette (chart_palette's without one): a series by its place in the
 * spec, a category by the order labels first appear; past the palette's
 * end the colours come round paler, then darker. The low 24 bits are
 * then ignored. Plain 0x000000 stays black.
 */
#define CHART_AUTO_COLOR 0xFF000000u

/* The colour of a label that takes none of the palette's. */
#define CHART_GREY 0x8C8C8Cu

/*
 * Returns colour i (0xRRGGBB) of the default palette, repeating after
 * its sixth: dark blue, orange, green, light blue, red-brown, pink. The
 * six pass chart_palette_check: they differ in lightness as well as
 * hue, so they stay apart in greyscale and for colour-blind readers.
 */
uint32_t chart_palette(size_t i);

/*
 * Checks that every two of the n colours (0xRRGGBB) can be told apart:
 * as seen with normal colour vision, with protanopia, deuteranopia and
 * tritanopia (simulated after Machado, Oliveira and Fernandes 2009) and
 * printed in greyscale, measured as CIEDE2000 colour differences in
 * CIELAB. Returns 0, or -1 and sets *err to the first pair that is too
 * close: "colours 2 (#e69f00) and 4 (#56b4e9) differ by 0.6 in
 * greyscale; they need 7.5" (caller frees).
 */
int chart_palette_check(const uint32_t *colors, size_t n, char **err);

/* A run of categories drawn as a small chart of its own. The facets of
 * a figure share the value axis, the series and the legend. */
typedef struct chart_facet {
    char *title;        /* e.g. "Helse Vest" */
    size_t first;       /* its first category */
    size_t count;       /* how many categories it has */
} chart_facet;

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
    int normalized;         /* stacked bars: each category as 100 % */
    int value_labels;       /* write each value on or beside its bar
                               (slices always carry their shares) */
    int markers;            /* lines: a dot on each point */
    int decimals;           /* decimals in value labels and shares */
    char *font;             /* pango family, e.g. "Noto Sans" */
    double font_size;       /* points */
    double width;           /* points, for files and the page */
    double height;
    uint32_t *cat_colors;   /* NULL, or a colour per category (may be
                               CHART_AUTO_COLOR) for the slices of a pie
                               or the bars of a lone series */
    uint32_t *palette;      /* what CHART_AUTO_COLOR takes from, or NULL */
    size_t npalette;        /* its colours; 0 for chart_palette's */
    size_t nfacets;         /* small multiples: 0, or runs that cover */
    chart_facet *facets;    /* the categories in order, one chart each */
    int columns;            /* facets side by side; 0 lets the chart
                               choose */
    int free_scales;        /* facets: each its own value axis, for
                               measures of different size */
} chart_spec;

/*
 * Returns an empty spec with defaults set (a line chart, "Noto Sans"
 * 8 pt, 430 x 250 points, no decimals); free with chart_spec_free.
 */
chart_spec *chart_spec_new(void);

/* Frees spec and every string and array it points to. */
void chart_spec_free(chart_spec *spec);

/* Returns a deep copy of spec; free with chart_spec_free. */
chart_spec *chart_spec_copy(const chart_spec *spec);

/*
 * Returns a digest of everything in spec that shows in its drawing
 * (all but the id), as hex: two specs with the same digest draw the
 * same. Caller frees.
 */
char *chart_spec_digest(const chart_spec *spec);

/* Sets the n category labels (copied). Call before adding series. */
void chart_spec_set_categories(chart_spec *spec, const char *const *labels,
                               size_t n);

/* Appends a series named name (copied) with spec->ncat values (copied)
 * and a colour, which may be CHART_AUTO_COLOR. */
void chart_spec_add_series(chart_spec *spec, const char *name,
                           const double *values, uint32_t color);

/* Sets the n colours (copied) that series and categories without a
 * colour of their own take in turn, in place of chart_palette's. */
void chart_spec_set_palette(chart_spec *spec, const uint32_t *colors,
                            size_t n);

/*
 * Sets a colour per category, spec->ncat of them (copied), which gives
 * the bars of a lone series their categories' colours (slices always
 * have them). A category whose colour is CHART_AUTO_COLOR, or any
 * without this call, takes the palette's turn by the order labels first
 * appear, so a label keeps its colour in every facet; when facets hold
 * more labels than the palette has colours, a label found in one facet
 * alone is CHART_GREY, so that the labels facets share keep colours of
 * their own.
 */
void chart_spec_set_category_colors(chart_spec *spec,
                                    const uint32_t *colors);

/* Appends a facet titled title (copied) holding count categories from
 * first; facets must follow each other and cover every category. */
void chart_spec_add_facet(chart_spec *spec, const char *title,
                          size_t first, size_t count);

/*
 * Orders the categories of each facet (or of the chart) by value,
 * largest first when descending, keeping ties and missing values (last)
 * in their order. The value is the first series', or the category's
 * total in stacked bars. Horizontal bars put the first at the top.
 */
void chart_spec_sort(chart_spec *spec, int descending);

/*
 * Checks a spec: categories (1 to 60 in each facet) and series present,
 * every value finite or NaN, no negative value in stacked bars, a pie
 * of one series with 1 to 12 slices all above zero, facets that cover
 * the categories in order, a positive size and font size. Returns 0,
 * or -1 and sets *err to "figure id: what is wrong" (caller frees).
 */
int chart_check(const chart_spec *spec, char **err);

/*
 * Draws the chart into the rectangle (0, 0, spec->width, spec->height)
 * of cr's user space, leaving cr's state as it found it. It paints no
 * background. The spec is checked with chart_check first. Returns 0, or
 * -1 and sets *err: a failed check, labels that cannot fit the size, or
 * cr in an error state ("figure id: cannot draw: ...").
 *
 * The layout is measured once with pango, without hinting, in a
 * context of its own, so a chart is laid out the same on every surface
 * and in chart_layout_boxes. Labels never overlap and stay inside the
 * chart: category labels that do not fit side by side are wrapped (at
 * soft hyphens too), turned on their side, or (years) shown every k-th,
 * counted back from the last; the ticks thin out when their labels
 * crowd; line ends carry the series names when they fit, a legend below
 * the plot is used otherwise. Value labels on bars go above (beside)
 * each bar, inside each segment of stacked bars (turned in narrow
 * upright ones); they are left out where the bars are too narrow for
 * them, even turned on their side.
 *
 * Pies start at twelve o'clock and run clockwise; each slice carries
 * its share in percent, inside where it fits and beside the slice with
 * a leader line otherwise; a legend names the slices, right of the pie
 * or below it, whichever leaves the pie larger. Pies have no unit.
 * Facets are laid out in a grid of equal cells, each with its title
 * above, the same ticks (each its own with free_scales) and plot size
 * (or pie size) in all, bars as
 * thick in a facet of few categories as in the fullest, one legend and
 * the unit for the whole figure.
 */
int chart_draw(cairo_t *cr, const chart_spec *spec, char **err);

/*
 * Writes the chart as an SVG or a PNG (scale pixels per point, on
 * white) file at path; the caller handles temporary names. The same
 * spec gives the same bytes. Returns 0, or -1 and sets *err to a failed
 * check or "path: cannot write: <reason>", the reason from cairo or,
 * for the SVG file itself, from the system.
 */
int chart_write_svg(const chart_spec *spec, const char *path, char **err);
int chart_write_png(const chart_spec *spec, const char *path, double scale,
                    char **err);

/*
 * A chart laid out once, to be drawn as SVG and as PNG without laying
 * it out again. chart_render_new checks and lays out spec, which stays
 * borrowed until chart_render_free; it returns NULL and sets *err as
 * chart_draw. The drawing calls return the file's bytes (caller frees,
 * length in *len), the same as the chart_write_ calls write, or NULL
 * and set *err. A render may be used by one thread at a time.
 */
typedef struct chart_render chart_render;

chart_render *chart_render_new(const chart_spec *spec, char **err);
void chart_render_free(chart_render *r);

/* Returns the first character of the render's labels that no installed
 * font has (it is drawn as a box), with the label in *text (borrowed
 * from the render), or 0. */
uint32_t chart_render_missing(const chart_render *r, const char **text);

/* Returns the first character of layout's text that no font could draw
 * (pango marks its glyph unknown after every fallback font), with its
 * byte offset in *at, or 0. */
uint32_t chart_missing_glyph(PangoLayout *layout, int *at);
unsigned char *chart_render_svg(const chart_render *r, size_t *len,
                                char **err);

/* Draws the render as chart_draw draws its spec; the render's spec must
 * still be alive. */
int chart_render_draw(const chart_render *r, cairo_t *cr, char **err);
unsigned char *chart_render_png(const chart_render *r, double scale,
                                size_t *len, char **err);

/* What a box of the layout holds. */
typedef enum chart_box_kind {
    CHART_BOX_PLOT,         /* the plot area; no text */
    CHART_BOX_TICK,         /* a value axis tick label */
    CHART_BOX_CATEGORY,     /* a category label */
    CHART_BOX_VALUE,        /* a value on or beside a bar; a share */
    CHART_BOX_LEGEND,       /* a legend entry: swatch and name */
    CHART_BOX_LINE_END,     /* a series name at the end of its line */
    CHART_BOX_UNIT,         /* the unit, as axis title */
    CHART_BOX_TITLE         /* the title of a facet */
} chart_box_kind;

/* A rectangle of the chart, in points from its top left corner. */
typedef struct chart_box {
    chart_box_kind kind;
    double x, y, w, h;
    char *text;             /* the text drawn; NULL for the plot area */
} chart_box;

/*
 * Lays out spec as chart_draw does and returns the plot areas first
 * (one per facet; a pie's is the square around it), then every label
 * drawn, in *boxes (*n of them; free with chart_boxes_free). Returns 0,
 * or -1 and sets *err as chart_draw.
 */
int chart_layout_boxes(const chart_spec *spec, chart_box **boxes, size_t *n,
                       char **err);

void chart_boxes_free(chart_box *boxes, size_t n);

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
