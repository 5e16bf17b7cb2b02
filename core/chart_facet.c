/*
 * Small multiples: a figure of facets, each a chart of its own in a
 * grid of equal cells under the figure's unit and over its legend, all
 * with the same ticks and plot size, or pies of the same radius.
 */
#include <math.h>
#include <stdlib.h>

#include "chart_int.h"
#include "err.h"

/* Sets up cell c for facet f of spec, its chart w x h points; rank
 * holds the labels' ranks (chart_label_ranks). */
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
        c->series[s].color = chart_series_color(spec, s);
    }
    c->view.series = c->series;
    c->view.cat_colors = NULL;
    if (chart_is_pie(spec) || chart_bars_by_category(spec)) {
        c->colors = xcalloc(fc->count, sizeof *c->colors);
        for (size_t k = 0; k < fc->count; k++)
            c->colors[k] = chart_ranked_color(spec, fc->first + k, rank);
        c->view.cat_colors = c->colors;
    }
    chart_layout_open(&c->L, &c->view);
    c->L.cell = 1;
    for (size_t g = 0; g < spec->nfacets; g++)
        if (spec->facets[g].count > c->L.slots)
            c->L.slots = spec->facets[g].count;
}

/* Frees what cell c holds; the figure's spec stays. */
void chart_cell_close(chart_cell *c)
{
    chart_layout_close(&c->L);
    free(c->series);
    free(c->colors);
}

/*
 * Returns how many facets stand side by side: the spec's choice, or the
 * number whose cells come nearest a shape that suits the kind (wide
 * for lines and bars, square for pies), rows kept full where it can.
 */
static size_t grid_columns(const chart_spec *spec, double gw, double gh)
{
    size_t n = spec->nfacets, best = 1;
    double want = chart_is_pie(spec) ? 1.0 : spec->horizontal ? 1.3 : 1.6;
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

    if (!chart_is_pie(spec))
        return chart_legend_add(T);
    for (size_t i = 0; i < spec->ncat; i++)
        if (rank[i] == T->ntexts - first)
            chart_legend_entry(T, spec->categories[i],
                               chart_ranked_color(spec, i, rank),
                               spec->width - 2 * CHART_PAD)->cat = i;
    return chart_legend_rows(T, first);
}

/* Adds the facets' titles, bold, centred and wrapped to the cell width
 * w; unplaced. Returns the tallest. */
static double titles_add(chart_layout *T, double w)
{
    double h = 0;

    for (size_t f = 0; f < T->spec->nfacets; f++) {
        chart_text *t = chart_text_add(T, CHART_BOX_TITLE,
                                       xstrdup(T->spec->facets[f].title), w,
                                       PANGO_ALIGN_CENTER);

        chart_text_bold(t);
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
    double down = chart_is_pie(F->top.spec) ? pies_top(F) : 0;

    for (size_t f = 0; f < F->ncells; f++) {
        const chart_cell *c = &F->cells[f];
        chart_text *t = &F->top.texts[first + f];
        double mid = chart_is_pie(&c->view) ? c->L.cx : c->L.px + c->L.pw / 2;

        t->x = fmin(fmax(c->x + mid - t->w / 2, c->cell_x),
                    c->cell_x + c->cell_w - t->w);
        t->y = c->y + down - CHART_TITLE_GAP - title_h;
    }
}

/* Lays every cell out with ticks t, or with NULL each with the ticks it
 * has. Returns CHART_FIT_OK or why one failed. */
static int cells_try(chart_figure *F, const chart_ticks *t)
{
    for (size_t i = 0; i < F->ncells; i++) {
        chart_layout *L = &F->cells[i].L;
        chart_ticks own = L->ticks;
        int rc = chart_layout_try(L, t ? t : &own);

        if (rc != CHART_FIT_OK)
            return rc;
    }
    return CHART_FIT_OK;
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

/* Lays the cells out again (ticks t, or NULL for each its own) with the
 * plot rectangle they all have room for, so that their axes line up
 * from cell to cell; leaves them as they were when that does not fit. */
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
        && cells_try(F, t) == CHART_FIT_OK)
        return;
    cells_bound(F, 0, 0, F->cells[0].view.width, F->cells[0].view.height);
    if (cells_try(F, t) != CHART_FIT_OK)
        NK_UNREACHABLE();
}

/* Lays out cells with axes: one value range for all, the best ticks
 * whose labels fit in every cell, and plots lined up. Returns 0, or -1
 * when the cells are too small. */
static int cells_fit_axes(chart_figure *F)
{
    chart_ticks choice[16];
    size_t n, limit = SIZE_MAX;

    chart_data_range(&F->top);
    n = chart_ticks_choices(F->top.data_lo, F->top.data_hi, choice);
    for (size_t c = 0; c < n; c++) {
        int rc;

        if (choice[c].n >= limit)
            continue;
        rc = cells_try(F, &choice[c]);
        if (rc == CHART_FIT_OK) {
            cells_align(F, &choice[c]);
            return 0;
        }
        if (rc != CHART_FIT_TICKS)
            return -1;
        limit = choice[c].n;
    }
    return -1;
}

/* Finds the best ticks for the cell of layout L on its own values, as
 * cells_fit_axes does for all. Returns 0, or -1 when it is too small. */
static int cell_fit_free(chart_layout *L)
{
    chart_ticks choice[16];
    size_t n;

    chart_data_range(L);
    n = chart_ticks_choices(L->data_lo, L->data_hi, choice);
    return chart_layout_best(L, choice, n) == CHART_FIT_OK ? 0 : -1;
}

/* Lays out cells with axes of their own (free scales), with plots
 * lined up. Returns 0, or -1 when a cell is too small. */
static int cells_fit_free(chart_figure *F)
{
    for (size_t i = 0; i < F->ncells; i++) {
        if (cell_fit_free(&F->cells[i].L) < 0)
            return -1;
    }
    cells_align(F, NULL);
    return 0;
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
            if (chart_try_pie(&F->cells[i].L) != CHART_FIT_OK)
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

    chart_label_ranks(spec, rank);
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

    chart_label_ranks(T->spec, rank);
    h = figure_legend(T, rank);
    free(rank);
    return h;
}

/*
 * Lays out a figure of facets: the unit above, the legend below, and
 * between them a grid of equal cells, each a title over a chart of its
 * own. Returns 0, or -1 and sets *err when the cells are too small.
 */
int chart_facets_fit(chart_figure *F, char **err)
{
    chart_layout *T = &F->top;
    const chart_spec *spec = T->spec;
    size_t n = spec->nfacets, cols, rows, first;
    double unit_h, legend_h, gy, gw, gh, cw, ch, title_h;

    T->frame = 1;
    T->unit = SIZE_MAX;
    unit_h = chart_is_pie(spec) ? 0 : chart_unit_add(T);
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
        return chart_too_small(spec, err);

    cells_open(F, cols, gy, cw, ch, title_h);
    if ((chart_is_pie(spec) ? cells_fit_pies(F)
         : spec->free_scales ? cells_fit_free(F) : cells_fit_axes(F)) < 0)
        return chart_too_small(spec, err);
    titles_place(F, first, title_h);
    return 0;
}
