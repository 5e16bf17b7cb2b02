/*
 * Laying out a chart: the unit, the legend and the names at line ends
 * around the plot, the plot of an upright or horizontal chart between
 * them, and the search for ticks whose labels fit.
 */
#include <math.h>
#include <stdlib.h>

#include "chart_int.h"
#include "err.h"

/* Adds the unit text, unplaced, when the spec has one. Returns the room
 * it takes across the chart: its height and a small gap, or 0. */
double chart_unit_add(chart_layout *L)
{
    const char *unit = L->spec->unit;

    L->unit = SIZE_MAX;
    if (!unit || !unit[0])
        return 0;
    L->unit = L->ntexts;
    chart_text_add(L, CHART_BOX_UNIT, xstrdup(unit),
                   L->spec->width - 2 * CHART_PAD, PANGO_ALIGN_LEFT);
    return L->texts[L->unit].h + 2;
}

/* Returns the width of a legend swatch. */
double chart_swatch_width(const chart_layout *L)
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
chart_text *chart_legend_entry(chart_layout *L, const char *name,
                               uint32_t color, double wrap)
{
    double sw = chart_swatch_width(L);
    chart_text *t = chart_text_add(L, CHART_BOX_LEGEND, xstrdup(name),
                                   wrap - sw - CHART_GAP, PANGO_ALIGN_LEFT);

    t->swatch = color;
    t->ox = sw + CHART_GAP;
    t->w = t->ox + t->tw;
    return t;
}

/* Places the legend entries from first on in centred rows at the bottom
 * of the chart. Returns the legend's height. */
double chart_legend_rows(chart_layout *L, size_t first)
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
double chart_legend_add(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    size_t first = L->ntexts;

    if (spec->nseries < 2 || L->end_labels || L->cell)
        return 0;
    for (size_t s = 0; s < spec->nseries; s++)
        chart_legend_entry(L, spec->series[s].name, chart_series_color(spec, s),
                           spec->width - 2 * CHART_PAD)->series = s;
    return chart_legend_rows(L, first);
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
        chart_text *t = chart_text_add(L, CHART_BOX_LINE_END,
                                       xstrdup(spec->series[s].name), 0,
                                       PANGO_ALIGN_LEFT);

        t->series = s;
        t->color = chart_color_for_text(chart_series_color(spec, s));
    }
    w = chart_texts_width(L, L->end_first, L->ntexts);
    return w > spec->width / 3 ? -1 : w;
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
        t->y = chart_value_pos(L, spec->series[s].values[last]) - t->h / 2;
        for (; k > 0 && L->texts[order[k - 1]].y > t->y; k--)
            order[k] = order[k - 1];
        order[k] = L->end_first + s;
    }
    chart_texts_spread(L, order, n, top, L->py + L->ph, 0.5);

    for (size_t s = 0; s < n; s++) {
        chart_text *t = &L->texts[L->end_first + s];
        double want = chart_value_pos(L, spec->series[s].values[last]);

        if (t->y < top - 1e-6 || t->y + t->h > L->py + L->ph + 1e-6
            || fabs(t->y + t->h / 2 - want) > 0.8 * L->line_h)
            ok = 0;
    }
    free(order);
    return ok ? 0 : -1;
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
    double edge_w = chart_cat_edge_width(L);

    L->px = fmax(CHART_PAD + tick_w + CHART_GAP, L->bound_l);
    L->pw = right - L->px;
    if (L->end_labels)
        L->pw -= CHART_END_GAP + ends_w;
    if (L->spec->kind == CHART_BAR)
        L->pw = fmin(L->pw, (right - L->px - edge_w / 2) / (1 - 0.5 / n));
    L->pw = fmin(L->pw, L->bound_r - L->px);
    if (L->pw < CHART_MIN_PLOT)
        return -1;
    chart_cats_spread(L, edge_w);
    return 0;
}

/* Lays out an upright chart (categories along the bottom) with the
 * chosen ticks. Returns CHART_FIT_OK or why it failed. */
static int try_upright(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double tick_w = chart_ticks_add(L), unit_h = chart_unit_add(L);
    double legend_h = chart_legend_add(L), ends_w = 0;
    double cat_h, after, before, bottom;

    if (L->end_labels && (ends_w = ends_add(L)) < 0)
        return CHART_FIT_ENDS;
    if (upright_width(L, tick_w, ends_w) < 0)
        return CHART_FIT_SMALL;
    chart_bars_measure(L);
    if (chart_cats_below(L, &cat_h) < 0)
        return CHART_FIT_SMALL;
    chart_values_add(L, &after, &before);

    L->py = fmax(CHART_PAD + unit_h + fmax(L->line_h / 2, after),
                 L->bound_t);
    bottom = spec->height - CHART_PAD - cat_h - CHART_GAP - before
             - (legend_h > 0 ? legend_h + CHART_LEGEND_GAP : 0);
    bottom = fmin(bottom, L->bound_b);
    L->ph = bottom - L->py;
    if (L->ph < CHART_MIN_PLOT)
        return CHART_FIT_SMALL;
    chart_texts_move(L, L->cat_first, L->cat_n, 0, bottom + before + CHART_GAP);

    if (chart_ticks_place_left(L) < 0)
        return CHART_FIT_TICKS;
    if (L->unit != SIZE_MAX) {
        L->texts[L->unit].x = CHART_PAD;
        L->texts[L->unit].y = CHART_PAD;
    }
    if (L->end_labels && ends_place(L) < 0)
        return CHART_FIT_ENDS;
    chart_values_place(L);
    return CHART_FIT_OK;
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
 * the chosen ticks. Returns CHART_FIT_OK or why it failed. */
static int try_sideways(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double unit_h, legend_h, cat_w, after, before;

    chart_ticks_add(L);
    unit_h = chart_unit_add(L);
    legend_h = chart_legend_add(L);
    L->py = fmax(CHART_PAD, L->bound_t);
    L->ph = spec->height - CHART_PAD - L->py - unit_h - L->line_h
            - CHART_GAP - (legend_h > 0 ? legend_h + CHART_LEGEND_GAP : 0);
    L->ph = fmin(L->ph, L->bound_b - L->py);
    if (L->ph < CHART_MIN_PLOT)
        return CHART_FIT_SMALL;
    chart_cats_spread(L, 0);
    chart_bars_measure(L);
    if (chart_cats_beside(L, &cat_w) < 0)
        return CHART_FIT_SMALL;
    chart_values_add(L, &after, &before);
    if (sideways_width(L, cat_w, after, before) < 0)
        return CHART_FIT_SMALL;
    chart_texts_move(L, L->cat_first, L->cat_n, L->px - CHART_GAP - before, 0);

    if (chart_ticks_place_below(L) < 0)
        return CHART_FIT_TICKS;
    if (L->unit != SIZE_MAX) {
        chart_text *t = &L->texts[L->unit];

        t->x = fmax(CHART_PAD, L->px + L->pw - t->w);
        t->y = L->py + L->ph + CHART_GAP + L->line_h + 2;
    }
    chart_values_place(L);
    return CHART_FIT_OK;
}

/* Lays the chart out afresh with ticks t. Returns CHART_FIT_OK or why it
 * failed. */
int chart_layout_try(chart_layout *L, const chart_ticks *t)
{
    chart_texts_truncate(L, 0);
    L->long_label = NULL;
    L->ticks = *t;
    L->lo = chart_tick_value(L, 0);
    L->hi = chart_tick_value(L, t->n - 1);
    return L->horizontal ? try_sideways(L) : try_upright(L);
}

int chart_layout_best(chart_layout *L, const chart_ticks *choice, size_t n)
{
    size_t limit = SIZE_MAX;
    int rc = CHART_FIT_SMALL;

    for (size_t c = 0; c < n; c++) {
        if (choice[c].n >= limit)
            continue;
        rc = chart_layout_try(L, &choice[c]);
        if (rc != CHART_FIT_TICKS)
            return rc;
        limit = choice[c].n;
    }
    return rc;
}

/* Sets *err to say the chart is too small for its labels; returns -1. */
int chart_too_small(const chart_spec *spec, char **err)
{
    return err_set(err, "figure %s: %g x %g points is too small for the "
                   "chart's labels", chart_spec_name(spec), spec->width,
                   spec->height);
}

/* The characters of a long label an error message shows. */
#define LABEL_SHOWN 40

/* Returns label's first LABEL_SHOWN characters without the soft
 * hyphens hyphenation put in, and "…" when there were more. Caller
 * frees. */
static char *label_shown(const char *label)
{
    GString *out = g_string_new(NULL);
    size_t shown = 0;

    for (const char *p = label; *p; p = g_utf8_next_char(p)) {
        if (g_utf8_get_char(p) == 0xad)
            continue;
        if (shown++ == LABEL_SHOWN) {
            g_string_append(out, "\xe2\x80\xa6");
            break;
        }
        g_string_append_unichar(out, g_utf8_get_char(p));
    }
    return g_string_free(out, FALSE);
}

/*
 * Sets *err to name the category label of L too long to stand beside
 * its bar, shortened, or when there is none, to say the chart is too
 * small. Returns -1.
 */
static int layout_failed(const chart_layout *L, char **err)
{
    char *shown;

    if (!L->long_label)
        return chart_too_small(L->spec, err);
    shown = label_shown(L->long_label);
    err_set(err, "figure %s: the category label \"%s\" is too long to "
            "stand beside its bar even wrapped; shorten it or make the "
            "chart taller", chart_spec_name(L->spec), shown);
    g_free(shown);
    return -1;
}

/*
 * Lays the chart out: a pie at its largest; for axes, names at the line
 * ends when they fit, a legend otherwise, and the best ticks whose
 * labels do not crowd. Returns 0, or -1 and sets *err when the chart is
 * too small for its labels.
 */
int chart_layout_fit(chart_layout *L, char **err)
{
    chart_ticks choice[16];
    size_t n;

    if (chart_is_pie(L->spec)) {
        if (chart_try_pie(L) == CHART_FIT_OK)
            return 0;
        chart_texts_truncate(L, 0);
        return chart_too_small(L->spec, err);
    }
    n = chart_ticks_choices(L->data_lo, L->data_hi, choice);
    for (int ends = ends_wanted(L); ends >= 0; ends--) {
        L->end_labels = ends;
        if (chart_layout_best(L, choice, n) == CHART_FIT_OK)
            return 0;
    }
    chart_texts_truncate(L, 0);
    return layout_failed(L, err);
}
