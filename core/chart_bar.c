/*
 * Bars, grouped, stacked or as 100 %: their values, their geometry and
 * the value labels on or beside them.
 */
#include <math.h>

#include "chart_int.h"
#include "err.h"

/* Returns series s's value in category i as drawn: in 100 % stacks its
 * share of the category's total (NaN when the total is zero). */
double chart_bar_value(const chart_spec *spec, size_t i, size_t s)
{
    double v = spec->series[s].values[i], sum = 0;

    if (!spec->normalized || isnan(v))
        return v;
    for (size_t k = 0; k < spec->nseries; k++)
        if (!isnan(spec->series[k].values[i]))
            sum += spec->series[k].values[i];
    return sum > 0 ? 100 * v / sum : NAN;
}

/* Returns the sum of the series below s in stacked category i. */
double chart_stack_below(const chart_spec *spec, size_t i, size_t s)
{
    double sum = 0;

    for (size_t k = 0; k < s; k++) {
        double v = chart_bar_value(spec, i, k);

        if (!isnan(v))
            sum += v;
    }
    return sum;
}

/* Sets the bar pitch from the slot: bars fill 60 % of a slot alone,
 * 80 % in groups, and never grow wider than four lines of text. */
void chart_bars_measure(chart_layout *L)
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
int chart_bar_geom(const chart_layout *L, size_t i, size_t s, double *c0,
                   double *c1, double *v0, double *v1)
{
    const chart_spec *spec = L->spec;
    double v = chart_bar_value(spec, i, s);
    double mid = chart_cat_pos(L, i);

    if (isnan(v))
        return 0;
    if (spec->stacked) {
        *c0 = mid - L->bar / 2;
        *c1 = mid + L->bar / 2;
        *v0 = chart_stack_below(spec, i, s);
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

/* Returns whether series s has a value label in category i. */
static int value_labelled(const chart_spec *spec, size_t i, size_t s)
{
    double v = chart_bar_value(spec, i, s);

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
            chart_text_turn(&L->texts[i]);
        return widest + 2;
    }
    chart_texts_truncate(L, L->value_first);
    return 0;
}

/*
 * Adds the value labels of the bars, unplaced, as the last texts. Those
 * outside the bars need room beyond the bar ends: sets *after to the
 * room beyond positive ends and *before beyond negative ones. Stacked
 * bars carry them inside their segments and need none.
 */
void chart_values_add(chart_layout *L, double *after, double *before)
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
            double v = chart_bar_value(spec, i, s);
            chart_text *t;

            if (!value_labelled(spec, i, s))
                continue;
            t = chart_text_add(L, CHART_BOX_VALUE,
                               chart_value_text(spec, v, spec->decimals), 0,
                               PANGO_ALIGN_LEFT);
            t->cat = i;
            t->series = s;
            pos |= v >= 0;
            neg |= v < 0;
        }
    if (spec->stacked)
        return;

    room = values_fit(L, chart_texts_width(L, L->value_first, L->ntexts));
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
        chart_text_turn(t);
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
    if (chart_color_light(chart_bar_color(L->spec, t->cat, t->series)) < 128)
        t->color = 0xFFFFFF;
    return 0;
}

/* Places value label t by its bar: beyond its end, or inside a stacked
 * segment. Returns 0, or -1 when it does not fit there. */
static int value_put(const chart_layout *L, chart_text *t)
{
    double c0, c1, v0, v1, e0, e1, mid;

    if (!chart_bar_geom(L, t->cat, t->series, &c0, &c1, &v0, &v1))
        NK_UNREACHABLE();
    e0 = chart_value_pos(L, v0);
    e1 = chart_value_pos(L, v1);
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
void chart_values_place(chart_layout *L)
{
    size_t keep = L->value_first;

    for (size_t k = L->value_first; k < L->ntexts; k++) {
        if (value_put(L, &L->texts[k]) == 0)
            L->texts[keep++] = L->texts[k];
        else
            chart_text_free(&L->texts[k]);
    }
    L->ntexts = keep;

    for (size_t k = L->value_first; k < L->ntexts; k++)
        if (chart_text_outside(L, &L->texts[k])) {
            chart_texts_truncate(L, L->value_first);
            return;
        }
    if (chart_texts_crowd(L, L->value_first, 0, 1))
        chart_texts_truncate(L, L->value_first);
}
