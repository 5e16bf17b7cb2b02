/*
 * Charts. One layout computation measures every label with pango and
 * places it; drawing and the box report both read that layout, so what
 * the tests check is what the page shows.
 *
 * Coordinates are points from the chart's top left corner. "Upright"
 * charts (lines, vertical bars) run the categories along the bottom;
 * horizontal bars run them down the left side, and their value axis
 * along the bottom.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>
#include <cairo-svg.h>

#include "chart.h"
#include "err.h"
#include "fmt.h"
#include "image.h"

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

static const uint32_t chart_colors[] = {
    0x0A3D6E, /* dark blue, L* 25 */
    0xEDA100, /* orange, L* 72 */
    0x008A5E, /* green, L* 51 */
    0xA6D8F5, /* light blue, L* 84 */
    0xA63D00, /* red-brown, L* 40 */
    0xCC79A7, /* pink, L* 61 */
};

uint32_t chart_palette(size_t i)
{
    size_t n = sizeof chart_colors / sizeof chart_colors[0];

    return chart_colors[i % n];
}

/* The ways a colour is seen in the palette check. */
enum {
    VISION_NORMAL,
    VISION_PROTAN,
    VISION_DEUTAN,
    VISION_TRITAN,
    VISION_GREY,
    VISION_COUNT
};

/* Returns channel c (0 to 255) of an sRGB colour as linear light. */
static double srgb_linear(uint32_t c)
{
    double v = (double)(c & 0xFF) / 255;

    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/*
 * Converts colour c as seen with vision into CIELAB (D65). Colour
 * blindness is simulated in linear RGB with the matrices of Machado,
 * Oliveira and Fernandes (2009) at full severity; greyscale keeps the
 * lightness alone.
 */
static void color_lab(uint32_t c, int vision, double lab[3])
{
    static const double cvd[3][9] = {
        {0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216,
         -0.003882, -0.048116, 1.051998},
        {0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413,
         -0.011820, 0.042940, 0.968881},
        {1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602,
         0.004733, 0.691367, 0.303900},
    };
    static const double xyz[9] = {
        0.4124564 / 0.95047, 0.3575761 / 0.95047, 0.1804375 / 0.95047,
        0.2126729, 0.7151522, 0.0721750,
        0.0193339 / 1.08883, 0.1191920 / 1.08883, 0.9503041 / 1.08883,
    };
    double rgb[3] = {srgb_linear(c >> 16), srgb_linear(c >> 8),
                     srgb_linear(c)};
    double f[3];

    if (vision >= VISION_PROTAN && vision <= VISION_TRITAN) {
        const double *m = cvd[vision - VISION_PROTAN];
        double in[3] = {rgb[0], rgb[1], rgb[2]};

        for (int i = 0; i < 3; i++)
            rgb[i] = fmin(1, fmax(0, m[3 * i] * in[0] + m[3 * i + 1] * in[1]
                                         + m[3 * i + 2] * in[2]));
    }
    for (int i = 0; i < 3; i++) {
        double t = xyz[3 * i] * rgb[0] + xyz[3 * i + 1] * rgb[1]
                   + xyz[3 * i + 2] * rgb[2];

        f[i] = t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
    lab[0] = 116 * f[1] - 16;
    lab[1] = vision == VISION_GREY ? 0 : 500 * (f[0] - f[1]);
    lab[2] = vision == VISION_GREY ? 0 : 200 * (f[1] - f[2]);
}

/* Returns the hue angle of (a, b) in degrees, 0 to 360. */
static double hue_deg(double a, double b)
{
    double h;

    if (a == 0 && b == 0)
        return 0;
    h = atan2(b, a) * 180 / CHART_PI;
    return h < 0 ? h + 360 : h;
}

/* Returns cos of an angle in degrees. */
static double cos_deg(double d)
{
    return cos(d * CHART_PI / 180);
}

/* Returns the CIEDE2000 difference of two CIELAB colours. */
static double color_de2000(const double *p, const double *q)
{
    double c1 = hypot(p[1], p[2]), c2 = hypot(q[1], q[2]);
    double cm7 = pow((c1 + c2) / 2, 7);
    double g = 0.5 * (1 - sqrt(cm7 / (cm7 + pow(25, 7))));
    double a1 = (1 + g) * p[1], a2 = (1 + g) * q[1];
    double c1p = hypot(a1, p[2]), c2p = hypot(a2, q[2]);
    double h1 = hue_deg(a1, p[2]), h2 = hue_deg(a2, q[2]);
    double dh = h2 - h1, hm = h1 + h2, lm, cm, cmp7, t, sl, sc, sh, rt;
    double dl = q[0] - p[0], dc = c2p - c1p, dhh;

    if (c1p * c2p == 0)
        dh = 0;
    else if (dh > 180)
        dh -= 360;
    else if (dh < -180)
        dh += 360;
    dhh = 2 * sqrt(c1p * c2p) * sin(dh * CHART_PI / 360);
    if (c1p * c2p != 0)
        hm = fabs(h1 - h2) <= 180 ? hm / 2 : hm < 360 ? (hm + 360) / 2
                                                      : (hm - 360) / 2;

    lm = (p[0] + q[0]) / 2;
    cm = (c1p + c2p) / 2;
    cmp7 = pow(cm, 7);
    t = 1 - 0.17 * cos_deg(hm - 30) + 0.24 * cos_deg(2 * hm)
        + 0.32 * cos_deg(3 * hm + 6) - 0.20 * cos_deg(4 * hm - 63);
    sl = 1 + 0.015 * (lm - 50) * (lm - 50)
                 / sqrt(20 + (lm - 50) * (lm - 50));
    sc = 1 + 0.045 * cm;
    sh = 1 + 0.015 * cm * t;
    rt = -2 * sqrt(cmp7 / (cmp7 + pow(25, 7)))
         * sin(60 * exp(-pow((hm - 275) / 25, 2)) * CHART_PI / 180);
    return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dhh / sh, 2)
                + rt * (dc / sc) * (dhh / sh));
}

int chart_palette_check(const uint32_t *colors, size_t n, char **err)
{
    static const char *const names[VISION_COUNT] = {
        "with normal colour vision", "with protanopia", "with deuteranopia",
        "with tritanopia", "in greyscale"};
    static const double need[VISION_COUNT] = {20, 12, 12, 8, 7.5};

    for (int v = 0; v < VISION_COUNT; v++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                double p[3], q[3], d;

                color_lab(colors[i], v, p);
                color_lab(colors[j], v, q);
                d = color_de2000(p, q);
                if (d < need[v])
                    return err_set(err, "colours %zu (#%06x) and %zu (#%06x) "
                                   "differ by %.1f %s; they need %.1f",
                                   i + 1, (unsigned)colors[i], j + 1,
                                   (unsigned)colors[j], d, names[v],
                                   need[v]);
            }
    return 0;
}

chart_spec *chart_spec_new(void)
{
    chart_spec *spec = xcalloc(1, sizeof *spec);

    spec->kind = CHART_LINE;
    spec->font = xstrdup("Noto Sans");
    spec->font_size = 8;
    spec->width = 430;
    spec->height = 250;
    return spec;
}

void chart_spec_free(chart_spec *spec)
{
    if (!spec)
        return;
    for (size_t i = 0; i < spec->ncat; i++)
        free(spec->categories[i]);
    free(spec->categories);
    for (size_t s = 0; s < spec->nseries; s++) {
        free(spec->series[s].name);
        free(spec->series[s].values);
    }
    free(spec->series);
    for (size_t f = 0; f < spec->nfacets; f++)
        free(spec->facets[f].title);
    free(spec->facets);
    free(spec->cat_colors);
    free(spec->palette);
    free(spec->id);
    free(spec->unit);
    free(spec->font);
    free(spec);
}

void chart_spec_set_categories(chart_spec *spec, const char *const *labels,
                               size_t n)
{
    assert(spec->nseries == 0);
    for (size_t i = 0; i < spec->ncat; i++)
        free(spec->categories[i]);
    free(spec->categories);

    spec->categories = xcalloc(n, sizeof *spec->categories);
    for (size_t i = 0; i < n; i++)
        spec->categories[i] = xstrdup(labels[i]);
    spec->ncat = n;
}

void chart_spec_add_series(chart_spec *spec, const char *name,
                           const double *values, uint32_t color)
{
    chart_series *s;

    spec->series = xrealloc(spec->series,
                            (spec->nseries + 1) * sizeof *spec->series);
    s = &spec->series[spec->nseries++];
    s->name = xstrdup(name);
    s->values = xcalloc(spec->ncat, sizeof *s->values);
    if (spec->ncat)
        memcpy(s->values, values, spec->ncat * sizeof *values);
    s->color = color;
}

void chart_spec_set_category_colors(chart_spec *spec,
                                    const uint32_t *colors)
{
    free(spec->cat_colors);
    spec->cat_colors = xcalloc(spec->ncat ? spec->ncat : 1,
                               sizeof *spec->cat_colors);
    if (spec->ncat)
        memcpy(spec->cat_colors, colors,
               spec->ncat * sizeof *spec->cat_colors);
}

void chart_spec_set_palette(chart_spec *spec, const uint32_t *colors,
                            size_t n)
{
    free(spec->palette);
    spec->palette = NULL;
    spec->npalette = n;
    if (n == 0)
        return;
    spec->palette = xmalloc(n * sizeof *spec->palette);
    memcpy(spec->palette, colors, n * sizeof *spec->palette);
}

void chart_spec_add_facet(chart_spec *spec, const char *title,
                          size_t first, size_t count)
{
    chart_facet *f;

    spec->facets = xrealloc(spec->facets,
                            (spec->nfacets + 1) * sizeof *spec->facets);
    f = &spec->facets[spec->nfacets++];
    f->title = xstrdup(title);
    f->first = first;
    f->count = count;
}

/* Returns what category i is sorted by: the first series' value, or the
 * total of stacked bars; NaN when missing. */
static double sort_key(const chart_spec *spec, size_t i)
{
    double sum = 0;
    int any = 0;

    if (!(spec->kind == CHART_BAR && spec->stacked))
        return spec->series[0].values[i];
    for (size_t s = 0; s < spec->nseries; s++)
        if (!isnan(spec->series[s].values[i])) {
            sum += spec->series[s].values[i];
            any = 1;
        }
    return any ? sum : NAN;
}

/* Returns whether category a goes after category b in the order. */
static int sort_after(const chart_spec *spec, size_t a, size_t b,
                      int descending)
{
    double ka = sort_key(spec, a), kb = sort_key(spec, b);

    if (isnan(ka) || isnan(kb))
        return isnan(ka) && !isnan(kb);
    return descending ? ka < kb : ka > kb;
}

/* Puts the n items of size bytes at base into the order of idx[]. */
static void permute(void *base, size_t size, const size_t *idx, size_t n)
{
    char *copy = xmalloc(n * size);

    for (size_t k = 0; k < n; k++)
        memcpy(copy + k * size, (char *)base + idx[k] * size, size);
    memcpy(base, copy, n * size);
    free(copy);
}

/* Sorts the n categories from first (insertion sort: stable, and n is
 * at most 60). */
static void sort_run(chart_spec *spec, size_t first, size_t n,
                     int descending)
{
    size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);

    for (size_t k = 0; k < n; k++) {
        size_t j = k;

        for (; j > 0 && sort_after(spec, idx[j - 1], first + k, descending);
             j--)
            idx[j] = idx[j - 1];
        idx[j] = first + k;
    }
    for (size_t k = 0; k < n; k++)
        idx[k] -= first;
    permute(spec->categories + first, sizeof *spec->categories, idx, n);
    if (spec->cat_colors)
        permute(spec->cat_colors + first, sizeof *spec->cat_colors, idx, n);
    for (size_t s = 0; s < spec->nseries; s++)
        permute(spec->series[s].values + first, sizeof(double), idx, n);
    free(idx);
}

void chart_spec_sort(chart_spec *spec, int descending)
{
    if (spec->nseries == 0)
        return;
    if (spec->nfacets == 0) {
        sort_run(spec, 0, spec->ncat, descending);
        return;
    }
    for (size_t f = 0; f < spec->nfacets; f++)
        if (spec->facets[f].first + spec->facets[f].count <= spec->ncat)
            sort_run(spec, spec->facets[f].first, spec->facets[f].count,
                     descending);
}

/* Returns the figure's id for messages. */
static const char *spec_name(const chart_spec *spec)
{
    return spec->id ? spec->id : "(no id)";
}

/* Returns whether the chart is a pie or a donut. */
static int is_pie(const chart_spec *spec)
{
    return spec->kind == CHART_PIE || spec->kind == CHART_DONUT;
}

/* Checks the size, font, kind and options. Returns 0, or -1 and sets
 * *err. */
static int check_frame(const chart_spec *spec, char **err)
{
    const char *id = spec_name(spec);

    if (spec->kind != CHART_LINE && spec->kind != CHART_BAR && !is_pie(spec))
        return err_set(err, "figure %s: unknown chart kind %d", id,
                       (int)spec->kind);
    if (!(spec->width > 0 && spec->height > 0))
        return err_set(err, "figure %s: width and height must be positive, "
                       "not %g x %g", id, spec->width, spec->height);
    if (!spec->font || !spec->font[0])
        return err_set(err, "figure %s: no font", id);
    if (!(spec->font_size > 0))
        return err_set(err, "figure %s: font size must be positive, not %g",
                       id, spec->font_size);
    if (spec->decimals < 0 || spec->decimals > 6)
        return err_set(err, "figure %s: %d decimals; use 0 to 6", id,
                       spec->decimals);
    if (spec->normalized && !(spec->kind == CHART_BAR && spec->stacked))
        return err_set(err, "figure %s: only stacked bars can be shown as "
                       "100 %%", id);
    if (spec->columns < 0 || spec->columns > CHART_MAX_FACETS)
        return err_set(err, "figure %s: %d columns; use 1 to %d, or 0 to "
                       "let the chart choose", id, spec->columns,
                       CHART_MAX_FACETS);
    return 0;
}

/* Checks that the facets cover the categories in order, each with 1 to
 * 60 of them. Returns 0, or -1 and sets *err. */
static int check_facets(const chart_spec *spec, char **err)
{
    const char *id = spec_name(spec);
    size_t next = 0;

    if (spec->nfacets == 0)
        return 0;
    if (spec->nfacets > CHART_MAX_FACETS || !spec->facets)
        return err_set(err, "figure %s: %zu facets; a figure holds 1 to %d",
                       id, spec->nfacets, CHART_MAX_FACETS);
    for (size_t f = 0; f < spec->nfacets; f++) {
        const chart_facet *fc = &spec->facets[f];

        if (!fc->title)
            return err_set(err, "figure %s: facet %zu has no title", id,
                           f + 1);
        if (fc->first != next || fc->count == 0
            || fc->count > CHART_MAX_CATEGORIES)
            return err_set(err, "figure %s: facet \"%s\" must hold the next "
                           "1 to %d categories, from %zu", id, fc->title,
                           CHART_MAX_CATEGORIES, next + 1);
        next += fc->count;
    }
    if (next != spec->ncat)
        return err_set(err, "figure %s: the facets hold %zu of the %zu "
                       "categories", id, next, spec->ncat);
    return 0;
}

/* Checks that categories and series are there. Returns 0, or -1 and
 * sets *err. */
static int check_shape(const chart_spec *spec, char **err)
{
    const char *id = spec_name(spec);
    size_t most = spec->nfacets ? CHART_MAX_FACETS * CHART_MAX_CATEGORIES
                                : CHART_MAX_CATEGORIES;

    if (spec->ncat == 0 || !spec->categories)
        return err_set(err, "figure %s: no categories", id);
    if (spec->ncat > most)
        return err_set(err, "figure %s: %zu categories; a chart holds at "
                       "most %d", id, spec->ncat, CHART_MAX_CATEGORIES);
    for (size_t i = 0; i < spec->ncat; i++)
        if (!spec->categories[i])
            return err_set(err, "figure %s: category %zu has no label", id,
                           i + 1);
    if (spec->nseries == 0 || !spec->series)
        return err_set(err, "figure %s: no series", id);
    for (size_t s = 0; s < spec->nseries; s++)
        if (!spec->series[s].name || !spec->series[s].values)
            return err_set(err, "figure %s: series %zu has no %s", id, s + 1,
                           spec->series[s].name ? "values" : "name");
    if (is_pie(spec) && spec->nseries != 1)
        return err_set(err, "figure %s: a pie shows one series, not %zu", id,
                       spec->nseries);
    return check_facets(spec, err);
}

/* Checks the slices of a pie: at most 12 in a pie, each above zero.
 * Returns 0, or -1 and sets *err. */
static int check_slices(const chart_spec *spec, char **err)
{
    const char *id = spec_name(spec);
    const double *v = spec->series[0].values;
    size_t most = spec->nfacets ? 0 : spec->ncat;

    for (size_t f = 0; f < spec->nfacets; f++)
        if (spec->facets[f].count > most)
            most = spec->facets[f].count;
    if (most > CHART_MAX_SLICES)
        return err_set(err, "figure %s: %zu slices are too many for a pie "
                       "to be read; it holds at most %d (use bars)", id,
                       most, CHART_MAX_SLICES);
    for (size_t i = 0; i < spec->ncat; i++) {
        if (isnan(v[i]))
            return err_set(err, "figure %s: slice \"%s\" has no value; a "
                           "pie cannot leave a part out", id,
                           spec->categories[i]);
        if (v[i] <= 0)
            return err_set(err, "figure %s: slice \"%s\" is %g; every "
                           "slice of a pie must be above zero", id,
                           spec->categories[i], v[i]);
    }
    return 0;
}

/* Checks every value: finite or NaN, not negative in stacked bars, and
 * the slices of a pie. Returns 0, or -1 and sets *err. */
static int check_values(const chart_spec *spec, char **err)
{
    int stacked = spec->kind == CHART_BAR && spec->stacked;

    for (size_t s = 0; s < spec->nseries; s++) {
        const chart_series *ser = &spec->series[s];

        for (size_t i = 0; i < spec->ncat; i++) {
            double v = ser->values[i];

            if (isinf(v))
                return err_set(err, "figure %s: series \"%s\", category "
                               "\"%s\": value is infinite", spec_name(spec),
                               ser->name, spec->categories[i]);
            if (stacked && v < 0)
                return err_set(err, "figure %s: series \"%s\", category "
                               "\"%s\": stacked bars cannot show the "
                               "negative value %g", spec_name(spec),
                               ser->name, spec->categories[i], v);
        }
    }
    return is_pie(spec) ? check_slices(spec, err) : 0;
}

int chart_check(const chart_spec *spec, char **err)
{
    if (check_frame(spec, err) < 0 || check_shape(spec, err) < 0)
        return -1;
    return check_values(spec, err);
}

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
    chart_text *texts;
    size_t ntexts, cap;
} chart_layout;

/* How a try at a layout ended. */
enum {
    FIT_OK,
    FIT_TICKS,              /* tick labels crowd: try fewer ticks */
    FIT_ENDS,               /* line-end names do not fit: use a legend */
    FIT_SMALL               /* the chart is too small for its labels */
};

/* Measures the text's layout; its box takes the text's size. */
static void text_measure(chart_text *t)
{
    PangoRectangle logical;

    pango_layout_get_extents(t->pl, NULL, &logical);
    t->lx = (double)logical.x / PANGO_SCALE;
    t->ly = (double)logical.y / PANGO_SCALE;
    t->tw = (double)logical.width / PANGO_SCALE;
    t->th = (double)logical.height / PANGO_SCALE;
    t->base = (double)pango_layout_get_baseline(t->pl) / PANGO_SCALE - t->ly;
    t->w = t->tw;
    t->h = t->th;
}

/*
 * Appends a label holding s (taken over) set in the chart's font,
 * wrapped at wrap points when wrap is positive, lines aligned by align.
 * Its box has the text's size and is not placed yet. Returns the text,
 * valid until the next text is added.
 */
static chart_text *text_add(chart_layout *L, chart_box_kind kind, char *s,
                            double wrap, PangoAlignment align)
{
    chart_text *t;

    if (L->ntexts == L->cap) {
        L->cap = L->cap ? 2 * L->cap : 64;
        L->texts = xrealloc(L->texts, L->cap * sizeof *L->texts);
    }
    t = &L->texts[L->ntexts++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->str = s;
    t->color = CHART_INK;

    t->pl = pango_layout_new(L->pc);
    pango_layout_set_font_description(t->pl, L->fd);
    pango_layout_set_alignment(t->pl, align);
    if (wrap > 0) {
        pango_layout_set_width(t->pl, (int)(wrap * PANGO_SCALE));
        pango_layout_set_wrap(t->pl, PANGO_WRAP_WORD);
    }
    pango_layout_set_text(t->pl, s, -1);
    text_measure(t);
    return t;
}

/* Sets the text in bold, as facet titles are, and measures it again. */
static void text_bold(chart_text *t)
{
    PangoAttrList *attrs = pango_attr_list_new();

    pango_attr_list_insert(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes(t->pl, attrs);
    pango_attr_list_unref(attrs);
    text_measure(t);
}

/* Turns a text a quarter, to read upwards; its box turns with it. */
static void text_turn(chart_text *t)
{
    t->turned = 1;
    t->w = t->th;
    t->h = t->tw;
}

static void text_free(chart_text *t)
{
    g_object_unref(t->pl);
    free(t->str);
}

/* Drops the texts from index mark on. */
static void texts_truncate(chart_layout *L, size_t mark)
{
    while (L->ntexts > mark)
        text_free(&L->texts[--L->ntexts]);
}

/* Returns whether two boxes come closer than gap. */
static int texts_meet(const chart_text *a, const chart_text *b, double gap)
{
    const double eps = 1e-6;

    return a->x < b->x + b->w + gap - eps && b->x < a->x + a->w + gap - eps
           && a->y < b->y + b->h + gap - eps
           && b->y < a->y + a->h + gap - eps;
}

/* Returns whether any text from index from on comes closer than gap to
 * another text from index others on. */
static int texts_crowd(const chart_layout *L, size_t from, size_t others,
                       double gap)
{
    for (size_t i = from; i < L->ntexts; i++)
        for (size_t j = others; j < L->ntexts; j++)
            if (j != i && texts_meet(&L->texts[i], &L->texts[j], gap))
                return 1;
    return 0;
}

/* Returns whether the text's box leaves the chart. */
static int text_outside(const chart_layout *L, const chart_text *t)
{
    const double eps = 1e-6;

    return t->x < -eps || t->y < -eps || t->x + t->w > L->spec->width + eps
           || t->y + t->h > L->spec->height + eps;
}

/* Returns the widest box among texts [from, to). */
static double texts_width(const chart_layout *L, size_t from, size_t to)
{
    double w = 0;

    for (size_t i = from; i < to; i++)
        w = fmax(w, L->texts[i].w);
    return w;
}

/* Returns the number as the charts write it: "1 000", "2,5", "40 %";
 * shares of 100 % stacks in percent. The caller frees it. */
static char *value_text(const chart_spec *spec, double v, int decimals)
{
    if (spec->percent || spec->normalized)
        return fmt_percent(v, decimals, FMT_TABLE);
    return fmt_number(v, decimals, FMT_TABLE);
}

/* Returns how many colours the spec's palette has. */
static size_t palette_size(const chart_spec *spec)
{
    return spec->npalette ? spec->npalette
                          : sizeof chart_colors / sizeof chart_colors[0];
}

/* Returns colour c mixed with white (k above 0) or black (k below). */
static uint32_t color_mix(uint32_t c, double k)
{
    uint32_t out = 0;

    for (int shift = 16; shift >= 0; shift -= 8) {
        double v = (double)(c >> shift & 0xFF);

        v = k > 0 ? v + (255 - v) * k : v * (1 + k);
        out |= (uint32_t)lround(v) << shift;
    }
    return out;
}

/* Returns colour i of the spec's palette. Past its end the palette
 * comes round again paler, then darker, so that neighbours differ. */
static uint32_t palette_color(const chart_spec *spec, size_t i)
{
    static const double round_mix[] = {0, 0.5, -0.4};
    size_t n = palette_size(spec), round = (i / n) % 3;
    uint32_t c = spec->npalette ? spec->palette[i % n] & 0xFFFFFF
                                : chart_palette(i);

    return color_mix(c, round_mix[round]);
}

/* Returns the series' colour, taking the palette when asked to. */
static uint32_t series_color(const chart_spec *spec, size_t s)
{
    uint32_t c = spec->series[s].color;

    return (c & CHART_AUTO_COLOR) ? palette_color(spec, s) : (c & 0xFFFFFF);
}

/* Returns how many different labels come before the first category
 * labelled as category i. */
static size_t label_rank(const chart_spec *spec, size_t i)
{
    const char *name = spec->categories[i];
    size_t rank = 0;

    for (size_t k = 0; k < spec->ncat; k++) {
        int seen = 0;

        if (strcmp(spec->categories[k], name) == 0)
            return rank;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(spec->categories[j], spec->categories[k]) == 0;
        rank += !seen;
    }
    return rank;
}

/* Returns in how many facets a category is labelled as category i. */
static size_t label_facets(const chart_spec *spec, size_t i)
{
    size_t count = 0;

    for (size_t f = 0; f < spec->nfacets; f++) {
        const chart_facet *fc = &spec->facets[f];
        size_t k = fc->first;

        while (k < fc->first + fc->count
               && strcmp(spec->categories[k], spec->categories[i]) != 0)
            k++;
        count += k < fc->first + fc->count;
    }
    return count;
}

/* Ranks the labels of spec as label_rank does, into rank[]; with
 * lone, the labels of one facet alone rank SIZE_MAX and the others
 * among themselves. Returns how many ranks were given. */
static size_t ranks_fill(const chart_spec *spec, size_t *rank, int lone)
{
    size_t next = 0;

    for (size_t i = 0; i < spec->ncat; i++) {
        size_t j = 0;

        while (j < i && strcmp(spec->categories[j], spec->categories[i]))
            j++;
        if (j < i)
            rank[i] = rank[j];
        else if (lone && label_facets(spec, i) < 2)
            rank[i] = SIZE_MAX;
        else
            rank[i] = next++;
    }
    return next;
}

/*
 * Fills rank[i] as label_rank(spec, i) does, for every category at
 * once; but in facets with more labels than the palette has colours,
 * the labels of one facet alone rank SIZE_MAX (grey), so that those
 * the facets share keep colours of their own.
 */
static void label_ranks(const chart_spec *spec, size_t *rank)
{
    if (ranks_fill(spec, rank, 0) > palette_size(spec) && spec->nfacets)
        ranks_fill(spec, rank, 1);
}

/* Returns category i's own colour: the spec's, or the palette's by the
 * label's rank (label_rank; rank[i] when rank is not NULL). */
static uint32_t ranked_color(const chart_spec *spec, size_t i,
                             const size_t *rank)
{
    uint32_t c = spec->cat_colors ? spec->cat_colors[i] : CHART_AUTO_COLOR;

    if (!(c & CHART_AUTO_COLOR))
        return c & 0xFFFFFF;
    if (rank && rank[i] == SIZE_MAX)
        return CHART_GREY;
    return palette_color(spec, rank ? rank[i] : label_rank(spec, i));
}

/* Returns category i's own colour: the spec's, or the palette's by the
 * order in which labels first appear. */
static uint32_t category_color(const chart_spec *spec, size_t i)
{
    return ranked_color(spec, i, NULL);
}

/* Returns whether the bars take their categories' colours: one series
 * and colours given per category. */
static int bars_by_category(const chart_spec *spec)
{
    return spec->nseries == 1 && spec->cat_colors;
}

/* Returns the colour of series s in category i. */
static uint32_t bar_color(const chart_spec *spec, size_t i, size_t s)
{
    return bars_by_category(spec) ? category_color(spec, i)
                                  : series_color(spec, s);
}

/* Returns series s's value in category i as drawn: in 100 % stacks its
 * share of the category's total (NaN when the total is zero). */
static double bar_value(const chart_spec *spec, size_t i, size_t s)
{
    double v = spec->series[s].values[i], sum = 0;

    if (!spec->normalized || isnan(v))
        return v;
    for (size_t k = 0; k < spec->nseries; k++)
        if (!isnan(spec->series[k].values[i]))
            sum += spec->series[k].values[i];
    return sum > 0 ? 100 * v / sum : NAN;
}

/* Returns the colour's lightness, 0 to 255, as greyscale printing sees
 * it. */
static double color_light(uint32_t c)
{
    return 0.299 * (c >> 16 & 0xFF) + 0.587 * (c >> 8 & 0xFF)
           + 0.114 * (c & 0xFF);
}

/* Returns a colour dark enough for text on white: light colours are
 * mixed with black. */
static uint32_t color_for_text(uint32_t c)
{
    double k = color_light(c) > 140 ? 0.6 : 1.0;
    uint32_t r = (uint32_t)((c >> 16 & 0xFF) * k);
    uint32_t g = (uint32_t)((c >> 8 & 0xFF) * k);
    uint32_t b = (uint32_t)((c & 0xFF) * k);

    return r << 16 | g << 8 | b;
}

/* Returns the sum of the series below s in stacked category i. */
static double stack_below(const chart_spec *spec, size_t i, size_t s)
{
    double sum = 0;

    for (size_t k = 0; k < s; k++) {
        double v = bar_value(spec, i, k);

        if (!isnan(v))
            sum += v;
    }
    return sum;
}

/*
 * Finds the range the value axis must show: the data, zero for bars,
 * and zero for lines too unless the data sit in a narrow band far from
 * it.
 */
static void data_range(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double lo = INFINITY, hi = -INFINITY;

    for (size_t i = 0; i < spec->ncat; i++)
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = bar_value(spec, i, s);

            if (spec->kind == CHART_BAR && spec->stacked && !isnan(v))
                v += stack_below(spec, i, s);
            if (!isnan(v)) {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
    if (lo > hi)
        lo = hi = 0;
    if (spec->normalized && hi > 0)
        hi = 100;
    if (spec->kind == CHART_BAR || (lo >= 0 && hi - lo > hi / 6))
        lo = fmin(lo, 0);
    if (spec->kind == CHART_BAR || (hi <= 0 && hi - lo > -lo / 6))
        hi = fmax(hi, 0);
    if (lo == hi && lo == 0)
        hi = 5;
    else if (lo == hi && lo > 0)
        lo = 0;
    else if (lo == hi)
        hi = 0;
    L->data_lo = lo;
    L->data_hi = hi;
}

/* Orders tick choices best first; equal scores by step, for stable
 * output. */
static int ticks_order(const void *a, const void *b)
{
    const chart_ticks *x = a, *y = b;

    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->step > y->step) - (x->step < y->step);
}

/*
 * Fills out[] with the ways to tick [lo, hi] at a nice step (1, 2, 2.5
 * or 5 times a power of ten) with 2 to 7 ticks, best first: covering
 * the data tightly, a simple step, 4 to 7 ticks. Returns how many; out
 * must hold 16.
 */
static size_t ticks_choices(double lo, double hi, chart_ticks *out)
{
    static const double mult[] = {1, 2, 2.5, 5};
    static const double plain[] = {1, 0.7, 0.4, 0.8};
    int e0 = (int)floor(log10(hi - lo));
    size_t n = 0;

    for (int e = e0 - 2; e <= e0 + 1; e++)
        for (size_t m = 0; m < 4; m++) {
            chart_ticks *t = &out[n];
            long k1;

            t->step = mult[m] * pow(10, e);
            t->k0 = (long)floor(lo / t->step + 1e-9);
            k1 = (long)ceil(hi / t->step - 1e-9);
            t->n = (size_t)(k1 - t->k0 + 1);
            if (t->n < 2 || t->n > CHART_MAX_TICKS)
                continue;
            t->decimals = e < 0 ? -e + (m == 2) : (m == 2 && e == 0);
            t->score = 2 * (hi - lo) / ((double)(k1 - t->k0) * t->step)
                       + 0.5 * plain[m]
                       + (t->n >= 5 && t->n <= 6 ? 0.2 : t->n >= 4 ? 0.1
                          : -2);
            n++;
        }
    qsort(out, n, sizeof *out, ticks_order);
    return n;
}

/* Returns the value of tick i. */
static double tick_value(const chart_layout *L, size_t i)
{
    double v = (double)(L->ticks.k0 + (long)i) * L->ticks.step;

    return fabs(v) < L->ticks.step * 1e-9 ? 0 : v;
}

/* Returns where value v falls on the value axis. */
static double value_pos(const chart_layout *L, double v)
{
    double f = (v - L->lo) / (L->hi - L->lo);

    if (L->horizontal)
        return L->px + f * L->pw;
    return L->py + L->ph - f * L->ph;
}

/* Returns where category i sits on the category axis: the middle of
 * its bar slot, or its line point. */
static double cat_pos(const chart_layout *L, size_t i)
{
    return (L->horizontal ? L->py : L->px) + L->inset + (double)i * L->slot;
}

/*
 * Spreads the categories along the plot: bars in equal slots (as many
 * as L->slots asks, the categories centred among them, so that the
 * facets of a figure have bars of one size), line points from an inset
 * at each end that is small but leaves room for half the first and
 * last labels (edge_w, the wider of the two).
 */
static void cats_spread(chart_layout *L, double edge_w)
{
    double len = L->horizontal ? L->ph : L->pw;
    double n = (double)L->spec->ncat;

    if (L->spec->kind == CHART_BAR || n == 1) {
        double slots = fmax(n, (double)L->slots);

        L->slot = len / slots;
        L->inset = L->slot / 2 + (slots - n) * L->slot / 2;
        return;
    }
    L->inset = fmax(fmin(len / (2 * n), 8), edge_w / 2);
    L->slot = (len - 2 * L->inset) / (n - 1);
}

/* Sets the bar pitch from the slot: bars fill 60 % of a slot alone,
 * 80 % in groups, and never grow wider than four lines of text. */
static void bars_measure(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    size_t per = spec->stacked ? 1 : spec->nseries;
    double group = fmin(L->slot * (per > 1 ? 0.8 : 0.6),
                        (double)per * 4 * L->line_h);

    L->bar = group / (double)per;
    L->bar_gap = per > 1 ? fmin(1.0, 0.15 * L->bar) : 0;
}

/*
 * Finds the bar of series s in category i: across the category axis
 * from *c0 to *c1, along the value axis from value *v0 to *v1. Returns
 * 0 when there is none (a missing value).
 */
static int bar_geom(const chart_layout *L, size_t i, size_t s, double *c0,
                    double *c1, double *v0, double *v1)
{
    const chart_spec *spec = L->spec;
    double v = bar_value(spec, i, s);
    double mid = cat_pos(L, i);

    if (isnan(v))
        return 0;
    if (spec->stacked) {
        *c0 = mid - L->bar / 2;
        *c1 = mid + L->bar / 2;
        *v0 = stack_below(spec, i, s);
        *v1 = *v0 + v;
        return 1;
    }
    *c0 = mid - L->bar * (double)spec->nseries / 2 + (double)s * L->bar
          + L->bar_gap / 2;
    *c1 = *c0 + L->bar - L->bar_gap;
    *v0 = 0;
    *v1 = v;
    return 1;
}

/* Adds the tick labels, unplaced. Returns the widest. */
static double ticks_add(chart_layout *L)
{
    L->tick_first = L->ntexts;
    for (size_t i = 0; i < L->ticks.n; i++)
        text_add(L, CHART_BOX_TICK,
                 value_text(L->spec, tick_value(L, i), L->ticks.decimals), 0,
                 PANGO_ALIGN_LEFT);
    return texts_width(L, L->tick_first, L->ntexts);
}

/* Places the tick labels left of the plot, right-aligned. Returns 0, or
 * -1 when they crowd each other. */
static int ticks_place_left(chart_layout *L)
{
    for (size_t i = 0; i < L->ticks.n; i++) {
        chart_text *t = &L->texts[L->tick_first + i];

        t->x = L->px - CHART_GAP - t->w;
        t->y = value_pos(L, tick_value(L, i)) - t->h / 2;
    }
    if (L->ph / (double)(L->ticks.n - 1) < L->line_h + 1)
        return -1;
    return 0;
}

/* Places the tick labels under the plot, centred on their ticks.
 * Returns 0, or -1 when they crowd each other. */
static int ticks_place_below(chart_layout *L)
{
    size_t end = L->tick_first + L->ticks.n;

    for (size_t i = 0; i < L->ticks.n; i++) {
        chart_text *t = &L->texts[L->tick_first + i];

        t->x = value_pos(L, tick_value(L, i)) - t->w / 2;
        t->y = L->py + L->ph + CHART_GAP;
    }
    for (size_t i = L->tick_first; i + 1 < end; i++)
        if (texts_meet(&L->texts[i], &L->texts[i + 1], CHART_GAP))
            return -1;
    return 0;
}

/* Adds the unit text, unplaced, when the spec has one. Returns the room
 * it takes across the chart: its height and a small gap, or 0. */
static double unit_add(chart_layout *L)
{
    const char *unit = L->spec->unit;

    L->unit = SIZE_MAX;
    if (!unit || !unit[0])
        return 0;
    L->unit = L->ntexts;
    text_add(L, CHART_BOX_UNIT, xstrdup(unit), L->spec->width - 2 * CHART_PAD,
             PANGO_ALIGN_LEFT);
    return L->texts[L->unit].h + 2;
}

/* Returns the width of a legend swatch. */
static double swatch_width(const chart_layout *L)
{
    return L->spec->kind == CHART_LINE ? 1.6 * L->line_h : 0.75 * L->line_h;
}

/* Places legend entries [from, to) as one row centred across the chart
 * with its top at y. Returns the row's height. */
static double legend_row(chart_layout *L, size_t from, size_t to, double y)
{
    double w = 0, h = 0, x;

    for (size_t i = from; i < to; i++) {
        w += (i > from ? CHART_ITEM_GAP : 0) + L->texts[i].w;
        h = fmax(h, L->texts[i].h);
    }
    x = (L->spec->width - w) / 2;
    for (size_t i = from; i < to; i++) {
        L->texts[i].x = x;
        L->texts[i].y = y;
        x += L->texts[i].w + CHART_ITEM_GAP;
    }
    return h;
}

/* Adds a legend entry naming colour with name (copied), wrapped to the
 * chart's width; unplaced. Returns the entry. */
static chart_text *legend_entry(chart_layout *L, const char *name,
                                uint32_t color, double wrap)
{
    double sw = swatch_width(L);
    chart_text *t = text_add(L, CHART_BOX_LEGEND, xstrdup(name),
                             wrap - sw - CHART_GAP, PANGO_ALIGN_LEFT);

    t->swatch = color;
    t->ox = sw + CHART_GAP;
    t->w = t->ox + t->tw;
    return t;
}

/* Places the legend entries from first on in centred rows at the bottom
 * of the chart. Returns the legend's height. */
static double legend_rows(chart_layout *L, size_t first)
{
    double avail = L->spec->width - 2 * CHART_PAD;
    double row_w = 0, y = 0, top;
    size_t row = first;

    for (size_t i = first; i < L->ntexts; i++) {
        double w = L->texts[i].w;

        if (i > row && row_w + CHART_ITEM_GAP + w > avail) {
            y += legend_row(L, row, i, y) + 2;
            row = i;
            row_w = 0;
        }
        row_w += (i > row ? CHART_ITEM_GAP : 0) + w;
    }
    y += legend_row(L, row, L->ntexts, y);

    top = L->spec->height - CHART_PAD - y;
    for (size_t i = first; i < L->ntexts; i++)
        L->texts[i].y += top;
    return y;
}

/*
 * Adds a legend entry (swatch and name) per series, placed in centred
 * rows at the bottom of the chart. Returns the legend's height, or 0
 * when there is no legend: one series, names at the line ends, or a
 * facet (the figure has the legend).
 */
static double legend_add(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    size_t first = L->ntexts;

    if (spec->nseries < 2 || L->end_labels || L->cell)
        return 0;
    for (size_t s = 0; s < spec->nseries; s++)
        legend_entry(L, spec->series[s].name, series_color(spec, s),
                     spec->width - 2 * CHART_PAD)->series = s;
    return legend_rows(L, first);
}

/* Returns whether the lines may carry their names at their ends: more
 * than one series, each ending in a value. */
static int ends_wanted(const chart_layout *L)
{
    const chart_spec *spec = L->spec;

    if (spec->kind != CHART_LINE || spec->nseries < 2 || L->cell)
        return 0;
    for (size_t s = 0; s < spec->nseries; s++)
        if (isnan(spec->series[s].values[spec->ncat - 1]))
            return 0;
    return 1;
}

/* Adds a line-end label per series, unplaced. Returns the widest, or -1
 * when one would take more than a third of the chart's width. */
static double ends_add(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double w;

    L->end_first = L->ntexts;
    for (size_t s = 0; s < spec->nseries; s++) {
        chart_text *t = text_add(L, CHART_BOX_LINE_END,
                                 xstrdup(spec->series[s].name), 0,
                                 PANGO_ALIGN_LEFT);

        t->series = s;
        t->color = color_for_text(series_color(spec, s));
    }
    w = texts_width(L, L->end_first, L->ntexts);
    return w > spec->width / 3 ? -1 : w;
}

/* A run of line-end labels set one under the other. */
typedef struct end_block {
    size_t first, count;    /* positions in the top-down order */
    double want;            /* sum of the labels' wished-for middles */
    double height;          /* their heights and the gaps between */
    double top;
} end_block;

/* Centres block b on the mean of its labels' wishes, within top and
 * bottom as far as it fits. */
static void block_centre(end_block *b, double top, double bottom)
{
    double y = b->want / (double)b->count - b->height / 2;

    b->top = fmin(fmax(y, top), bottom - b->height);
}

/* Appends block c, the next one down, to block b, gap below b. */
static void block_merge(end_block *b, const end_block *c, double gap)
{
    b->count += c->count;
    b->want += c->want;
    b->height += gap + c->height;
}

/*
 * Moves the texts order[] (indices, in order from the top) apart, gap
 * between them: texts that would touch form a block centred on the mean
 * of their wished-for middles, and blocks that then touch merge. Blocks
 * stay between top and bottom where they fit.
 */
static void texts_spread(chart_layout *L, const size_t *order, size_t n,
                         double top, double bottom, double gap)
{
    end_block *b = xmalloc((n ? n : 1) * sizeof *b);
    size_t nb = 0;

    for (size_t k = 0; k < n; k++) {
        const chart_text *t = &L->texts[order[k]];

        b[nb] = (end_block){k, 1, t->y + t->h / 2, t->h, 0};
        block_centre(&b[nb++], top, bottom);
        while (nb > 1 && b[nb - 2].top + b[nb - 2].height + gap
                             > b[nb - 1].top) {
            block_merge(&b[nb - 2], &b[nb - 1], gap);
            nb--;
            block_centre(&b[nb - 1], top, bottom);
        }
    }

    for (size_t i = 0; i < nb; i++) {
        double y = b[i].top;

        for (size_t k = b[i].first; k < b[i].first + b[i].count; k++) {
            chart_text *t = &L->texts[order[k]];

            t->y = y;
            y += t->h + gap;
        }
    }
    free(b);
}

/* Places the line-end labels right of the plot, level with the last
 * points. Returns 0, or -1 when making room would move a label too far
 * from its line or out of the plot's height. */
static int ends_place(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    size_t n = spec->nseries, last = spec->ncat - 1;
    size_t *order = xmalloc(n * sizeof *order);
    double top = L->py - L->line_h / 2, x = L->px + L->pw + CHART_END_GAP;
    int ok = 1;

    for (size_t s = 0; s < n; s++) {
        chart_text *t = &L->texts[L->end_first + s];
        size_t k = s;

        t->x = x;
        t->y = value_pos(L, spec->series[s].values[last]) - t->h / 2;
        for (; k > 0 && L->texts[order[k - 1]].y > t->y; k--)
            order[k] = order[k - 1];
        order[k] = L->end_first + s;
    }
    texts_spread(L, order, n, top, L->py + L->ph, 0.5);

    for (size_t s = 0; s < n; s++) {
        chart_text *t = &L->texts[L->end_first + s];
        double want = value_pos(L, spec->series[s].values[last]);

        if (t->y < top - 1e-6 || t->y + t->h > L->py + L->ph + 1e-6
            || fabs(t->y + t->h / 2 - want) > 0.8 * L->line_h)
            ok = 0;
    }
    free(order);
    return ok ? 0 : -1;
}

/* Returns whether every category label is a number ("2007", "1 000",
 * "2,5") or a span of years ("2024/25", "2019-2020"): such labels are
 * thinned out, never wrapped or turned. */
static int cats_are_numbers(const chart_spec *spec)
{
    for (size_t i = 0; i < spec->ncat; i++) {
        const char *c = spec->categories[i];
        double v;

        if (fmt_parse(c, &v) == 0)
            continue;
        if (!*c)
            return 0;
        for (; *c; c++)
            if (!(*c >= '0' && *c <= '9') && *c != '/' && *c != '-')
                return 0;
    }
    return 1;
}

/* Returns whether category i is shown when only every step-th is,
 * counted back from the last. */
static int cat_shown(const chart_layout *L, size_t i, size_t step)
{
    return (L->spec->ncat - 1 - i) % step == 0;
}

/* How category labels under the plot are set. */
typedef struct cat_mode {
    int wrap;               /* words wrapped to their slot */
    int turned;             /* a quarter turn, reading upwards */
    size_t step;            /* every step-th shown */
    int lines;              /* at most this many lines to a label */
    double tall;            /* at most this part of the chart's height */
} cat_mode;

/*
 * Adds the category labels under the plot in mode m with their tops at
 * 0 (moved down once the plot's height is known), centred on their
 * slots. They may reach past the plot's right edge, where nothing else
 * is drawn at their height, but not past its left edge, where the
 * lowest tick label reaches down. Returns 0, or -1 (adding nothing)
 * when two would come too close or one is too big.
 */
static int cats_try_below(chart_layout *L, cat_mode m)
{
    const chart_spec *spec = L->spec;
    double tall = m.tall * spec->height;
    double wrap = m.turned ? tall : m.wrap ? L->slot - 2 : 0;
    size_t mark = L->ntexts;

    for (size_t i = 0; i < spec->ncat; i++) {
        chart_text *t;

        if (!cat_shown(L, i, m.step))
            continue;
        t = text_add(L, CHART_BOX_CATEGORY, xstrdup(spec->categories[i]),
                     wrap, m.turned ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
        t->cat = i;
        if (m.turned)
            text_turn(t);
        t->x = fmax(L->px, fmin(cat_pos(L, i) - t->w / 2,
                                spec->width - CHART_PAD - t->w));
        if (t->x + t->w > spec->width - CHART_PAD || t->h > tall
            || pango_layout_get_line_count(t->pl) > m.lines) {
            texts_truncate(L, mark);
            return -1;
        }
    }

    if (texts_crowd(L, mark, mark, 2)) {
        texts_truncate(L, mark);
        return -1;
    }
    return 0;
}

/*
 * Adds the category labels under the plot in the first way that fits:
 * flat; words wrapped, then turned, in up to three lines, then in more;
 * then every k-th, turned for words. Sets *height to the room they
 * take. Returns 0, or -1 when none fits.
 */
static int cats_below(chart_layout *L, double *height)
{
    int words = !cats_are_numbers(L->spec);
    size_t n = L->spec->ncat;
    static const cat_mode modes[] = {
        {1, 0, 1, 3, 0.4}, {0, 1, 1, 3, 0.4}, {1, 0, 1, 5, 0.4},
        {0, 1, 1, 4, 0.5}};
    cat_mode flat = {0, 0, 1, 3, 0.4};
    int ok;

    L->cat_first = L->ntexts;
    ok = cats_try_below(L, flat) == 0;
    for (size_t i = 0; !ok && words && i < sizeof modes / sizeof modes[0];
         i++)
        ok = cats_try_below(L, modes[i]) == 0;
    for (size_t k = 2; !ok && k <= n; k++) {
        cat_mode m = {0, words, k, 3, 0.4};

        ok = cats_try_below(L, m) == 0;
    }
    for (size_t k = 2; !ok && words && k <= n; k++) {
        cat_mode m = {0, 0, k, 3, 0.4};

        ok = cats_try_below(L, m) == 0;
    }
    if (!ok)
        return -1;

    L->cat_n = L->ntexts - L->cat_first;
    *height = 0;
    for (size_t i = L->cat_first; i < L->ntexts; i++)
        *height = fmax(*height, L->texts[i].h);
    return 0;
}

/*
 * Adds every step-th category label for the left of the plot, wrapped
 * at wrap points, right-aligned on x 0 (moved once the plot's left edge
 * is known) and centred on its slot. Returns 0, or -1 (adding nothing)
 * when two would come too close or one would leave the chart.
 */
static int cats_try_beside(chart_layout *L, size_t step, double wrap)
{
    const chart_spec *spec = L->spec;
    size_t mark = L->ntexts;

    for (size_t i = 0; i < spec->ncat; i++) {
        chart_text *t;

        if (!cat_shown(L, i, step))
            continue;
        t = text_add(L, CHART_BOX_CATEGORY, xstrdup(spec->categories[i]),
                     wrap, PANGO_ALIGN_RIGHT);
        t->cat = i;
        t->x = -t->w;
        t->y = cat_pos(L, i) - t->h / 2;
        if (t->y < 0 || t->y + t->h > spec->height) {
            texts_truncate(L, mark);
            return -1;
        }
    }

    if (texts_crowd(L, mark, mark, 1)) {
        texts_truncate(L, mark);
        return -1;
    }
    return 0;
}

/* Adds the category labels beside a horizontal bar chart, wrapped at
 * 40 % of its width, every k-th when they crowd. Sets *width to the
 * widest. Returns 0, or -1 when none fits. */
static int cats_beside(chart_layout *L, double *width)
{
    double wrap = 0.4 * L->spec->width;

    L->cat_first = L->ntexts;
    for (size_t k = 1; k <= L->spec->ncat; k++)
        if (cats_try_beside(L, k, wrap) == 0) {
            L->cat_n = L->ntexts - L->cat_first;
            *width = texts_width(L, L->cat_first, L->ntexts);
            return 0;
        }
    return -1;
}

/* Returns whether series s has a value label in category i. */
static int value_labelled(const chart_spec *spec, size_t i, size_t s)
{
    double v = bar_value(spec, i, s);

    return !isnan(v) && !(spec->stacked && v == 0);
}

/*
 * Decides how the value labels outside the bars go, given the widest:
 * flat; turned upwards on upright bars too narrow for them flat; or not
 * at all (they are dropped). Returns the room they need beyond a bar's
 * end, or 0.
 */
static double values_fit(chart_layout *L, double widest)
{
    const chart_spec *spec = L->spec;
    double pitch = spec->nseries == 1 ? L->slot : L->bar;

    if (L->horizontal && L->line_h <= pitch - 1)
        return widest + 2;
    if (!L->horizontal && widest <= pitch - 2)
        return L->line_h + 2;
    if (!L->horizontal && L->line_h <= pitch - 2) {
        for (size_t i = L->value_first; i < L->ntexts; i++)
            text_turn(&L->texts[i]);
        return widest + 2;
    }
    texts_truncate(L, L->value_first);
    return 0;
}

/*
 * Adds the value labels of the bars, unplaced, as the last texts. Those
 * outside the bars need room beyond the bar ends: sets *after to the
 * room beyond positive ends and *before beyond negative ones. Stacked
 * bars carry them inside their segments and need none.
 */
static void values_add(chart_layout *L, double *after, double *before)
{
    const chart_spec *spec = L->spec;
    int pos = 0, neg = 0;
    double room;

    *after = *before = 0;
    L->value_first = L->ntexts;
    if (spec->kind != CHART_BAR || !spec->value_labels)
        return;
    for (size_t i = 0; i < spec->ncat; i++)
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = bar_value(spec, i, s);
            chart_text *t;

            if (!value_labelled(spec, i, s))
                continue;
            t = text_add(L, CHART_BOX_VALUE,
                         value_text(spec, v, spec->decimals), 0,
                         PANGO_ALIGN_LEFT);
            t->cat = i;
            t->series = s;
            pos |= v >= 0;
            neg |= v < 0;
        }
    if (spec->stacked)
        return;

    room = values_fit(L, texts_width(L, L->value_first, L->ntexts));
    *after = pos ? room : 0;
    *before = neg ? room : 0;
}

/* Centres value label t in a stacked segment, c0..c1 across and e0..e1
 * along the value axis, in a colour that reads on the segment; turned
 * upwards in an upright bar too narrow for it flat. Returns 0, or -1
 * when it does not fit inside. */
static int value_inside(const chart_layout *L, chart_text *t, double c0,
                        double c1, double e0, double e1)
{
    double along = fabs(e1 - e0), across = c1 - c0;
    double need_along = L->horizontal ? t->w + 2 : t->h;
    double need_across = L->horizontal ? t->h : t->w + 2;

    if (!L->horizontal && along >= t->w + 2 && across >= t->h
        && across < need_across) {
        text_turn(t);
        need_along = t->h;
        need_across = t->w;
    }
    if (along < need_along || across < need_across)
        return -1;
    if (L->horizontal) {
        t->x = (e0 + e1) / 2 - t->w / 2;
        t->y = (c0 + c1) / 2 - t->h / 2;
    } else {
        t->x = (c0 + c1) / 2 - t->w / 2;
        t->y = (e0 + e1) / 2 - t->h / 2;
    }
    if (color_light(bar_color(L->spec, t->cat, t->series)) < 128)
        t->color = 0xFFFFFF;
    return 0;
}

/* Places value label t by its bar: beyond its end, or inside a stacked
 * segment. Returns 0, or -1 when it does not fit there. */
static int value_put(const chart_layout *L, chart_text *t)
{
    double c0, c1, v0, v1, e0, e1, mid;

    if (!bar_geom(L, t->cat, t->series, &c0, &c1, &v0, &v1))
        NK_UNREACHABLE();
    e0 = value_pos(L, v0);
    e1 = value_pos(L, v1);
    mid = (c0 + c1) / 2;
    if (L->spec->stacked)
        return value_inside(L, t, c0, c1, e0, e1);

    if (L->horizontal) {
        t->x = v1 >= 0 ? e1 + 2 : e1 - 2 - t->w;
        t->y = mid - t->h / 2;
    } else {
        t->x = mid - t->w / 2;
        t->y = v1 >= 0 ? e1 - 2 - t->h : e1 + 2;
    }
    return 0;
}

/* Places the value labels, last of all texts. Those that do not fit
 * inside their segments are dropped; if any label would touch another
 * text or leave the chart, all are. */
static void values_place(chart_layout *L)
{
    size_t keep = L->value_first;

    for (size_t k = L->value_first; k < L->ntexts; k++) {
        if (value_put(L, &L->texts[k]) == 0)
            L->texts[keep++] = L->texts[k];
        else
            text_free(&L->texts[k]);
    }
    L->ntexts = keep;

    for (size_t k = L->value_first; k < L->ntexts; k++)
        if (text_outside(L, &L->texts[k])) {
            texts_truncate(L, L->value_first);
            return;
        }
    if (texts_crowd(L, L->value_first, 0, 1))
        texts_truncate(L, L->value_first);
}

/* Moves texts [from, from + n) by dx, dy. */
static void texts_move(chart_layout *L, size_t from, size_t n, double dx,
                       double dy)
{
    for (size_t i = from; i < from + n; i++) {
        L->texts[i].x += dx;
        L->texts[i].y += dy;
    }
}

/* Returns the wider of the first and last category labels when the
 * labels are numbers, which are always set flat; 0 for words. */
static double cat_edge_width(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    const char *edge[2] = {spec->categories[0],
                           spec->categories[spec->ncat - 1]};
    double w = 0;

    if (!cats_are_numbers(spec))
        return 0;
    for (size_t i = 0; i < 2; i++) {
        w = fmax(w, text_add(L, CHART_BOX_CATEGORY, xstrdup(edge[i]), 0,
                             PANGO_ALIGN_LEFT)->w);
        texts_truncate(L, L->ntexts - 1);
    }
    return w;
}

/*
 * Fixes the plot's left and right edges of an upright chart, leaving
 * room for the tick labels and the line-end names, and spreads the
 * categories. Half the last bar's label may hang past the plot, so the
 * plot leaves room for it. Returns 0, or -1 when the plot would be too
 * narrow.
 */
static int upright_width(chart_layout *L, double tick_w, double ends_w)
{
    double n = (double)L->spec->ncat, right = L->spec->width - CHART_PAD;
    double edge_w = cat_edge_width(L);

    L->px = fmax(CHART_PAD + tick_w + CHART_GAP, L->bound_l);
    L->pw = right - L->px;
    if (L->end_labels)
        L->pw -= CHART_END_GAP + ends_w;
    if (L->spec->kind == CHART_BAR)
        L->pw = fmin(L->pw, (right - L->px - edge_w / 2) / (1 - 0.5 / n));
    L->pw = fmin(L->pw, L->bound_r - L->px);
    if (L->pw < CHART_MIN_PLOT)
        return -1;
    cats_spread(L, edge_w);
    return 0;
}

/* Lays out an upright chart (categories along the bottom) with the
 * chosen ticks. Returns FIT_OK or why it failed. */
static int try_upright(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double tick_w = ticks_add(L), unit_h = unit_add(L);
    double legend_h = legend_add(L), ends_w = 0;
    double cat_h, after, before, bottom;

    if (L->end_labels && (ends_w = ends_add(L)) < 0)
        return FIT_ENDS;
    if (upright_width(L, tick_w, ends_w) < 0)
        return FIT_SMALL;
    bars_measure(L);
    if (cats_below(L, &cat_h) < 0)
        return FIT_SMALL;
    values_add(L, &after, &before);

    L->py = fmax(CHART_PAD + unit_h + fmax(L->line_h / 2, after),
                 L->bound_t);
    bottom = spec->height - CHART_PAD - cat_h - CHART_GAP - before
             - (legend_h > 0 ? legend_h + CHART_LEGEND_GAP : 0);
    bottom = fmin(bottom, L->bound_b);
    L->ph = bottom - L->py;
    if (L->ph < CHART_MIN_PLOT)
        return FIT_SMALL;
    texts_move(L, L->cat_first, L->cat_n, 0, bottom + before + CHART_GAP);

    if (ticks_place_left(L) < 0)
        return FIT_TICKS;
    if (L->unit != SIZE_MAX) {
        L->texts[L->unit].x = CHART_PAD;
        L->texts[L->unit].y = CHART_PAD;
    }
    if (L->end_labels && ends_place(L) < 0)
        return FIT_ENDS;
    values_place(L);
    return FIT_OK;
}

/* Fixes the plot's left and right edges of a horizontal bar chart,
 * leaving room for the category labels, the tick labels that overhang
 * the ends and the value labels. Returns 0, or -1 when too narrow. */
static int sideways_width(chart_layout *L, double cat_w, double after,
                          double before)
{
    double first_w = L->texts[L->tick_first].w;
    double last_w = L->texts[L->tick_first + L->ticks.n - 1].w;

    L->px = fmax(fmax(CHART_PAD + cat_w + CHART_GAP + before,
                      CHART_PAD + first_w / 2), L->bound_l);
    L->pw = L->spec->width - CHART_PAD - fmax(last_w / 2, after) - L->px;
    L->pw = fmin(L->pw, L->bound_r - L->px);
    return L->pw < CHART_MIN_PLOT ? -1 : 0;
}

/* Lays out a horizontal bar chart (categories down the left side) with
 * the chosen ticks. Returns FIT_OK or why it failed. */
static int try_sideways(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double unit_h, legend_h, cat_w, after, before;

    ticks_add(L);
    unit_h = unit_add(L);
    legend_h = legend_add(L);
    L->py = fmax(CHART_PAD, L->bound_t);
    L->ph = spec->height - CHART_PAD - L->py - unit_h - L->line_h
            - CHART_GAP - (legend_h > 0 ? legend_h + CHART_LEGEND_GAP : 0);
    L->ph = fmin(L->ph, L->bound_b - L->py);
    if (L->ph < CHART_MIN_PLOT)
        return FIT_SMALL;
    cats_spread(L, 0);
    bars_measure(L);
    if (cats_beside(L, &cat_w) < 0)
        return FIT_SMALL;
    values_add(L, &after, &before);
    if (sideways_width(L, cat_w, after, before) < 0)
        return FIT_SMALL;
    texts_move(L, L->cat_first, L->cat_n, L->px - CHART_GAP - before, 0);

    if (ticks_place_below(L) < 0)
        return FIT_TICKS;
    if (L->unit != SIZE_MAX) {
        chart_text *t = &L->texts[L->unit];

        t->x = fmax(CHART_PAD, L->px + L->pw - t->w);
        t->y = L->py + L->ph + CHART_GAP + L->line_h + 2;
    }
    values_place(L);
    return FIT_OK;
}

/* Returns the sum of the pie's slices. */
static double pie_total(const chart_spec *spec)
{
    double sum = 0;

    for (size_t i = 0; i < spec->ncat; i++)
        sum += spec->series[0].values[i];
    return sum;
}

/* Returns where slice i starts (i == ncat: where the last ends) in
 * cairo's angles, clockwise from three o'clock; the first slice starts
 * at twelve. */
static double slice_angle(const chart_layout *L, size_t i)
{
    const double *v = L->spec->series[0].values;
    double sum = 0;

    for (size_t k = 0; k < i; k++)
        sum += v[k];
    return -CHART_QUARTER + 4 * CHART_QUARTER * sum / pie_total(L->spec);
}

/* Returns the middle angle of slice i. */
static double slice_mid(const chart_layout *L, size_t i)
{
    return (slice_angle(L, i) + slice_angle(L, i + 1)) / 2;
}

/* Returns how far (x, y) lies from the ray out of the origin at angle
 * a. */
static double ray_dist(double x, double y, double a)
{
    double ux = cos(a), uy = sin(a);

    if (x * ux + y * uy <= 0)
        return hypot(x, y);
    return fabs(x * uy - y * ux);
}

/* Returns whether (x, y), taken from the pie's centre, lies in the
 * slice from angle a0 to a1, at least m inside its edges. */
static int in_slice(const chart_layout *L, double x, double y, double a0,
                    double a1, double m)
{
    double d = hypot(x, y), a;

    if (d > L->r - m || (L->hole > 0 && d < L->hole + m))
        return 0;
    if (a1 - a0 >= 4 * CHART_QUARTER - 1e-9)
        return 1;
    a = fmod(atan2(y, x) - a0 + 16 * CHART_QUARTER, 4 * CHART_QUARTER);
    return a <= a1 - a0 && ray_dist(x, y, a0) >= m && ray_dist(x, y, a1) >= m;
}

/*
 * Returns whether text t, as placed, lies inside slice i: its corners
 * inside the slice and, for a slice wider than half the pie or a donut,
 * its nearest point far enough from the centre. Slices are convex up to
 * half the pie, so the corners settle it there.
 */
static int slice_holds(const chart_layout *L, const chart_text *t, size_t i)
{
    const double m = 1.5;
    double a0 = slice_angle(L, i), a1 = slice_angle(L, i + 1);
    double x0 = t->x - L->cx, y0 = t->y - L->cy;
    double nx = fmax(x0, fmin(0, x0 + t->w)), ny = fmax(y0, fmin(0, y0 + t->h));

    for (int k = 0; k < 4; k++)
        if (!in_slice(L, x0 + (k & 1) * t->w, y0 + (k >> 1) * t->h, a0, a1,
                      m))
            return 0;
    if (L->hole > 0 && hypot(nx, ny) < L->hole + m)
        return 0;
    return a1 - a0 <= 2 * CHART_QUARTER || L->hole > 0
           || a1 - a0 >= 4 * CHART_QUARTER - 1e-9 || hypot(nx, ny) >= m;
}

/* Sets slice i's label t inside its slice, at one of a few distances
 * from the centre (the centre itself for a whole pie), in a colour that
 * reads on the slice. Returns 0, or -1 when it fits at none. */
static int slice_put_inside(const chart_layout *L, chart_text *t, size_t i)
{
    static const double at[] = {0.62, 0.75, 0.5};
    double a0 = slice_angle(L, i), a1 = slice_angle(L, i + 1);
    double m = (a0 + a1) / 2;
    int whole = a1 - a0 >= 4 * CHART_QUARTER - 1e-9;
    size_t tries = L->hole > 0 || whole ? 1 : sizeof at / sizeof at[0];

    for (size_t k = 0; k < tries; k++) {
        double rl = L->hole > 0 ? (L->r + L->hole) / 2
                    : whole ? 0 : at[k] * L->r;

        t->x = L->cx + rl * cos(m) - t->w / 2;
        t->y = L->cy + rl * sin(m) - t->h / 2;
        if (slice_holds(L, t, i)) {
            t->color = color_light(category_color(L->spec, i)) < 128
                       ? 0xFFFFFF : CHART_INK;
            return 0;
        }
    }
    return -1;
}

/* Returns the horizontal half-width of the circle of radius rr at the
 * vertical band y..y+h, measured from the pie's centre: 0 when the band
 * passes above or below it. */
static double circle_reach(const chart_layout *L, double rr, double y,
                           double h)
{
    double dy = 0;

    if (L->cy < y)
        dy = y - L->cy;
    else if (L->cy > y + h)
        dy = L->cy - y - h;
    return dy < rr ? sqrt(rr * rr - dy * dy) : 0;
}

/*
 * Places the labels set beside the pie on one side (right when side is
 * 1, left when -1): level with their slices' middles, moved apart so
 * they do not touch, within top..bottom, and clear of the circle.
 * Returns how far they reach past left..right, or past top..bottom
 * before they were moved, or -1 when they cannot be spread within the
 * height.
 */
static double slices_beside(chart_layout *L, int side, double left,
                            double right, double top, double bottom)
{
    size_t *order = xmalloc(L->ntexts * sizeof *order), n = 0;
    double rr = L->r + CHART_LEADER, need = 0, over = 0;

    for (size_t k = L->value_first; k < L->ntexts; k++) {
        chart_text *t = &L->texts[k];
        double m = slice_mid(L, t->cat);
        size_t j;

        if (!t->outside || (cos(m) >= 0) != (side > 0))
            continue;
        t->y = L->cy + rr * sin(m) - t->h / 2;
        over = fmax(over, fmax(top - t->y, t->y + t->h - bottom));
        for (j = n++; j > 0 && L->texts[order[j - 1]].y > t->y; j--)
            order[j] = order[j - 1];
        order[j] = k;
        need += t->h + 1;
    }
    if (need > bottom - top + 1) {
        free(order);
        return -1;
    }
    texts_spread(L, order, n, top, bottom, 1);

    for (size_t j = 0; j < n; j++) {
        chart_text *t = &L->texts[order[j]];
        double m = slice_mid(L, t->cat);
        double reach = fmax(rr * fabs(cos(m)),
                            circle_reach(L, L->r + 3, t->y, t->h) + 1);

        reach = fmax(reach, 2);
        t->x = side > 0 ? L->cx + reach : L->cx - reach - t->w;
        over = fmax(over, side > 0 ? t->x + t->w - right : left - t->x);
    }
    free(order);
    return over;
}

/* Adds the slices' labels, their shares in percent, unplaced, as the
 * last texts. */
static void slices_add(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double total = pie_total(spec);

    L->value_first = L->ntexts;
    for (size_t i = 0; i < spec->ncat; i++) {
        double share = 100 * spec->series[0].values[i] / total;
        chart_text *t = text_add(L, CHART_BOX_VALUE,
                                 fmt_percent(share, spec->decimals,
                                             FMT_TABLE),
                                 0, PANGO_ALIGN_LEFT);

        t->cat = i;
    }
}

/* Adds a legend entry per slice, its name wrapped at wrap; unplaced.
 * Returns the widest. */
static double slices_name(chart_layout *L, double wrap)
{
    const chart_spec *spec = L->spec;

    for (size_t i = 0; i < spec->ncat; i++)
        legend_entry(L, spec->categories[i], category_color(spec, i),
                     wrap)->cat = i;
    return texts_width(L, 0, L->ntexts);
}

/*
 * Adds the legend naming the slices as the first texts: a column right
 * of the pie, or centred rows below it, whichever leaves the pie larger.
 * Narrows the room for the pie (*aw, *ah) by what it takes. Returns 1
 * for a column, 0 for rows.
 */
static int slices_legend(chart_layout *L, double *aw, double *ah)
{
    const chart_spec *spec = L->spec;
    double col_w, col_h = 0, rows_h, y;

    slices_name(L, *aw);
    rows_h = legend_rows(L, 0) + CHART_LEGEND_GAP;
    texts_truncate(L, 0);
    col_w = slices_name(L, 0.4 * spec->width);
    for (size_t i = 0; i < L->ntexts; i++)
        col_h += L->texts[i].h + (i > 0 ? 3 : 0);

    if (col_h > *ah || fmin(*aw - col_w - 2 * CHART_LEGEND_GAP, *ah)
                       < fmin(*aw, *ah - rows_h)) {
        texts_truncate(L, 0);
        slices_name(L, *aw);
        *ah -= legend_rows(L, 0) + CHART_LEGEND_GAP;
        return 0;
    }
    *aw -= col_w + 2 * CHART_LEGEND_GAP;
    y = (spec->height - col_h) / 2;
    for (size_t i = 0; i < L->ntexts; i++) {
        L->texts[i].x = spec->width - CHART_PAD - col_w;
        L->texts[i].y = y;
        y += L->texts[i].h + 3;
    }
    return 1;
}

/*
 * Moves a pie and its legend column (the texts before value_first) so
 * that the two stand together, centred across the chart: the column
 * close to the pie and its labels, the room left over shared out at
 * both sides.
 */
static void pie_gather(chart_layout *L)
{
    double left = L->cx - L->r, right = L->cx + L->r, col_x, shift;

    for (size_t k = L->value_first; k < L->ntexts; k++) {
        left = fmin(left, L->texts[k].x);
        right = fmax(right, L->texts[k].x + L->texts[k].w);
    }
    col_x = right + 2 * CHART_LEGEND_GAP;
    texts_move(L, 0, L->value_first, col_x - L->texts[0].x, 0);
    right = col_x + texts_width(L, 0, L->value_first);
    shift = (L->spec->width - right - left) / 2;
    texts_move(L, 0, L->ntexts, shift, 0);
    L->cx += shift;
}

/* Sets the pie's radius, centre and hole for the room ax, ay, aw, ah
 * less shrink. Returns -1 when the pie would be too small. */
static int pie_size(chart_layout *L, double ax, double ay, double aw,
                    double ah, double shrink)
{
    L->r = fmin(aw, ah) / 2 - 1 - shrink;
    if (L->max_r > 0)
        L->r = fmin(L->r, L->max_r);
    L->hole = L->spec->kind == CHART_DONUT ? 0.55 * L->r : 0;
    L->cx = ax + aw / 2;
    L->cy = ay + ah / 2;
    return L->r < CHART_MIN_PLOT / 2 ? -1 : 0;
}

/*
 * Lays out a pie: its legend, then its largest size that leaves room
 * for the labels that do not fit inside their slices. Labels go
 * outside one by one as the pie shrinks, never back. Returns FIT_OK or
 * FIT_SMALL.
 */
static int try_pie(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double ax = CHART_PAD, ay = CHART_PAD, shrink = 0;
    double aw = spec->width - 2 * CHART_PAD, ah = spec->height - 2 * CHART_PAD;
    int column;

    texts_truncate(L, 0);
    column = L->cell ? 0 : slices_legend(L, &aw, &ah);
    slices_add(L);

    for (int pass = 0; pass < 100; pass++) {
        int moved = 0;
        double right, left;

        if (pie_size(L, ax, ay, aw, ah, shrink) < 0)
            return FIT_SMALL;
        for (size_t k = L->value_first; k < L->ntexts; k++) {
            chart_text *t = &L->texts[k];

            if (!t->outside && slice_put_inside(L, t, t->cat) < 0)
                t->outside = moved = 1;
        }
        if (moved)
            continue;
        right = slices_beside(L, 1, ax, ax + aw, ay, ay + ah);
        left = slices_beside(L, -1, ax, ax + aw, ay, ay + ah);
        if (right < 0 || left < 0)
            return FIT_SMALL;
        if (fmax(right, left) <= 1e-6) {
            if (column)
                pie_gather(L);
            return FIT_OK;
        }
        shrink += fmax(right, left) + 0.25;
    }
    return FIT_SMALL;
}

/* Lays the chart out afresh with ticks t. Returns FIT_OK or why it
 * failed. */
static int layout_try(chart_layout *L, const chart_ticks *t)
{
    texts_truncate(L, 0);
    L->ticks = *t;
    L->lo = tick_value(L, 0);
    L->hi = tick_value(L, t->n - 1);
    return L->horizontal ? try_sideways(L) : try_upright(L);
}

/* Sets *err to say the chart is too small for its labels; returns -1. */
static int too_small(const chart_spec *spec, char **err)
{
    return err_set(err, "figure %s: %g x %g points is too small for the "
                   "chart's labels", spec_name(spec), spec->width,
                   spec->height);
}

/*
 * Lays the chart out: a pie at its largest; for axes, names at the line
 * ends when they fit, a legend otherwise, and the best ticks whose
 * labels do not crowd. Returns 0, or -1 and sets *err when the chart is
 * too small for its labels.
 */
static int layout_fit(chart_layout *L, char **err)
{
    chart_ticks choice[16];
    size_t n;

    if (is_pie(L->spec)) {
        if (try_pie(L) == FIT_OK)
            return 0;
        texts_truncate(L, 0);
        return too_small(L->spec, err);
    }
    n = ticks_choices(L->data_lo, L->data_hi, choice);
    for (int ends = ends_wanted(L); ends >= 0; ends--) {
        size_t limit = SIZE_MAX;

        L->end_labels = ends;
        for (size_t c = 0; c < n; c++) {
            int rc;

            if (choice[c].n >= limit)
                continue;
            rc = layout_try(L, &choice[c]);
            if (rc == FIT_OK)
                return 0;
            if (rc != FIT_TICKS)
                break;
            limit = choice[c].n;
        }
    }
    texts_truncate(L, 0);
    return too_small(L->spec, err);
}

/* Frees what the layout holds. */
static void layout_close(chart_layout *L)
{
    texts_truncate(L, 0);
    free(L->texts);
    pango_font_description_free(L->fd);
    g_object_unref(L->pc);
}

/*
 * Sets up a pango context of the layout's own: no hinting and glyphs
 * at fractional positions, so that text measures the same whatever
 * surface the chart is drawn on, and the font at spec->font_size
 * points (one point per user unit).
 */
static void layout_open(chart_layout *L, const chart_spec *spec)
{
    cairo_font_options_t *opts = cairo_font_options_create();
    chart_text *probe;

    memset(L, 0, sizeof *L);
    L->spec = spec;
    L->horizontal = spec->kind == CHART_BAR && spec->horizontal;
    L->bound_r = spec->width;
    L->bound_b = spec->height;
    L->pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(L->pc, opts);
    cairo_font_options_destroy(opts);
    pango_context_set_round_glyph_positions(L->pc, FALSE);
    pango_context_set_language(L->pc, pango_language_from_string("nb"));

    L->fd = pango_font_description_new();
    pango_font_description_set_family(L->fd, spec->font);
    pango_font_description_set_absolute_size(L->fd,
                                             spec->font_size * PANGO_SCALE);
    probe = text_add(L, CHART_BOX_TICK, xstrdup("0"), 0, PANGO_ALIGN_LEFT);
    L->line_h = probe->th;
    texts_truncate(L, 0);
}

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

/* Sets up cell c for facet f of spec, its chart w x h points; rank
 * holds the labels' ranks (label_ranks). */
static void cell_open(chart_cell *c, const chart_spec *spec, size_t f,
                      const size_t *rank, double w, double h)
{
    const chart_facet *fc = &spec->facets[f];

    c->view = *spec;
    c->view.ncat = fc->count;
    c->view.categories = spec->categories + fc->first;
    c->view.unit = NULL;
    c->view.nfacets = 0;
    c->view.facets = NULL;
    c->view.columns = 0;
    c->view.width = w;
    c->view.height = h;

    c->series = xcalloc(spec->nseries, sizeof *c->series);
    for (size_t s = 0; s < spec->nseries; s++) {
        c->series[s] = spec->series[s];
        c->series[s].values += fc->first;
        c->series[s].color = series_color(spec, s);
    }
    c->view.series = c->series;
    c->view.cat_colors = NULL;
    if (is_pie(spec) || bars_by_category(spec)) {
        c->colors = xcalloc(fc->count, sizeof *c->colors);
        for (size_t k = 0; k < fc->count; k++)
            c->colors[k] = ranked_color(spec, fc->first + k, rank);
        c->view.cat_colors = c->colors;
    }
    layout_open(&c->L, &c->view);
    c->L.cell = 1;
    for (size_t g = 0; g < spec->nfacets; g++)
        if (spec->facets[g].count > c->L.slots)
            c->L.slots = spec->facets[g].count;
}

static void cell_close(chart_cell *c)
{
    layout_close(&c->L);
    free(c->series);
    free(c->colors);
}

/* Frees what the figure holds. */
static void figure_close(chart_figure *F)
{
    for (size_t i = 0; i < F->ncells; i++)
        cell_close(&F->cells[i]);
    free(F->cells);
    layout_close(&F->top);
}

/*
 * Returns how many facets stand side by side: the spec's choice, or the
 * number whose cells come nearest a shape that suits the kind (wide
 * for lines and bars, square for pies), rows kept full where it can.
 */
static size_t grid_columns(const chart_spec *spec, double gw, double gh)
{
    size_t n = spec->nfacets, best = 1;
    double want = is_pie(spec) ? 1.0 : spec->horizontal ? 1.3 : 1.6;
    double best_score = INFINITY;

    if (spec->columns > 0)
        return (size_t)spec->columns < n ? (size_t)spec->columns : n;
    for (size_t cols = 1; cols <= n; cols++) {
        size_t rows = (n + cols - 1) / cols;
        double cw = (gw - (double)(cols - 1) * CHART_CELL_GAP) / (double)cols;
        double ch = (gh - (double)(rows - 1) * CHART_CELL_GAP) / (double)rows;
        double score = fabs(log(cw / ch / want))
                       + (double)(rows * cols - n);

        if (cw > 0 && ch > 0 && score < best_score) {
            best = cols;
            best_score = score;
        }
    }
    return best;
}

/*
 * Adds the figure's legend, in rows at the bottom: the slices' labels
 * for pies (each label once), the series when there are several.
 * Returns its height, or 0 when there is none.
 */
static double figure_legend(chart_layout *T, const size_t *rank)
{
    const chart_spec *spec = T->spec;
    size_t first = T->ntexts;

    if (!is_pie(spec))
        return legend_add(T);
    for (size_t i = 0; i < spec->ncat; i++)
        if (rank[i] == T->ntexts - first)
            legend_entry(T, spec->categories[i],
                         ranked_color(spec, i, rank),
                         spec->width - 2 * CHART_PAD)->cat = i;
    return legend_rows(T, first);
}

/* Adds the facets' titles, bold, centred and wrapped to the cell width
 * w; unplaced. Returns the tallest. */
static double titles_add(chart_layout *T, double w)
{
    double h = 0;

    for (size_t f = 0; f < T->spec->nfacets; f++) {
        chart_text *t = text_add(T, CHART_BOX_TITLE,
                                 xstrdup(T->spec->facets[f].title), w,
                                 PANGO_ALIGN_CENTER);

        text_bold(t);
        t->cat = f;
        h = fmax(h, t->h);
    }
    return h;
}

/* Returns how far below the top of every cell's chart the pies and
 * their labels start: titles move down by as much to stand by them. */
static double pies_top(const chart_figure *F)
{
    double top = INFINITY;

    for (size_t i = 0; i < F->ncells; i++) {
        const chart_layout *L = &F->cells[i].L;

        top = fmin(top, L->cy - L->r);
        for (size_t k = 0; k < L->ntexts; k++)
            top = fmin(top, L->texts[k].y);
    }
    return fmax(top, 0);
}

/* Places each facet's title above its chart, centred over the plot (or
 * pie) as far as the cell allows. */
static void titles_place(chart_figure *F, size_t first, double title_h)
{
    double down = is_pie(F->top.spec) ? pies_top(F) : 0;

    for (size_t f = 0; f < F->ncells; f++) {
        const chart_cell *c = &F->cells[f];
        chart_text *t = &F->top.texts[first + f];
        double mid = is_pie(&c->view) ? c->L.cx : c->L.px + c->L.pw / 2;

        t->x = fmin(fmax(c->x + mid - t->w / 2, c->cell_x),
                    c->cell_x + c->cell_w - t->w);
        t->y = c->y + down - CHART_TITLE_GAP - title_h;
    }
}

/* Lays every cell out with ticks t. Returns FIT_OK or why one failed. */
static int cells_try(chart_figure *F, const chart_ticks *t)
{
    for (size_t i = 0; i < F->ncells; i++) {
        int rc = layout_try(&F->cells[i].L, t);

        if (rc != FIT_OK)
            return rc;
    }
    return FIT_OK;
}

/* Sets the rectangle the plot of every cell must stay inside. */
static void cells_bound(chart_figure *F, double l, double t, double r,
                        double b)
{
    for (size_t i = 0; i < F->ncells; i++) {
        chart_layout *L = &F->cells[i].L;

        L->bound_l = l;
        L->bound_t = t;
        L->bound_r = r;
        L->bound_b = b;
    }
}

/* Lays the cells out again (ticks t) with the plot rectangle they all
 * have room for, so that their axes line up from cell to cell; leaves
 * them as they were when that does not fit. */
static void cells_align(chart_figure *F, const chart_ticks *t)
{
    double l = 0, top = 0, r = INFINITY, b = INFINITY;

    for (size_t i = 0; i < F->ncells; i++) {
        const chart_layout *L = &F->cells[i].L;

        l = fmax(l, L->px);
        top = fmax(top, L->py);
        r = fmin(r, L->px + L->pw);
        b = fmin(b, L->py + L->ph);
    }
    cells_bound(F, l, top, r, b);
    if (r - l >= CHART_MIN_PLOT && b - top >= CHART_MIN_PLOT
        && cells_try(F, t) == FIT_OK)
        return;
    cells_bound(F, 0, 0, F->cells[0].view.width, F->cells[0].view.height);
    if (cells_try(F, t) != FIT_OK)
        NK_UNREACHABLE();
}

/* Lays out cells with axes: one value range for all, the best ticks
 * whose labels fit in every cell, and plots lined up. Returns 0, or -1
 * when the cells are too small. */
static int cells_fit_axes(chart_figure *F)
{
    chart_ticks choice[16];
    size_t n, limit = SIZE_MAX;

    data_range(&F->top);
    n = ticks_choices(F->top.data_lo, F->top.data_hi, choice);
    for (size_t c = 0; c < n; c++) {
        int rc;

        if (choice[c].n >= limit)
            continue;
        rc = cells_try(F, &choice[c]);
        if (rc == FIT_OK) {
            cells_align(F, &choice[c]);
            return 0;
        }
        if (rc != FIT_TICKS)
            return -1;
        limit = choice[c].n;
    }
    return -1;
}

/* Lays out cells of pies, all of the smallest radius any of them needs,
 * so that their areas compare: a pie held to a smaller radius may have
 * to shrink further for its labels, so the cells are laid out again
 * until they agree (radii only shrink; after eight rounds they are
 * left as they are). Returns 0, or -1 when one does not fit. */
static int cells_fit_pies(chart_figure *F)
{
    for (int pass = 0; pass < 8; pass++) {
        double lo = INFINITY, hi = 0;

        for (size_t i = 0; i < F->ncells; i++) {
            if (try_pie(&F->cells[i].L) != FIT_OK)
                return -1;
            lo = fmin(lo, F->cells[i].L.r);
            hi = fmax(hi, F->cells[i].L.r);
        }
        if (hi - lo < 1e-6)
            return 0;
        for (size_t i = 0; i < F->ncells; i++)
            F->cells[i].L.max_r = lo;
    }
    return 0;
}

/* Opens a cell per facet, each w x h points, in a grid of cols columns
 * whose top is at gy, with title_h above each chart for its title. */
static void cells_open(chart_figure *F, size_t cols, double gy, double w,
                       double h, double title_h)
{
    const chart_spec *spec = F->top.spec;
    size_t *rank = xmalloc(spec->ncat * sizeof *rank);

    label_ranks(spec, rank);
    F->cells = xcalloc(spec->nfacets, sizeof *F->cells);
    for (size_t f = 0; f < spec->nfacets; f++) {
        chart_cell *c = &F->cells[f];

        cell_open(c, spec, f, rank, w, h - title_h - CHART_TITLE_GAP);
        F->ncells++;
        c->cell_x = CHART_PAD + (double)(f % cols) * (w + CHART_CELL_GAP);
        c->cell_w = w;
        c->x = c->cell_x;
        c->y = gy + (double)(f / cols) * (h + CHART_CELL_GAP) + title_h
               + CHART_TITLE_GAP;
    }
    free(rank);
}

/* Adds the figure's legend (figure_legend). Returns its height. */
static double facets_legend(chart_layout *T)
{
    size_t *rank = xmalloc(T->spec->ncat * sizeof *rank);
    double h;

    label_ranks(T->spec, rank);
    h = figure_legend(T, rank);
    free(rank);
    return h;
}

/*
 * Lays out a figure of facets: the unit above, the legend below, and
 * between them a grid of equal cells, each a title over a chart of its
 * own. Returns 0, or -1 and sets *err when the cells are too small.
 */
static int facets_fit(chart_figure *F, char **err)
{
    chart_layout *T = &F->top;
    const chart_spec *spec = T->spec;
    size_t n = spec->nfacets, cols, rows, first;
    double unit_h, legend_h, gy, gw, gh, cw, ch, title_h;

    T->frame = 1;
    T->unit = SIZE_MAX;
    unit_h = is_pie(spec) ? 0 : unit_add(T);
    if (T->unit != SIZE_MAX) {
        T->texts[T->unit].x = CHART_PAD;
        T->texts[T->unit].y = CHART_PAD;
    }
    legend_h = facets_legend(T);
    gy = CHART_PAD + unit_h;
    gw = spec->width - 2 * CHART_PAD;
    gh = spec->height - CHART_PAD - gy
         - (legend_h > 0 ? legend_h + CHART_LEGEND_GAP : 0);
    cols = grid_columns(spec, gw, gh);
    rows = (n + cols - 1) / cols;
    cw = (gw - (double)(cols - 1) * CHART_CELL_GAP) / (double)cols;
    ch = (gh - (double)(rows - 1) * CHART_CELL_GAP) / (double)rows;
    first = T->ntexts;
    title_h = titles_add(T, cw);
    if (cw < CHART_MIN_PLOT || ch - title_h - CHART_TITLE_GAP < CHART_MIN_PLOT)
        return too_small(spec, err);

    cells_open(F, cols, gy, cw, ch, title_h);
    if ((is_pie(spec) ? cells_fit_pies(F) : cells_fit_axes(F)) < 0)
        return too_small(spec, err);
    titles_place(F, first, title_h);
    return 0;
}

/* Checks spec and lays it out into F, which the caller closes with
 * figure_close on success. Returns 0, or -1 and sets *err. */
static int figure_build(chart_figure *F, const chart_spec *spec, char **err)
{
    int rc;

    if (chart_check(spec, err) < 0)
        return -1;
    memset(F, 0, sizeof *F);
    layout_open(&F->top, spec);
    if (spec->nfacets > 0) {
        rc = facets_fit(F, err);
    } else {
        if (!is_pie(spec))
            data_range(&F->top);
        rc = layout_fit(&F->top, err);
    }
    if (rc < 0)
        figure_close(F);
    return rc;
}

static void set_color(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, (c >> 16 & 0xFF) / 255.0,
                         (c >> 8 & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

/* Strokes a rule across the plot at value v. */
static void draw_rule(cairo_t *cr, const chart_layout *L, double v,
                      uint32_t color, double width)
{
    double p = value_pos(L, v);

    if (L->horizontal) {
        cairo_move_to(cr, p, L->py);
        cairo_line_to(cr, p, L->py + L->ph);
    } else {
        cairo_move_to(cr, L->px, p);
        cairo_line_to(cr, L->px + L->pw, p);
    }
    set_color(cr, color);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

/* Draws the light grid at the ticks. */
static void draw_grid(cairo_t *cr, const chart_layout *L)
{
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t i = 0; i < L->ticks.n; i++)
        draw_rule(cr, L, tick_value(L, i), CHART_GRID, 0.5);
}

/* Draws the axis line the data stand on: zero when the axis shows it,
 * else the axis' low end. */
static void draw_base(cairo_t *cr, const chart_layout *L)
{
    double v = L->lo <= 0 && L->hi >= 0 ? 0 : L->lo;

    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    draw_rule(cr, L, v, CHART_AXIS, 0.75);
}

static void draw_bars(cairo_t *cr, const chart_layout *L)
{
    const chart_spec *spec = L->spec;

    for (size_t s = 0; s < spec->nseries; s++) {
        for (size_t i = 0; i < spec->ncat; i++) {
            double c0, c1, v0, v1, e0, e1;

            if (!bar_geom(L, i, s, &c0, &c1, &v0, &v1))
                continue;
            e0 = value_pos(L, v0);
            e1 = value_pos(L, v1);
            if (L->horizontal)
                cairo_rectangle(cr, fmin(e0, e1), c0, fabs(e1 - e0), c1 - c0);
            else
                cairo_rectangle(cr, c0, fmin(e0, e1), c1 - c0, fabs(e1 - e0));
            if (bars_by_category(spec)) {
                set_color(cr, category_color(spec, i));
                cairo_fill(cr);
            }
        }
        set_color(cr, series_color(spec, s));
        cairo_fill(cr);
    }
}

/* Draws a dot of radius r ringed in white. */
static void draw_dot(cairo_t *cr, double x, double y, double r,
                     uint32_t color)
{
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0, 4 * CHART_QUARTER);
    set_color(cr, color);
    cairo_fill_preserve(cr);
    set_color(cr, 0xFFFFFF);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
}

/* Draws series s as a line, broken where a value is missing. A point
 * with no neighbour gets a dot, so that it does not vanish. */
static void draw_line(cairo_t *cr, const chart_layout *L, size_t s)
{
    const chart_spec *spec = L->spec;
    const double *v = spec->series[s].values;
    uint32_t color = series_color(spec, s);
    size_t n = spec->ncat;

    cairo_new_path(cr);
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        if (i > 0 && !isnan(v[i - 1]))
            cairo_line_to(cr, cat_pos(L, i), value_pos(L, v[i]));
        else
            cairo_move_to(cr, cat_pos(L, i), value_pos(L, v[i]));
    }
    set_color(cr, color);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);

    for (size_t i = 0; i < n; i++) {
        int alone = (i == 0 || isnan(v[i - 1]))
                    && (i + 1 == n || isnan(v[i + 1]));

        if (!isnan(v[i]) && (spec->markers || alone))
            draw_dot(cr, cat_pos(L, i), value_pos(L, v[i]),
                     spec->markers ? 2.2 : 1.6, color);
    }
}

/* Draws the swatch of legend entry t: a square for bars, a short line
 * for lines, centred on the middle of the text's capitals. */
static void draw_swatch(cairo_t *cr, const chart_layout *L,
                        const chart_text *t)
{
    uint32_t color = t->swatch;
    double sw = swatch_width(L);
    double mid = t->y + t->base - 0.36 * L->spec->font_size;

    cairo_new_path(cr);
    if (L->spec->kind != CHART_LINE) {
        cairo_rectangle(cr, t->x, mid - sw / 2, sw, sw);
        set_color(cr, color);
        cairo_fill(cr);
        return;
    }
    cairo_move_to(cr, t->x, mid);
    cairo_line_to(cr, t->x + sw, mid);
    set_color(cr, color);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
    if (L->spec->markers)
        draw_dot(cr, t->x + sw / 2, mid, 2.2, color);
}

static void draw_text(cairo_t *cr, const chart_text *t)
{
    cairo_save(cr);
    set_color(cr, t->color);
    if (t->turned) {
        cairo_translate(cr, t->x, t->y + t->h);
        cairo_rotate(cr, -CHART_QUARTER);
    } else {
        cairo_translate(cr, t->x + t->ox, t->y);
    }
    cairo_move_to(cr, -t->lx, -t->ly);
    pango_cairo_show_layout(cr, t->pl);
    cairo_restore(cr);
}

/* Draws the pie's slices, white rules between them, and a leader line
 * from each slice to its label when that stands beside the pie. */
static void draw_pie(cairo_t *cr, const chart_layout *L)
{
    size_t n = L->spec->ncat;

    for (size_t i = 0; i < n; i++) {
        double a0 = slice_angle(L, i), a1 = slice_angle(L, i + 1);

        cairo_new_path(cr);
        if (L->hole > 0) {
            cairo_arc(cr, L->cx, L->cy, L->r, a0, a1);
            cairo_arc_negative(cr, L->cx, L->cy, L->hole, a1, a0);
        } else {
            cairo_move_to(cr, L->cx, L->cy);
            cairo_arc(cr, L->cx, L->cy, L->r, a0, a1);
        }
        cairo_close_path(cr);
        set_color(cr, category_color(L->spec, i));
        cairo_fill(cr);
    }

    cairo_set_line_width(cr, 0.75);
    for (size_t i = 0; i < n && n > 1; i++) {
        double a = slice_angle(L, i);

        cairo_move_to(cr, L->cx + L->hole * cos(a), L->cy + L->hole * sin(a));
        cairo_line_to(cr, L->cx + L->r * cos(a), L->cy + L->r * sin(a));
    }
    set_color(cr, 0xFFFFFF);
    cairo_stroke(cr);

    for (size_t k = L->value_first; k < L->ntexts; k++) {
        const chart_text *t = &L->texts[k];
        double m = slice_mid(L, t->cat);
        double right = t->x > L->cx;

        if (!t->outside)
            continue;
        cairo_move_to(cr, L->cx + (L->r + 1) * cos(m),
                      L->cy + (L->r + 1) * sin(m));
        cairo_line_to(cr, right ? t->x - 1 : t->x + t->w + 1,
                      t->y + t->h / 2);
    }
    set_color(cr, CHART_AXIS);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
}

/* Draws a laid-out chart: grid, data, axis line, then the labels; a
 * figure's frame has labels only. */
static void layout_draw(cairo_t *cr, const chart_layout *L)
{
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (L->frame) {
        /* the facets are drawn by figure_draw */
    } else if (is_pie(L->spec)) {
        draw_pie(cr, L);
    } else if (L->spec->kind == CHART_BAR) {
        draw_grid(cr, L);
        draw_bars(cr, L);
        draw_base(cr, L);
    } else {
        draw_grid(cr, L);
        draw_base(cr, L);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        for (size_t s = 0; s < L->spec->nseries; s++)
            draw_line(cr, L, s);
    }
    for (size_t i = 0; i < L->ntexts; i++) {
        if (L->texts[i].kind == CHART_BOX_LEGEND)
            draw_swatch(cr, L, &L->texts[i]);
        draw_text(cr, &L->texts[i]);
    }
    cairo_restore(cr);
}

/* Draws a laid-out figure: each facet in its cell, then the figure's
 * own labels. */
static void figure_draw(cairo_t *cr, const chart_figure *F)
{
    for (size_t i = 0; i < F->ncells; i++) {
        cairo_save(cr);
        cairo_translate(cr, F->cells[i].x, F->cells[i].y);
        layout_draw(cr, &F->cells[i].L);
        cairo_restore(cr);
    }
    layout_draw(cr, &F->top);
}

int chart_draw(cairo_t *cr, const chart_spec *spec, char **err)
{
    chart_figure F;
    cairo_status_t status;

    if (figure_build(&F, spec, err) < 0)
        return -1;
    figure_draw(cr, &F);
    figure_close(&F);

    status = cairo_status(cr);
    if (status != CAIRO_STATUS_SUCCESS)
        return err_set(err, "figure %s: cannot draw: %s", spec_name(spec),
                       cairo_status_to_string(status));
    return 0;
}

/* Returns the first error of cr and its surface, or success. */
static cairo_status_t draw_status(cairo_t *cr)
{
    cairo_status_t status = cairo_status(cr);

    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(cairo_get_target(cr));
    return status;
}

/* Bytes cairo writes, gathered in memory. */
typedef struct chart_buf {
    char *data;
    size_t len, cap;
} chart_buf;

static cairo_status_t buf_write(void *closure, const unsigned char *data,
                                unsigned int len)
{
    chart_buf *b = closure;

    if (b->len + len > b->cap) {
        b->cap = 2 * (b->len + len);
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return CAIRO_STATUS_SUCCESS;
}

/*
 * Writes the SVG in b to f. cairo names each surface "surface" and a
 * number counted over the whole process, so the same chart written
 * twice would differ; each such number is written as its rank among the
 * numbers met so far instead. Returns 0, or -1 when f fails.
 */
static int svg_put(const chart_buf *b, FILE *f)
{
    static const char name[] = "surface";
    unsigned long seen[16];
    size_t nseen = 0, n = sizeof name - 1;

    for (size_t i = 0; i < b->len; i++) {
        unsigned long num = 0;
        size_t k = 0, j = i + n;

        if (i + n > b->len || memcmp(b->data + i, name, n) != 0
            || j >= b->len || b->data[j] < '0' || b->data[j] > '9') {
            putc(b->data[i], f);
            continue;
        }
        for (; j < b->len && b->data[j] >= '0' && b->data[j] <= '9'; j++)
            num = 10 * num + (unsigned long)(b->data[j] - '0');
        while (k < nseen && seen[k] != num)
            k++;
        if (k == nseen && nseen < 16)
            seen[nseen++] = num;
        fprintf(f, "%s%zu", name, k + 1);
        i = j - 1;
    }
    return ferror(f) ? -1 : 0;
}

/* Draws the laid-out chart as SVG into b. Returns cairo's status. */
static cairo_status_t svg_draw(const chart_figure *F, chart_buf *b)
{
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_status_t status;

    surface = cairo_svg_surface_create_for_stream(buf_write, b,
                                                  F->top.spec->width,
                                                  F->top.spec->height);
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
    cr = cairo_create(surface);
    figure_draw(cr, F);
    status = draw_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    return status;
}

int chart_write_svg(const chart_spec *spec, const char *path, char **err)
{
    chart_figure F;
    chart_buf b = {NULL, 0, 0};
    cairo_status_t status;
    FILE *f;
    int rc = 0;

    if (figure_build(&F, spec, err) < 0)
        return -1;
    status = svg_draw(&F, &b);
    figure_close(&F);
    if (status != CAIRO_STATUS_SUCCESS) {
        free(b.data);
        return err_set(err, "%s: cannot write: %s", path,
                       cairo_status_to_string(status));
    }

    f = fopen(path, "wb");
    if (!f || svg_put(&b, f) < 0)
        rc = err_set(err, "%s: cannot write: %s", path, strerror(errno));
    if (f && fclose(f) != 0 && rc == 0)
        rc = err_set(err, "%s: cannot write: %s", path, strerror(errno));
    free(b.data);
    return rc;
}

int chart_write_png(const chart_spec *spec, const char *path, double scale,
                    char **err)
{
    chart_figure F;
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_status_t status;
    int rc;

    if (!(scale > 0))
        return err_set(err, "%s: cannot write: scale %g is not positive",
                       path, scale);
    if (figure_build(&F, spec, err) < 0)
        return -1;
    surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                         (int)ceil(spec->width * scale),
                                         (int)ceil(spec->height * scale));
    cr = cairo_create(surface);
    set_color(cr, 0xFFFFFF);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    figure_draw(cr, &F);
    status = draw_status(cr);
    cairo_destroy(cr);
    figure_close(&F);
    if (status != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return err_set(err, "%s: cannot write: %s", path,
                       cairo_status_to_string(status));
    }
    rc = image_write_png(surface, path, err);
    cairo_surface_destroy(surface);
    return rc;
}

/* Returns the plot area of layout L, placed at ox, oy: a pie's is the
 * square around it. */
static chart_box plot_box(const chart_layout *L, double ox, double oy)
{
    chart_box b = {CHART_BOX_PLOT, ox + L->px, oy + L->py, L->pw, L->ph,
                   NULL};

    if (is_pie(L->spec)) {
        b.x = ox + L->cx - L->r;
        b.y = oy + L->cy - L->r;
        b.w = b.h = 2 * L->r;
    }
    return b;
}

/* Appends the texts of layout L, placed at ox, oy, to b from *k on. */
static void text_boxes(const chart_layout *L, double ox, double oy,
                       chart_box *b, size_t *k)
{
    for (size_t i = 0; i < L->ntexts; i++) {
        const chart_text *t = &L->texts[i];

        b[(*k)++] = (chart_box){t->kind, ox + t->x, oy + t->y, t->w, t->h,
                                xstrdup(t->str)};
    }
}

int chart_layout_boxes(const chart_spec *spec, chart_box **boxes, size_t *n,
                       char **err)
{
    chart_figure F;
    chart_box *b;
    size_t total, k = 0;

    if (figure_build(&F, spec, err) < 0)
        return -1;
    total = F.top.ntexts + (F.ncells ? F.ncells : 1);
    for (size_t i = 0; i < F.ncells; i++)
        total += F.cells[i].L.ntexts;
    b = xcalloc(total, sizeof *b);

    if (F.ncells == 0)
        b[k++] = plot_box(&F.top, 0, 0);
    for (size_t i = 0; i < F.ncells; i++)
        b[k++] = plot_box(&F.cells[i].L, F.cells[i].x, F.cells[i].y);
    text_boxes(&F.top, 0, 0, b, &k);
    for (size_t i = 0; i < F.ncells; i++)
        text_boxes(&F.cells[i].L, F.cells[i].x, F.cells[i].y, b, &k);
    *boxes = b;
    *n = k;
    figure_close(&F);
    return 0;
}

void chart_boxes_free(chart_box *boxes, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(boxes[i].text);
    free(boxes);
}

void chart_set_add(chart_set *set, chart_spec *spec)
{
    set->specs = xrealloc(set->specs, (set->n + 1) * sizeof *set->specs);
    set->specs[set->n++] = spec;
}

const chart_spec *chart_set_find(const chart_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->specs[i]->id && strcmp(set->specs[i]->id, id) == 0)
            return set->specs[i];
    return NULL;
}

void chart_set_clear(chart_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        chart_spec_free(set->specs[i]);
    free(set->specs);
    set->specs = NULL;
    set->n = 0;
}
