/*
 * The labels of a chart layout: its pango context, labels measured
 * once, the tests that keep them apart and inside the chart, and
 * moving runs of them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"
#include "err.h"
#include "fmt.h"

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
chart_text *chart_text_add(chart_layout *L, chart_box_kind kind, char *s,
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

uint32_t chart_missing_glyph(PangoLayout *layout, int *at)
{
    const char *text = pango_layout_get_text(layout);
    PangoLayoutIter *it;
    uint32_t c = 0;

    if (pango_layout_get_unknown_glyphs_count(layout) == 0)
        return 0;
    it = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);

        for (int g = 0; run && !c && g < run->glyphs->num_glyphs; g++) {
            if (run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
                *at = run->item->offset + run->glyphs->log_clusters[g];
                c = g_utf8_get_char(text + *at);
            }
        }
    } while (!c && pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    return c;
}

/* Sets the text in bold, as facet titles are, and measures it again. */
void chart_text_bold(chart_text *t)
{
    PangoAttrList *attrs = pango_attr_list_new();

    pango_attr_list_insert(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes(t->pl, attrs);
    pango_attr_list_unref(attrs);
    text_measure(t);
}

/* Turns a text a quarter, to read upwards; its box turns with it. */
void chart_text_turn(chart_text *t)
{
    t->turned = 1;
    t->w = t->th;
    t->h = t->tw;
}

/* Frees what text t holds, not t itself. */
void chart_text_free(chart_text *t)
{
    g_object_unref(t->pl);
    free(t->str);
}

/* Drops the texts from index mark on. */
void chart_texts_truncate(chart_layout *L, size_t mark)
{
    while (L->ntexts > mark)
        chart_text_free(&L->texts[--L->ntexts]);
}

/* Returns whether two boxes come closer than gap. */
int chart_texts_meet(const chart_text *a, const chart_text *b, double gap)
{
    const double eps = 1e-6;

    return a->x < b->x + b->w + gap - eps && b->x < a->x + a->w + gap - eps
           && a->y < b->y + b->h + gap - eps
           && b->y < a->y + a->h + gap - eps;
}

/* Returns whether any text from index from on comes closer than gap to
 * another text from index others on. */
int chart_texts_crowd(const chart_layout *L, size_t from, size_t others,
                      double gap)
{
    for (size_t i = from; i < L->ntexts; i++)
        for (size_t j = others; j < L->ntexts; j++)
            if (j != i && chart_texts_meet(&L->texts[i], &L->texts[j], gap))
                return 1;
    return 0;
}

/* Returns whether the text's box leaves the chart. */
int chart_text_outside(const chart_layout *L, const chart_text *t)
{
    const double eps = 1e-6;

    return t->x < -eps || t->y < -eps || t->x + t->w > L->spec->width + eps
           || t->y + t->h > L->spec->height + eps;
}

/* Returns the widest box among texts [from, to). */
double chart_texts_width(const chart_layout *L, size_t from, size_t to)
{
    double w = 0;

    for (size_t i = from; i < to; i++)
        w = fmax(w, L->texts[i].w);
    return w;
}

/* Returns the number as the charts write it: "1 000", "2,5", "40 %";
 * shares of 100 % stacks in percent. The caller frees it. */
char *chart_value_text(const chart_spec *spec, double v, int decimals)
{
    if (spec->percent || spec->normalized)
        return fmt_percent(v, decimals, FMT_TABLE);
    return fmt_number(v, decimals, FMT_TABLE);
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
void chart_texts_spread(chart_layout *L, const size_t *order, size_t n,
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

/* Moves texts [from, from + n) by dx, dy. */
void chart_texts_move(chart_layout *L, size_t from, size_t n, double dx,
                      double dy)
{
    for (size_t i = from; i < from + n; i++) {
        L->texts[i].x += dx;
        L->texts[i].y += dy;
    }
}

/* Frees what the layout holds. */
void chart_layout_close(chart_layout *L)
{
    chart_texts_truncate(L, 0);
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
void chart_layout_open(chart_layout *L, const chart_spec *spec)
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
    probe = chart_text_add(L, CHART_BOX_TICK, xstrdup("0"), 0,
                           PANGO_ALIGN_LEFT);
    L->line_h = probe->th;
    chart_texts_truncate(L, 0);
}
