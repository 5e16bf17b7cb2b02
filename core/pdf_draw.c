/*
 * Drawing: paints each page's placements with their structure tags,
 * named destinations, links and bookmarks, and the page furniture
 * (running head, page number) as decoration.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>

#include "err.h"
#include "chart.h"
#include "pdf_int.h"

static double max2(double a, double b)
{
    return a > b ? a : b;
}

void pdf_tags_push(pdf_doc *d, const char *tag)
{
    pdf_tags *t = &d->tags;

    if (t->nwant == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->want = xrealloc(t->want, t->cap * sizeof *t->want);
    }
    t->want[t->nwant++] = tag;
}

/* Ends the innermost wanted tag, in cairo too if it was begun. */
void pdf_tags_pop(pdf_doc *d)
{
    pdf_tags *t = &d->tags;

    assert(t->nwant > 0);
    if (t->nopen == t->nwant)
        cairo_tag_end(d->cr, t->want[--t->nopen]);
    t->nwant--;
}

/* Begins in cairo the wanted tags not yet begun, up to the first n. */
static void tags_sync_to(pdf_doc *d, size_t n)
{
    pdf_tags *t = &d->tags;

    while (t->nopen < n && t->nopen < t->nwant) {
        cairo_tag_begin(d->cr, t->want[t->nopen], NULL);
        t->nopen++;
    }
}

/* Begins in cairo every wanted tag not yet begun; call before drawing. */
void pdf_tags_sync(pdf_doc *d)
{
    tags_sync_to(d, d->tags.nwant);
}

/* Ends every begun tag but the Document at a page's end, so that the
 * next page's running head and number fall outside paragraphs, lists
 * and tables; they begin again, as new elements, when content comes. */
static void tags_suspend(pdf_doc *d)
{
    pdf_tags *t = &d->tags;

    while (t->nopen > 1)
        cairo_tag_end(d->cr, t->want[--t->nopen]);
}

/* Brackets decoration; post-processing makes it an artifact. */
void pdf_artifact_begin(pdf_doc *d)
{
    cairo_tag_begin(d->cr, "Private", NULL);
}

void pdf_artifact_end(pdf_doc *d)
{
    cairo_tag_end(d->cr, "Private");
}

/* Returns the left edge of the text area on a page: the inner margin on
 * right-hand (odd-numbered) pages, the outer one on left-hand pages. */
static double page_x(const pdf_doc *d, int page)
{
    return page % 2 == 0 ? d->style->margin_inner : d->style->margin_outer;
}

/* Returns the left edge of a placed block's column. */
static double column_x(const pdf_doc *d, int page, int col)
{
    return page_x(d, page) + col * (d->col_w + d->style->column_gap);
}

/* Draws text in the scratch layout with its baseline at y, flush with
 * the left or right edge of the text area. */
static void draw_edge(pdf_doc *d, int page, pdf_role role, const char *text,
                      double y, int right)
{
    PangoLayout *l = d->scratch;
    double x = page_x(d, page);
    int w;

    pango_layout_set_font_description(l, d->font[role].desc);
    pango_layout_set_text(l, text, -1);
    pango_layout_get_size(l, &w, NULL);
    if (right)
        x += d->text_w - pango_units_to_double(w);
    pdf_set_color(d->cr, d->font[role].color);
    cairo_move_to(d->cr, x, y - pango_units_to_double(
                                    pango_layout_get_baseline(l)));
    pango_cairo_show_layout(d->cr, l);
}

/* Draws the running head with a hairline under it (not on a chapter's
 * first page) and the page number at the foot, both at the outer edge,
 * as decoration; a blank page gets neither. */
static void furniture(pdf_doc *d, int page)
{
    const pdf_style *s = d->style;
    int outer_right = page % 2 == 0;
    char num[16];

    if (d->page[page].blank)
        return;
    pdf_artifact_begin(d);
    if (d->page[page].head) {
        draw_edge(d, page, PDF_FOOT, d->page[page].head,
                  s->margin_top - 20, outer_right);
        cairo_set_source_rgb(d->cr, 0.6, 0.6, 0.6);
        cairo_rectangle(d->cr, page_x(d, page), s->margin_top - 14,
                        d->text_w, 0.4);
        cairo_fill(d->cr);
    }
    snprintf(num, sizeof num, "%d", page + 1);
    draw_edge(d, page, PDF_FOOT, num,
              s->page_height - s->margin_bottom + 28, outer_right);
    pdf_artifact_end(d);
}

/* Adds a bookmark for a heading whose first line is at (x, y); chapters
 * show bold and open on their sections. */
static void outline(pdf_doc *d, const pdf_block *b, int page, double x,
                    double y)
{
    int level = b->level < 8 ? b->level : 7;
    int parent = level > 1 ? d->outline[level - 1]
                           : CAIRO_PDF_OUTLINE_ROOT;
    char link[64];

    snprintf(link, sizeof link, "page=%d pos=[%d %d]", page + 1, (int)x,
             (int)y);
    d->outline[level] = cairo_pdf_surface_add_outline(
        d->surface, parent, b->title, link,
        level == 1 ? CAIRO_PDF_OUTLINE_FLAG_BOLD | CAIRO_PDF_OUTLINE_FLAG_OPEN
                   : 0);
}

/* Names the point (x, y) so that links can lead there. */
static void destination(pdf_doc *d, const char *name, double x, double y)
{
    char attrs[256];

    snprintf(attrs, sizeof attrs, "name='%s' x=%g y=%g", name, x, y);
    cairo_tag_begin(d->cr, CAIRO_TAG_DEST, attrs);
    cairo_tag_end(d->cr, CAIRO_TAG_DEST);
}

/* Returns the cross-reference of b that holds byte offset, or NULL. */
static const pdf_link *link_at(const pdf_block *b, int offset)
{
    size_t k;

    for (k = 0; k < b->nlink; k++)
        if ((size_t)offset >= b->link[k].start
            && (size_t)offset < b->link[k].end)
            return &b->link[k];
    return NULL;
}

/* Draws one run of a line of text with its origin at (x, y), each space
 * before byte end widened by extra Pango units; returns its width in
 * points. */
static double draw_run(pdf_doc *d, const char *text, PangoGlyphItem *run,
                       int extra, int end, double x, double y)
{
    PangoGlyphItem wide = *run;
    PangoGlyphString *g = run->glyphs;
    int k, at, w;

    if (extra > 0) {
        wide.glyphs = g = pango_glyph_string_copy(run->glyphs);
        for (k = 0; k < g->num_glyphs; k++) {
            at = run->item->offset + g->log_clusters[k];
            if (at < end && text[at] == ' ')
                g->glyphs[k].geometry.width += extra;
        }
    }
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_glyph_item(d->cr, text, &wide);
    w = pango_glyph_string_get_width(g);
    if (g != run->glyphs)
        pango_glyph_string_free(g);
    return pango_units_to_double(w);
}

/* Ends the Link or Span open on a line, if any. */
static void end_piece(pdf_doc *d, int open, const pdf_link *k)
{
    if (open)
        cairo_tag_end(d->cr, k ? CAIRO_TAG_LINK : "Span");
}

/*
 * Draws line i of b with its baseline at (x, y). A justified line or
 * one with cross-references is drawn run by run: spaces widened, and
 * the runs of a cross-reference (pango splits runs where its colour
 * starts and ends) as a Link to the target, the rest as Spans, so that
 * the paragraph's structure element holds all of its text.
 */
static void draw_line(pdf_doc *d, const pdf_block *b, size_t i, double x,
                      double y)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(b->layout,
                                                           (int)i);
    const char *text = pango_layout_get_text(b->layout);
    int extra = b->stretch ? pango_units_from_double(b->stretch[i]) : 0;
    int end = line->start_index + line->length, open = 0;
    const pdf_link *k, *cur = NULL;
    PangoGlyphItem *run;
    char attrs[256];
    GSList *r;

    if (extra == 0 && b->nlink == 0) {
        cairo_move_to(d->cr, x, y);
        pango_cairo_show_layout_line(d->cr, line);
        return;
    }
    while (end > line->start_index && text[end - 1] == ' ')
        end--;
    for (r = line->runs; r; r = r->next) {
        run = r->data;
        k = link_at(b, run->item->offset);
        if (b->nlink && (!open || k != cur)) {
            end_piece(d, open, cur);
            snprintf(attrs, sizeof attrs, "dest='%s'", k ? k->id : "");
            cairo_tag_begin(d->cr, k ? CAIRO_TAG_LINK : "Span",
                            k ? attrs : NULL);
            open = 1;
            cur = k;
        }
        pdf_set_color(d->cr, k ? d->style->accent : d->font[b->role].color);
        x += draw_run(d, text, run, extra, end, x, y);
    }
    end_piece(d, open, cur);
}

/* Draws lines [l0, l1) of a block, the first with its box top at y. */
static void draw_lines(pdf_doc *d, const pdf_block *b, size_t l0, size_t l1,
                       double x, double y)
{
    double lead = d->font[b->role].leading;
    size_t i;

    pdf_set_color(d->cr, d->font[b->role].color);
    for (i = l0; i < l1; i++)
        draw_line(d, b, i, x, y + (double)(i - l0) * lead + b->base);
}

/* Draws a list item's bullet or number beside the first line at y as
 * the item's Lbl, before its LBody begins. */
static void draw_label(pdf_doc *d, const pdf_block *b, double x, double y)
{
    pdf_tags *t = &d->tags;
    double top = y + b->base
                 - pango_units_to_double(pango_layout_get_baseline(b->label));

    if (t->nwant > 0 && strcmp(t->want[t->nwant - 1], "LBody") == 0)
        tags_sync_to(d, t->nwant - 1);
    cairo_tag_begin(d->cr, "Lbl", NULL);
    pdf_set_color(d->cr, d->font[b->role].color);
    cairo_move_to(d->cr, x + b->label_x, top);
    pango_cairo_show_layout(d->cr, b->label);
    cairo_tag_end(d->cr, "Lbl");
}

/* Draws a fragment of paragraph or heading lines, with their links. A
 * chapter heading gets an accent bar in the space above it. */
static void draw_text(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                      double x, double y)
{
    if (p->u0 == 0) {
        y += b->inset;
        if (b->label)
            draw_label(d, b, x, y);
        if (b->level)
            outline(d, b, p->page, x, y);
        if (b->inset) {
            pdf_artifact_begin(d);
            pdf_set_color(d->cr, d->style->accent);
            cairo_rectangle(d->cr, x, y - 16, 36, 3.5);
            cairo_fill(d->cr);
            pdf_artifact_end(d);
        }
    }
    pdf_tags_sync(d);
    cairo_tag_begin(d->cr, b->tag, NULL);
    draw_lines(d, b, p->u0, p->u1, x, y);
    cairo_tag_end(d->cr, b->tag);
}

/* Draws dots from x0 to x1 on the baseline y, as decoration. */
static void leader(pdf_doc *d, double x0, double x1, double y)
{
    static const double dash[] = {0, 3.5};

    if (x1 - x0 < 7)
        return;
    pdf_artifact_begin(d);
    cairo_save(d->cr);
    cairo_set_source_rgb(d->cr, 0.45, 0.45, 0.45);
    cairo_set_line_width(d->cr, 0.9);
    cairo_set_line_cap(d->cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_dash(d->cr, dash, 2, 0);
    cairo_move_to(d->cr, x0, y);
    cairo_line_to(d->cr, x1, y);
    cairo_stroke(d->cr);
    cairo_restore(d->cr);
    pdf_artifact_end(d);
}

/* Draws a contents line as a TOCI holding a Link to the heading: the
 * heading's text and its page number, then the dotted leaders between
 * them. */
static void draw_toc(pdf_doc *d, const pdf_block *b, int page, double x,
                     double y)
{
    size_t n = (size_t)pango_layout_get_line_count(b->layout);
    const pdf_block *target = &d->block[b->target];
    double lead = d->font[b->role].leading;
    double base = y + (double)(n - 1) * lead + b->base;
    double right = page_x(d, page) + d->text_w;
    PangoRectangle last;
    char num[16], attrs[256];
    int w;

    snprintf(attrs, sizeof attrs, "rect=[%g %g %g %g] dest='%s'", x, y,
             right - x, (double)n * lead, target->dest);
    cairo_tag_begin(d->cr, b->tag, NULL);
    cairo_tag_begin(d->cr, CAIRO_TAG_LINK, attrs);
    draw_lines(d, b, 0, n, x, y);
    snprintf(num, sizeof num, "%d", target->page + 1);
    draw_edge(d, page, b->role, num, base, 1);
    cairo_tag_end(d->cr, CAIRO_TAG_LINK);
    pango_layout_get_size(d->scratch, &w, NULL);
    pango_layout_line_get_extents(
        pango_layout_get_line_readonly(b->layout, (int)n - 1), NULL, &last);
    leader(d, x + pango_units_to_double(last.width) + 4,
           right - pango_units_to_double(w) - 4, base);
    cairo_tag_end(d->cr, b->tag);
}

/* Draws layout in role as a structure element tag with its top at
 * (x, y). */
static void draw_tagged(pdf_doc *d, PangoLayout *layout, pdf_role role,
                        const char *tag, double x, double y)
{
    cairo_tag_begin(d->cr, tag, NULL);
    pdf_set_color(d->cr, d->font[role].color);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, layout);
    cairo_tag_end(d->cr, tag);
}

/* Draws a figure in reading order: the numbered title (above or below),
 * the chart as vectors in a Figure whose alt text post-processing adds,
 * and the caption text. */
static int draw_figure(pdf_doc *d, const pdf_block *b, double x, double y,
                       char **err)
{
    const pdf_figure *f = b->fig;
    int rc;

    if (!d->style->caption_below)
        draw_tagged(d, f->head, PDF_CAPHEAD, "Caption", x, y + f->head_y);
    if (d->nalt == d->capalt) {
        d->capalt = d->capalt ? 2 * d->capalt : 16;
        d->alt = xrealloc(d->alt, d->capalt * sizeof *d->alt);
    }
    d->alt[d->nalt++] = f->alt;
    cairo_tag_begin(d->cr, "Figure", NULL);
    cairo_save(d->cr);
    cairo_translate(d->cr, x, y + f->chart_y);
    cairo_scale(d->cr, f->scale, f->scale);
    rc = pdf_cache_draw_chart(d, &f->fit, err);
    cairo_restore(d->cr);
    cairo_tag_end(d->cr, "Figure");

    if (d->style->caption_below)
        draw_tagged(d, f->head, PDF_CAPHEAD, "Caption", x, y + f->head_y);
    if (f->note)
        draw_tagged(d, f->note, PDF_CAPTION, "P", x, y + f->note_y);
    return rc;
}

static int draw_block(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                      char **err);

/* Draws a sidebar: the shaded box, then its blocks one after another. */
static int draw_sidebar(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                        char **err)
{
    pdf_place kid = *p;
    double gap = 0;
    size_t i;
    int first = 1;

    pdf_artifact_begin(d);
    cairo_set_source_rgb(d->cr, 0.93, 0.95, 0.97);
    cairo_rectangle(d->cr, column_x(d, p->page, p->col) + b->x,
                    d->style->margin_top + p->y, b->width, b->unit[0]);
    cairo_fill(d->cr);
    pdf_artifact_end(d);

    pdf_tags_push(d, b->tag);
    kid.y += PDF_BOX_PAD;
    for (i = 0; i < b->nkids; i++) {
        const pdf_block *k = &b->kids[i];

        if (k->kind != PDF_OPEN && k->kind != PDF_CLOSE) {
            kid.y += first ? 0 : max2(gap, k->before);
            first = 0;
            gap = k->after;
        }
        kid.u0 = 0;
        kid.u1 = k->nunits;
        if (draw_block(d, k, &kid, err) < 0)
            return -1;
        kid.y += pdf_units_height(k, 0, k->nunits);
    }
    pdf_tags_pop(d);
    return 0;
}

/* Draws one placement; markers open and close structure tags, and a
 * block's first fragment names its destination. */
static int draw_block(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                      char **err)
{
    double x = column_x(d, p->page, p->col) + b->x;
    double y = d->style->margin_top + p->y;

    if (b->kind == PDF_OPEN) {
        pdf_tags_push(d, b->tag);
        return 0;
    }
    if (b->kind == PDF_CLOSE) {
        pdf_tags_pop(d);
        return 0;
    }
    if (b->dest && p->u0 == 0)
        destination(d, b->dest, x, y);
    if (b->kind != PDF_TEXT)
        pdf_tags_sync(d);
    switch (b->kind) {
    case PDF_TEXT:
        draw_text(d, b, p, x, y);
        return 0;
    case PDF_FIGURE:
        return draw_figure(d, b, x, y, err);
    case PDF_TABLE_BLOCK:
        pdf_draw_table(d, b, p, x, y);
        return 0;
    case PDF_SIDEBAR:
        return draw_sidebar(d, b, p, err);
    case PDF_TOC_ENTRY:
        draw_toc(d, b, p->page, x, y);
        return 0;
    default:
        NK_UNREACHABLE();
    }
}

/* Draws every page after the title page. Returns 0, or -1 and sets *err
 * when a chart cannot be drawn. */
int pdf_draw_pages(pdf_doc *d, char **err)
{
    size_t i = 0;
    int page;

    for (page = 1; page < (int)d->npage; page++) {
        furniture(d, page);
        for (; i < d->nplace && d->place[i].page == page; i++)
            if (draw_block(d, &d->block[d->place[i].block], &d->place[i],
                           err) < 0)
                return -1;
        tags_suspend(d);
        cairo_show_page(d->cr);
    }
    return 0;
}
