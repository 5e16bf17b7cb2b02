/*
 * Tables: a CALS tgroup laid out as a grid with column widths measured
 * from the content and spread over the text width, numbers in
 * right-aligned columns lined up on the decimal comma, a shaded header
 * row that repeats under "Tabell N: title (forts.)" on every page the
 * table runs onto, total rows in bold, thin rules, and the numbered
 * title above or below with the caption text under the rows.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pdf_int.h"

#define RULE_HEAVY 0.8
#define RULE_MEDIUM 0.5
#define RULE_HAIR 0.25

/* A table with this many body rows or fewer is never broken. */
#define SHORT_ROWS 8

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
    if (t->head)
        g_object_unref(t->head);
    if (t->note)
        g_object_unref(t->note);
    if (t->cont)
        g_object_unref(t->cont);
    free(t->cell);
    free(t->shift);
    free(t->total);
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

/* Returns whether row r is a total: role "total" on the row, or a first
 * entry that says Totalt, Sum, I alt or Total. */
static int row_is_total(const pdf_table *t, xmlNodePtr row, size_t r)
{
    static const char *const words[] = {"Totalt", "Sum", "I alt", "Total"};
    xmlChar *role = xmlGetProp(row, (const xmlChar *)"role");
    const char *first = pango_layout_get_text(t->cell[r * t->ncols]);
    int total = role && xmlStrcmp(role, (const xmlChar *)"total") == 0;
    size_t i;

    xmlFree(role);
    for (i = 0; i < sizeof words / sizeof *words && !total; i++)
        total = strcmp(first, words[i]) == 0;
    return total;
}

/* Lays out the entries of row r unwrapped; missing entries stay empty.
 * A body row that is a total is set bold. */
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
    if (rc == 0 && r >= t->nhead && row_is_total(t, row, r)) {
        t->total[r] = 1;
        for (col = 0; col < t->ncols; col++)
            pango_layout_set_font_description(t->cell[r * t->ncols + col],
                                              d->font[PDF_TABHEAD].desc);
    }
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
    t->shift = xcalloc(t->nrows * t->ncols, sizeof *t->shift);
    t->total = xcalloc(t->nrows, 1);
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

/* Returns whether s is a number as a table shows it: digits with
 * spaces, a decimal comma, a sign, "%" or parentheses. */
static int numeric(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int digits = 0;

    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits = 1;
        else if (p[0] == 0xc2 && p[1] == 0xa0)
            p++;
        else if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] == 0xaf)
                                  || (p[1] == 0x88 && p[2] == 0x92)))
            p += 2;
        else if (!strchr(" ,.+-%()", *p))
            return 0;
    }
    return digits;
}

/* Returns the width of a numeric cell right of its decimal comma, or
 * right of its last digit when it has none. */
static double decimal_tail(PangoLayout *cell)
{
    const char *s = pango_layout_get_text(cell);
    const char *comma = strchr(s, ',');
    PangoRectangle pos;
    size_t i, at = 0;

    if (comma) {
        at = (size_t)(comma - s);
    } else {
        for (i = 0; s[i]; i++)
            if (s[i] >= '0' && s[i] <= '9')
                at = i + 1;
    }
    pango_layout_index_to_pos(cell, (int)at, &pos);
    return layout_width(cell) - pango_units_to_double(pos.x);
}

/* Lines up the numbers of each right-aligned column on the decimal
 * comma: a cell with a shorter tail than the column's longest moves
 * left by the difference. */
static void table_decimals(pdf_table *t)
{
    size_t r, c;
    double most;

    for (c = 0; c < t->ncols; c++) {
        if (t->align[c] != PANGO_ALIGN_RIGHT)
            continue;
        most = 0;
        for (r = t->nhead; r < t->nrows; r++) {
            if (!numeric(pango_layout_get_text(t->cell[r * t->ncols + c])))
                continue;
            t->shift[r * t->ncols + c] =
                decimal_tail(t->cell[r * t->ncols + c]);
            if (t->shift[r * t->ncols + c] > most)
                most = t->shift[r * t->ncols + c];
        }
        for (r = t->nhead; r < t->nrows; r++)
            if (numeric(pango_layout_get_text(t->cell[r * t->ncols + c])))
                t->shift[r * t->ncols + c] =
                    most - t->shift[r * t->ncols + c];
    }
}

/* Measures each column's natural width (no wrapping) and its least
 * width (the longest word), padding and decimal shift included. */
static void table_measure(pdf_table *t, double *nat, double *least)
{
    PangoLayout *cell;
    size_t r, c;
    double w;

    for (r = 0; r < t->nrows; r++) {
        for (c = 0; c < t->ncols; c++) {
            cell = t->cell[r * t->ncols + c];
            w = layout_width(cell) + 2 * PDF_CELL_PADX
                + t->shift[r * t->ncols + c];
            nat[c] = w > nat[c] ? w : nat[c];
            pango_layout_set_wrap(cell, PANGO_WRAP_WORD);
            pango_layout_set_width(cell, 1);
            w = layout_width(cell) + 2 * PDF_CELL_PADX
                + t->shift[r * t->ncols + c];
            least[c] = w > least[c] ? w : least[c];
            pango_layout_set_wrap(cell, PANGO_WRAP_WORD_CHAR);
        }
    }
}

/* Returns whether column c holds numbers: it is right-aligned and each
 * of its body cells is a number or empty. */
static int column_numeric(const pdf_table *t, size_t c)
{
    const char *s;
    size_t r;

    if (t->align[c] != PANGO_ALIGN_RIGHT)
        return 0;
    for (r = t->nhead; r < t->nrows; r++) {
        s = pango_layout_get_text(t->cell[r * t->ncols + c]);
        if (*s && !numeric(s))
            return 0;
    }
    return 1;
}

static double sum(const double *v, size_t n)
{
    double s = 0;

    while (n--)
        s += v[n];
    return s;
}

/*
 * Sets column widths that fill width: the natural widths grown in
 * proportion when they fit, else every column at least its longest word
 * and the rest shared by how much each would still like, else columns
 * of numbers at their least width (a number never breaks) and the text
 * columns squeezed (words then break between letters), else all
 * squeezed.
 */
static void table_widths(pdf_table *t, const double *nat,
                         const double *least, double width)
{
    double sum_nat = sum(nat, t->ncols), sum_least = sum(least, t->ncols);
    double fixed = 0;
    size_t c;

    for (c = 0; c < t->ncols; c++)
        fixed += column_numeric(t, c) ? least[c] : 0;
    t->colw = xcalloc(t->ncols, sizeof *t->colw);
    for (c = 0; c < t->ncols; c++) {
        if (sum_nat <= width)
            t->colw[c] = nat[c] * width / sum_nat;
        else if (sum_least <= width)
            t->colw[c] = least[c] + (width - sum_least)
                                        * (nat[c] - least[c])
                                        / (sum_nat - sum_least);
        else if (fixed < width && fixed < sum_least)
            t->colw[c] = column_numeric(t, c)
                             ? least[c]
                             : least[c] * (width - fixed)
                                   / (sum_least - fixed);
        else
            t->colw[c] = least[c] * width / sum_least;
    }
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

/* Returns the height of what follows the rows: the caption text, and
 * the numbered title first when it goes below; 0 when nothing does. */
static double tail_height(const pdf_table *t)
{
    double h = 0;

    if (t->head_below)
        h = PDF_FIGURE_GAP + t->head_h;
    if (t->note)
        h += (h > 0 ? 2 : PDF_FIGURE_GAP) + t->note_h;
    return h;
}

/*
 * Cuts the table into units: the numbered title when it goes above,
 * each row, and what follows the rows. A page may break between body
 * rows only, keeping the title with the header and first row and two
 * rows with the end, and never in a short table; the continuation line
 * and the header rows repeat after a break.
 */
static void table_units(pdf_block *b, const pdf_table *t)
{
    double tail = tail_height(t);
    size_t r, n = t->row0 + t->nrows + (tail > 0);
    size_t last = t->row0 + t->nrows - 1;

    pdf_units(b, n);
    if (t->row0)
        b->unit[0] = t->head_h + 4;
    for (r = 0; r < t->nrows; r++)
        b->unit[t->row0 + r] = t->rowh[r];
    if (tail > 0)
        b->unit[n - 1] = tail;

    for (r = 0; r < t->row0 + t->nhead + 1 && r < n; r++)
        b->keep[r] = 1;
    for (r = 0; t->nrows - t->nhead <= SHORT_ROWS && r < n; r++)
        b->keep[r] = 1;
    b->keep[last] = 1;
    if (last > t->row0 + t->nhead)
        b->keep[last - 1] = 1;
    b->rep0 = t->row0;
    b->rep1 = t->row0 + t->nhead;
    b->rep_h = t->cont_h;
    for (r = 0; r < t->nhead; r++)
        b->rep_h += t->rowh[r];
}

/* Lays out the numbered title, the caption text and the continuation
 * line "Tabell N: title (forts.)". Returns 0, or -1 and sets *err. */
static int table_captions(pdf_doc *d, pdf_table *t, const tbl_parts *tp,
                          double width, char **err)
{
    GString *cont;

    if (pdf_captions(d, "Tabell", ++d->ntable, tp->title, tp->caption,
                     width, &t->head, &t->note, err) < 0)
        return -1;
    t->head_h = pdf_layout_height(t->head);
    t->note_h = t->note ? pdf_layout_height(t->note) : 0;
    t->head_below = d->style->caption_below;
    t->row0 = t->head_below ? 0 : 1;

    cont = g_string_new(pango_layout_get_text(t->head));
    g_string_append(cont, " (forts.)");
    t->cont = pango_layout_copy(t->head);
    pango_layout_set_text(t->cont, cont->str, (int)cont->len);
    g_string_free(cont, TRUE);
    t->cont_h = pdf_layout_height(t->cont) + 4;
    return 0;
}

/* Sets the table's column widths for width points at x. In two
 * columns, a table whose words do not fit a column spans both. */
static void table_layout(pdf_doc *d, pdf_block *b, double x, double width)
{
    pdf_table *t = b->tab;
    double *nat = xcalloc(t->ncols, sizeof *nat);
    double *least = xcalloc(t->ncols, sizeof *least);

    table_decimals(t);
    table_measure(t, nat, least);
    if (d->style->columns > 1 && sum(least, t->ncols) > width) {
        b->span = 1;
        x = 0;
        width = d->text_w;
    }
    table_widths(t, nat, least, width);
    table_wrap(t);
    b->x = x;
    b->width = width;
    b->before = b->after = d->style->line_height;
    free(nat);
    free(least);
}

/* Lays out a table element as one block of width points at x, or across
 * both columns (see table_layout). Returns 0, or -1 and sets *err. */
int pdf_build_table(pdf_doc *d, xmlNodePtr node, double x, double width,
                    char **err)
{
    tbl_parts tp = {0};
    pdf_table *t = xcalloc(1, sizeof *t);
    pdf_block *b = pdf_push(d, PDF_TABLE_BLOCK);
    xmlChar *id = xmlGetNsProp(node, (const xmlChar *)"id",
                               XML_XML_NAMESPACE);
    int rc;

    b->tab = t;
    b->dest = id ? xstrdup((const char *)id) : NULL;
    xmlFree(id);
    tp.id = pdf_context_id(node);
    rc = table_parts(node, &tp, err);
    if (rc == 0)
        rc = table_columns(t, &tp, err);
    if (rc == 0)
        rc = table_cells(d, t, &tp, err);
    if (rc == 0) {
        table_layout(d, b, x, width);
        rc = table_captions(d, t, &tp, b->width, err);
    }
    free(tp.id);
    if (rc < 0)
        return -1;
    table_units(b, t);
    return 0;
}

/* Fills a horizontal rule of thickness w centred on y, as decoration. */
static void rule(pdf_doc *d, double x, double y, double width, double w,
                 double grey)
{
    pdf_artifact_begin(d);
    cairo_set_source_rgb(d->cr, grey, grey, grey);
    cairo_rectangle(d->cr, x, y - w / 2, width, w);
    cairo_fill(d->cr);
    pdf_artifact_end(d);
}

static double table_width(const pdf_table *t)
{
    double width = 0;
    size_t c;

    for (c = 0; c < t->ncols; c++)
        width += t->colw[c];
    return width;
}

/* Draws the cells of row r at (x, y) as TH or TD. */
static void draw_cells(pdf_doc *d, const pdf_table *t, size_t r, double x,
                       double y)
{
    const char *tag = r < t->nhead ? "TH" : "TD";
    size_t c;

    pdf_set_color(d->cr, d->font[PDF_TABLE].color);
    for (c = 0; c < t->ncols; c++) {
        cairo_tag_begin(d->cr, tag, NULL);
        cairo_move_to(d->cr, x + PDF_CELL_PADX - t->shift[r * t->ncols + c],
                      y + PDF_CELL_PADY);
        pango_cairo_show_layout(d->cr, t->cell[r * t->ncols + c]);
        cairo_tag_end(d->cr, tag);
        x += t->colw[c];
    }
}

/* Draws row r at (x, y) as a TR, shaded when a header row, with its
 * rule below and a rule above a total; returns its height. */
static double draw_row(pdf_doc *d, const pdf_table *t, size_t r, double x,
                       double y, double below)
{
    double width = table_width(t);

    if (r < t->nhead) {
        pdf_artifact_begin(d);
        cairo_set_source_rgb(d->cr, 0.91, 0.92, 0.94);
        cairo_rectangle(d->cr, x, y, width, t->rowh[r]);
        cairo_fill(d->cr);
        pdf_artifact_end(d);
    }
    cairo_tag_begin(d->cr, "TR", NULL);
    draw_cells(d, t, r, x, y);
    cairo_tag_end(d->cr, "TR");
    if (t->total[r])
        rule(d, x, y, width, RULE_MEDIUM, 0.1);
    rule(d, x, y + t->rowh[r], width, below, below == RULE_HAIR ? 0.7 : 0.1);
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

/* Draws rows [r0, r1), the header rows first when the fragment
 * continues the table, and the rule on top last so that the header's
 * shading does not cover it; returns the height used. */
static double draw_grid(pdf_doc *d, const pdf_table *t, size_t r0,
                        size_t r1, int repeat, double x, double y)
{
    double y0 = y;
    size_t r;

    for (r = 0; repeat && r < t->nhead; r++)
        y += draw_row(d, t, r, x, y, rule_below(t, r, r1 - 1));
    for (r = r0; r < r1; r++)
        y += draw_row(d, t, r, x, y, rule_below(t, r, r1 - 1));
    rule(d, x, y0, table_width(t), RULE_HEAVY, 0.1);
    return y - y0;
}

static void draw_caption(pdf_doc *d, PangoLayout *layout, pdf_role role,
                         const char *tag, double x, double y)
{
    cairo_tag_begin(d->cr, tag, NULL);
    pdf_set_color(d->cr, d->font[role].color);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, layout);
    cairo_tag_end(d->cr, tag);
}

/* Draws the continuation line atop a continued fragment, as decoration
 * (it repeats the title); returns its height. */
static double draw_cont(pdf_doc *d, const pdf_table *t, double x, double y)
{
    pdf_artifact_begin(d);
    pdf_set_color(d->cr, d->font[PDF_CAPHEAD].color);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, t->cont);
    pdf_artifact_end(d);
    return t->cont_h;
}

/* Draws the units [p->u0, p->u1) of a table block at (x, y) as one
 * Table whose Caption is the numbered title; the caption text follows
 * the Table as a P. */
void pdf_draw_table(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                    double x, double y)
{
    const pdf_table *t = b->tab;
    size_t end = t->row0 + t->nrows;
    size_t r0 = p->u0 > t->row0 ? p->u0 - t->row0 : 0;
    size_t r1 = p->u1 > t->row0 ? (p->u1 < end ? p->u1 : end) - t->row0 : 0;

    cairo_tag_begin(d->cr, "Table", NULL);
    if (p->u0 == 0 && t->row0) {
        draw_caption(d, t->head, PDF_CAPHEAD, "Caption", x, y);
        y += b->unit[0];
    }
    if (p->repeat)
        y += draw_cont(d, t, x, y);
    if (r0 < r1)
        y += draw_grid(d, t, r0, r1, p->repeat, x, y);
    y += PDF_FIGURE_GAP;
    if (p->u1 == b->nunits && t->head_below) {
        draw_caption(d, t->head, PDF_CAPHEAD, "Caption", x, y);
        y += t->head_h + 2;
    }
    cairo_tag_end(d->cr, "Table");
    if (p->u1 == b->nunits && t->note)
        draw_caption(d, t->note, PDF_CAPTION, "P", x, y);
}
