/*
 * The PDF writer's private parts, shared by pdf.c (the entry point and
 * the title page), pdf_build.c (DocBook to blocks), pdf_table.c (tables)
 * and pdf_flow.c (pages, tags and drawing).
 *
 * The writer works in four passes. Building turns the DocBook tree into
 * a list of blocks, each laid out once with pango: paragraphs, headings,
 * figures, tables and zero-height markers that open and close structure
 * tags (pdf_build.c, pdf_text.c, pdf_table.c). Flowing cuts the blocks
 * into fragments and places them in the columns of pages without
 * drawing (pdf_flow.c). Drawing walks the placements page by page into
 * a cairo PDF surface held in memory (pdf_draw.c). Post-processing with
 * libqpdf adds what cairo cannot write and saves the file (pdfpost.c).
 *
 * Decoration (rules, shading, running heads, page numbers, leaders) is
 * drawn inside "Private" structure tags, which post-processing turns
 * into artifacts: cairo 1.16 refuses a tag named Artifact.
 */
#ifndef NOKKEL_PDF_INT_H
#define NOKKEL_PDF_INT_H

#include <stddef.h>

#include <cairo.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>

#include "chart.h"
#include "hyph.h"
#include "pdf.h"

#define PDF_DBK_NS "http://docbook.org/ns/docbook"

/* Text roles: each one font, leading and colour, made once per write. */
typedef enum pdf_role {
    PDF_BODY,
    PDF_BOX,            /* paragraphs inside a sidebar */
    PDF_BOXHEAD,        /* a sidebar's title */
    PDF_TITLE,          /* title page */
    PDF_SUBTITLE,
    PDF_H1,             /* chapter */
    PDF_H2,             /* section */
    PDF_H3,             /* subsection and deeper */
    PDF_CAPTION,        /* the caption text of figures and tables */
    PDF_CAPHEAD,        /* "Figur N: title" */
    PDF_TABLE,
    PDF_TABHEAD,
    PDF_FOOT,           /* running head and page number */
    PDF_TOC1,           /* contents entry for a chapter */
    PDF_TOC2,           /* contents entry for a section */
    PDF_NROLES
} pdf_role;

typedef struct pdf_font {
    PangoFontDescription *desc;
    double leading;     /* points from one baseline to the next */
    uint32_t color;     /* 0xRRGGBB */
} pdf_font;

typedef enum pdf_kind {
    PDF_TEXT,           /* lines of one pango layout */
    PDF_FIGURE,
    PDF_TABLE_BLOCK,
    PDF_SIDEBAR,        /* a shaded box around blocks of its own */
    PDF_TOC_ENTRY,      /* a contents line; the page comes from target */
    PDF_OPEN,           /* begins the structure tag named by tag */
    PDF_CLOSE,          /* ends the innermost open tag */
    PDF_NEWPAGE         /* the next block starts a page */
} pdf_kind;

/* A figure: the numbered title, the chart and the caption text, in
 * that order or with the title below the chart, at offsets from the
 * block's top. */
typedef struct pdf_figure {
    PangoLayout *head;          /* "Figur N: title" */
    PangoLayout *note;          /* caption text, may be NULL */
    chart_spec fit;             /* the chart's spec, its width fitted to
                                 * the column; what it points to is
                                 * borrowed from the chart set */
    char *alt;                  /* textobject/phrase */
    double scale;
    double head_y, chart_y, note_y, chart_h;
} pdf_figure;

typedef struct pdf_table {
    size_t ncols, nrows, nhead;     /* rows [0, nhead) are the header */
    double *colw;
    PangoAlignment *align;          /* per column */
    PangoLayout **cell;             /* nrows * ncols */
    double *shift;                  /* per cell: moved left to line up
                                     * decimal commas */
    unsigned char *total;           /* per row: a total row */
    double *rowh;
    PangoLayout *head;              /* "Tabell N: title" */
    PangoLayout *note;              /* caption text, may be NULL */
    PangoLayout *cont;              /* "Tabell N: title (forts.)" */
    double head_h, note_h, cont_h;
    size_t row0;                    /* unit of row 0 */
    int head_below;                 /* head set after the rows */
} pdf_table;

/* A cross-reference in a paragraph: bytes [start, end) of its text link
 * to the destination named id (borrowed from the labels). */
typedef struct pdf_link {
    size_t start, end;
    const char *id;
} pdf_link;

/*
 * One block. Every block but a marker is cut into units that the flow
 * places one after another (lines of a paragraph, rows of a table); a
 * page may break after unit u unless keep[u] is set.
 */
typedef struct pdf_block {
    pdf_kind kind;
    const char *tag;        /* structure tag ("P", "H1", ...) */
    pdf_role role;
    double x;               /* indent from the text area's left edge */
    double width;           /* sidebars and tables: their width */
    double before, after;   /* spacing; the larger of two neighbours wins */
    int keep_next;          /* never break between this and the next */
    size_t nunits;
    double *unit;           /* unit heights */
    unsigned char *keep;
    size_t rep0, rep1;      /* units repeated atop continued fragments */
    double rep_h;
    PangoLayout *layout;    /* PDF_TEXT, PDF_TOC_ENTRY */
    double *stretch;        /* per line: points added to each space to
                             * justify it, 0 for ragged; NULL: none */
    pdf_link *link;
    size_t nlink;
    char *dest;             /* named destination at the block's top */
    int span;               /* across both columns (chapter headings) */
    double inset;           /* space above the first line */
    double base;            /* top of a line to its baseline */
    PangoLayout *label;     /* list bullet or number */
    double label_x;         /* where the label starts, from x */
    int level;              /* headings: 1 chapter, 2 section, ... */
    char *title;            /* headings: plain text for outlines */
    size_t target;          /* PDF_TOC_ENTRY: the heading's block */
    int page;               /* page of the first fragment, once flowed */
    int col;                /* its column */
    double page_y;          /* and its top on that page */
    pdf_figure *fig;
    pdf_table *tab;
    struct pdf_block *kids; /* PDF_SIDEBAR */
    size_t nkids;
} pdf_block;

/* A fragment of a block on a page: units [u0, u1), from y down. */
typedef struct pdf_place {
    size_t block;
    int page;
    double y;
    size_t u0, u1;
    int col;
    int repeat;             /* draw units [rep0, rep1) first */
} pdf_place;

typedef struct pdf_page {
    const char *head;       /* running head, NULL for none */
    int blank;              /* left empty before a right-hand chapter */
} pdf_page;

/* A cross-reference target: the text an xref to id becomes. */
typedef struct pdf_label {
    char *id;
    char *text;
} pdf_label;

/* Structure tags wanted by the blocks drawn so far; the first nopen of
 * them are begun in cairo. Container tags open lazily so that none is
 * left empty on a page. */
typedef struct pdf_tags {
    const char **want;
    size_t nwant, nopen, cap;
} pdf_tags;

typedef struct pdf_doc {
    const pdf_style *style;
    const chart_set *charts;
    PangoContext *pango;
    pdf_font font[PDF_NROLES];
    double text_w, text_h;      /* the text area */
    double col_w;               /* a column of body text */
    double space_w;             /* a space in body text */
    char *title, *subtitle, *pubdate;
    char *author, *keywords;    /* NULL when the book has none */
    hyph *hyph;                 /* NULL without hyphenation */
    pdf_block *block;
    size_t nblock, capblock;
    size_t body_end;            /* blocks past it are the contents */
    pdf_place *place;
    size_t nplace, capplace;
    pdf_page *page;
    size_t npage, cappage;
    pdf_label *label;
    size_t nlabel, caplabel;
    int nfigure, ntable;
    cairo_surface_t *surface;   /* while drawing */
    cairo_t *cr;
    pdf_tags tags;
    const char **alt;           /* figures' alt text as drawn, borrowed */
    size_t nalt, capalt;
    int outline[8];             /* last outline item per heading level */
    PangoLayout *scratch;       /* running heads, numbers, labels */
    gunichar *missing;          /* characters no font has, warned once */
    size_t nmissing;
} pdf_doc;

/* Spacing and sizes shared by the passes, in points. */
#define PDF_CELL_PADX 4.0
#define PDF_CELL_PADY 2.5
#define PDF_BOX_PAD 9.0
#define PDF_LIST_INDENT 15.0
#define PDF_FIGURE_GAP 5.0
#define PDF_TOC_NUM_W 40.0      /* room for a contents page number */

/* A justified line's spaces may grow by this many times their width; a
 * line that needs more is set ragged. */
#define PDF_MAX_STRETCH 1.25

/* pdf.c */
pdf_block *pdf_push(pdf_doc *d, pdf_kind kind);
void pdf_block_clear(pdf_block *b);
PangoLayout *pdf_layout(pdf_doc *d, pdf_role role, const char *text,
                        PangoAttrList *attrs, double width);
void pdf_units(pdf_block *b, size_t n);
void pdf_set_color(cairo_t *cr, uint32_t rgb);
double pdf_layout_height(PangoLayout *layout);

/* pdf_build.c */
int pdf_build(pdf_doc *d, xmlNodePtr root, char **err);
void pdf_build_toc(pdf_doc *d);
int pdf_unsupported(xmlNodePtr node, char **err);
int pdf_is(xmlNodePtr node, const char *name);
char *pdf_context_id(xmlNodePtr node);
const pdf_label *pdf_label_find(const pdf_doc *d, const char *id);
int pdf_captions(pdf_doc *d, const char *word, int n, xmlNodePtr title,
                 xmlNodePtr caption, double w, PangoLayout **head,
                 PangoLayout **note, char **err);

/* pdf_text.c: inline text with its attributes and links, built from
 * DocBook inline markup; hyphenated when hyphenate is set. */
typedef struct pdf_text {
    GString *s;
    PangoAttrList *attrs;
    pdf_link *link;
    size_t nlink, caplink;
    int hyphenate;
    int bind;           /* no break between a number and its word */
} pdf_text;

void pdf_text_init(pdf_text *t);
void pdf_text_free(pdf_text *t);
void pdf_text_append(pdf_text *t, const char *s);
void pdf_text_bold(pdf_text *t, const char *s);
int pdf_text_inline(pdf_doc *d, pdf_text *t, xmlNodePtr parent, char **err);
void pdf_text_trim(pdf_text *t);
pdf_block *pdf_text_block(pdf_doc *d, pdf_role role, const char *tag,
                          pdf_text *t, double x, double w);
double pdf_line_base(PangoLayout *layout, double leading);
int pdf_hyphen_log(const pdf_doc *d, const char *path, char **err);

/* pdf_table.c */
int pdf_build_table(pdf_doc *d, xmlNodePtr node, double x, double width,
                    char **err);
void pdf_draw_table(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                    double x, double y);
void pdf_table_free(pdf_table *t);

/* pdf_flow.c */
void pdf_page_add(pdf_doc *d);
void pdf_flow(pdf_doc *d, size_t from, size_t to, int ncols);
double pdf_run_height(const pdf_block *b, size_t n);
double pdf_units_height(const pdf_block *b, size_t u0, size_t u1);

/* pdf_draw.c */
int pdf_draw_pages(pdf_doc *d, char **err);
void pdf_tags_push(pdf_doc *d, const char *tag);
void pdf_tags_pop(pdf_doc *d);
void pdf_tags_sync(pdf_doc *d);
void pdf_artifact_begin(pdf_doc *d);
void pdf_artifact_end(pdf_doc *d);

/* pdfpost.c */
int pdf_post_write(const pdf_doc *d, const unsigned char *pdf, size_t n,
                   const char *path, char **err);

/* Returns a new pango context for laying out text in lang: unhinted
 * metrics, as in the PDF. */
PangoContext *pdf_context_new(const char *lang);

/* pdf_cache.c */

/* Returns the cache's pango context for lang (a new reference), made
 * anew, with its layouts dropped, when lang changed; starts a build. */
PangoContext *pdf_cache_context(pdf_cache *c, const char *lang);

/* Returns pdf_layout's layout for these inputs (a new reference), the
 * one an earlier build made when there is one. The caller must not
 * change it. Without a cache in d's style, a new one. */
PangoLayout *pdf_cache_layout(pdf_doc *d, pdf_role role, const char *text,
                              PangoAttrList *attrs, double width);

/* Draws spec into d's page as chart_draw does, from a layout an
 * earlier build made of the same spec when there is one. */
int pdf_cache_draw_chart(pdf_doc *d, const chart_spec *spec, char **err);

/* Drops the layouts and charts the build did not use; c may be NULL. */
void pdf_cache_sweep(pdf_cache *c);

/* Warns once per character about c, which no installed font has, and
 * names the text it is in (pdf.c). */
void pdf_warn_missing(pdf_doc *d, uint32_t c, const char *text);

#endif
