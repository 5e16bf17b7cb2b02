/*
 * Text: DocBook inline markup to a string with pango attributes,
 * hyphenated and with its cross-references as links; paragraphs laid
 * out as blocks of lines, justified where the spaces need not stretch
 * too far; and the list of words broken at line ends.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pdf_int.h"

#define SOFT_HYPHEN "\xc2\xad"

void pdf_text_init(pdf_text *t)
{
    memset(t, 0, sizeof *t);
    t->bind = 1;
    t->s = g_string_new(NULL);
    t->attrs = pango_attr_list_new();
}

void pdf_text_free(pdf_text *t)
{
    g_string_free(t->s, TRUE);
    pango_attr_list_unref(t->attrs);
    free(t->link);
}

static int xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Appends s with each run of XML white space turned into one space and
 * none at the start of a line. When t binds, a space between a number
 * and the word after it becomes a no-break space, so that "49 prosent"
 * or "476 studier" stays on one line. U+00A0 is not white space here. */
void pdf_text_append(pdf_text *t, const char *s)
{
    const char *next;
    char last;

    while (*s) {
        if (!xml_space(*s)) {
            g_string_append_c(t->s, *s++);
            continue;
        }
        for (next = s; xml_space(*next); next++)
            continue;
        last = t->s->len ? t->s->str[t->s->len - 1] : '\n';
        if (t->bind && last >= '0' && last <= '9'
            && ((*next >= 'a' && *next <= 'z') || (*next >= 'A' && *next <= 'Z')
                || (unsigned char)*next == 0xc3))
            g_string_append(t->s, "\xc2\xa0");
        else if (last != ' ' && last != '\n')
            g_string_append_c(t->s, ' ');
        s = next;
    }
}

void pdf_text_trim(pdf_text *t)
{
    if (t->s->len && t->s->str[t->s->len - 1] == ' ')
        g_string_truncate(t->s, t->s->len - 1);
}

static void text_attr(pdf_text *t, PangoAttribute *attr, size_t start)
{
    attr->start_index = (guint)start;
    attr->end_index = (guint)t->s->len;
    pango_attr_list_insert(t->attrs, attr);
}

/* Appends s in bold, as in "Figur 3: ". */
void pdf_text_bold(pdf_text *t, const char *s)
{
    size_t start = t->s->len;

    g_string_append(t->s, s);
    text_attr(t, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
}

/* Appends the text of a text node, hyphenated in the node's language
 * when t asks for it. Returns 0, or -1 and sets *err. */
static int text_node(pdf_doc *d, pdf_text *t, xmlNodePtr node, char **err)
{
    const char *s = (const char *)node->content;
    xmlChar *lang;
    char *out;
    int rc;

    if (!t->hyphenate || !d->hyph || !s) {
        pdf_text_append(t, s ? s : "");
        return 0;
    }
    lang = xmlNodeGetLang(node);
    rc = hyph_text(d->hyph, lang ? (const char *)lang : d->style->lang, s,
                   &out, err);
    xmlFree(lang);
    if (rc < 0)
        return -1;
    pdf_text_append(t, out);
    free(out);
    return 0;
}

/* Appends what an xref points at in the accent colour and records the
 * link; an unknown target is an error. */
static int text_xref(pdf_doc *d, pdf_text *t, xmlNodePtr node, char **err)
{
    xmlChar *end = xmlGetProp(node, (const xmlChar *)"linkend");
    const pdf_label *label = end ? pdf_label_find(d, (const char *)end)
                                 : NULL;
    size_t start = t->s->len;
    char *where;

    if (label) {
        pdf_text_append(t, label->text);
        text_attr(t, pango_attr_foreground_new(
                         (guint16)(((d->style->accent >> 16) & 0xff) * 257),
                         (guint16)(((d->style->accent >> 8) & 0xff) * 257),
                         (guint16)((d->style->accent & 0xff) * 257)),
                  start);
        if (t->nlink == t->caplink) {
            t->caplink = t->caplink ? 2 * t->caplink : 4;
            t->link = xrealloc(t->link, t->caplink * sizeof *t->link);
        }
        t->link[t->nlink].start = start;
        t->link[t->nlink].end = t->s->len;
        t->link[t->nlink++].id = label->id;
        xmlFree(end);
        return 0;
    }
    where = pdf_context_id(node);
    err_set(err, "pdf: xref to unknown id \"%s\" (in %s)",
            end ? (const char *)end : "", where);
    free(where);
    xmlFree(end);
    return -1;
}

/* Appends an emphasis: bold for role "bold" or "strong", else italic. */
static int text_emphasis(pdf_doc *d, pdf_text *t, xmlNodePtr node,
                         char **err)
{
    xmlChar *role = xmlGetProp(node, (const xmlChar *)"role");
    int bold = role && (xmlStrcmp(role, (const xmlChar *)"bold") == 0
                        || xmlStrcmp(role, (const xmlChar *)"strong") == 0);
    size_t start = t->s->len;

    xmlFree(role);
    if (pdf_text_inline(d, t, node, err) < 0)
        return -1;
    text_attr(t, bold ? pango_attr_weight_new(PANGO_WEIGHT_BOLD)
                      : pango_attr_style_new(PANGO_STYLE_ITALIC),
              start);
    return 0;
}

/* Appends the inline content of parent (text, emphasis, phrase, xref).
 * Returns 0, or -1 and sets *err for any other element. */
int pdf_text_inline(pdf_doc *d, pdf_text *t, xmlNodePtr parent, char **err)
{
    xmlNodePtr c;
    int rc = 0;

    for (c = parent->children; c && rc == 0; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            rc = text_node(d, t, c, err);
        else if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
            continue;
        else if (pdf_is(c, "emphasis"))
            rc = text_emphasis(d, t, c, err);
        else if (pdf_is(c, "phrase"))
            rc = pdf_text_inline(d, t, c, err);
        else if (pdf_is(c, "xref"))
            rc = text_xref(d, t, c, err);
        else
            rc = pdf_unsupported(c, err);
    }
    return rc;
}

/* Returns the distance from the top of a line box of height leading to
 * the baseline that centres the layout's first line in it. */
double pdf_line_base(PangoLayout *layout, double leading)
{
    PangoRectangle r;

    pango_layout_line_get_extents(pango_layout_get_line_readonly(layout, 0),
                                  NULL, &r);
    return (leading - pango_units_to_double(r.height)) / 2
           - pango_units_to_double(r.y);
}

/* Returns the points to add to each space of a line to justify it to
 * width, or 0 when it has no spaces or they would grow by more than
 * PDF_MAX_STRETCH times their width. No-break spaces keep their width. */
static double line_stretch(const pdf_doc *d, PangoLayoutLine *line,
                           const char *text, double width)
{
    const char *s = text + line->start_index;
    const char *end = s + line->length;
    PangoRectangle r;
    double extra;
    int spaces = 0;

    while (end > s && end[-1] == ' ')
        end--;
    for (; s < end; s++)
        spaces += *s == ' ';
    if (spaces == 0)
        return 0;
    pango_layout_line_get_extents(line, NULL, &r);
    extra = (width - pango_units_to_double(r.width)) / spaces;
    return extra > 0 && extra <= PDF_MAX_STRETCH * d->space_w ? extra : 0;
}

/* Sets how much each line of b but the last is stretched to width;
 * leaves b->stretch NULL when no line can be. */
static void justify(pdf_doc *d, pdf_block *b, double width)
{
    const char *text = pango_layout_get_text(b->layout);
    GSList *l = pango_layout_get_lines_readonly(b->layout);
    size_t i;
    int any = 0;

    b->stretch = xcalloc(b->nunits, sizeof *b->stretch);
    for (i = 0; l && l->next; i++, l = l->next) {
        b->stretch[i] = line_stretch(d, l->data, text, width);
        any |= b->stretch[i] > 0;
    }
    if (!any) {
        free(b->stretch);
        b->stretch = NULL;
    }
}

/* Keeps a line that ends in a hyphen on the page of the next line: a
 * word is not split across pages. */
static void keep_hyphens(pdf_block *b)
{
    const char *text = pango_layout_get_text(b->layout);
    GSList *l = pango_layout_get_lines_readonly(b->layout);
    PangoLayoutLine *line;
    size_t i, end;

    for (i = 0; l; i++, l = l->next) {
        line = l->data;
        end = (size_t)(line->start_index + line->length);
        if (end >= 2 && strncmp(text + end - 2, SOFT_HYPHEN, 2) == 0)
            b->keep[i] = 1;
    }
}

/* Lays out t (trimmed) as a block of lines, justified when it is body
 * text and the style asks for it; the block takes t's links and is the
 * last one until the next push. */
pdf_block *pdf_text_block(pdf_doc *d, pdf_role role, const char *tag,
                          pdf_text *t, double x, double w)
{
    PangoLayout *layout;
    pdf_block *b;
    size_t i;

    pdf_text_trim(t);
    layout = pdf_cache_layout(d, role, t->s->str, t->attrs, w);
    b = pdf_push(d, PDF_TEXT);
    b->tag = tag;
    b->role = role;
    b->x = x;
    b->layout = layout;
    pdf_units(b, (size_t)pango_layout_get_line_count(layout));
    for (i = 0; i < b->nunits; i++)
        b->unit[i] = d->font[role].leading;
    b->base = pdf_line_base(layout, d->font[role].leading);
    b->link = t->link;
    b->nlink = t->nlink;
    t->link = NULL;
    t->nlink = t->caplink = 0;
    keep_hyphens(b);
    if (role == PDF_BODY && d->style->justify && b->nunits > 1)
        justify(d, b, w);
    return b;
}

/* Returns the length of the space at s (U+0020 or U+00A0), or 0. */
static size_t space_at(const char *s)
{
    if (*s == ' ')
        return 1;
    return strncmp(s, "\xc2\xa0", 2) == 0 ? 2 : 0;
}

/* Returns the length of the punctuation at s (ASCII, guillemets, or the
 * dashes and quotes U+2010 to U+201F), or 0. */
static size_t punct_at(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    if (*p && strchr("()[]{}\"'.,;:!?", *p))
        return 1;
    if (p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbb))
        return 2;
    if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x9f)
        return 3;
    return 0;
}

/* Returns the length of the punctuation that ends at end (after start),
 * or 0. */
static size_t punct_before(const char *start, const char *end)
{
    size_t n;

    for (n = 1; n <= 3 && end - start >= (ptrdiff_t)n; n++)
        if (punct_at(end - n) == n)
            return n;
    return 0;
}

/* Writes the word broken at the soft hyphen that ends at offset br of
 * text, as "side N: forsknings-aktivitet", without the punctuation
 * around it and with no other soft hyphen. */
static void log_word(FILE *f, const char *text, size_t br, int page)
{
    const char *hy = text + br - 2, *a = hy, *b = text + br, *s;
    size_t n;

    while (a > text && !(a[-1] == ' ' || (a - text >= 2
                                          && space_at(a - 2) == 2)))
        a--;
    while (*b && !space_at(b))
        b++;
    while (a < hy && (n = punct_at(a)) > 0)
        a += n;
    while (b > text + br && (n = punct_before(text + br, b)) > 0)
        b -= n;
    fprintf(f, "side %d: ", page + 1);
    for (s = a; s < b; s++) {
        if (strncmp(s, SOFT_HYPHEN, 2) == 0) {
            if (s == hy)
                fputc('-', f);
            s++;
        } else {
            fputc(*s, f);
        }
    }
    fputc('\n', f);
}

/* Writes the words broken at the ends of lines [u0, u1) of b. */
static void log_block(FILE *f, const pdf_block *b, size_t u0, size_t u1,
                      int page)
{
    const char *text;
    PangoLayoutLine *line;
    size_t i, end;

    if (b->kind != PDF_TEXT)
        return;
    text = pango_layout_get_text(b->layout);
    for (i = u0; i < u1; i++) {
        line = pango_layout_get_line_readonly(b->layout, (int)i);
        end = (size_t)(line->start_index + line->length);
        if (end >= 2 && strncmp(text + end - 2, SOFT_HYPHEN, 2) == 0)
            log_word(f, text, end, page);
    }
}

/* Writes every word broken at a line end, in page order, to path.
 * Returns 0, or -1 and sets *err when the file cannot be written. */
int pdf_hyphen_log(const pdf_doc *d, const char *path, char **err)
{
    FILE *f = fopen(path, "w");
    const pdf_place *p;
    const pdf_block *b;
    size_t i, k;

    if (!f)
        return err_set(err, "%s: %s", path, strerror(errno));
    for (i = 0; i < d->nplace; i++) {
        p = &d->place[i];
        b = &d->block[p->block];
        log_block(f, b, p->u0, p->u1, p->page);
        for (k = 0; k < b->nkids; k++)
            log_block(f, &b->kids[k], 0, b->kids[k].nunits, p->page);
    }
    if (fclose(f) != 0)
        return err_set(err, "%s: %s", path, strerror(errno));
    return 0;
}
