/*
 * The axes of lines and bars: the value range, nice ticks and their
 * labels, where values and categories fall, and the category labels
 * under the plot or beside it.
 */
#include <math.h>
#include <stdlib.h>

#include "chart_int.h"
#include "err.h"
#include "fmt.h"

/*
 * Finds the range the value axis must show: the data, zero for bars,
 * and zero for lines too unless the data sit in a narrow band far from
 * it.
 */
void chart_data_range(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double lo = INFINITY, hi = -INFINITY;

    for (size_t i = 0; i < spec->ncat; i++)
        for (size_t s = 0; s < spec->nseries; s++) {
            double v = chart_bar_value(spec, i, s);

            if (spec->kind == CHART_BAR && spec->stacked && !isnan(v))
                v += chart_stack_below(spec, i, s);
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
size_t chart_ticks_choices(double lo, double hi, chart_ticks *out)
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
double chart_tick_value(const chart_layout *L, size_t i)
{
    double v = (double)(L->ticks.k0 + (long)i) * L->ticks.step;

    return fabs(v) < L->ticks.step * 1e-9 ? 0 : v;
}

/* Returns where value v falls on the value axis. */
double chart_value_pos(const chart_layout *L, double v)
{
    double f = (v - L->lo) / (L->hi - L->lo);

    if (L->horizontal)
        return L->px + f * L->pw;
    return L->py + L->ph - f * L->ph;
}

/* Returns where category i sits on the category axis: the middle of
 * its bar slot, or its line point. */
double chart_cat_pos(const chart_layout *L, size_t i)
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
void chart_cats_spread(chart_layout *L, double edge_w)
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

/* Adds the tick labels, unplaced. Returns the widest. */
double chart_ticks_add(chart_layout *L)
{
    L->tick_first = L->ntexts;
    for (size_t i = 0; i < L->ticks.n; i++)
        chart_text_add(L, CHART_BOX_TICK,
                       chart_value_text(L->spec, chart_tick_value(L, i),
                                        L->ticks.decimals),
                       0, PANGO_ALIGN_LEFT);
    return chart_texts_width(L, L->tick_first, L->ntexts);
}

/* Places the tick labels left of the plot, right-aligned. Returns 0, or
 * -1 when they crowd each other. */
int chart_ticks_place_left(chart_layout *L)
{
    for (size_t i = 0; i < L->ticks.n; i++) {
        chart_text *t = &L->texts[L->tick_first + i];

        t->x = L->px - CHART_GAP - t->w;
        t->y = chart_value_pos(L, chart_tick_value(L, i)) - t->h / 2;
    }
    if (L->ph / (double)(L->ticks.n - 1) < L->line_h + 1)
        return -1;
    return 0;
}

/* Places the tick labels under the plot, centred on their ticks.
 * Returns 0, or -1 when they crowd each other. */
int chart_ticks_place_below(chart_layout *L)
{
    size_t end = L->tick_first + L->ticks.n;

    for (size_t i = 0; i < L->ticks.n; i++) {
        chart_text *t = &L->texts[L->tick_first + i];

        t->x = chart_value_pos(L, chart_tick_value(L, i)) - t->w / 2;
        t->y = L->py + L->ph + CHART_GAP;
    }
    for (size_t i = L->tick_first; i + 1 < end; i++)
        if (chart_texts_meet(&L->texts[i], &L->texts[i + 1], CHART_GAP))
            return -1;
    return 0;
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
        t = chart_text_add(L, CHART_BOX_CATEGORY,
                           xstrdup(spec->categories[i]), wrap,
                           m.turned ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
        t->cat = i;
        if (m.turned)
            chart_text_turn(t);
        t->x = fmax(L->px, fmin(chart_cat_pos(L, i) - t->w / 2,
                                spec->width - CHART_PAD - t->w));
        if (t->x + t->w > spec->width - CHART_PAD || t->h > tall
            || pango_layout_get_line_count(t->pl) > m.lines) {
            chart_texts_truncate(L, mark);
            return -1;
        }
    }

    if (chart_texts_crowd(L, mark, mark, 2)) {
        chart_texts_truncate(L, mark);
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
int chart_cats_below(chart_layout *L, double *height)
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
        t = chart_text_add(L, CHART_BOX_CATEGORY, xstrdup(spec->categories[i]),
                           wrap, PANGO_ALIGN_RIGHT);
        t->cat = i;
        t->x = -t->w;
        t->y = chart_cat_pos(L, i) - t->h / 2;
        if (t->y < 0 || t->y + t->h > spec->height) {
            chart_texts_truncate(L, mark);
            return -1;
        }
    }

    if (chart_texts_crowd(L, mark, mark, 1)) {
        chart_texts_truncate(L, mark);
        return -1;
    }
    return 0;
}

/* Sets L->long_label to the tallest of the category labels wrapped at
 * wrap points when it is taller than its slot, or to NULL. */
static void cats_find_long(chart_layout *L, double wrap)
{
    const chart_spec *spec = L->spec;
    double tallest = 0;

    L->long_label = NULL;
    for (size_t i = 0; i < spec->ncat; i++) {
        double h = chart_text_add(L, CHART_BOX_CATEGORY,
                                  xstrdup(spec->categories[i]), wrap,
                                  PANGO_ALIGN_RIGHT)->h;

        chart_texts_truncate(L, L->ntexts - 1);
        if (h > tallest && h > L->slot) {
            tallest = h;
            L->long_label = spec->categories[i];
        }
    }
}

/*
 * Adds the category labels beside a horizontal bar chart, wrapped at
 * 40 % of its width. Numbers are thinned to every k-th when they crowd;
 * words never are, since a bar without its name cannot be read: they
 * are wrapped wider instead, up to 60 %, leaving the bars less room.
 * Sets *width to the widest. Returns 0, or -1 when none fits, with
 * L->long_label naming a label that is too tall for its slot.
 */
int chart_cats_beside(chart_layout *L, double *width)
{
    static const double wraps[] = {0.4, 0.5, 0.6};
    int numbers = cats_are_numbers(L->spec);
    size_t steps = numbers ? L->spec->ncat : 1;
    size_t nwraps = numbers ? 1 : sizeof wraps / sizeof wraps[0];

    L->cat_first = L->ntexts;
    for (size_t w = 0; w < nwraps; w++)
        for (size_t k = 1; k <= steps; k++)
            if (cats_try_beside(L, k, wraps[w] * L->spec->width) == 0) {
                L->cat_n = L->ntexts - L->cat_first;
                *width = chart_texts_width(L, L->cat_first, L->ntexts);
                return 0;
            }
    cats_find_long(L, wraps[nwraps - 1] * L->spec->width);
    return -1;
}

/* Returns the wider of the first and last category labels when the
 * labels are numbers, which are always set flat; 0 for words. */
double chart_cat_edge_width(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    const char *edge[2] = {spec->categories[0],
                           spec->categories[spec->ncat - 1]};
    double w = 0;

    if (!cats_are_numbers(spec))
        return 0;
    for (size_t i = 0; i < 2; i++) {
        w = fmax(w, chart_text_add(L, CHART_BOX_CATEGORY, xstrdup(edge[i]),
                                   0, PANGO_ALIGN_LEFT)->w);
        chart_texts_truncate(L, L->ntexts - 1);
    }
    return w;
}
