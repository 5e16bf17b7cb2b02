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

#define CHART_MAX_CATEGORIES 60
#define CHART_MAX_TICKS 7

#define CHART_PAD 2.0       /* blank edge around the chart */
#define CHART_GAP 4.0       /* between an axis and its labels */
#define CHART_MIN_PLOT 24.0 /* the smallest plot side worth drawing */
#define CHART_END_GAP 3.0   /* between the plot and a line's name */
#define CHART_ITEM_GAP 12.0 /* between legend entries */
#define CHART_LEGEND_GAP 8.0 /* between the legend and what is above it */
#define CHART_QUARTER 1.57079632679489661923 /* a quarter turn */

#define CHART_INK 0x333333  /* text */
#define CHART_GRID 0xDDDDDD
#define CHART_AXIS 0x595959

static const uint32_t chart_colors[] = {
    0x1F4E79, /* dark blue */
    0xE69F00, /* orange */
    0x009E73, /* bluish green */
    0xB4D4EE, /* light blue */
    0xA0522D, /* red-brown */
    0x7F7F7F, /* grey */
    0xF0E442, /* yellow */
};

uint32_t chart_palette(size_t i)
{
    size_t n = sizeof chart_colors / sizeof chart_colors[0];

    return chart_colors[i % n];
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

/* Returns the figure's id for messages. */
static const char *spec_name(const chart_spec *spec)
{
    return spec->id ? spec->id : "(no id)";
}

/* Checks the size, font and kind. Returns 0, or -1 and sets *err. */
static int check_frame(const chart_spec *spec, char **err)
{
    const char *id = spec_name(spec);

    if (spec->kind != CHART_LINE && spec->kind != CHART_BAR)
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
    return 0;
}

/* Checks that categories and series are there. Returns 0, or -1 and
 * sets *err. */
static int check_shape(const chart_spec *spec, char **err)
{
    const char *id = spec_name(spec);

    if (spec->ncat == 0 || !spec->categories)
        return err_set(err, "figure %s: no categories", id);
    if (spec->ncat > CHART_MAX_CATEGORIES)
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
    return 0;
}

/* Checks every value: finite or NaN, and not negative in stacked bars.
 * Returns 0, or -1 and sets *err. */
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
    return 0;
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
    double data_lo, data_hi;    /* what the value axis must show */
    chart_ticks ticks;
    double lo, hi;          /* the value axis */
    double px, py, pw, ph;  /* the plot area */
    double slot;            /* from one category to the next */
    double inset;           /* from the plot's edge to the first one */
    double bar;             /* pitch of one bar in a group */
    double bar_gap;         /* blank between the bars of a group */
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
    PangoRectangle logical;

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

    pango_layout_get_extents(t->pl, NULL, &logical);
    t->lx = (double)logical.x / PANGO_SCALE;
    t->ly = (double)logical.y / PANGO_SCALE;
    t->tw = (double)logical.width / PANGO_SCALE;
    t->th = (double)logical.height / PANGO_SCALE;
    t->base = (double)pango_layout_get_baseline(t->pl) / PANGO_SCALE - t->ly;
    t->w = t->tw;
    t->h = t->th;
    return t;
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

/* Returns the number as the charts write it: "1 000", "2,5", "40 %".
 * The caller frees it. */
static char *value_text(const chart_spec *spec, double v, int decimals)
{
    if (spec->percent)
        return fmt_percent(v, decimals, FMT_TABLE);
    return fmt_number(v, decimals, FMT_TABLE);
}

/* Returns the series' colour, taking the palette when asked to. */
static uint32_t series_color(const chart_spec *spec, size_t s)
{
    uint32_t c = spec->series[s].color;

    return (c & CHART_AUTO_COLOR) ? chart_palette(s) : (c & 0xFFFFFF);
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

    for (size_t k = 0; k < s; k++)
        if (!isnan(spec->series[k].values[i]))
            sum += spec->series[k].values[i];
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
            double v = spec->series[s].values[i];

            if (spec->kind == CHART_BAR && spec->stacked && !isnan(v))
                v += stack_below(spec, i, s);
            if (!isnan(v)) {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
    if (lo > hi)
        lo = hi = 0;
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
 * Spreads the categories along the plot: bars in equal slots, line
 * points from an inset at each end that is small but leaves room for
 * half the first and last labels (edge_w, the wider of the two).
 */
static void cats_spread(chart_layout *L, double edge_w)
{
    double len = L->horizontal ? L->ph : L->pw;
    double n = (double)L->spec->ncat;

    if (L->spec->kind == CHART_BAR || n == 1) {
        L->slot = len / n;
        L->inset = L->slot / 2;
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
    double v = spec->series[s].values[i];
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

/*
 * Adds a legend entry (swatch and name) per series, placed in centred
 * rows at the bottom of the chart. Returns the legend's height, or 0
 * when there is no legend: one series, or names at the line ends.
 */
static double legend_add(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double avail = spec->width - 2 * CHART_PAD, sw = swatch_width(L);
    double row_w = 0, y = 0, top;
    size_t first = L->ntexts, row = first;

    if (spec->nseries < 2 || L->end_labels)
        return 0;
    for (size_t s = 0; s < spec->nseries; s++) {
        chart_text *t = text_add(L, CHART_BOX_LEGEND,
                                 xstrdup(spec->series[s].name),
                                 avail - sw - CHART_GAP, PANGO_ALIGN_LEFT);

        t->series = s;
        t->ox = sw + CHART_GAP;
        t->w = t->ox + t->tw;
    }

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

    top = spec->height - CHART_PAD - y;
    for (size_t i = first; i < L->ntexts; i++)
        L->texts[i].y += top;
    return y;
}

/* Returns whether the lines may carry their names at their ends: more
 * than one series, each ending in a value. */
static int ends_wanted(const chart_layout *L)
{
    const chart_spec *spec = L->spec;

    if (spec->kind != CHART_LINE || spec->nseries < 2)
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

/* Appends block c, the next one down, to block b. */
static void block_merge(end_block *b, const end_block *c)
{
    b->count += c->count;
    b->want += c->want;
    b->height += 0.5 + c->height;
}

/*
 * Moves the line-end labels, taken in order from the top (order[]),
 * apart: labels that would touch form a block centred on the mean of
 * their wished-for middles, and blocks that then touch merge. Blocks
 * stay between top and bottom where they fit.
 */
static void ends_spread(chart_layout *L, const size_t *order, size_t n,
                        double top, double bottom)
{
    end_block *b = xmalloc(n * sizeof *b);
    size_t nb = 0;

    for (size_t k = 0; k < n; k++) {
        const chart_text *t = &L->texts[L->end_first + order[k]];

        b[nb] = (end_block){k, 1, t->y + t->h / 2, t->h, 0};
        block_centre(&b[nb++], top, bottom);
        while (nb > 1 && b[nb - 2].top + b[nb - 2].height + 0.5
                             > b[nb - 1].top) {
            block_merge(&b[nb - 2], &b[nb - 1]);
            nb--;
            block_centre(&b[nb - 1], top, bottom);
        }
    }

    for (size_t i = 0; i < nb; i++) {
        double y = b[i].top;

        for (size_t k = b[i].first; k < b[i].first + b[i].count; k++) {
            chart_text *t = &L->texts[L->end_first + order[k]];

            t->y = y;
            y += t->h + 0.5;
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
        for (; k > 0 && L->texts[L->end_first + order[k - 1]].y > t->y; k--)
            order[k] = order[k - 1];
        order[k] = s;
    }
    ends_spread(L, order, n, top, L->py + L->ph);

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
    double tall = 0.4 * spec->height;
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
            || pango_layout_get_line_count(t->pl) > 3) {
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
 * flat; words wrapped, then turned; then every k-th, turned for words.
 * Sets *height to the room they take. Returns 0, or -1 when none fits.
 */
static int cats_below(chart_layout *L, double *height)
{
    int words = !cats_are_numbers(L->spec);
    size_t n = L->spec->ncat;
    cat_mode flat = {0, 0, 1}, wrapped = {1, 0, 1}, turned = {0, 1, 1};
    int ok;

    L->cat_first = L->ntexts;
    ok = cats_try_below(L, flat) == 0
         || (words && (cats_try_below(L, wrapped) == 0
                       || cats_try_below(L, turned) == 0));
    for (size_t k = 2; !ok && k <= n; k++) {
        cat_mode m = {0, words, k};

        ok = cats_try_below(L, m) == 0;
    }
    for (size_t k = 2; !ok && words && k <= n; k++) {
        cat_mode m = {0, 0, k};

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
    double v = spec->series[s].values[i];

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
            double v = spec->series[s].values[i];
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
 * along the value axis, in a colour that reads on the segment. Returns
 * 0, or -1 when it does not fit inside. */
static int value_inside(const chart_layout *L, chart_text *t, double c0,
                        double c1, double e0, double e1)
{
    double along = fabs(e1 - e0), across = c1 - c0;
    double need_along = L->horizontal ? t->w + 2 : t->h;
    double need_across = L->horizontal ? t->h : t->w + 2;

    if (along < need_along || across < need_across)
        return -1;
    if (L->horizontal) {
        t->x = (e0 + e1) / 2 - t->w / 2;
        t->y = (c0 + c1) / 2 - t->h / 2;
    } else {
        t->x = (c0 + c1) / 2 - t->w / 2;
        t->y = (e0 + e1) / 2 - t->h / 2;
    }
    if (color_light(series_color(L->spec, t->series)) < 128)
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

    L->px = CHART_PAD + tick_w + CHART_GAP;
    L->pw = right - L->px;
    if (L->end_labels)
        L->pw -= CHART_END_GAP + ends_w;
    if (L->spec->kind == CHART_BAR)
        L->pw = fmin(L->pw, (right - L->px - edge_w / 2) / (1 - 0.5 / n));
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

    L->py = CHART_PAD + unit_h + fmax(L->line_h / 2, after);
    bottom = spec->height - CHART_PAD - cat_h - CHART_GAP - before
             - (legend_h > 0 ? legend_h + CHART_LEGEND_GAP : 0);
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

    L->px = fmax(CHART_PAD + cat_w + CHART_GAP + before,
                 CHART_PAD + first_w / 2);
    L->pw = L->spec->width - CHART_PAD - fmax(last_w / 2, after) - L->px;
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
    L->py = CHART_PAD;
    L->ph = spec->height - CHART_PAD - L->py - unit_h - L->line_h
            - CHART_GAP - (legend_h > 0 ? legend_h + CHART_LEGEND_GAP : 0);
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

/*
 * Lays the chart out: names at the line ends when they fit, a legend
 * otherwise; the best ticks whose labels do not crowd. Returns 0, or -1
 * and sets *err when the chart is too small for its labels.
 */
static int layout_fit(chart_layout *L, char **err)
{
    chart_ticks choice[16];
    size_t n = ticks_choices(L->data_lo, L->data_hi, choice);

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
    return err_set(err, "figure %s: %g x %g points is too small for the "
                   "chart's labels", spec_name(L->spec), L->spec->width,
                   L->spec->height);
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

/* Checks spec and lays it out into L, which the caller closes with
 * layout_close on success. Returns 0, or -1 and sets *err. */
static int layout_build(chart_layout *L, const chart_spec *spec, char **err)
{
    if (chart_check(spec, err) < 0)
        return -1;
    layout_open(L, spec);
    data_range(L);
    if (layout_fit(L, err) < 0) {
        layout_close(L);
        return -1;
    }
    return 0;
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
    uint32_t color = series_color(L->spec, t->series);
    double sw = swatch_width(L);
    double mid = t->y + t->base - 0.36 * L->spec->font_size;

    cairo_new_path(cr);
    if (L->spec->kind == CHART_BAR) {
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

/* Draws a laid-out chart: grid, data, axis line, then the labels. */
static void layout_draw(cairo_t *cr, const chart_layout *L)
{
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    draw_grid(cr, L);
    if (L->spec->kind == CHART_BAR) {
        draw_bars(cr, L);
        draw_base(cr, L);
    } else {
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

int chart_draw(cairo_t *cr, const chart_spec *spec, char **err)
{
    chart_layout L;
    cairo_status_t status;

    if (layout_build(&L, spec, err) < 0)
        return -1;
    layout_draw(cr, &L);
    layout_close(&L);

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
static cairo_status_t svg_draw(const chart_layout *L, chart_buf *b)
{
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_status_t status;

    surface = cairo_svg_surface_create_for_stream(buf_write, b,
                                                  L->spec->width,
                                                  L->spec->height);
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
    cr = cairo_create(surface);
    layout_draw(cr, L);
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
    chart_layout L;
    chart_buf b = {NULL, 0, 0};
    cairo_status_t status;
    FILE *f;
    int rc = 0;

    if (layout_build(&L, spec, err) < 0)
        return -1;
    status = svg_draw(&L, &b);
    layout_close(&L);
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
    chart_layout L;
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_status_t status;

    if (!(scale > 0))
        return err_set(err, "%s: cannot write: scale %g is not positive",
                       path, scale);
    if (layout_build(&L, spec, err) < 0)
        return -1;
    surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                         (int)ceil(spec->width * scale),
                                         (int)ceil(spec->height * scale));
    cr = cairo_create(surface);
    set_color(cr, 0xFFFFFF);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    layout_draw(cr, &L);
    status = draw_status(cr);
    cairo_destroy(cr);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png(surface, path);
    cairo_surface_destroy(surface);
    layout_close(&L);

    if (status != CAIRO_STATUS_SUCCESS)
        return err_set(err, "%s: cannot write: %s", path,
                       cairo_status_to_string(status));
    return 0;
}

int chart_layout_boxes(const chart_spec *spec, chart_box **boxes, size_t *n,
                       char **err)
{
    chart_layout L;
    chart_box *b;

    if (layout_build(&L, spec, err) < 0)
        return -1;
    b = xcalloc(L.ntexts + 1, sizeof *b);
    b[0].kind = CHART_BOX_PLOT;
    b[0].x = L.px;
    b[0].y = L.py;
    b[0].w = L.pw;
    b[0].h = L.ph;
    for (size_t i = 0; i < L.ntexts; i++) {
        const chart_text *t = &L.texts[i];

        b[i + 1] = (chart_box){t->kind, t->x, t->y, t->w, t->h,
                               xstrdup(t->str)};
    }
    *boxes = b;
    *n = L.ntexts + 1;
    layout_close(&L);
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
