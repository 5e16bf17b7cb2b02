/*
 * Charts: drawing a laid-out figure with cairo, and the public calls
 * that lay a spec out and draw it into a page, an SVG file or a PNG
 * file, or report the boxes of its layout. The layout itself is made in
 * chart_layout.c and the files it calls on (see chart_int.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>

#include "chart_int.h"
#include "err.h"
#include "image.h"
#include "outfile.h"

/* Frees what the figure holds. */
static void figure_close(chart_figure *F)
{
    for (size_t i = 0; i < F->ncells; i++)
        chart_cell_close(&F->cells[i]);
    free(F->cells);
    chart_layout_close(&F->top);
}

/* Checks spec and lays it out into F, which the caller closes with
 * figure_close on success. Returns 0, or -1 and sets *err. */
static int figure_build(chart_figure *F, const chart_spec *spec, char **err)
{
    int rc;

    if (chart_check(spec, err) < 0)
        return -1;
    memset(F, 0, sizeof *F);
    chart_layout_open(&F->top, spec);
    if (spec->nfacets > 0) {
        rc = chart_facets_fit(F, err);
    } else {
        if (!chart_is_pie(spec))
            chart_data_range(&F->top);
        rc = chart_layout_fit(&F->top, err);
    }
    if (rc < 0)
        figure_close(F);
    return rc;
}

/* Sets cr's source to colour c (0xRRGGBB). */
static void set_color(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, (c >> 16 & 0xFF) / 255.0,
                         (c >> 8 & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

/* Strokes a rule across the plot at value v. */
static void draw_rule(cairo_t *cr, const chart_layout *L, double v,
                      uint32_t color, double width)
{
    double p = chart_value_pos(L, v);

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
        draw_rule(cr, L, chart_tick_value(L, i), CHART_GRID, 0.5);
}

/* Draws the axis line the data stand on: zero when the axis shows it,
 * else the axis' low end. */
static void draw_base(cairo_t *cr, const chart_layout *L)
{
    double v = L->lo <= 0 && L->hi >= 0 ? 0 : L->lo;

    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    draw_rule(cr, L, v, CHART_AXIS, 0.75);
}

/* Fills the bars, a series at a time; bars that take their categories'
 * colours are filled one by one. */
static void draw_bars(cairo_t *cr, const chart_layout *L)
{
    const chart_spec *spec = L->spec;

    for (size_t s = 0; s < spec->nseries; s++) {
        for (size_t i = 0; i < spec->ncat; i++) {
            double c0, c1, v0, v1, e0, e1;

            if (!chart_bar_geom(L, i, s, &c0, &c1, &v0, &v1))
                continue;
            e0 = chart_value_pos(L, v0);
            e1 = chart_value_pos(L, v1);
            if (L->horizontal)
                cairo_rectangle(cr, fmin(e0, e1), c0, fabs(e1 - e0), c1 - c0);
            else
                cairo_rectangle(cr, c0, fmin(e0, e1), c1 - c0, fabs(e1 - e0));
            if (chart_bars_by_category(spec)) {
                set_color(cr, chart_category_color(spec, i));
                cairo_fill(cr);
            }
        }
        set_color(cr, chart_series_color(spec, s));
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
    uint32_t color = chart_series_color(spec, s);
    size_t n = spec->ncat;

    cairo_new_path(cr);
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        if (i > 0 && !isnan(v[i - 1]))
            cairo_line_to(cr, chart_cat_pos(L, i), chart_value_pos(L, v[i]));
        else
            cairo_move_to(cr, chart_cat_pos(L, i), chart_value_pos(L, v[i]));
    }
    set_color(cr, color);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);

    for (size_t i = 0; i < n; i++) {
        int alone = (i == 0 || isnan(v[i - 1]))
                    && (i + 1 == n || isnan(v[i + 1]));

        if (!isnan(v[i]) && (spec->markers || alone))
            draw_dot(cr, chart_cat_pos(L, i), chart_value_pos(L, v[i]),
                     spec->markers ? 2.2 : 1.6, color);
    }
}

/* Draws the swatch of legend entry t: a square for bars, a short line
 * for lines, centred on the middle of the text's capitals. */
static void draw_swatch(cairo_t *cr, const chart_layout *L,
                        const chart_text *t)
{
    uint32_t color = t->swatch;
    double sw = chart_swatch_width(L);
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

/* Draws text t in its box, turned a quarter when it is. */
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
        double a0 = chart_slice_angle(L, i), a1 = chart_slice_angle(L, i + 1);

        cairo_new_path(cr);
        if (L->hole > 0) {
            cairo_arc(cr, L->cx, L->cy, L->r, a0, a1);
            cairo_arc_negative(cr, L->cx, L->cy, L->hole, a1, a0);
        } else {
            cairo_move_to(cr, L->cx, L->cy);
            cairo_arc(cr, L->cx, L->cy, L->r, a0, a1);
        }
        cairo_close_path(cr);
        set_color(cr, chart_category_color(L->spec, i));
        cairo_fill(cr);
    }

    cairo_set_line_width(cr, 0.75);
    for (size_t i = 0; i < n && n > 1; i++) {
        double a = chart_slice_angle(L, i);

        cairo_move_to(cr, L->cx + L->hole * cos(a), L->cy + L->hole * sin(a));
        cairo_line_to(cr, L->cx + L->r * cos(a), L->cy + L->r * sin(a));
    }
    set_color(cr, 0xFFFFFF);
    cairo_stroke(cr);

    for (size_t k = L->value_first; k < L->ntexts; k++) {
        const chart_text *t = &L->texts[k];
        double m = chart_slice_mid(L, t->cat);
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
    } else if (chart_is_pie(L->spec)) {
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
    chart_render *r = chart_render_new(spec, err);
    int rc;

    if (!r)
        return -1;
    rc = chart_render_draw(r, cr, err);
    chart_render_free(r);
    return rc;
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
    unsigned char *data;
    size_t len, cap;
} chart_buf;

/* Appends len bytes of data to b. */
static void buf_add(chart_buf *b, const void *data, size_t len)
{
    if (b->len + len > b->cap) {
        b->cap = 2 * (b->len + len);
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

/* cairo's write callback: appends to the chart_buf closure. */
static cairo_status_t buf_write(void *closure, const unsigned char *data,
                                unsigned int len)
{
    buf_add(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/*
 * Copies the SVG in b to out. cairo names each surface "surface" and a
 * number counted over the whole process (and over its threads), so the
 * same chart drawn twice would differ; each such number is written as
 * its rank among the numbers met so far instead.
 */
static void svg_renumber(const chart_buf *b, chart_buf *out)
{
    static const char name[] = "surface";
    unsigned long seen[16];
    size_t nseen = 0, n = sizeof name - 1, from = 0;

    for (size_t i = 0; i + n < b->len; i++) {
        unsigned long num = 0;
        size_t k = 0, j = i + n;
        char rank[32];

        if (memcmp(b->data + i, name, n) != 0 || b->data[j] < '0' ||
            b->data[j] > '9')
            continue;
        for (; j < b->len && b->data[j] >= '0' && b->data[j] <= '9'; j++)
            num = 10 * num + (unsigned long)(b->data[j] - '0');
        while (k < nseen && seen[k] != num)
            k++;
        if (k == nseen && nseen < 16)
            seen[nseen++] = num;
        buf_add(out, b->data + from, i + n - from);
        buf_add(out, rank, (size_t)snprintf(rank, sizeof rank, "%zu", k + 1));
        from = j;
        i = j - 1;
    }
    buf_add(out, b->data + from, b->len - from);
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

struct chart_render {
    chart_figure F;
};

chart_render *chart_render_new(const chart_spec *spec, char **err)
{
    chart_render *r = xmalloc(sizeof *r);

    if (figure_build(&r->F, spec, err) < 0) {
        free(r);
        return NULL;
    }
    return r;
}

/* The first character of layout L's labels that no font has, its label
 * in *text, or 0. */
static uint32_t layout_missing(const chart_layout *L, const char **text)
{
    int at;

    for (size_t i = 0; i < L->ntexts; i++) {
        uint32_t c = chart_missing_glyph(L->texts[i].pl, &at);

        if (c) {
            *text = pango_layout_get_text(L->texts[i].pl);
            return c;
        }
    }
    return 0;
}

uint32_t chart_render_missing(const chart_render *r, const char **text)
{
    uint32_t c = layout_missing(&r->F.top, text);

    for (size_t i = 0; !c && i < r->F.ncells; i++)
        c = layout_missing(&r->F.cells[i].L, text);
    return c;
}

void chart_render_free(chart_render *r)
{
    if (!r)
        return;
    figure_close(&r->F);
    free(r);
}

int chart_render_draw(const chart_render *r, cairo_t *cr, char **err)
{
    cairo_status_t status;

    figure_draw(cr, &r->F);
    status = cairo_status(cr);
    if (status != CAIRO_STATUS_SUCCESS)
        return err_set(err, "figure %s: cannot draw: %s",
                       chart_spec_name(r->F.top.spec),
                       cairo_status_to_string(status));
    return 0;
}

unsigned char *chart_render_svg(const chart_render *r, size_t *len,
                                char **err)
{
    chart_buf raw = {NULL, 0, 0}, out = {NULL, 0, 0};
    cairo_status_t status = svg_draw(&r->F, &raw);

    if (status != CAIRO_STATUS_SUCCESS) {
        free(raw.data);
        err_set(err, "figure %s: cannot draw as SVG: %s",
                chart_spec_name(r->F.top.spec),
                cairo_status_to_string(status));
        return NULL;
    }
    svg_renumber(&raw, &out);
    free(raw.data);
    *len = out.len;
    return out.data;
}

unsigned char *chart_render_png(const chart_render *r, double scale,
                                size_t *len, char **err)
{
    const chart_spec *spec = r->F.top.spec;
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_status_t status;
    unsigned char *png = NULL;

    if (!(scale > 0)) {
        err_set(err, "figure %s: scale %g is not positive",
                chart_spec_name(spec), scale);
        return NULL;
    }
    surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                         (int)ceil(spec->width * scale),
                                         (int)ceil(spec->height * scale));
    cr = cairo_create(surface);
    set_color(cr, 0xFFFFFF);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    figure_draw(cr, &r->F);
    status = draw_status(cr);
    cairo_destroy(cr);
    if (status != CAIRO_STATUS_SUCCESS)
        err_set(err, "figure %s: cannot draw as PNG: %s",
                chart_spec_name(spec), cairo_status_to_string(status));
    else
        png = image_png(surface, len, err);
    cairo_surface_destroy(surface);
    return png;
}

/* Writes the SVG or, with scale > 0, the PNG of spec to path. */
static int write_as(const chart_spec *spec, const char *path, double scale,
                    char **err)
{
    chart_render *r = chart_render_new(spec, err);
    unsigned char *data;
    size_t len = 0;
    int rc;

    if (!r)
        return -1;
    data = scale == 0 ? chart_render_svg(r, &len, err)
                      : chart_render_png(r, scale, &len, err);
    chart_render_free(r);
    rc = data ? out_write(path, data, len, err) : -1;
    free(data);
    return rc;
}

int chart_write_svg(const chart_spec *spec, const char *path, char **err)
{
    return write_as(spec, path, 0, err);
}

int chart_write_png(const chart_spec *spec, const char *path, double scale,
                    char **err)
{
    if (!(scale > 0))
        return err_set(err, "%s: cannot write: scale %g is not positive",
                       path, scale);
    return write_as(spec, path, scale, err);
}

/* Returns the plot area of layout L, placed at ox, oy: a pie's is the
 * square around it. */
static chart_box plot_box(const chart_layout *L, double ox, double oy)
{
    chart_box b = {CHART_BOX_PLOT, ox + L->px, oy + L->py, L->pw, L->ph,
                   NULL};

    if (chart_is_pie(L->spec)) {
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
