/*
 * The PDF writer's entry point: style defaults, fonts, the title page,
 * metadata and the cairo surface. The passes that do the work are in
 * pdf_build.c, pdf_text.c, pdf_table.c, pdf_flow.c, pdf_draw.c and
 * pdfpost.c (see pdf_int.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "check.h"
#include "err.h"
#include "log.h"
#include "pdf_int.h"
#include "progress.h"

#define MM (72.0 / 25.4)

void pdf_style_default(pdf_style *style)
{
    memset(style, 0, sizeof *style);
    style->page_width = 595.28;
    style->page_height = 841.89;
    style->margin_top = 25 * MM;
    style->margin_bottom = 25 * MM;
    style->margin_inner = 22 * MM;
    style->margin_outer = 22 * MM;
    style->font = "Noto Serif";
    style->heading_font = "Noto Sans";
    style->body_size = 10;
    style->line_height = 14;
    style->title_size = 30;
    style->chapter_size = 20;
    style->section_size = 13;
    style->caption_size = 8.5;
    style->table_size = 8.5;
    style->footnote_size = 8;
    style->lang = "nb";
    style->date = 0;
    style->accent = 0x1f4e79;
    style->columns = 1;
    style->column_gap = 6 * MM;
    style->hyphenate = 1;
}

void pdf_set_color(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* Appends a zeroed block of the given kind and returns it; the pointer
 * holds until the next push. */
pdf_block *pdf_push(pdf_doc *d, pdf_kind kind)
{
    pdf_block *b;

    if (d->nblock == d->capblock) {
        d->capblock = d->capblock ? 2 * d->capblock : 256;
        d->block = xrealloc(d->block, d->capblock * sizeof *d->block);
    }
    b = &d->block[d->nblock++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* Gives b n units, all breakable, of height 0. */
void pdf_units(pdf_block *b, size_t n)
{
    b->nunits = n;
    b->unit = xcalloc(n, sizeof *b->unit);
    b->keep = xcalloc(n, sizeof *b->keep);
}

static void figure_free(pdf_figure *f)
{
    if (f->head)
        g_object_unref(f->head);
    if (f->note)
        g_object_unref(f->note);
    free(f->alt);
    free(f);
}

/* Frees what a block owns, its sidebar's blocks included. */
void pdf_block_clear(pdf_block *b)
{
    size_t i;

    if (b->layout)
        g_object_unref(b->layout);
    if (b->label)
        g_object_unref(b->label);
    if (b->fig)
        figure_free(b->fig);
    if (b->tab)
        pdf_table_free(b->tab);
    for (i = 0; i < b->nkids; i++)
        pdf_block_clear(&b->kids[i]);
    free(b->kids);
    free(b->unit);
    free(b->keep);
    free(b->title);
    free(b->stretch);
    free(b->link);
    free(b->dest);
}

/* Returns 1 when name is a generic family fontconfig resolves itself. */
static int is_generic_family(const char *name, size_t len)
{
    static const char *const generic[] = {
        "serif", "sans", "sans-serif", "monospace", "cursive", "fantasy",
        "system-ui", NULL};

    for (const char *const *g = generic; *g; g++) {
        if (strlen(*g) == len && g_ascii_strncasecmp(*g, name, len) == 0)
            return 1;
    }
    return 0;
}

/* Checks one family name (len bytes) against the installed names. */
static int family_check(const char *name, size_t len,
                        const char *const *names, int n, char **err)
{
    char *want;
    char *hint;

    if (is_generic_family(name, len))
        return 0;
    for (int i = 0; i < n; i++) {
        if (strlen(names[i]) == len &&
            g_ascii_strncasecmp(names[i], name, len) == 0)
            return 0;
    }
    want = err_fmt("%.*s", (int)len, name);
    hint = check_hint(want, names, (size_t)n);
    err_set(err, "no font \"%s\" is installed%s; fc-list : family lists "
            "those that are", want, hint);
    free(hint);
    free(want);
    return -1;
}

int pdf_font_check(const char *families, char **err)
{
    PangoFontFamily **fams = NULL;
    const char **names;
    int n = 0, rc = 0;

    pango_font_map_list_families(pango_cairo_font_map_get_default(), &fams,
                                 &n);
    names = xcalloc((size_t)n + 1, sizeof *names);
    for (int i = 0; i < n; i++)
        names[i] = pango_font_family_get_name(fams[i]);
    for (const char *p = families; *p && rc == 0;) {
        size_t len;

        p += strspn(p, " \t");
        len = strcspn(p, ",");
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len > 0)
            rc = family_check(p, len, names, n, err);
        p += strcspn(p, ",");
        if (*p == ',')
            p++;
    }
    free(names);
    g_free(fams);
    return rc;
}

/* Returns up to 40 characters of text without the soft hyphens that
 * hyphenation put in, for a message. Caller frees. */
static char *excerpt(const char *text)
{
    GString *out = g_string_new(NULL);
    int n = 0;

    for (const char *p = text; *p && n < 40; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);

        if (c == 0xad)
            continue;
        g_string_append_unichar(out, c);
        n++;
    }
    if (n == 40)
        g_string_append(out, "...");
    return g_string_free(out, FALSE);
}

void pdf_warn_missing(pdf_doc *d, uint32_t c, const char *text)
{
    char *where;

    for (size_t i = 0; i < d->nmissing; i++) {
        if (d->missing[i] == c)
            return;
    }
    d->missing = xrealloc(d->missing, (d->nmissing + 1) * sizeof c);
    d->missing[d->nmissing++] = c;
    where = excerpt(text);
    log_warn("no font has a glyph for U+%04X, so it is drawn as a box, in "
             "\"%s\"", (unsigned)c, where);
    g_free(where);
}

/* Warns about the first character of layout that no font could draw. */
static void check_glyphs(pdf_doc *d, PangoLayout *layout)
{
    int at;
    uint32_t c = chart_missing_glyph(layout, &at);

    if (c)
        pdf_warn_missing(d, c, pango_layout_get_text(layout));
}

/* Returns a new layout of text in role's font, wrapped at width points
 * (no wrapping when width <= 0). The caller unrefs it; attrs stay the
 * caller's. */
PangoLayout *pdf_layout(pdf_doc *d, pdf_role role, const char *text,
                        PangoAttrList *attrs, double width)
{
    PangoLayout *layout = pango_layout_new(d->pango);

    pango_layout_set_font_description(layout, d->font[role].desc);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(layout,
                           width > 0 ? pango_units_from_double(width) : -1);
    pango_layout_set_text(layout, text, -1);
    if (attrs)
        pango_layout_set_attributes(layout, attrs);
    check_glyphs(d, layout);
    return layout;
}

double pdf_layout_height(PangoLayout *layout)
{
    int h;

    pango_layout_get_size(layout, NULL, &h);
    return pango_units_to_double(h);
}

static void font_set(pdf_font *f, const char *family, double size, int bold,
                     double leading, uint32_t color)
{
    f->desc = pango_font_description_new();
    pango_font_description_set_family(f->desc, family);
    pango_font_description_set_absolute_size(f->desc, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(f->desc, PANGO_WEIGHT_BOLD);
    f->leading = leading;
    f->color = color;
}

/* Makes the font of every role from the style. */
static void fonts_init(pdf_doc *d)
{
    const pdf_style *s = d->style;
    const char *serif = s->font, *sans = s->heading_font;
    double h3 = s->section_size - 2 > s->body_size ? s->section_size - 2
                                                   : s->body_size + 0.5;
    uint32_t ink = 0x1a1a1a;

    font_set(&d->font[PDF_BODY], serif, s->body_size, 0, s->line_height,
             ink);
    font_set(&d->font[PDF_BOX], sans, s->body_size - 0.5, 0,
             s->line_height - 1, ink);
    font_set(&d->font[PDF_BOXHEAD], sans, s->body_size, 1, s->line_height,
             s->accent);
    font_set(&d->font[PDF_TITLE], sans, s->title_size, 1,
             s->title_size * 1.15, s->accent);
    font_set(&d->font[PDF_SUBTITLE], sans, s->title_size * 0.55, 0,
             s->title_size * 0.55 * 1.3, ink);
    font_set(&d->font[PDF_H1], sans, s->chapter_size, 1,
             s->chapter_size * 1.2, s->accent);
    font_set(&d->font[PDF_H2], sans, s->section_size, 1,
             s->section_size * 1.3, s->accent);
    font_set(&d->font[PDF_H3], sans, h3, 1, h3 * 1.35, ink);
    font_set(&d->font[PDF_CAPTION], sans, s->caption_size, 0,
             s->caption_size * 1.4, ink);
    font_set(&d->font[PDF_CAPHEAD], sans, s->caption_size + 0.5, 1,
             (s->caption_size + 0.5) * 1.35, ink);
    font_set(&d->font[PDF_TABLE], sans, s->table_size, 0,
             s->table_size * 1.3, ink);
    font_set(&d->font[PDF_TABHEAD], sans, s->table_size, 1,
             s->table_size * 1.3, ink);
    font_set(&d->font[PDF_FOOT], sans, s->footnote_size, 0,
             s->footnote_size * 1.25, 0x666666);
    font_set(&d->font[PDF_TOC1], sans, s->body_size, 1, s->line_height,
             ink);
    font_set(&d->font[PDF_TOC2], serif, s->body_size, 0, s->line_height,
             ink);
}

/* Returns the width of a space in body text. */
static double space_width(pdf_doc *d)
{
    PangoLayout *l = pdf_layout(d, PDF_BODY, " ", NULL, 0);
    PangoRectangle r;

    pango_layout_get_extents(l, NULL, &r);
    g_object_unref(l);
    return pango_units_to_double(r.width);
}

PangoContext *pdf_context_new(const char *lang)
{
    PangoFontMap *map = pango_cairo_font_map_get_default();
    PangoContext *pango = pango_font_map_create_context(map);
    cairo_font_options_t *opt = cairo_font_options_create();

    cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango, opt);
    cairo_font_options_destroy(opt);
    pango_context_set_round_glyph_positions(pango, FALSE);
    pango_context_set_language(pango, pango_language_from_string(lang));
    return pango;
}

/* Sets up d for one write: the pango context, fonts, the text area and
 * its columns, and the hyphenator. Layout needs no surface: metrics are
 * unhinted, as in the PDF. Returns 0, or -1 and sets *err when the
 * exception list cannot be read. */
static int doc_init(pdf_doc *d, const pdf_style *style,
                    const chart_set *charts, char **err)
{
    const char *words = style->hyphen_words;

    memset(d, 0, sizeof *d);
    d->style = style;
    d->charts = charts;
    d->text_w = style->page_width - style->margin_inner - style->margin_outer;
    d->text_h = style->page_height - style->margin_top - style->margin_bottom;
    d->col_w = style->columns > 1 ? (d->text_w - style->column_gap) / 2
                                  : d->text_w;

    d->pango = style->cache ? pdf_cache_context(style->cache, style->lang)
                            : pdf_context_new(style->lang);

    fonts_init(d);
    d->scratch = pdf_layout(d, PDF_FOOT, "", NULL, 0);
    d->space_w = space_width(d);
    if (words && access(words, F_OK) != 0)
        words = NULL;
    if (style->hyphenate && !(d->hyph = hyph_new(words, err)))
        return -1;
    return 0;
}

static void doc_free(pdf_doc *d)
{
    size_t i;

    for (i = 0; i < d->nblock; i++)
        pdf_block_clear(&d->block[i]);
    free(d->block);
    free(d->place);
    free(d->page);
    for (i = 0; i < d->nlabel; i++) {
        free(d->label[i].id);
        free(d->label[i].text);
    }
    free(d->label);
    free(d->tags.want);
    free(d->alt);
    for (i = 0; i < PDF_NROLES; i++)
        pango_font_description_free(d->font[i].desc);
    g_object_unref(d->scratch);
    g_object_unref(d->pango);
    free(d->missing);
    hyph_free(d->hyph);
    free(d->title);
    free(d->subtitle);
    free(d->pubdate);
    free(d->author);
    free(d->keywords);
}

/* Sets title, subject, author, keywords, creator and both dates; fixed
 * dates keep the bytes fixed from one run to the next. */
static void set_metadata(pdf_doc *d)
{
    static const struct {
        cairo_pdf_metadata_t key;
        size_t off;
    } text[] = {
        {CAIRO_PDF_METADATA_TITLE, offsetof(pdf_doc, title)},
        {CAIRO_PDF_METADATA_SUBJECT, offsetof(pdf_doc, subtitle)},
        {CAIRO_PDF_METADATA_AUTHOR, offsetof(pdf_doc, author)},
        {CAIRO_PDF_METADATA_KEYWORDS, offsetof(pdf_doc, keywords)},
    };
    time_t t = (time_t)d->style->date;
    const char *value;
    struct tm tm;
    char date[32];
    size_t i;

    for (i = 0; i < sizeof text / sizeof *text; i++) {
        value = *(char **)((char *)d + text[i].off);
        if (value)
            cairo_pdf_surface_set_metadata(d->surface, text[i].key, value);
    }
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR,
                                   d->style->creator ? d->style->creator :
                                   "nokkel");
    cairo_pdf_surface_set_metadata(d->surface,
                                   CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_MOD_DATE,
                                   date);
}

/* Draws text in role as a tagged paragraph with its top at (x, y) and
 * returns its height. */
static double title_para(pdf_doc *d, pdf_role role, const char *text,
                         double x, double y)
{
    PangoLayout *layout = pdf_layout(d, role, text, NULL, d->text_w);
    int h;

    pango_layout_get_size(layout, NULL, &h);
    pdf_tags_push(d, "P");
    pdf_tags_sync(d);
    pdf_set_color(d->cr, d->font[role].color);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, layout);
    pdf_tags_pop(d);
    g_object_unref(layout);
    return pango_units_to_double(h);
}

/* Draws the title page: an accent band, the title and subtitle a third
 * of the way down, the year near the foot. */
static void title_page(pdf_doc *d)
{
    const pdf_style *s = d->style;
    double x = s->margin_inner;
    double y = s->page_height * 0.3;

    pdf_artifact_begin(d);
    pdf_set_color(d->cr, s->accent);
    cairo_rectangle(d->cr, 0, 0, s->page_width, s->margin_top * 1.6);
    cairo_fill(d->cr);
    cairo_rectangle(d->cr, x, y - 24, 48, 4);
    cairo_fill(d->cr);
    pdf_artifact_end(d);

    y += title_para(d, PDF_TITLE, d->title, x, y);
    if (d->subtitle)
        title_para(d, PDF_SUBTITLE, d->subtitle, x, y + 12);
    if (d->pubdate)
        title_para(d, PDF_SUBTITLE, d->pubdate, x,
                   s->page_height - s->margin_bottom - 40);
    cairo_show_page(d->cr);
}

/* The PDF as cairo writes it, in memory. */
typedef struct pdf_bytes {
    unsigned char *data;
    size_t len, cap;
} pdf_bytes;

static cairo_status_t bytes_write(void *closure, const unsigned char *data,
                                  unsigned int n)
{
    pdf_bytes *b = closure;

    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return CAIRO_STATUS_SUCCESS;
}

/* Draws every page into out. Returns 0, or -1 and sets *err from a
 * chart or from cairo's status. */
static int render(pdf_doc *d, pdf_bytes *out, char **err)
{
    cairo_status_t status;
    int rc;

    d->surface = cairo_pdf_surface_create_for_stream(
        bytes_write, out, d->style->page_width, d->style->page_height);
    d->cr = cairo_create(d->surface);
    set_metadata(d);

    pdf_tags_push(d, "Document");
    pdf_tags_sync(d);
    title_page(d);
    rc = pdf_draw_pages(d, err);
    pdf_tags_pop(d);

    status = cairo_status(d->cr);
    cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(d->surface);
    cairo_surface_destroy(d->surface);
    if (rc == 0 && status != CAIRO_STATUS_SUCCESS)
        rc = err_set(err, "pdf: cairo: %s", cairo_status_to_string(status));
    return rc;
}

/* Lays the document out: the body, then the contents, which come first
 * in the PDF, placed on pages after the title page, then the body's
 * pages. Returns 0, or -1 and sets *err. */
static int layout(pdf_doc *d, xmlDocPtr doc, char **err)
{
    if (pdf_build(d, xmlDocGetRootElement(doc), err) < 0)
        return -1;
    d->body_end = d->nblock;
    pdf_build_toc(d);
    pdf_page_add(d);
    pdf_flow(d, d->body_end, d->nblock, 1);
    pdf_flow(d, 0, d->body_end, d->style->columns > 1 ? 2 : 1);
    return 0;
}

int pdf_write(xmlDocPtr doc, const chart_set *charts, const pdf_style *style,
              const char *path, char **err)
{
    pdf_bytes bytes = {0};
    pdf_doc d;
    int rc;

    progress_phase("PDF layout");
    rc = doc_init(&d, style, charts, err);
    if (rc == 0)
        rc = layout(&d, doc, err);
    progress_phase("PDF pages");
    if (rc == 0)
        rc = render(&d, &bytes, err);
    progress_phase("PDF tags and metadata");
    if (rc == 0)
        rc = pdf_post_write(&d, bytes.data, bytes.len, path, err);
    if (rc == 0 && style->hyphen_log)
        rc = pdf_hyphen_log(&d, style->hyphen_log, err);
    free(bytes.data);
    doc_free(&d);
    pdf_cache_sweep(style->cache);
    return rc;
}

int pdf_check(xmlDocPtr doc, const chart_set *charts, const pdf_style *style,
              char **err)
{
    pdf_doc d;
    int rc = doc_init(&d, style, charts, err);

    if (rc == 0)
        rc = layout(&d, doc, err);
    /* The title page is laid out as it is drawn, in render. */
    for (int i = 0; rc == 0 && i < 3; i++) {
        const char *text = i == 0 ? d.title : i == 1 ? d.subtitle
                                                     : d.pubdate;

        if (text)
            g_object_unref(pdf_layout(&d, i == 0 ? PDF_TITLE : PDF_SUBTITLE,
                                      text, NULL, d.text_w));
    }
    for (size_t i = 0; rc == 0 && charts && i < charts->n; i++) {
        chart_render *r = chart_render_new(charts->specs[i], err);
        const char *text;
        uint32_t c;

        if (!r) {
            rc = -1;
            break;
        }
        if ((c = chart_render_missing(r, &text)) != 0)
            pdf_warn_missing(&d, c, text);
        chart_render_free(r);
    }
    doc_free(&d);
    return rc;
}
