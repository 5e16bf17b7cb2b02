/*
 * DocBook to blocks: walks the book and lays out every paragraph,
 * heading, list, figure and sidebar once with pango (tables are in
 * pdf_table.c). Anything outside the supported subset is an error, so
 * nothing disappears from the PDF without a word.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pdf_int.h"

/* Where blocks go: indent and width in points, the paragraph role, the
 * heading depth (1 inside a chapter) and whether sections may follow. */
typedef struct pdf_ctx {
    double x, w;
    pdf_role role;
    int depth;
    int sections;
    double para_after;
} pdf_ctx;

static int build_blocks(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr first,
                        char **err);

int pdf_is(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->ns
           && strcmp((const char *)node->ns->href, PDF_DBK_NS) == 0
           && strcmp((const char *)node->name, name) == 0;
}

/* Returns the xml:id of node or its nearest ancestor that has one, or
 * the root element's name; the caller frees it. */
char *pdf_context_id(xmlNodePtr node)
{
    xmlNodePtr n;
    xmlChar *id;
    char *s;

    for (n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        id = xmlGetNsProp(n, (const xmlChar *)"id", XML_XML_NAMESPACE);
        if (id) {
            s = xstrdup((const char *)id);
            xmlFree(id);
            return s;
        }
        if (!n->parent || n->parent->type != XML_ELEMENT_NODE)
            return xstrdup((const char *)n->name);
    }
    return xstrdup("the document");
}

/* Sets *err to say that node is outside the subset; returns -1. */
int pdf_unsupported(xmlNodePtr node, char **err)
{
    char *where = pdf_context_id(node->parent ? node->parent : node);

    err_set(err, "pdf: element %s is not supported (in %s)",
            (const char *)node->name, where);
    free(where);
    return -1;
}

/* Returns the first element child of node, or NULL. */
static xmlNodePtr first_element(xmlNodePtr node)
{
    xmlNodePtr c;

    for (c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

/* Gives bytes [start, end) of t an attribute. */
static void span_attr(pdf_text *t, PangoAttribute *attr, size_t start)
{
    attr->start_index = (guint)start;
    attr->end_index = (guint)t->s->len;
    pango_attr_list_insert(t->attrs, attr);
}

/* Appends the paragraphs of a caption one a line, a para with role
 * "source" (the source line) in italics at the footnote size. */
static int caption_text(pdf_doc *d, pdf_text *t, xmlNodePtr caption,
                        char **err)
{
    double size = d->style->footnote_size * PANGO_SCALE;
    xmlNodePtr c;
    xmlChar *role;
    size_t start;

    for (c = caption->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!pdf_is(c, "para"))
            return pdf_unsupported(c, err);
        pdf_text_trim(t);
        if (t->s->len)
            g_string_append_c(t->s, '\n');
        start = t->s->len;
        if (pdf_text_inline(d, t, c, err) < 0)
            return -1;
        role = xmlGetProp(c, (const xmlChar *)"role");
        if (role && xmlStrcmp(role, (const xmlChar *)"source") == 0) {
            span_attr(t, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
            span_attr(t, pango_attr_size_new_absolute((int)size), start);
        }
        xmlFree(role);
    }
    pdf_text_trim(t);
    return 0;
}

/* Keeps at least two lines of a paragraph on either side of a break. */
static void keep_lines(pdf_block *b)
{
    b->keep[0] = 1;
    if (b->nunits >= 2)
        b->keep[b->nunits - 2] = 1;
}

/* Makes b a heading at level: unbreakable, kept with what follows, a
 * chapter's heading set lower on its page. Spaces are steps of the body
 * leading, the report's one measure of rhythm. */
static void heading_style(const pdf_doc *d, pdf_block *b, int level)
{
    double lead = d->style->line_height;
    size_t i;

    for (i = 0; i < b->nunits; i++)
        b->keep[i] = 1;
    b->keep_next = 1;
    b->level = level;
    b->before = level <= 1 ? 0 : level == 2 ? 1.5 * lead : lead;
    b->after = level <= 1 ? 1.25 * lead : level == 2 ? lead / 2 : lead / 4;
    b->inset = level <= 1 ? 2.5 * lead : 0;
    b->unit[0] += b->inset;
}

/* Returns the xml:id of node, or a name made from the block index for a
 * heading without one; the caller frees it. */
static char *dest_name(const pdf_doc *d, xmlNodePtr node)
{
    xmlChar *id = xmlGetNsProp(node, (const xmlChar *)"id",
                               XML_XML_NAMESPACE);
    char *s = id ? xstrdup((const char *)id) : err_fmt("blokk.%zu",
                                                       d->nblock);

    xmlFree(id);
    return s;
}

/* Lays out the title of node as a heading at level (1 for a chapter,
 * across both columns). */
static int build_heading(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr node,
                         xmlNodePtr title, int level, char **err)
{
    static const char *const tags[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    pdf_role role = level == 1 ? PDF_H1 : level == 2 ? PDF_H2 : PDF_H3;
    int span = level == 1 && d->style->columns > 1;
    char *dest = dest_name(d, node);
    pdf_text t;
    pdf_block *b;

    pdf_text_init(&t);
    if (pdf_text_inline(d, &t, title, err) < 0) {
        pdf_text_free(&t);
        free(dest);
        return -1;
    }
    b = pdf_text_block(d, role, tags[level > 6 ? 5 : level - 1], &t,
                       span ? 0 : ctx->x, span ? d->text_w : ctx->w);
    heading_style(d, b, level);
    b->span = span;
    b->dest = dest;
    b->title = xstrdup(t.s->str);
    pdf_text_free(&t);
    return 0;
}

static int build_para(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr node,
                      char **err)
{
    pdf_text t;
    pdf_block *b;

    pdf_text_init(&t);
    t.hyphenate = 1;
    if (pdf_text_inline(d, &t, node, err) < 0) {
        pdf_text_free(&t);
        return -1;
    }
    b = pdf_text_block(d, ctx->role, "P", &t, ctx->x, ctx->w);
    keep_lines(b);
    b->after = ctx->para_after;
    pdf_text_free(&t);
    return 0;
}

static void push_marker(pdf_doc *d, pdf_kind kind, const char *tag,
                        double space)
{
    pdf_block *b = pdf_push(d, kind);

    b->tag = tag;
    b->before = space;
    b->after = space;
}

/* Gives the first block of a list item (from index mark on) its bullet
 * or number. Returns 0, or -1 when the item does not start with a
 * paragraph. */
static int item_label(pdf_doc *d, const pdf_ctx *ctx, size_t mark, int n,
                      xmlNodePtr item, char **err)
{
    pdf_block *b = mark < d->nblock ? &d->block[mark] : NULL;
    char num[32];
    char *where;

    if (!b || b->kind != PDF_TEXT || b->label) {
        where = pdf_context_id(item);
        err_set(err, "pdf: a listitem must start with a para (in %s)",
                where);
        free(where);
        return -1;
    }
    snprintf(num, sizeof num, "%d.", n);
    b->label = pdf_layout(d, ctx->role, n ? num : "\u2022", NULL,
                          PDF_LIST_INDENT - 5);
    pango_layout_set_alignment(b->label, PANGO_ALIGN_RIGHT);
    b->label_x = -PDF_LIST_INDENT;
    return 0;
}

/* Lays out an itemizedlist or orderedlist (ordered set) as an L with
 * one LI per item holding an LBody, the items indented; the drawing
 * puts the item's Lbl before the LBody. */
static int build_list(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr node,
                      int ordered, char **err)
{
    pdf_ctx in = *ctx;
    xmlNodePtr c;
    size_t mark;
    int n = 0;

    in.x += PDF_LIST_INDENT;
    in.w -= PDF_LIST_INDENT;
    in.sections = 0;
    in.para_after = 3;
    push_marker(d, PDF_OPEN, "L", ctx->para_after);
    for (c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!pdf_is(c, "listitem"))
            return pdf_unsupported(c, err);
        push_marker(d, PDF_OPEN, "LI", 0);
        push_marker(d, PDF_OPEN, "LBody", 0);
        mark = d->nblock;
        if (build_blocks(d, &in, c->children, err) < 0
            || item_label(d, ctx, mark, ordered ? ++n : 0, c, err) < 0)
            return -1;
        push_marker(d, PDF_CLOSE, NULL, 0);
        push_marker(d, PDF_CLOSE, NULL, 0);
    }
    push_marker(d, PDF_CLOSE, NULL, ctx->para_after);
    return 0;
}

/* Moves blocks [mark, end) into a new sidebar block for node. Returns
 * 0, or -1 and sets *err when the box is taller than a page. */
static int sidebar_box(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr node,
                       size_t mark, char **err)
{
    size_t n = d->nblock - mark;
    pdf_block *kids = xmalloc(n * sizeof *kids);
    pdf_block *b;
    char *where;

    memcpy(kids, &d->block[mark], n * sizeof *kids);
    d->nblock = mark;
    b = pdf_push(d, PDF_SIDEBAR);
    b->kids = kids;
    b->nkids = n;
    b->x = ctx->x;
    b->width = ctx->w;
    b->tag = "Div";
    b->before = b->after = d->style->line_height;
    pdf_units(b, 1);
    b->unit[0] = pdf_run_height(kids, n) + 2 * PDF_BOX_PAD;
    if (b->unit[0] <= d->text_h)
        return 0;
    where = pdf_context_id(node);
    err_set(err, "pdf: sidebar (in %s) is taller than a page", where);
    free(where);
    return -1;
}

/* Lays out a sidebar, its title and blocks, as one unbreakable shaded
 * box. Returns 0, or -1 and sets *err. */
static int build_sidebar(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr node,
                         char **err)
{
    pdf_ctx in = *ctx;
    xmlNodePtr title = first_element(node);
    size_t mark = d->nblock;
    pdf_text t;
    int rc = 0;

    in.x += PDF_BOX_PAD;
    in.w -= 2 * PDF_BOX_PAD;
    in.role = PDF_BOX;
    in.sections = 0;
    in.para_after = 5;
    if (!pdf_is(title, "title"))
        title = NULL;
    if (title) {
        pdf_text_init(&t);
        rc = pdf_text_inline(d, &t, title, err);
        if (rc == 0)
            pdf_text_block(d, PDF_BOXHEAD, "P", &t, in.x, in.w)->after = 3;
        pdf_text_free(&t);
    }
    if (rc < 0
        || build_blocks(d, &in, title ? title->next : node->children, err)
               < 0)
        return -1;
    return sidebar_box(d, ctx, node, mark, err);
}

/* Finds a figure's title, caption and alt text (textobject/phrase);
 * image objects are for the DocBook output, the PDF draws the chart
 * itself. */
static int figure_parts(xmlNodePtr node, xmlNodePtr *title,
                        xmlNodePtr *caption, xmlNodePtr *alt, char **err)
{
    xmlNodePtr c, m;

    for (c = node->children; c; c = c->next) {
        if (pdf_is(c, "title")) {
            *title = c;
        } else if (pdf_is(c, "mediaobject")) {
            for (m = c->children; m; m = m->next) {
                if (pdf_is(m, "caption"))
                    *caption = m;
                else if (pdf_is(m, "textobject")
                         && pdf_is(first_element(m), "phrase"))
                    *alt = first_element(m);
                else if (m->type == XML_ELEMENT_NODE
                         && !pdf_is(m, "imageobject")
                         && !pdf_is(m, "textobject"))
                    return pdf_unsupported(m, err);
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            return pdf_unsupported(c, err);
        }
    }
    return 0;
}

/* Returns the checked chart for a figure, or NULL and sets *err. */
static const chart_spec *figure_chart(pdf_doc *d, xmlNodePtr node,
                                      char **err)
{
    xmlChar *id = xmlGetNsProp(node, (const xmlChar *)"id",
                               XML_XML_NAMESPACE);
    const chart_spec *spec = NULL;
    char *where;

    if (!id) {
        where = pdf_context_id(node);
        err_set(err, "pdf: a figure has no xml:id (in %s)", where);
        free(where);
        return NULL;
    }
    if (d->charts)
        spec = chart_set_find(d->charts, (const char *)id);
    if (!spec)
        err_set(err, "figure %s: no chart", (const char *)id);
    else if (chart_check(spec, err) < 0)
        spec = NULL;
    xmlFree(id);
    return spec;
}

/* Returns the white-space-folded text content of node, for metadata,
 * alt text and labels; caller frees. */
static char *plain_text(xmlNodePtr node)
{
    xmlChar *s = node ? xmlNodeGetContent(node) : NULL;
    pdf_text t;
    char *text;

    pdf_text_init(&t);
    t.bind = 0;
    pdf_text_append(&t, s ? (const char *)s : "");
    pdf_text_trim(&t);
    text = xstrdup(t.s->str);
    pdf_text_free(&t);
    xmlFree(s);
    return text;
}

/*
 * Lays out the numbered title of a figure or table, "Figur 3: title"
 * (*head), and its caption text, each paragraph on a line of its own
 * (*note, NULL without a caption). The caller unrefs both. Returns 0,
 * or -1 and sets *err.
 */
int pdf_captions(pdf_doc *d, const char *word, int n, xmlNodePtr title,
                 xmlNodePtr caption, double w, PangoLayout **head,
                 PangoLayout **note, char **err)
{
    pdf_text t;
    char num[48];
    int rc = 0;

    snprintf(num, sizeof num, title ? "%s %d: " : "%s %d", word, n);
    pdf_text_init(&t);
    pdf_text_bold(&t, num);
    if (title)
        rc = pdf_text_inline(d, &t, title, err);
    pdf_text_trim(&t);
    *head = pdf_cache_layout(d, PDF_CAPHEAD, t.s->str, t.attrs, w);
    pdf_text_free(&t);

    *note = NULL;
    if (rc < 0 || !caption)
        return rc;
    pdf_text_init(&t);
    rc = caption_text(d, &t, caption, err);
    if (rc == 0 && t.s->len)
        *note = pdf_cache_layout(d, PDF_CAPTION, t.s->str, t.attrs, w);
    pdf_text_free(&t);
    return rc;
}

/* Places the parts of a figure one under another: the head above the
 * chart, or below it when the style says so, then the note. Returns the
 * height of the whole. */
static double figure_stack(const pdf_doc *d, pdf_figure *f)
{
    double head_h = pdf_layout_height(f->head) + PDF_FIGURE_GAP;
    double y = 0;

    if (!d->style->caption_below) {
        f->head_y = 0;
        y = head_h;
    }
    f->chart_y = y;
    y += f->chart_h + PDF_FIGURE_GAP;
    if (d->style->caption_below) {
        f->head_y = y;
        y += head_h;
    }
    f->note_y = y;
    if (f->note)
        y += pdf_layout_height(f->note) + PDF_FIGURE_GAP;
    return y - PDF_FIGURE_GAP;
}

/* Returns the height of a figure's head and note with the gaps, the
 * height the chart must leave on a page. */
static double figure_text_h(const pdf_figure *f)
{
    double h = pdf_layout_height(f->head) + PDF_FIGURE_GAP;

    if (f->note)
        h += pdf_layout_height(f->note) + PDF_FIGURE_GAP;
    return h;
}

/* Fits a chart wider than width (a column, say) to it: the chart is
 * laid out anew at that width, its text keeping its size; a bar chart
 * on its side keeps its height, which its rows of labels need, and
 * other charts lose a part of theirs. */
static void figure_fit(pdf_figure *f, double width)
{
    double ratio = width / f->fit.width;

    if (ratio >= 1)
        return;
    f->fit.width = width;
    if (!f->fit.horizontal)
        f->fit.height *= 0.5 + 0.5 * ratio;
}

/* Lays out a figure: its numbered title, the chart fitted to the width
 * and scaled to fit the page, and the caption text, kept together as
 * one unit. A figure without alt text is an error: the PDF must carry
 * it. */
static int build_figure(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr node,
                        char **err)
{
    xmlNodePtr title = NULL, caption = NULL, alt = NULL;
    const chart_spec *spec;
    pdf_figure *f;
    pdf_block *b;
    double room;

    if (figure_parts(node, &title, &caption, &alt, err) < 0
        || !(spec = figure_chart(d, node, err)))
        return -1;
    f = xcalloc(1, sizeof *f);
    f->fit = *spec;
    f->alt = plain_text(alt);
    b = pdf_push(d, PDF_FIGURE);
    b->fig = f;
    b->dest = dest_name(d, node);
    if (!*f->alt)
        return err_set(err, "pdf: figure %s has no alt text "
                       "(textobject/phrase)", b->dest);
    if (pdf_captions(d, "Figur", ++d->nfigure, title, caption, ctx->w,
                     &f->head, &f->note, err) < 0)
        return -1;

    room = d->text_h - figure_text_h(f);
    figure_fit(f, ctx->w);
    f->scale = 1;
    if (f->fit.height > room)
        f->scale = room / f->fit.height;
    f->chart_h = f->fit.height * f->scale;
    b->x = ctx->x;
    b->before = b->after = d->style->line_height;
    pdf_units(b, 1);
    b->unit[0] = figure_stack(d, f);
    return 0;
}

static int no_title(xmlNodePtr node, char **err)
{
    char *where = pdf_context_id(node);

    err_set(err, "pdf: %s has no title (in %s)", (const char *)node->name,
            where);
    free(where);
    return -1;
}

/* Lays out a chapter (ctx->depth 0) or a section: its heading one level
 * below ctx, then its blocks. */
static int build_section(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr node,
                         char **err)
{
    xmlNodePtr title = first_element(node);
    pdf_ctx in = *ctx;

    if (!pdf_is(title, "title"))
        return no_title(node, err);
    in.depth++;
    if (build_heading(d, &in, node, title, in.depth, err) < 0)
        return -1;
    return build_blocks(d, &in, title->next, err);
}

static int build_block(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr c,
                       char **err)
{
    if (pdf_is(c, "para"))
        return build_para(d, ctx, c, err);
    if (pdf_is(c, "itemizedlist"))
        return build_list(d, ctx, c, 0, err);
    if (pdf_is(c, "orderedlist"))
        return build_list(d, ctx, c, 1, err);
    if (pdf_is(c, "figure"))
        return build_figure(d, ctx, c, err);
    if (pdf_is(c, "table"))
        return pdf_build_table(d, c, ctx->x, ctx->w, err);
    if (pdf_is(c, "sidebar"))
        return build_sidebar(d, ctx, c, err);
    if (pdf_is(c, "section") && ctx->sections)
        return build_section(d, ctx, c, err);
    return pdf_unsupported(c, err);
}

/* Lays out the block elements from first to the last sibling. Returns 0,
 * or -1 and sets *err for stray text or an unsupported element. */
static int build_blocks(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr first,
                        char **err)
{
    xmlNodePtr c;
    char *where;

    for (c = first; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            && !xmlIsBlankNode(c)) {
            where = pdf_context_id(c->parent);
            err_set(err, "pdf: text outside a para (in %s)", where);
            free(where);
            return -1;
        }
        if (c->type == XML_ELEMENT_NODE && build_block(d, ctx, c, err) < 0)
            return -1;
    }
    return 0;
}

static void label_add(pdf_doc *d, const xmlChar *id, char *text)
{
    if (d->nlabel == d->caplabel) {
        d->caplabel = d->caplabel ? 2 * d->caplabel : 32;
        d->label = xrealloc(d->label, d->caplabel * sizeof *d->label);
    }
    d->label[d->nlabel].id = xstrdup((const char *)id);
    d->label[d->nlabel].text = text;
    d->nlabel++;
}

/* Returns the white-space-folded text of node's title; caller frees. */
static char *title_text(xmlNodePtr node)
{
    xmlNodePtr title = first_element(node);

    return plain_text(pdf_is(title, "title") ? title : NULL);
}

const pdf_label *pdf_label_find(const pdf_doc *d, const char *id)
{
    size_t i;

    for (i = 0; i < d->nlabel; i++)
        if (strcmp(d->label[i].id, id) == 0)
            return &d->label[i];
    return NULL;
}

/* Records what an xref to each chapter, section, figure and table says:
 * its title, or "figur N" and "tabell N" numbered in document order. */
static void labels_collect(pdf_doc *d, xmlNodePtr node, int *nfig,
                           int *ntab)
{
    xmlNodePtr c;
    xmlChar *id;
    char *text;

    for (c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        text = NULL;
        if (pdf_is(c, "figure"))
            text = err_fmt("figur %d", ++*nfig);
        else if (pdf_is(c, "table"))
            text = err_fmt("tabell %d", ++*ntab);
        else if (pdf_is(c, "chapter") || pdf_is(c, "section"))
            text = title_text(c);
        id = xmlGetNsProp(c, (const xmlChar *)"id", XML_XML_NAMESPACE);
        if (id && text)
            label_add(d, id, text);
        else
            free(text);
        xmlFree(id);
        labels_collect(d, c, nfig, ntab);
    }
}

/* Appends text to the list in *slot, after ", " when it holds some. */
static void list_add(char **slot, char *text)
{
    char *joined;

    if (!*text) {
        free(text);
        return;
    }
    if (!*slot) {
        *slot = text;
        return;
    }
    joined = err_fmt("%s, %s", *slot, text);
    free(*slot);
    free(text);
    *slot = joined;
}

/* Adds the authors of an author or authorgroup and the keywords of a
 * keywordset to the metadata. Returns 0, or -1 and sets *err for
 * anything else in them. */
static int book_people(pdf_doc *d, xmlNodePtr node, char **err)
{
    const char *want = pdf_is(node, "keywordset") ? "keyword" : "author";
    xmlNodePtr c, name;

    if (pdf_is(node, "author")) {
        name = first_element(node);
        if (!pdf_is(name, "orgname") && !pdf_is(name, "personname"))
            return pdf_unsupported(name ? name : node, err);
        list_add(&d->author, plain_text(name));
        return 0;
    }
    for (c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!pdf_is(c, want))
            return pdf_unsupported(c, err);
        if (pdf_is(c, "author") && book_people(d, c, err) < 0)
            return -1;
        if (pdf_is(c, "keyword"))
            list_add(&d->keywords, plain_text(c));
    }
    return 0;
}

/* Keeps the plain text of a title, subtitle or pubdate of the book, and
 * its authors and keywords. */
static int book_meta(pdf_doc *d, xmlNodePtr node, char **err)
{
    char **slot = pdf_is(node, "title")      ? &d->title
                  : pdf_is(node, "subtitle") ? &d->subtitle
                  : pdf_is(node, "pubdate")  ? &d->pubdate
                                             : NULL;
    pdf_text t;
    int rc;

    if (pdf_is(node, "author") || pdf_is(node, "authorgroup")
        || pdf_is(node, "keywordset"))
        return book_people(d, node, err);
    if (!slot)
        return pdf_unsupported(node, err);
    pdf_text_init(&t);
    rc = pdf_text_inline(d, &t, node, err);
    pdf_text_trim(&t);
    free(*slot);
    *slot = xstrdup(t.s->str);
    pdf_text_free(&t);
    return rc;
}

static int book_child(pdf_doc *d, const pdf_ctx *ctx, xmlNodePtr c,
                      char **err)
{
    xmlNodePtr m;

    if (pdf_is(c, "chapter")) {
        pdf_push(d, PDF_NEWPAGE);
        return build_section(d, ctx, c, err);
    }
    if (!pdf_is(c, "info"))
        return book_meta(d, c, err);
    for (m = c->children; m; m = m->next)
        if (m->type == XML_ELEMENT_NODE && book_meta(d, m, err) < 0)
            return -1;
    return 0;
}

int pdf_build(pdf_doc *d, xmlNodePtr root, char **err)
{
    pdf_ctx ctx = {0, d->col_w, PDF_BODY, 0, 1, 0};
    int nfig = 0, ntab = 0;
    xmlNodePtr c;

    if (!root)
        return err_set(err, "pdf: the document is empty");
    if (!pdf_is(root, "book"))
        return pdf_unsupported(root, err);
    ctx.para_after = d->font[PDF_BODY].leading / 2;
    labels_collect(d, root, &nfig, &ntab);

    for (c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && book_child(d, &ctx, c, err) < 0)
            return -1;
    if (!d->title)
        return err_set(err, "pdf: the book has no title");
    return 0;
}

/* Adds the contents line for the heading in block target. */
static void toc_entry(pdf_doc *d, size_t target)
{
    int level = d->block[target].level;
    pdf_role role = level == 1 ? PDF_TOC1 : PDF_TOC2;
    double x = level == 1 ? 0 : 14;
    PangoLayout *layout = pdf_cache_layout(d, role, d->block[target].title,
                                           NULL,
                                           d->text_w - x - PDF_TOC_NUM_W);
    pdf_block *b = pdf_push(d, PDF_TOC_ENTRY);

    b->tag = "TOCI";
    b->role = role;
    b->x = x;
    b->layout = layout;
    b->target = target;
    b->before = level == 1 ? d->style->line_height * 0.65 : 1;
    b->base = pdf_line_base(layout, d->font[role].leading);
    pdf_units(b, 1);
    b->unit[0] = pango_layout_get_line_count(layout) * d->font[role].leading;
}

/* Appends the table of contents, chapters and their sections, unless
 * there are no chapters. Its length does not depend on the page numbers
 * it shows (each entry leaves them a fixed room), so one layout gives
 * numbers that stay right. */
void pdf_build_toc(pdf_doc *d)
{
    size_t i, end = d->nblock;
    pdf_text t;
    pdf_block *b;

    for (i = 0; i < end && d->block[i].level != 1; i++)
        continue;
    if (i == end)
        return;
    pdf_text_init(&t);
    g_string_append(t.s, "Innhold");
    b = pdf_text_block(d, PDF_H1, "H1", &t, 0, d->text_w);
    heading_style(d, b, 1);
    b->level = 0;
    pdf_text_free(&t);

    push_marker(d, PDF_OPEN, "TOC", 0);
    for (i = 0; i < end; i++)
        if (d->block[i].level == 1 || d->block[i].level == 2)
            toc_entry(d, i);
    push_marker(d, PDF_CLOSE, NULL, 0);
}
