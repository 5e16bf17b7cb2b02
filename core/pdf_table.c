/*
 * Tables: a CALS tgroup laid out as a grid with column widths measured
 * from the content and spread over the text width, a shaded header row
 * that repeats on every page the table runs onto, thin rules and the
 * numbered caption below ("Tabell 2: ...").
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pdf_int.h"

#define RULE_HEAVY 0.8
#define RULE_MEDIUM 0.5
#define RULE_HAIR 0.25

/* The parts of a table element, found before anything is laid out. */
typedef struct tbl_parts {
    xmlNodePtr title, caption, tgroup;
    xmlNodePtr rows[2];         /* thead and tbody, either may be NULL */
    char *id;                   /* for messages */
} tbl_parts;

void pdf_table_free(pdf_table *t)
{
    size_t i;

    for (i = 0; i < t->nrows * t->ncols; i++)
        if (t->cell[i])
            g_object_unref(t->cell[i]);
    if (t->title)
        g_object_unref(t->title);
    if (t->caption)
        g_object_unref(t->caption);
    free(t->cell);
    free(t->colw);
    free(t->rowh);
    free(t->align);
    free(t);
}

static int table_error(const tbl_parts *tp, const char *what, char **err)
{
    return err_set(err, "pdf: table %s: %s", tp->id, what);
}

/* Finds title, caption, the one tgroup and its thead and tbody. */
static int table_parts(xmlNodePtr node, tbl_parts *tp, char **err)
{
    xmlNodePtr c;

    for (c = node->children; c; c = c->next) {
        if (pdf_is(c, "title"))
            tp->title = c;
        else if (pdf_is(c, "caption"))
            tp->caption = c;
        else if (pdf_is(c, "tgroup") && !tp->tgroup)
            tp->tgroup = c;
        else if (c->type == XML_ELEMENT_NODE)
            return pdf_unsupported(c, err);
    }
    if (!tp->tgroup)
        return table_error(tp, "no tgroup", err);

    for (c = tp->tgroup->children; c; c = c->next) {
        if (pdf_is(c, "thead"))
            tp->rows[0] = c;
        else if (pdf_is(c, "tbody"))
            tp->rows[1] = c;
        else if (c->type == XML_ELEMENT_NODE && !pdf_is(c, "colspec"))
            return pdf_unsupported(c, err);
    }
    return 0;
}

/* Reads cols and each colspec's align into t. */
static int table_columns(pdf_table *t, const tbl_parts *tp, char **err)
{
    xmlChar *cols = xmlGetProp(tp->tgroup, (const xmlChar *)"cols");
    xmlChar *align;
    xmlNodePtr c;
    char *end = NULL;
    long n = cols ? strtol((const char *)cols, &end, 10) : 0;
    size_t i = 0;

    int bad = n < 1 || n > 100 || !end || *end;

    xmlFree(cols);
    if (bad)
        return table_error(tp, "tgroup cols must be a number 1 to 100",
                           err);
    t->ncols = (size_t)n;
    t->align = xcalloc(t->ncols, sizeof *t->align);
    for (c = tp->tgroup->children; c; c = c->next) {
        if (!pdf_is(c, "colspec"))
            continue;
        if (i == t->ncols)
            return table_error(tp, "more colspecs than cols", err);
        align = xmlGetProp(c, (const xmlChar *)"align");
        if (align && xmlStrcmp(align, (const xmlChar *)"right") == 0)
            t->align[i] = PANGO_ALIGN_RIGHT;
        else if (align && xmlStrcmp(align, (const xmlChar *)"center") == 0)
            t->align[i] = PANGO_ALIGN_CENTER;
        xmlFree(align);
        i++;
    }
    return 0;
}

/* Counts the rows of a thead or tbody; other children are errors. */
static int count_rows(xmlNodePtr group, size_t *n, char **err)
{
    xmlNodePtr c;

    for (c = group ? group->children : NULL; c; c = c->next) {
        if (pdf_is(c, "row"))
            (*n)++;
        else if (c->type == XML_ELEMENT_NODE)
            return pdf_unsupported(c, err);
    }
    return 0;
}

/* Appends an entry's text: inline markup, or paragraphs one a line. */
static int cell_text(pdf_doc *d, pdf_text *t, xmlNodePtr entry, char **err)
{
    xmlNodePtr c;

    for (c = entry->children; c; c = c->next)
        if (pdf_is(c, "para"))
            break;
    if (!c)
        return pdf_text_inline(d, t, entry, err);

    for (c = entry->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!pdf_is(c, "para"))
            return pdf_unsupported(c, err);
        if (t->s->len) {
            pdf_text_trim(t);
            g_string_append_c(t->s, '\n');
        }
        if (pdf_text_inline(d, t, c, err) < 0)
            return -1;
    }
    return 0;
}

static int entry_spans(xmlNodePtr entry)
{
    static const char *const attrs[] = {"namest", "nameend", "spanname",
                                        "morerows"};
    size_t i;

    for (i = 0; i < sizeof attrs / sizeof *attrs; i++)
        if (xmlHasProp(entry, (const xmlChar *)attrs[i]))
            return 1;
    return 0;
}

/* Lays out the entries of row r unwrapped; missing entries stay empty. */
static int table_row(pdf_doc *d, pdf_table *t, const tbl_parts *tp,
                     xmlNodePtr row, size_t r, char **err)
{
    pdf_role role = r < t->nhead ? PDF_TABHEAD : PDF_TABLE;
    xmlNodePtr c;
    pdf_text text;
    size_t col = 0;
    int rc = 0;

    for (c = row->children; c && rc == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!pdf_is(c, "entry"))
            return pdf_unsupported(c, err);
        if (col == t->ncols)
            return table_error(tp, "a row has more entries than cols", err);
        if (entry_spans(c))
            return table_error(tp, "spanning entries are not supported",
                               err);
        pdf_text_init(&text);
        rc = cell_text(d, &text, c, err);
        pdf_text_trim(&text);
        t->cell[r * t->ncols + col++] =
            pdf_layout(d, role, text.s->str, text.attrs, 0);
        pdf_text_free(&text);
    }
    for (; col < t->ncols; col++)
        t->cell[r * t->ncols + col] = pdf_layout(d, role, "", NULL, 0);
    return rc;
}

/* Lays out every row of thead and tbody, unwrapped. */
static int table_cells(pdf_doc *d, pdf_table *t, const tbl_parts *tp,
                       char **err)
{
    xmlNodePtr c;
    size_t g, r = 0;

    if (count_rows(tp->rows[0], &t->nhead, err) < 0)
        return -1;
    t->nrows = t->nhead;
    if (count_rows(tp->rows[1], &t->nrows, err) < 0)
        return -1;
    if (t->nrows == 0)
        return table_error(tp, "no rows", err);
    t->cell = xcalloc(t->nrows * t->ncols, sizeof *t->cell);
    t->rowh = xcalloc(t->nrows, sizeof *t->rowh);

    for (g = 0; g < 2; g++)
        for (c = tp->rows[g] ? tp->rows[g]->children : NULL; c; c = c->next)
            if (pdf_is(c, "row") && table_row(d, t, tp, c, r++, err) < 0)
                return -1;
    return 0;
}

/* Returns the width of a layout's widest line, in points. */
static double layout_width(PangoLayout *layout)
{
    PangoRectangle r;

    pango_layout_get_extents(layout, NULL, &r);
    return pango_units_to_double(r.width);
}

/* Measures each column's natural width (no wrapping) and its least
 * width (the longest word), padding included. */
static void table_measure(pdf_table *t, double *nat, double *least)
{
    PangoLayout *cell;
    size_t r, c;
    double w;

    for (r = 0; r < t->nrows; r++) {
        for (c = 0; c < t->ncols; c++) {
            cell = t->cell[r * t->ncols + c];
            w = layout_width(cell) + 2 * PDF_CELL_PADX;
            nat[c] = w > nat[c] ? w : nat[c];
            pango_layout_set_wrap(cell, PANGO_WRAP_WORD);
            pango_layout_set_width(cell, 1);
            w = layout_width(cell) + 2 * PDF_CELL_PADX;
            least[c] = w > least[c] ? w : least[c];
            pango_layout_set_wrap(cell, PANGO_WRAP_WORD_CHAR);
        }
    }
}

/*
 * Sets column widths that fill width: the natural widths grown in
 * proportion when they fit, else every column at least its longest word
 * and the rest shared by how much each would still like, else the least
 * widths squeezed (words then break between letters).
 */
static void table_widths(pdf_table *t, double width)
{
    double *nat = xcalloc(t->ncols, sizeof *nat);
    double *least = xcalloc(t->ncols, sizeof *least);
    double sum_nat = 0, sum_least = 0;
    size_t c;

    table_measure(t, nat, least);
    for (c = 0; c < t->ncols; c++) {
        sum_nat += nat[c];
        sum_least += least[c];
    }
    t->colw = xcalloc(t->ncols, sizeof *t->colw);
    for (c = 0; c < t->ncols; c++) {
        if (sum_nat <= width)
            t->colw[c] = nat[c] * width / sum_nat;
        else if (sum_least <= width)
            t->colw[c] = least[c] + (width - sum_least)
                                        * (nat[c] - least[c])
                                        / (sum_nat - sum_least);
        else
            t->colw[c] = least[c] * width / sum_least;
    }
    free(nat);
    free(least);
}

/* Wraps every cell to its column and sets the row heights. */
static void table_wrap(pdf_table *t)
{
    PangoLayout *cell;
    size_t r, c;
    double h;

    for (r = 0; r < t->nrows; r++) {
        for (c = 0; c < t->ncols; c++) {
            cell = t->cell[r * t->ncols + c];
            pango_layout_set_width(cell, pango_units_from_double(
                                             t->colw[c] - 2 * PDF_CELL_PADX));
            pango_layout_set_alignment(cell, t->align[c]);
            h = pdf_layout_height(cell) + 2 * PDF_CELL_PADY;
            t->rowh[r] = h > t->rowh[r] ? h : t->rowh[r];
        }
    }
}

/*
 * Cuts the table into units: title, each row, caption. A page may break
 * between body rows only, keeping two rows on each side and the caption
 * with the last row; the header rows repeat after a break.
 */
static void table_units(pdf_block *b, const pdf_table *t)
{
    size_t r, n = t->row0 + t->nrows + 1, last = n - 2;

    pdf_units(b, n);
    if (t->title)
        b->unit[0] = pdf_layout_height(t->title) + 4;
    for (r = 0; r < t->nrows; r++)
        b->unit[t->row0 + r] = t->rowh[r];
    b->unit[n - 1] = PDF_FIGURE_GAP + pdf_layout_height(t->caption);

    for (r = 0; r < t->row0 + t->nhead + 1 && r < n; r++)
        b->keep[r] = 1;
    b->keep[last] = 1;
    if (last > t->row0 + t->nhead)
        b->keep[last - 1] = 1;
    b->rep0 = t->row0;
    b->rep1 = t->row0 + t->nhead;
    for (r = 0; r < t->nhead; r++)
        b->rep_h += t->rowh[r];
}

/* Lays out a table element as one block of width points at x. Returns
 * 0, or -1 and sets *err. */
int pdf_build_table(pdf_doc *d, xmlNodePtr node, double x, double width,
                    char **err)
{
    tbl_parts tp = {0};
    pdf_table *t = xcalloc(1, sizeof *t);
    pdf_block *b = pdf_push(d, PDF_TABLE_BLOCK);
    int rc;

    b->tab = t;
    tp.id = pdf_context_id(node);
    rc = table_parts(node, &tp, err);
    if (rc == 0)
        rc = table_columns(t, &tp, err);
    if (rc == 0)
        rc = table_cells(d, t, &tp, err);
    if (rc == 0)
        rc = pdf_captions(d, "Tabell", ++d->ntable, tp.title, tp.caption,
                          width, &t->title, &t->caption, err);
    free(tp.id);
    if (rc < 0)
        return -1;

    table_widths(t, width);
    table_wrap(t);
    t->row0 = t->title ? 1 : 0;
    table_units(b, t);
    b->x = x;
    b->before = b->after = 14;
    return 0;
}

/* Fills a horizontal rule of thickness w centred on y. */
static void rule(cairo_t *cr, double x, double y, double width, double w,
                 double grey)
{
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_rectangle(cr, x, y - w / 2, width, w);
    cairo_fill(cr);
}

/* Draws row r at (x, y) as a TR of TH or TD cells, shaded when a header
 * row, with its rule below; returns its height. */
static double draw_row(pdf_doc *d, const pdf_table *t, size_t r, double x,
                       double y, double below)
{
    int head = r < t->nhead;
    double cx = x, width = 0;
    size_t c;

    for (c = 0; c < t->ncols; c++)
        width += t->colw[c];
    if (head) {
        cairo_set_source_rgb(d->cr, 0.91, 0.92, 0.94);
        cairo_rectangle(d->cr, x, y, width, t->rowh[r]);
        cairo_fill(d->cr);
    }
    cairo_tag_begin(d->cr, "TR", NULL);
    pdf_set_color(d->cr, d->font[PDF_TABLE].color);
    for (c = 0; c < t->ncols; c++) {
        cairo_tag_begin(d->cr, head ? "TH" : "TD", NULL);
        cairo_move_to(d->cr, cx + PDF_CELL_PADX, y + PDF_CELL_PADY);
        pango_cairo_show_layout(d->cr, t->cell[r * t->ncols + c]);
        cairo_tag_end(d->cr, head ? "TH" : "TD");
        cx += t->colw[c];
    }
    cairo_tag_end(d->cr, "TR");
    rule(d->cr, x, y + t->rowh[r], width, below,
         below == RULE_HAIR ? 0.7 : 0.1);
    return t->rowh[r];
}

/* Returns the thickness of the rule under row r when rows up to last
 * are drawn. */
static double rule_below(const pdf_table *t, size_t r, size_t last)
{
    if (r == last)
        return RULE_HEAVY;
    return r + 1 == t->nhead ? RULE_MEDIUM : RULE_HAIR;
}

/* Draws the rows of a fragment as one Table, the header first when the
 * fragment continues the table, and the rule on top last so that the
 * header's shading does not cover it; returns the height used. */
static double draw_grid(pdf_doc *d, const pdf_table *t, size_t r0,
                        size_t r1, int repeat, double x, double y)
{
    double y0 = y, width = 0;
    size_t r, c;

    for (c = 0; c < t->ncols; c++)
        width += t->colw[c];
    cairo_tag_begin(d->cr, "Table", NULL);
    for (r = 0; repeat && r < t->nhead; r++)
        y += draw_row(d, t, r, x, y, rule_below(t, r, r1 - 1));
    for (r = r0; r < r1; r++)
        y += draw_row(d, t, r, x, y, rule_below(t, r, r1 - 1));
    cairo_tag_end(d->cr, "Table");
    rule(d->cr, x, y0, width, RULE_HEAVY, 0.1);
    return y - y0;
}

static void draw_caption(pdf_doc *d, PangoLayout *layout, const char *tag,
                         double x, double y)
{
    cairo_tag_begin(d->cr, tag, NULL);
    pdf_set_color(d->cr, d->font[PDF_CAPTION].color);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, layout);
    cairo_tag_end(d->cr, tag);
}

/* Draws the units [p->u0, p->u1) of a table block at (x, y). */
void pdf_draw_table(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                    double x, double y)
{
    const pdf_table *t = b->tab;
    size_t end = t->row0 + t->nrows;
    size_t r0 = p->u0 > t->row0 ? p->u0 - t->row0 : 0;
    size_t r1 = p->u1 > t->row0 ? (p->u1 < end ? p->u1 : end) - t->row0 : 0;

    if (p->u0 == 0 && t->title) {
        draw_caption(d, t->title, "P", x, y);
        y += b->unit[0];
    }
    if (r0 < r1)
        y += draw_grid(d, t, r0, r1, p->repeat, x, y);
    if (p->u1 == b->nunits)
        draw_caption(d, t->caption, "Caption", x, y + PDF_FIGURE_GAP);
}
