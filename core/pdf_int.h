/*
 * The PDF writer's private parts, shared by pdf.c (the entry point and
 * the title page), pdf_build.c (DocBook to blocks), pdf_table.c (tables)
 * and pdf_flow.c (pages, tags and drawing).
 *
 * The writer works in three passes. Building turns the DocBook tree into
 * a list of blocks, each laid out once with pango: paragraphs, headings,
 * figures, tables and zero-height markers that open and close structure
 * tags. Flowing cuts the blocks into fragments and places them on pages
 * without drawing. Drawing walks the placements page by page into a
 * cairo PDF surface.
 */
#ifndef NOKKEL_PDF_INT_H
#define NOKKEL_PDF_INT_H

#include <stddef.h>

#include <cairo.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>

#include "chart.h"
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
    PDF_CAPTION,        /* "Figur N: ..." below figures and tables */
    PDF_CAPHEAD,        /* the bold title above figures and tables */
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

typedef struct pdf_figure {
    PangoLayout *title;         /* may be NULL */
    PangoLayout *caption;
    const chart_spec *chart;    /* borrowed from the chart set */
    double scale;
    double title_h, chart_h, caption_h;
} pdf_figure;

typedef struct pdf_table {
    size_t ncols, nrows, nhead;     /* rows [0, nhead) are the header */
    double *colw;
    PangoAlignment *align;          /* per column */
    PangoLayout **cell;             /* nrows * ncols */
    double *rowh;
    PangoLayout *title;             /* may be NULL */
    PangoLayout *caption;
    size_t row0;                    /* unit of row 0 (1 with a title) */
} pdf_table;

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
    double width;           /* PDF_SIDEBAR: the box's width */
    double before, after;   /* spacing; the larger of two neighbours wins */
    int keep_next;          /* never break between this and the next */
    size_t nunits;
    double *unit;           /* unit heights */
    unsigned char *keep;
    size_t rep0, rep1;      /* units repeated atop continued fragments */
    double rep_h;
    PangoLayout *layout;    /* PDF_TEXT, PDF_TOC_ENTRY */
    double inset;           /* space above the first line */
    double base;            /* top of a line to its baseline */
    PangoLayout *label;     /* list bullet or number */
    double label_x;         /* where the label starts, from x */
    int level;              /* headings: 1 chapter, 2 section, ... */
    char *title;            /* headings: plain text for outlines */
    size_t target;          /* PDF_TOC_ENTRY: the heading's block */
    int page;               /* page of the first fragment, once flowed */
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
    int repeat;             /* draw units [rep0, rep1) first */
} pdf_place;

typedef struct pdf_page {
    const char *head;       /* running head, NULL for none */
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
    char *title, *subtitle, *pubdate;
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
    int outline[8];             /* last outline item per heading level */
    PangoLayout *scratch;       /* running heads, numbers, labels */
} pdf_doc;

/* Spacing and sizes shared by the passes, in points. */
#define PDF_CELL_PADX 4.0
#define PDF_CELL_PADY 2.5
#define PDF_BOX_PAD 9.0
#define PDF_LIST_INDENT 15.0
#define PDF_FIGURE_GAP 5.0

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

/* Inline text with its attributes, built from DocBook inline markup. */
typedef struct pdf_text {
    GString *s;
    PangoAttrList *attrs;
} pdf_text;

void pdf_text_init(pdf_text *t);
void pdf_text_free(pdf_text *t);
int pdf_text_inline(pdf_doc *d, pdf_text *t, xmlNodePtr parent, char **err);
void pdf_text_trim(pdf_text *t);
int pdf_captions(pdf_doc *d, const char *word, int n, xmlNodePtr title,
                 xmlNodePtr caption, double w, PangoLayout **above,
                 PangoLayout **below, char **err);

/* pdf_table.c */
int pdf_build_table(pdf_doc *d, xmlNodePtr node, double x, double width,
                    char **err);
void pdf_draw_table(pdf_doc *d, const pdf_block *b, const pdf_place *p,
                    double x, double y);
void pdf_table_free(pdf_table *t);

/* pdf_flow.c */
void pdf_page_add(pdf_doc *d);
void pdf_flow(pdf_doc *d, size_t from, size_t to);
double pdf_run_height(const pdf_block *b, size_t n);
int pdf_draw_pages(pdf_doc *d, char **err);
void pdf_tags_push(pdf_doc *d, const char *tag);
void pdf_tags_pop(pdf_doc *d);
void pdf_tags_sync(pdf_doc *d);

#endif
