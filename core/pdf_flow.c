/*
 * Pages: the flow cuts blocks into fragments and places them on pages
 * (keeping headings with what follows, two lines of a paragraph on each
 * side of a break, table headers repeated); the drawing pass then paints
 * each page with its running head, page number, structure tags and
 * bookmarks.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>

#include "err.h"
#include "chart.h"
#include "pdf_int.h"

/* Rounding slack when heights are compared with the room left. */
#define EPS 0.01

typedef struct flow {
    pdf_doc *d;
    size_t to;              /* the flow's blocks end here */
    int page;
    double y;               /* height used on the page */
    double gap;             /* pending space: the largest seen so far */
    const char *chapter;    /* running head */
} flow;

static double max2(double a, double b)
{
    return a > b ? a : b;
}

/* Appends a page with a running head and returns its index. */
static int page_add(pdf_doc *d, const char *head)
{
    if (d->npage == d->cappage) {
        d->cappage = d->cappage ? 2 * d->cappage : 64;
        d->page = xrealloc(d->page, d->cappage * sizeof *d->page);
    }
    d->page[d->npage].head = head;
    return (int)d->npage++;
}

void pdf_page_add(pdf_doc *d)
{
    page_add(d, NULL);
}

static void new_page(flow *f)
{
    f->page = page_add(f->d, f->chapter);
    f->y = 0;
    f->gap = 0;
}

static void place(flow *f, size_t i, double y, size_t u0, size_t u1,
                  int repeat)
{
    pdf_doc *d = f->d;
    pdf_block *b = &d->block[i];
    pdf_place *p;

    if (d->nplace == d->capplace) {
        d->capplace = d->capplace ? 2 * d->capplace : 512;
        d->place = xrealloc(d->place, d->capplace * sizeof *d->place);
    }
    p = &d->place[d->nplace++];
    p->block = i;
    p->page = f->page;
    p->y = y;
    p->u0 = u0;
    p->u1 = u1;
    p->repeat = repeat;
    if (u0 == 0) {
        b->page = f->page;
        b->page_y = y;
    }
    if (u0 == 0 && b->level == 1) {
        f->chapter = b->title;
        d->page[f->page].head = NULL;
    }
}

/* Returns the height of units [u0, u1). */
static double units_height(const pdf_block *b, size_t u0, size_t u1)
{
    double h = 0;

    for (; u0 < u1; u0++)
        h += b->unit[u0];
    return h;
}

/* Returns the end of the unbreakable run of units that starts at u. */
static size_t run_end(const pdf_block *b, size_t u)
{
    while (u + 1 < b->nunits && b->keep[u])
        u++;
    return u + 1;
}

/* Returns the largest k such that units [u, k) fit in room and a page
 * may break after unit k - 1; u when not even one run fits. */
static size_t fit(const pdf_block *b, size_t u, double room)
{
    size_t k, best = u;
    double h = 0;

    for (k = u; k < b->nunits; k++) {
        h += b->unit[k];
        if (h > room + EPS)
            break;
        if (!b->keep[k] || k + 1 == b->nunits)
            best = k + 1;
    }
    return best;
}

/*
 * Returns the height block i needs at the foot of a page before it may
 * start there: its first unbreakable run, or, for a heading, the whole
 * heading plus the space and first run of what it is kept with.
 */
static double need_height(const flow *f, size_t i)
{
    const pdf_block *b;
    double need = 0, gap = 0;
    int first = 1;

    for (; i < f->to; i++) {
        b = &f->d->block[i];
        if (b->kind == PDF_NEWPAGE)
            break;
        if (b->kind == PDF_OPEN || b->kind == PDF_CLOSE) {
            gap = max2(gap, max2(b->before, b->after));
            continue;
        }
        if (!first)
            need += max2(gap, b->before);
        first = 0;
        if (!b->keep_next)
            return need + units_height(b, 0, run_end(b, 0));
        need += units_height(b, 0, b->nunits);
        gap = b->after;
    }
    return need;
}

/* Returns the height repeated atop a fragment that starts at unit u. */
static double repeat_height(const pdf_block *b, size_t u)
{
    return b->rep1 > b->rep0 && u >= b->rep1 ? b->rep_h : 0;
}

/*
 * Places block i, breaking pages between its units where it must. A run
 * too tall for an empty page is placed anyway and runs over the foot;
 * figures and sidebars are sized so that it cannot happen to them.
 */
static void flow_units(flow *f, size_t i)
{
    const pdf_block *b = &f->d->block[i];
    double room = f->d->text_h;
    double g = f->y > 0 ? max2(f->gap, b->before) : 0, rep = 0;
    size_t u = 0, k;

    if (f->y > 0 && f->y + g + need_height(f, i) > room + EPS) {
        new_page(f);
        g = 0;
    }
    while (u < b->nunits) {
        k = fit(b, u, room - f->y - g - rep);
        if (k == u && f->y > 0) {
            new_page(f);
            g = 0;
            continue;
        }
        if (k == u)
            k = run_end(b, u);
        place(f, i, f->y + g, u, k, rep > 0);
        f->y += g + rep + units_height(b, u, k);
        u = k;
        if (u < b->nunits) {
            new_page(f);
            g = 0;
            rep = repeat_height(b, u);
        }
    }
    f->gap = b->after;
}

/* Places blocks [from, to) on new pages after the last one. */
void pdf_flow(pdf_doc *d, size_t from, size_t to)
{
    flow f = {d, to, 0, 0, 0, NULL};
    const pdf_block *b;

    if (from == to)
        return;
    f.page = page_add(d, NULL);
    for (; from < to; from++) {
        b = &d->block[from];
        if (b->kind == PDF_NEWPAGE) {
            if (f.y > 0)
                new_page(&f);
        } else if (b->kind == PDF_OPEN || b->kind == PDF_CLOSE) {
            f.gap = max2(f.gap, max2(b->before, b->after));
            place(&f, from, f.y, 0, 0, 0);
        } else {
            flow_units(&f, from);
        }
    }
}

/* Returns the height of blocks drawn one after another, unbroken. */
double pdf_run_height(const pdf_block *b, size_t n)
{
    double h = 0, gap = 0;
    int first = 1;
    size_t i;

    for (i = 0; i < n; i++) {
        if (b[i].kind == PDF_OPEN || b[i].kind == PDF_CLOSE) {
            gap = max2(gap, max2(b[i].before, b[i].after));
            continue;
        }
        if (!first)
            h += max2(gap, b[i].before);
        first = 0;
        h += units_height(&b[i], 0, b[i].nunits);
        gap = b[i].after;
    }
    return h;
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

/* Begins in cairo every wanted tag not yet begun; call before drawing. */
void pdf_tags_sync(pdf_doc *d)
{
    pdf_tags *t = &d->tags;

    while (t->nopen < t->nwant) {
        cairo_tag_begin(d->cr, t->want[t->nopen], NULL);
        t->nopen++;
    }
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

/* Returns the left edge of the text area on a page: the inner margin on
 * right-hand (odd-numbered) pages, the outer one on left-hand pages. */
static double page_x(const pdf_doc *d, int page)
{
    return page % 2 == 0 ? d->style->margin_inner : d->style->margin_outer;
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
 * first page) and the page number at the foot, both at the outer edge. */
static void furniture(pdf_doc *d, int page)
{
    const pdf_style *s = d->style;
    char num[16];

    int outer_right = page % 2 == 0;

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

/* Draws lines [l0, l1) of a layout, the first with its box top at y. */
static void draw_lines(pdf_doc *d, const pdf_block *b, size_t l0, size_t l1,
                       double x, double y)
{
    GSList *line = pango_layout_get_lines_readonly(b->layout);
    double lead = d->font[b->role].leading;
    size_t i;

    pdf_set_color(d->cr, d->font[b->role].color);
    for (i = 0; line && i < l1; i++, line = line->next) {
        if (i < l0)
            continue;
        cairo_move_to(d->cr, x, y + (double)(i - l0) * lead + b->base);
        pango_cairo_show_layout_line(d->cr, line->data);
    }
}

/* Draws a list item's bullet or number beside the first line at y. */
static void draw_label(pdf_doc *d, const pdf_block *b, double x, double y)
{
    double top = y + b->base
                 - pango_units_to_double(pango_layout_get_baseline(b->label));

    pdf_set_color(d->cr, d->font[b->role].color);
    cairo_move_to(d->cr, x + b->label_x, top);
    pango_cairo_show_layout(d->cr, b->label);
}

/* Draws a fragment of paragraph or heading lines. A chapter heading gets
 * an accent bar in the space above it. */
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
            pdf_set_color(d->cr, d->style->accent);
            cairo_rectangle(d->cr, x, y - 16, 36, 3.5);
            cairo_fill(d->cr);
        }
    }
    cairo_tag_begin(d->cr, b->tag, NULL);
    draw_lines(d, b, p->u0, p->u1, x, y);
    cairo_tag_end(d->cr, b->tag);
}

/* Draws a contents line: the heading's text and its page number. */
static void draw_toc(pdf_doc *d, const pdf_block *b, int page, double x,
                     double y)
{
    size_t n = (size_t)pango_layout_get_line_count(b->layout);
    const pdf_block *target = &d->block[b->target];
    char num[16];

    cairo_tag_begin(d->cr, b->tag, NULL);
    draw_lines(d, b, 0, n, x, y);
    snprintf(num, sizeof num, "%d", target->page + 1);
    draw_edge(d, page, b->role, num,
              y + (double)(n - 1) * d->font[b->role].leading + b->base, 1);
    cairo_tag_end(d->cr, b->tag);
}

/* Draws a figure: title, the chart as vectors, the numbered caption. */
static int draw_figure(pdf_doc *d, const pdf_block *b, double x, double y,
                       char **err)
{
    const pdf_figure *f = b->fig;
    int rc;

    if (f->title) {
        cairo_tag_begin(d->cr, "P", NULL);
        pdf_set_color(d->cr, d->font[PDF_CAPHEAD].color);
        cairo_move_to(d->cr, x, y);
        pango_cairo_show_layout(d->cr, f->title);
        cairo_tag_end(d->cr, "P");
    }
    y += f->title_h;

    cairo_tag_begin(d->cr, "Figure", NULL);
    cairo_save(d->cr);
    cairo_translate(d->cr, x, y);
    cairo_scale(d->cr, f->scale, f->scale);
    rc = chart_draw(d->cr, f->chart, err);
    cairo_restore(d->cr);
    cairo_tag_end(d->cr, "Figure");
    y += f->chart_h + PDF_FIGURE_GAP;

    cairo_tag_begin(d->cr, "Caption", NULL);
    pdf_set_color(d->cr, d->font[PDF_CAPTION].color);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, f->caption);
    cairo_tag_end(d->cr, "Caption");
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

    cairo_set_source_rgb(d->cr, 0.93, 0.95, 0.97);
    cairo_rectangle(d->cr, page_x(d, p->page) + b->x,
                    d->style->margin_top + p->y, b->width, b->unit[0]);
    cairo_fill(d->cr);

    pdf_tags_push(d, b->tag);
    kid.y += PDF_BOX_PAD;
    for (i = 0; i < b->nkids; i++) {
        const pdf_block *k = &b->kids[i];

        if (k->kind != PDF_OPEN && k->kind != PDF_CLOSE) {
            kid.y += first ? 0 : max2(gap, k->before);
            first = 0;
            gap = k->after;
        }
        kid.u1 = k->nunits;
        if (draw_block(d, k, &kid, err) < 0)
            return -1;
        kid.y += units_height(k, 0, k->nunits);
    }
    pdf_tags_pop(d);
    return 0;
}

/* Draws one placement; markers open and close structure tags. */
static int draw_block(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                      char **err)
{
    double x = page_x(d, p->page) + b->x;
    double y = d->style->margin_top + p->y;

    if (b->kind == PDF_OPEN) {
        pdf_tags_push(d, b->tag);
        return 0;
    }
    if (b->kind == PDF_CLOSE) {
        pdf_tags_pop(d);
        return 0;
    }
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
