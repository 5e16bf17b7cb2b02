/*
 * The flow: cuts blocks into fragments and places them in the columns of
 * pages without drawing, keeping headings with what follows, two lines
 * of a paragraph on each side of a break and table headers repeated. A
 * chapter heading in two-column text spans both columns at the top of
 * its page; a chapter may be made to start on a right-hand page.
 */
#include <string.h>

#include "err.h"
#include "pdf_int.h"

/* Rounding slack when heights are compared with the room left. */
#define EPS 0.01

typedef struct flow {
    pdf_doc *d;
    size_t to;              /* the flow's blocks end here */
    int page, col, ncols;
    double top;             /* where the columns start on the page */
    double y;               /* height used in the column */
    double gap;             /* pending space: the largest seen so far */
    const char *chapter;    /* running head */
} flow;

static double max2(double a, double b)
{
    return a > b ? a : b;
}

/* Appends a page with a running head and returns its index. */
static int page_add(pdf_doc *d, const char *head, int blank)
{
    if (d->npage == d->cappage) {
        d->cappage = d->cappage ? 2 * d->cappage : 64;
        d->page = xrealloc(d->page, d->cappage * sizeof *d->page);
    }
    d->page[d->npage].head = head;
    d->page[d->npage].blank = blank;
    return (int)d->npage++;
}

void pdf_page_add(pdf_doc *d)
{
    page_add(d, NULL, 0);
}

/* Starts a new page; when right is set and the page would be a
 * left-hand (even-numbered) one, a blank page comes first. */
static void new_page(flow *f, int right)
{
    if (right && f->d->npage % 2 == 1)
        page_add(f->d, NULL, 1);
    f->page = page_add(f->d, f->chapter, 0);
    f->col = 0;
    f->top = 0;
    f->y = 0;
    f->gap = 0;
}

/* Moves on to the next column, or to a new page after the last or for
 * a block that spans the columns. */
static void next_column(flow *f, int span)
{
    if (!span && f->col + 1 < f->ncols) {
        f->col++;
        f->y = f->top;
        f->gap = 0;
    } else {
        new_page(f, 0);
    }
}

/* Returns whether nothing has been placed in the column yet. */
static int column_empty(const flow *f)
{
    return f->y <= f->top;
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
    p->col = b->span ? 0 : f->col;
    p->y = y;
    p->u0 = u0;
    p->u1 = u1;
    p->repeat = repeat;
    if (u0 == 0) {
        b->page = f->page;
        b->col = p->col;
        b->page_y = y;
    }
    if (u0 == 0 && b->level == 1) {
        f->chapter = b->title;
        d->page[f->page].head = NULL;
    }
}

double pdf_units_height(const pdf_block *b, size_t u0, size_t u1)
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
 * Returns the height block i needs at the foot of a column before it
 * may start there: its first unbreakable run, or, for a heading, the
 * whole heading plus the space and first run of what it is kept with.
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
            return need + pdf_units_height(b, 0, run_end(b, 0));
        need += pdf_units_height(b, 0, b->nunits);
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
 * Places block i, breaking columns between its units where it must. A
 * run too tall for an empty column is placed anyway and runs over the
 * foot; figures and sidebars are sized so that it cannot happen to
 * them.
 */
static void flow_units(flow *f, size_t i)
{
    const pdf_block *b = &f->d->block[i];
    double room = f->d->text_h;
    double g = column_empty(f) ? 0 : max2(f->gap, b->before), rep = 0;
    size_t u = 0, k;

    if (!column_empty(f) && f->y + g + need_height(f, i) > room + EPS) {
        next_column(f, b->span);
        g = 0;
    }
    while (u < b->nunits) {
        k = fit(b, u, room - f->y - g - rep);
        if (k == u && !column_empty(f)) {
            next_column(f, b->span);
            g = 0;
            continue;
        }
        if (k == u)
            k = run_end(b, u);
        place(f, i, f->y + g, u, k, rep > 0);
        f->y += g + rep + pdf_units_height(b, u, k);
        u = k;
        if (u < b->nunits) {
            next_column(f, b->span);
            g = 0;
            rep = repeat_height(b, u);
        }
    }
    f->gap = b->after;
}

/* Places a block that spans the columns, starting at the top of a page
 * (a new one unless nothing is on this one yet) and breaking to new
 * pages; the columns start below its end. */
static void flow_span(flow *f, size_t i)
{
    if (f->col > 0 || !column_empty(f))
        new_page(f, 0);
    flow_units(f, i);
    f->top = f->y + f->gap;
    f->y = f->top;
    f->gap = 0;
}

/* Places blocks [from, to) in ncols columns on new pages after the last
 * one; with the style's chapter_right, the first page and every
 * chapter's are right-hand pages. */
void pdf_flow(pdf_doc *d, size_t from, size_t to, int ncols)
{
    int right = d->style && d->style->chapter_right;
    flow f = {d, to, 0, 0, ncols, 0, 0, 0, NULL};
    const pdf_block *b;

    if (from == to)
        return;
    new_page(&f, right);
    for (; from < to; from++) {
        b = &d->block[from];
        if (b->kind == PDF_NEWPAGE) {
            if (f.col > 0 || !column_empty(&f))
                new_page(&f, right);
        } else if (b->kind == PDF_OPEN || b->kind == PDF_CLOSE) {
            f.gap = max2(f.gap, max2(b->before, b->after));
            place(&f, from, f.y, 0, 0, 0);
        } else if (b->span) {
            flow_span(&f, from);
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
        h += pdf_units_height(&b[i], 0, b[i].nunits);
        gap = b[i].after;
    }
    return h;
}
