/*
 * The PDF writer: typesets the report's DocBook tree with pango and
 * draws it with cairo. Charts are drawn as vectors from their specs,
 * found by the figure's xml:id.
 *
 * The subset of DocBook it sets: book (info with title, subtitle, pubdate),
 * chapter, section (nested), title, para, emphasis, itemizedlist and
 * orderedlist with listitem/para, figure (title, mediaobject with
 * textobject/phrase as alt text and caption/para), table (title, CALS
 * tgroup with thead/tbody/row/entry, caption), sidebar, and xref to a
 * chapter, section, figure or table. Any other element is an error.
 *
 * The PDF has a title page, a table of contents, chapters that start
 * on a new page, running heads, page numbers, a structure tree (tagged
 * PDF), bookmarks for chapters and sections, and fixed bytes for a fixed
 * input and date. Missing, because cairo 1.16 cannot write them: the
 * document language, figures' alt text and artifact marks for running
 * heads and page numbers.
 */
#ifndef NOKKEL_PDF_H
#define NOKKEL_PDF_H

#include <stdint.h>

#include <libxml/tree.h>

#include "chart.h"

typedef struct pdf_style {
    double page_width;      /* points; A4 is 595.28 x 841.89 */
    double page_height;
    double margin_top;
    double margin_bottom;
    double margin_inner;
    double margin_outer;
    const char *font;       /* body family, e.g. "Noto Serif" */
    const char *heading_font;   /* headings, captions, tables, charts */
    double body_size;       /* points */
    double line_height;     /* body leading in points */
    double title_size;      /* title page */
    double chapter_size;
    double section_size;
    double caption_size;
    double table_size;
    const char *lang;       /* "nb" */
    long long date;         /* creation date, seconds since the epoch */
    uint32_t accent;        /* headings and rules, 0xRRGGBB */
} pdf_style;

/* Fills style with the defaults: A4, 25 mm top and bottom and 22 mm side
 * margins, Noto Serif 10/14 pt body, Noto Sans headings (chapter 20 pt,
 * section 13 pt), 8.5 pt captions and tables, a dark blue accent and
 * date 0; the caller sets date, e.g. from SOURCE_DATE_EPOCH. */
void pdf_style_default(pdf_style *style);

/*
 * Writes doc as a PDF at path (the caller handles temporary names).
 * Figures are numbered "Figur N:" and tables "Tabell N:" in document
 * order. Returns 0, or -1 and sets *err (caller frees).
 */
int pdf_write(xmlDocPtr doc, const chart_set *charts, const pdf_style *style,
              const char *path, char **err);

#endif
