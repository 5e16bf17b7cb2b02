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
 * The book's info may hold author (orgname or personname), authorgroup
 * and keywordset/keyword for the PDF's metadata. Text marked xml:lang
 * "nn" is hyphenated as nynorsk. A caption para with role "source" is
 * set as the source line; a table row with role "total", or whose first
 * entry is Totalt, Sum, I alt or Total, is set as a total.
 *
 * The PDF has a title page, a table of contents with links and dotted
 * leaders, chapters that start on a new (or right-hand) page, running
 * heads, page numbers, one or two columns, justified or ragged text,
 * Norwegian hyphenation, cross-references as links, a structure tree
 * (tagged PDF) with alt text on figures and decoration marked as
 * artifacts, bookmarks for chapters and sections, the document language
 * and fixed bytes for a fixed input and date.
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
    double footnote_size;   /* source lines, running heads, page numbers */
    const char *lang;       /* "nb"; "nb-NO" in the PDF */
    long long date;         /* creation date, seconds since the epoch */
    uint32_t accent;        /* headings and rules, 0xRRGGBB */
    int columns;            /* body text in 1 or 2 columns */
    double column_gap;      /* points between two columns */
    int justify;            /* body text justified, else ragged right */
    int hyphenate;          /* hyphenate body text */
    int caption_below;      /* "Figur N: title" below, else above */
    int chapter_right;      /* chapters start on right-hand pages */
    const char *hyphen_words;   /* the exception list; none when NULL or
                                 * when the file does not exist */
    const char *hyphen_log;     /* where to list hyphenated words, or NULL */
    const char *creator;        /* the PDF's Creator: what made it, with
                                   versions; NULL for "nokkel" */
    struct pdf_cache *cache;    /* layouts kept between builds, or NULL */
} pdf_style;

/*
 * Layouts of text kept from one pdf_write to the next (see
 * pdf_cache.c), for a caller that writes the same report again and
 * again. Set a style's cache to use it; free it with pdf_cache_free
 * after the last write. The output is the same with or without one.
 */
typedef struct pdf_cache pdf_cache;

pdf_cache *pdf_cache_new(void);
void pdf_cache_free(pdf_cache *c);

/* Fills style with the defaults: A4, 25 mm top and bottom and 22 mm side
 * margins, Noto Serif 10/14 pt body, Noto Sans headings (chapter 20 pt,
 * section 13 pt), 8.5 pt captions and tables, 8 pt foot, a dark blue
 * accent, one column, ragged right and hyphenated, numbered titles above
 * figures and tables, chapters on any page and date 0; the caller sets
 * date, e.g. from SOURCE_DATE_EPOCH. */
void pdf_style_default(pdf_style *style);

/*
 * Checks that every family of a font list ("Noto Serif" or "Noto Serif,
 * serif") is installed, so a misspelt or missing font is not replaced
 * silently. Generic names (serif, sans-serif, monospace) pass. Returns
 * 0, or -1 and sets *err with a "did you mean".
 */
int pdf_font_check(const char *families, char **err);

/*
 * Lays doc, its title page and every chart of charts out as pdf_write
 * does, drawing and writing nothing, for nokkel check: it gives the
 * warnings a build gives (characters no font has, in text or in a
 * chart's labels) and fails where a build's layout would (a chart too
 * small for its labels). Returns 0, or -1 and sets *err (caller frees).
 */
int pdf_check(xmlDocPtr doc, const chart_set *charts, const pdf_style *style,
              char **err);

/*
 * Writes doc as a PDF at path (the caller handles temporary names), and
 * with style->hyphen_log set, the words broken at line ends, one a line
 * as "side N: forsknings-aktivitet". Figures are numbered "Figur N:" and
 * tables "Tabell N:" in document order. Returns 0, or -1 and sets *err
 * (caller frees).
 */
int pdf_write(xmlDocPtr doc, const chart_set *charts, const pdf_style *style,
              const char *path, char **err);

#endif
