/*
 * Pies and donuts: the slices, the share labels inside them or beside
 * the pie, the legend that names them, and the pie's size.
 */
#include <math.h>
#include <stdlib.h>

#include "chart_int.h"
#include "err.h"
#include "fmt.h"

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
double chart_slice_angle(const chart_layout *L, size_t i)
{
    const double *v = L->spec->series[0].values;
    double sum = 0;

    for (size_t k = 0; k < i; k++)
        sum += v[k];
    return -CHART_QUARTER + 4 * CHART_QUARTER * sum / pie_total(L->spec);
}

/* Returns the middle angle of slice i. */
double chart_slice_mid(const chart_layout *L, size_t i)
{
    return (chart_slice_angle(L, i) + chart_slice_angle(L, i + 1)) / 2;
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
    double a0 = chart_slice_angle(L, i), a1 = chart_slice_angle(L, i + 1);
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
    double a0 = chart_slice_angle(L, i), a1 = chart_slice_angle(L, i + 1);
    double m = (a0 + a1) / 2;
    int whole = a1 - a0 >= 4 * CHART_QUARTER - 1e-9;
    size_t tries = L->hole > 0 || whole ? 1 : sizeof at / sizeof at[0];

    for (size_t k = 0; k < tries; k++) {
        double rl = L->hole > 0 ? (L->r + L->hole) / 2
                    : whole ? 0 : at[k] * L->r;

        t->x = L->cx + rl * cos(m) - t->w / 2;
        t->y = L->cy + rl * sin(m) - t->h / 2;
        if (slice_holds(L, t, i)) {
            t->color = chart_color_light(chart_category_color(L->spec, i)) < 128
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
        double m = chart_slice_mid(L, t->cat);
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
    chart_texts_spread(L, order, n, top, bottom, 1);

    for (size_t j = 0; j < n; j++) {
        chart_text *t = &L->texts[order[j]];
        double m = chart_slice_mid(L, t->cat);
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
        chart_text *t = chart_text_add(L, CHART_BOX_VALUE,
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
        chart_legend_entry(L, spec->categories[i],
                           chart_category_color(spec, i), wrap)->cat = i;
    return chart_texts_width(L, 0, L->ntexts);
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
    rows_h = chart_legend_rows(L, 0) + CHART_LEGEND_GAP;
    chart_texts_truncate(L, 0);
    col_w = slices_name(L, 0.4 * spec->width);
    for (size_t i = 0; i < L->ntexts; i++)
        col_h += L->texts[i].h + (i > 0 ? 3 : 0);

    if (col_h > *ah || fmin(*aw - col_w - 2 * CHART_LEGEND_GAP, *ah)
                       < fmin(*aw, *ah - rows_h)) {
        chart_texts_truncate(L, 0);
        slices_name(L, *aw);
        *ah -= chart_legend_rows(L, 0) + CHART_LEGEND_GAP;
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
    chart_texts_move(L, 0, L->value_first, col_x - L->texts[0].x, 0);
    right = col_x + chart_texts_width(L, 0, L->value_first);
    shift = (L->spec->width - right - left) / 2;
    chart_texts_move(L, 0, L->ntexts, shift, 0);
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
 * outside one by one as the pie shrinks, never back. Returns CHART_FIT_OK or
 * CHART_FIT_SMALL.
 */
int chart_try_pie(chart_layout *L)
{
    const chart_spec *spec = L->spec;
    double ax = CHART_PAD, ay = CHART_PAD, shrink = 0;
    double aw = spec->width - 2 * CHART_PAD, ah = spec->height - 2 * CHART_PAD;
    int column;

    chart_texts_truncate(L, 0);
    column = L->cell ? 0 : slices_legend(L, &aw, &ah);
    slices_add(L);

    for (int pass = 0; pass < 100; pass++) {
        int moved = 0;
        double right, left;

        if (pie_size(L, ax, ay, aw, ah, shrink) < 0)
            return CHART_FIT_SMALL;
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
            return CHART_FIT_SMALL;
        if (fmax(right, left) <= 1e-6) {
            if (column)
                pie_gather(L);
            return CHART_FIT_OK;
        }
        shrink += fmax(right, left) + 0.25;
    }
    return CHART_FIT_SMALL;
}
