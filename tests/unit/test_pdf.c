/*
 * Tests of the PDF writer: the report fixture (tests/unit/pdf/report.xml,
 * several pages with a figure, lists, a sidebar, a 60-row table and a
 * table of decimals) is written to a temporary folder and inspected
 * with poppler's pdftotext, pdffonts and pdfinfo, and with libqpdf for
 * the catalog, the outline and the structure tree. Generated books
 * check the table of contents against the pages and a 200-row table
 * against its header. Bad documents must fail with clear messages. The
 * page breaker is tested alone on blocks made by hand.
 *
 * With NOKKEL_PDF_PREVIEW set to a file name, the report is also
 * written there for a person to look at.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <qpdf/qpdf-c.h>

#include "chart.h"
#include "check.h"
#include "pdf.h"
#include "pdf_int.h"

static char tmp_dir[] = "/tmp/test_pdf_XXXXXX";

/* Returns the whole output of a shell command made from fmt and its
 * arguments; the caller frees it. */
static char *run(const char *fmt, ...)
{
    char cmd[1024];
    size_t n = 0, cap = 4096, got;
    char *out = malloc(cap);
    va_list ap;
    FILE *f;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    f = popen(cmd, "r");
    if (!f) {
        out[0] = '\0';
        return out;
    }
    while ((got = fread(out + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2048)
            out = realloc(out, cap *= 2);
    }
    out[n] = '\0';
    pclose(f);
    return out;
}

/* Turns line ends and no-break spaces into spaces and drops soft
 * hyphens, in place, so that text from pdftotext can be searched for
 * phrases. Form feeds between pages stay. */
static void normalise(char *s)
{
    char *w = s;

    for (; *s; s++) {
        if (*s == '\n') {
            *w++ = ' ';
        } else if ((unsigned char)s[0] == 0xc2
                   && (unsigned char)s[1] == 0xa0) {
            *w++ = ' ';
            s++;
        } else if ((unsigned char)s[0] == 0xc2
                   && (unsigned char)s[1] == 0xad) {
            s++;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
}

static long count(const char *s, const char *part)
{
    long n = 0;

    while ((s = strstr(s, part))) {
        n++;
        s += strlen(part);
    }
    return n;
}

/* Returns the number of pages (separated by form feeds) holding part. */
static int pages_with(const char *text, const char *part)
{
    const char *page = text, *end;
    char *copy;
    int n = 0;

    while (*page) {
        end = strchr(page, '\f');
        if (!end)
            end = page + strlen(page);
        copy = strndup(page, (size_t)(end - page));
        n += strstr(copy, part) != NULL;
        free(copy);
        page = *end ? end + 1 : end;
    }
    return n;
}

/* Returns the bytes of a file and sets *n; the caller frees them. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    *n = 0;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    buf = malloc((size_t)len + 1);
    *n = fread(buf, 1, (size_t)len, f);
    fclose(f);
    return buf;
}

/* Returns a set holding one small bar chart for the fixture's figure. */
static chart_set charts_make(void)
{
    static const char *const years[] = {"2023", "2024", "2025"};
    static const double values[] = {512, 547, 589};
    chart_set set = {0};
    chart_spec *spec = chart_spec_new();

    spec->id = strdup("fig-doktorgrader");
    spec->kind = CHART_BAR;
    spec->unit = strdup("Antall");
    spec->value_labels = 1;
    chart_spec_set_categories(spec, years, 3);
    chart_spec_add_series(spec, "Doktorgrader", values, CHART_AUTO_COLOR);
    chart_set_add(&set, spec);
    return set;
}

static void style_make(pdf_style *style)
{
    pdf_style_default(style);
    style->date = 1748736000; /* 2025-06-01T00:00:00Z */
}

static void test_style_default(void)
{
    pdf_style s;

    pdf_style_default(&s);
    CHECK(s.page_width > 595 && s.page_width < 596);
    CHECK(s.page_height > 841 && s.page_height < 842);
    CHECK_STR(s.font, "Noto Serif");
    CHECK_STR(s.heading_font, "Noto Sans");
    CHECK(s.body_size == 10 && s.line_height == 14);
    CHECK(s.chapter_size == 20 && s.section_size == 13);
    CHECK(s.caption_size == 8.5 && s.table_size == 8.5);
    CHECK(s.margin_top > 70 && s.margin_top < 71);
    CHECK(s.margin_inner > 62 && s.margin_inner < 63);
    CHECK_STR(s.lang, "nb");
}

/* Writes the fixture and returns 0, or -1 after reporting why. */
static int write_report(xmlDocPtr doc, const chart_set *set,
                        const char *path)
{
    pdf_style style;
    char *err = NULL;

    style_make(&style);
    if (pdf_write(doc, set, &style, path, &err) == 0)
        return 0;
    fprintf(stderr, "pdf_write: %s\n", err ? err : "(no message)");
    free(err);
    check_failed++;
    return -1;
}

static void check_text(const char *path)
{
    char *text = run("pdftotext -enc UTF-8 '%s' -", path);

    normalise(text);
    CHECK_HAS(text, "Nasjonale nøkkeltall");
    CHECK_HAS(text, "Innhold");
    CHECK_HAS(text, "Figur 1:");
    CHECK_HAS(text, "Tabell 1:");
    CHECK_HAS(text, "13 783");
    CHECK_HAS(text, "Tabell 2: Andel av ressursbruken per region");
    CHECK_HAS(text, "Kilde: NIFU");
    CHECK_HAS(text, "Tabell 1: Inklusjon av pasienter i kliniske "
                    "behandlingsstudier (forts.)");
    CHECK_HAS(text, "2020 (497 studier)");
    CHECK_HAS(text, "står i figur 1, og");
    CHECK_HAS(text, "står i tabell 1. Om artikler, se Vitenskapelige");
    /* The header row repeats on the page the table runs onto. */
    CHECK(count(text, "Antall pasienter") >= 2);
    CHECK(pages_with(text, "Antall pasienter") >= 2);
    /* Running heads name the chapter on its later pages. */
    CHECK(pages_with(text, "Forskning") >= 3);
    free(text);
}

static void check_fonts(const char *path)
{
    char *fonts = run("pdffonts '%s'", path);
    char *line = strtok(fonts, "\n");
    int n = 0;

    for (; line; line = strtok(NULL, "\n")) {
        if (!strstr(line, "CID") && !strstr(line, "Type"))
            continue;
        if (strncmp(line, "name", 4) == 0)
            continue;
        n++;
        if (!strstr(line, " yes yes ") && !strstr(line, " yes no "))
            fprintf(stderr, "font not embedded: %s\n", line);
        CHECK(strstr(line, " yes yes ") || strstr(line, " yes no "));
    }
    CHECK(n >= 3);
    free(fonts);
}

static void check_info(const char *path)
{
    char *info = run("pdfinfo '%s'", path);
    char *tree = run("pdfinfo -struct '%s'", path);
    const char *pages = strstr(info, "Pages:");

    CHECK_HAS(info, "Tagged:          yes");
    CHECK_HAS(info, "Title:           Nasjonale nøkkeltall");
    CHECK_HAS(info, "Creator:         nokkel");
    CHECK_HAS(info, "Author:          Helse Sør-Øst RHF, Helse Vest RHF, "
                    "Helse Midt-Norge RHF, Helse Nord RHF");
    CHECK_HAS(info, "Keywords:        forskning, innovasjon, "
                    "spesialisthelsetjenesten");
    CHECK_HAS(info, "CreationDate:    Sun Jun  1 00:00:00 2025 UTC");
    CHECK_HAS(info, "Page size:       595.28 x 841.89 pts (A4)");
    CHECK(pages && atoi(pages + 6) > 2);
    CHECK_HAS(tree, "Document");
    CHECK_HAS(tree, "H1");
    CHECK_HAS(tree, "H2");
    CHECK_HAS(tree, "TOCI");
    CHECK_HAS(tree, "Figure");
    CHECK_HAS(tree, "Table");
    CHECK_HAS(tree, "TH");
    CHECK_HAS(tree, "TD");
    CHECK_HAS(tree, "LI");
    CHECK_HAS(tree, "Lbl");
    CHECK_HAS(tree, "LBody");
    CHECK_HAS(tree, "Caption");
    CHECK_HAS(tree, "Link");
    CHECK(strstr(tree, "Private") == NULL);
    free(info);
    free(tree);
}

/* The same document and date give the same bytes. */
static void check_identical(const char *a, const char *b)
{
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);

    CHECK(x && y);
    CHECK(na > 10000 && na == nb);
    CHECK(x && y && na == nb && memcmp(x, y, na) == 0);
    free(x);
    free(y);
}

/* Opens path with libqpdf; NULL after counting a failure. */
static qpdf_data qpdf_open(const char *path)
{
    qpdf_data q = qpdf_init();

    qpdf_silence_errors(q);
    if (qpdf_read(q, path, NULL) & QPDF_ERRORS) {
        fprintf(stderr, "qpdf cannot read %s\n", path);
        check_failed++;
        qpdf_cleanup(&q);
        return NULL;
    }
    return q;
}

/* Returns the text of string key of oh, "" when it has none; valid
 * until the next call. */
static const char *key_text(qpdf_data q, qpdf_oh oh, const char *key)
{
    qpdf_oh v = qpdf_oh_get_key(q, oh, key);

    return qpdf_oh_is_string(q, v) ? qpdf_oh_get_utf8_value(q, v) : "";
}

/* Appends the titles of the outline items from item on, one a line,
 * indented by level. */
static void outline_titles(qpdf_data q, qpdf_oh item, int level,
                           GString *out)
{
    for (; qpdf_oh_is_dictionary(q, item);
         item = qpdf_oh_get_key(q, item, "/Next")) {
        g_string_append_printf(out, "%*s%s\n", 2 * level, "",
                               key_text(q, item, "/Title"));
        outline_titles(q, qpdf_oh_get_key(q, item, "/First"), level + 1,
                       out);
    }
}

/* Appends the names of the named destinations, one a line. */
static void dest_names(qpdf_data q, qpdf_oh root, GString *out)
{
    qpdf_oh names = qpdf_oh_get_key(
        q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/Names"), "/Dests"),
        "/Names");
    int i, n = qpdf_oh_is_array(q, names)
                   ? qpdf_oh_get_array_n_items(q, names)
                   : 0;

    for (i = 0; i < n; i += 2)
        g_string_append_printf(
            out, "%s\n",
            qpdf_oh_get_utf8_value(q, qpdf_oh_get_array_item(q, names, i)));
}

/* The catalog says the language and asks for the title in the window;
 * the outline holds every chapter with its sections; every chapter,
 * section, figure and table is a named destination for links. */
static void check_catalog(const char *path)
{
    qpdf_data q = qpdf_open(path);
    qpdf_oh root, prefs;
    QPDF_BOOL shown = QPDF_FALSE;
    GString *titles;

    if (!q)
        return;
    titles = g_string_new(NULL);
    root = qpdf_get_root(q);
    CHECK_STR(key_text(q, root, "/Lang"), "nb-NO");
    prefs = qpdf_oh_get_key(q, root, "/ViewerPreferences");
    CHECK(qpdf_oh_get_value_as_bool(
              q, qpdf_oh_get_key(q, prefs, "/DisplayDocTitle"), &shown)
          && shown);
    outline_titles(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root,
                                                         "/Outlines"),
                                      "/First"),
                   0, titles);
    CHECK_STR(titles->str, "Forskning\n"
                           "  Indikatorer i nasjonalt målesystem\n"
                           "    Vitenskapelige artikler\n"
                           "  Kliniske behandlingsstudier\n"
                           "Innovasjon\n"
                           "  Innovasjonsprosjekter\n");
    g_string_truncate(titles, 0);
    dest_names(q, root, titles);
    CHECK_STR(titles->str, "artikler\nfig-doktorgrader\nforskning\n"
                           "innovasjon\ninnovasjonsprosjekter\n"
                           "kliniske-studier\nmalesystem\ntab-andel\n"
                           "tab-kbs\n");
    g_string_free(titles, TRUE);
    qpdf_cleanup(&q);
}

/* What the structure tree holds: the alt text of each Figure in order,
 * how many TH cells lack a scope and how many Private elements are
 * left. */
typedef struct tree_facts {
    GString *alt;
    int th_unscoped, private_left, figures;
} tree_facts;

static void tree_walk(qpdf_data q, qpdf_oh elem, tree_facts *f)
{
    qpdf_oh k = qpdf_oh_get_key(q, elem, "/K"), kid;
    int i, n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;

    for (i = 0; i < n; i++) {
        kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
        if (!qpdf_oh_is_dictionary(q, kid) || !qpdf_oh_has_key(q, kid, "/S"))
            continue;
        if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, kid, "/S"),
                                       "/Figure")) {
            f->figures++;
            g_string_append_printf(f->alt, "%s\n",
                                   key_text(q, kid, "/Alt"));
        }
        if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, kid, "/S"),
                                       "/TH"))
            f->th_unscoped += !qpdf_oh_is_name_and_equals(
                q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, kid, "/A"),
                                   "/Scope"),
                "/Column");
        f->private_left += qpdf_oh_is_name_and_equals(
            q, qpdf_oh_get_key(q, kid, "/S"), "/Private");
        tree_walk(q, kid, f);
    }
}

/* Returns how many times part occurs in the content of the pages. */
static int content_count(qpdf_data q, const char *part)
{
    unsigned char *buf;
    size_t len, i, k = strlen(part);
    int n = 0, p;

    for (p = 0; p < qpdf_get_num_pages(q); p++) {
        if (qpdf_oh_get_page_content_data(q, qpdf_get_page_n(q, (size_t)p),
                                          &buf, &len) & QPDF_ERRORS)
            continue;
        for (i = 0; i + k <= len; i++)
            n += memcmp(buf + i, part, k) == 0;
        free(buf);
    }
    return n;
}

/* Returns how many pages have links but not the structure's tab
 * order. */
static int pages_untabbed(qpdf_data q)
{
    qpdf_oh page;
    int p, n = 0;

    for (p = 0; p < qpdf_get_num_pages(q); p++) {
        page = qpdf_get_page_n(q, (size_t)p);
        n += qpdf_oh_has_key(q, page, "/Annots")
             && !qpdf_oh_is_name_and_equals(
                 q, qpdf_oh_get_key(q, page, "/Tabs"), "/S");
    }
    return n;
}

/* Every Figure has its alt text, every header cell its scope, pages
 * with links tab in structure order, and the decoration is artifacts,
 * none of it left in the tree. */
static void check_structure(const char *path)
{
    qpdf_data q = qpdf_open(path);
    tree_facts f = {NULL, 0, 0, 0};

    if (!q)
        return;
    f.alt = g_string_new(NULL);
    tree_walk(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot"),
              &f);
    CHECK(f.figures == 1);
    CHECK_STR(f.alt->str, "Søylediagram over avlagte doktorgrader i tre "
                          "år.\n");
    CHECK(f.th_unscoped == 0);
    CHECK(f.private_left == 0);
    CHECK(content_count(q, "/Artifact BMC") > 20);
    CHECK(content_count(q, "/Private") == 0);
    CHECK(pages_untabbed(q) == 0);
    g_string_free(f.alt, TRUE);
    qpdf_cleanup(&q);
}

/* Returns the right edge of the first word of the -bbox output that is
 * text, or -1. */
static double word_right(const char *bbox, const char *text)
{
    char want[64];
    const char *w;

    snprintf(want, sizeof want, ">%s</word>", text);
    w = strstr(bbox, want);
    while (w && w > bbox && strncmp(w, "<word", 5) != 0)
        w--;
    w = w ? strstr(w, "xMax=\"") : NULL;
    return w ? atof(w + 6) : -1;
}

/* In a right-aligned column, numbers line up on the decimal comma: a
 * whole number ends left of a decimal one by the width of ",25". */
static void check_decimals(const char *path)
{
    char *bbox = run("pdftotext -bbox '%s' -", path);
    double whole = word_right(bbox, "612");
    double decimal = word_right(bbox, "398,5");
    double two = word_right(bbox, "264,3");
    double longest = word_right(bbox, "1 845,25");

    if (longest < 0)
        longest = word_right(bbox, "845,25");
    CHECK(whole > 0 && decimal > 0 && longest > 0);
    CHECK(decimal - whole > 4 && decimal - whole < 9);
    CHECK(decimal > two - 0.01 && decimal < two + 0.01);
    CHECK(longest - decimal > 2 && longest - decimal < 6);
    free(bbox);
}

static void test_report(void)
{
    xmlDocPtr doc = xmlReadFile("pdf/report.xml", NULL, XML_PARSE_NONET);
    chart_set set = charts_make();
    char a[256], b[256];

    CHECK(doc != NULL);
    if (!doc)
        return;
    snprintf(a, sizeof a, "%s/a.pdf", tmp_dir);
    snprintf(b, sizeof b, "%s/b.pdf", tmp_dir);
    if (write_report(doc, &set, a) == 0 && write_report(doc, &set, b) == 0) {
        check_text(a);
        check_fonts(a);
        check_info(a);
        check_catalog(a);
        check_structure(a);
        check_decimals(a);
        check_identical(a, b);
    }
    remove(a);
    remove(b);
    if (getenv("NOKKEL_PDF_PREVIEW"))
        write_report(doc, &set, getenv("NOKKEL_PDF_PREVIEW"));
    chart_set_clear(&set);
    xmlFreeDoc(doc);
}

/* Writes doc to the temporary folder and returns the error message,
 * or NULL when the write succeeded; the caller frees it. */
static char *write_error(xmlDocPtr doc, const chart_set *set,
                         const char *path)
{
    pdf_style style;
    char *err = NULL;

    style_make(&style);
    if (pdf_write(doc, set, &style, path, &err) == 0) {
        free(err);
        err = NULL;
    } else if (!err) {
        err = strdup("(failed without a message)");
    }
    return err;
}

static void test_no_chart(void)
{
    xmlDocPtr doc = xmlReadFile("pdf/report.xml", NULL, XML_PARSE_NONET);
    chart_set empty = {0};
    char path[256];
    char *err;

    snprintf(path, sizeof path, "%s/no-chart.pdf", tmp_dir);
    err = write_error(doc, &empty, path);
    CHECK_STR(err, "figure fig-doktorgrader: no chart");
    free(err);
    remove(path);
    xmlFreeDoc(doc);
}

#define BOOK_START                                                         \
    "<book xmlns='http://docbook.org/ns/docbook' version='5.0'>"           \
    "<info><title>T</title></info>"                                        \
    "<chapter xml:id='k'><title>K</title>"

/* Parses a small book whose chapter holds body and returns the error
 * pdf_write gives it (NULL when none); the caller frees it. */
static char *small_error(const char *body)
{
    char xml[2048];
    char path[256];
    xmlDocPtr doc;
    char *err;

    snprintf(xml, sizeof xml, "%s%s</chapter></book>", BOOK_START, body);
    doc = xmlReadMemory(xml, (int)strlen(xml), "small.xml", NULL, 0);
    if (!doc)
        return strdup("(fixture does not parse)");
    snprintf(path, sizeof path, "%s/small.pdf", tmp_dir);
    err = write_error(doc, NULL, path);
    remove(path);
    xmlFreeDoc(doc);
    return err;
}

static void test_bad_documents(void)
{
    char *err;

    err = small_error("<section xml:id='s'><title>S</title>"
                      "<blockquote><para>x</para></blockquote></section>");
    CHECK_STR(err, "pdf: element blockquote is not supported (in s)");
    free(err);

    err = small_error("<para>Se <link xlink:href='x' "
                      "xmlns:xlink='http://www.w3.org/1999/xlink'>her"
                      "</link>.</para>");
    CHECK_STR(err, "pdf: element link is not supported (in k)");
    free(err);

    err = small_error("<para>Se <xref linkend='nope'/>.</para>");
    CHECK_STR(err, "pdf: xref to unknown id \"nope\" (in k)");
    free(err);

    err = small_error("Løs tekst<para>x</para>");
    CHECK_STR(err, "pdf: text outside a para (in k)");
    free(err);

    err = small_error("<section><para>x</para></section>");
    CHECK_STR(err, "pdf: section has no title (in k)");
    free(err);

    err = small_error("<itemizedlist><listitem><itemizedlist><listitem>"
                      "<para>x</para></listitem></itemizedlist></listitem>"
                      "</itemizedlist>");
    CHECK_STR(err, "pdf: a listitem must start with a para (in k)");
    free(err);

    err = small_error("<figure><title>F</title></figure>");
    CHECK_STR(err, "pdf: a figure has no xml:id (in k)");
    free(err);
}

static void test_bad_tables(void)
{
    char *err;

    err = small_error("<table xml:id='t'><title>T</title><tgroup cols='2'>"
                      "<tbody><row><entry>1</entry><entry>2</entry>"
                      "<entry>3</entry></row></tbody></tgroup></table>");
    CHECK_STR(err, "pdf: table t: a row has more entries than cols");
    free(err);

    err = small_error("<table xml:id='t'><title>T</title><tgroup cols='x'>"
                      "<tbody><row><entry>1</entry></row></tbody></tgroup>"
                      "</table>");
    CHECK_STR(err, "pdf: table t: tgroup cols must be a number 1 to 100");
    free(err);

    err = small_error("<table xml:id='t'><title>T</title><tgroup cols='2'>"
                      "<tbody><row><entry namest='a' nameend='b'>1</entry>"
                      "</row></tbody></tgroup></table>");
    CHECK_STR(err, "pdf: table t: spanning entries are not supported");
    free(err);

    err = small_error("<table xml:id='t'><title>T</title><tgroup cols='1'>"
                      "<tbody><row><entry>1</entry></row></tbody>"
                      "<tfoot><row><entry>2</entry></row></tfoot>"
                      "</tgroup></table>");
    CHECK_STR(err, "pdf: element tfoot is not supported (in t)");
    free(err);
}

/* A small document that is fine writes; an unwritable path gives
 * cairo's reason with the path. */
static void test_paths(void)
{
    xmlDocPtr doc = xmlReadFile("pdf/report.xml", NULL, XML_PARSE_NONET);
    chart_set set = charts_make();
    char *err;

    err = small_error("<para>Bare én setning.</para>");
    CHECK(err == NULL);
    free(err);

    err = write_error(doc, &set, "/nonexistent-dir/x.pdf");
    CHECK_STR(err, "/nonexistent-dir/x.pdf: cannot write PDF: "
                   "No such file or directory");
    free(err);
    chart_set_clear(&set);
    xmlFreeDoc(doc);
}

/* A paragraph of body text for generated books. */
#define FILLER                                                             \
    "<para>Helseforetakene rapporterer hvert år om forskningsaktiviteten, " \
    "og tallene viser hvordan ressursene fordeles mellom regionene. "      \
    "Brukermedvirkning og personellbesparende tiltak er viktige tema i "   \
    "spesialisthelsetjenesten, og kjønnsspesifikk forskning får mer "      \
    "oppmerksomhet enn før. Resultatene brukes i den nasjonale "           \
    "styringen.</para>"

#define BOOK_HEAD                                                          \
    "<book xmlns='http://docbook.org/ns/docbook' version='5.0' "          \
    "xml:lang='nb'><info><title>Prøvebok</title></info>"

/* Writes the book in xml with style to name in the temporary folder,
 * whose path goes to path. Returns 0, or -1 after counting a failure. */
static int write_book(const GString *xml, const pdf_style *style,
                      const char *name, char *path, size_t size)
{
    xmlDocPtr doc = xmlReadMemory(xml->str, (int)xml->len, name, NULL, 0);
    char *err = NULL;
    int rc;

    snprintf(path, size, "%s/%s", tmp_dir, name);
    if (!doc) {
        fprintf(stderr, "%s does not parse\n", name);
        check_failed++;
        return -1;
    }
    rc = pdf_write(doc, NULL, style, path, &err);
    if (rc < 0) {
        fprintf(stderr, "pdf_write %s: %s\n", name, err);
        check_failed++;
    }
    free(err);
    xmlFreeDoc(doc);
    return rc;
}

/* Returns a book of five chapters of three sections each, of different
 * lengths so that they start at varied places. */
static GString *toc_book(void)
{
    static const char *const topic[] = {"forskning", "kvinnehelse",
                                        "psykisk helse", "innovasjon",
                                        "brukermedvirkning"};
    GString *x = g_string_new(BOOK_HEAD);
    int c, k, p;

    for (c = 1; c <= 5; c++) {
        g_string_append_printf(x, "<chapter xml:id='k%d'><title>Kapittel "
                               "%d om %s</title>" FILLER, c, c,
                               topic[c - 1]);
        for (k = 1; k <= 3; k++) {
            g_string_append_printf(x, "<section xml:id='k%ds%d'><title>Del "
                                   "%d.%d om målingene</title>",
                                   c, k, c, k);
            for (p = 0; p < (c * 7 + k * 3) % 9 + 2; p++)
                g_string_append(x, FILLER);
            g_string_append(x, "</section>");
        }
        g_string_append(x, "</chapter>");
    }
    g_string_append(x, "</book>");
    return x;
}

/* Splits the text of a whole document at its form feeds into at most
 * max pages, normalised; returns how many. */
static int split_pages(char *text, char **page, int max)
{
    int n = 0;
    char *ff;

    normalise(text);
    while (*text && n < max) {
        page[n++] = text;
        ff = strchr(text, '\f');
        if (!ff)
            break;
        *ff = '\0';
        text = ff + 1;
    }
    return n;
}

/* A contents entry: the title and the page number printed for it. */
typedef struct toc_line {
    char title[128];
    int page;
} toc_line;

/* Reads the entries of the contents page from pdftotext -layout: a
 * title, a run of spaces (the leaders are drawn, not text) and a
 * number. Returns how many. */
static int toc_read(char *text, toc_line *toc, int max)
{
    char *line = strtok(text, "\n"), *end, *gap;
    int n = 0;

    for (; line && n < max; line = strtok(NULL, "\n")) {
        end = line + strlen(line);
        while (end > line && end[-1] == ' ')
            *--end = '\0';
        while (end > line && end[-1] >= '0' && end[-1] <= '9')
            end--;
        gap = end;
        while (gap > line && gap[-1] == ' ')
            gap--;
        while (*line == ' ')
            line++;
        if (!*end || end - gap < 2 || gap <= line)
            continue;
        snprintf(toc[n].title, sizeof toc[n].title, "%.*s",
                 (int)(gap - line), line);
        toc[n++].page = atoi(end);
    }
    return n;
}

/* Returns the number of the page (from 1) that holds "Innhold", or 0. */
static int toc_page(char **page, int npages)
{
    for (int i = 0; i < npages; i++)
        if (strstr(page[i], "Innhold"))
            return i + 1;
    return 0;
}

/* For every entry of the contents, the page number it shows is the page
 * where pdftotext -f N -l N finds the heading, and no page between the
 * contents and that one has it. Returns the entries read. */
static int check_toc(const char *path, toc_line *toc, int max)
{
    char *all = run("pdftotext -enc UTF-8 '%s' -", path), *page[200];
    char *text, *one;
    int npages = split_pages(all, page, 200), at = toc_page(page, npages);
    int n, i, p;

    CHECK(at > 0);
    text = run("pdftotext -enc UTF-8 -layout -f %d -l %d '%s' -", at, at,
               path);
    n = toc_read(text, toc, max);
    for (i = 0; i < n; i++) {
        one = run("pdftotext -enc UTF-8 -f %d -l %d '%s' -", toc[i].page,
                  toc[i].page, path);
        normalise(one);
        if (!strstr(one, toc[i].title))
            fprintf(stderr, "  \"%s\" is not on page %d\n", toc[i].title,
                    toc[i].page);
        CHECK(strstr(one, toc[i].title) != NULL);
        for (p = at; p < toc[i].page - 1 && p < npages; p++)
            CHECK(strstr(page[p], toc[i].title) == NULL);
        free(one);
    }
    free(text);
    free(all);
    return n;
}

static void test_toc(void)
{
    GString *xml = toc_book();
    toc_line toc[64];
    pdf_style style;
    char path[256];
    int n;

    style_make(&style);
    if (write_book(xml, &style, "toc.pdf", path, sizeof path) == 0) {
        n = check_toc(path, toc, 64);
        CHECK(n == 20);
        CHECK(n == 20 && strcmp(toc[0].title, "Kapittel 1 om forskning") == 0
              && toc[0].page == 3);
        CHECK(n == 20 && toc[19].page > 10);
    }
    remove(path);
    g_string_free(xml, TRUE);
}

/* Returns a book whose one chapter holds a table of 200 rows with a
 * decimal column. */
static GString *long_table_book(void)
{
    GString *x = g_string_new(BOOK_HEAD "<chapter xml:id='k'><title>Lang "
                              "tabell</title>" FILLER "<table xml:id='t'>"
                              "<title>Pasienter per rad</title>"
                              "<tgroup cols='3'><colspec colname='a'/>"
                              "<colspec colname='b' align='right'/>"
                              "<colspec colname='c' align='right'/>"
                              "<thead><row><entry>Løpenummer</entry>"
                              "<entry>Antall pasienter</entry>"
                              "<entry>Andel</entry></row>"
                              "</thead><tbody>");
    int r;

    for (r = 1; r <= 200; r++)
        g_string_append_printf(x, "<row><entry>Rad %03d</entry><entry>%d"
                               "\u00a0%03d</entry><entry>%d,%d %%</entry>"
                               "</row>", r, r, 7 * r % 1000, r % 40,
                               r % 10);
    g_string_append(x, "</tbody></tgroup><caption><para>Rader til prøve."
                       "</para></caption></table></chapter></book>");
    return x;
}

/* The 200 rows span pages; on each of them the header row comes before
 * the first row, under the continued title; every row is there once. */
static void test_long_table(void)
{
    GString *xml = long_table_book();
    char path[256], *text, *head, *row;
    int p, pages = 0, rows = 0, npages;
    pdf_style style;
    char *all, *page[64];

    style_make(&style);
    if (write_book(xml, &style, "long.pdf", path, sizeof path) == 0) {
        all = run("pdftotext -enc UTF-8 '%s' -", path);
        npages = split_pages(all, page, 64);
        for (p = 0; p < npages; p++) {
            if (!strstr(page[p], "Rad 0") && !strstr(page[p], "Rad 1")
                && !strstr(page[p], "Rad 2"))
                continue;
            text = run("pdftotext -enc UTF-8 -layout -f %d -l %d '%s' -",
                       p + 1, p + 1, path);
            head = strstr(text, "Antall pasienter");
            row = strstr(text, "Rad ");
            CHECK(head && row && head < row);
            if (pages > 0)
                CHECK_HAS(text, "Tabell 1: Pasienter per rad (forts.)");
            rows += (int)count(page[p], "Rad ");
            pages++;
            free(text);
        }
        CHECK(pages >= 4);
        CHECK(rows == 200);
        free(all);
    }
    remove(path);
    g_string_free(xml, TRUE);
}

/* The list of hyphenated words names words that are broken on the
 * page it gives, and every break it shows is one the PDF has. */
static void test_hyphen_log(void)
{
    GString *xml = toc_book();
    char path[256], log[256], line[256], word[128], *one;
    pdf_style style;
    FILE *f;
    int page, n = 0;

    style_make(&style);
    snprintf(log, sizeof log, "%s/orddeling.log", tmp_dir);
    style.hyphen_log = log;
    if (write_book(xml, &style, "hyph.pdf", path, sizeof path) == 0
        && (f = fopen(log, "r"))) {
        while (fgets(line, sizeof line, f)) {
            CHECK(sscanf(line, "side %d: %127s", &page, word) == 2);
            CHECK(strchr(word, '-') != NULL);
            one = run("pdftotext -enc UTF-8 -f %d -l %d '%s' -", page, page,
                      path);
            *strchr(word, '-') = '\0';
            CHECK_HAS(one, word);
            strcat(word, "\xc2\xad\n");
            CHECK_HAS(one, word);
            free(one);
            n++;
        }
        fclose(f);
    }
    CHECK(n >= 5);
    remove(log);
    remove(path);
    g_string_free(xml, TRUE);
}

/* Returns how many lines of the -bbox-layout blocks of a page, last
 * lines of blocks left out, end within 0.5 points of right, and sets *n
 * to how many such lines there are. */
static int lines_at_edge(const char *bbox, double right, int *n)
{
    const char *b = strstr(bbox, "<block"), *next, *l, *last;
    int at = 0;

    *n = 0;
    for (; b; b = next) {
        next = strstr(b + 1, "<block");
        last = NULL;
        for (l = b; (l = strstr(l + 1, "<line ")) && (!next || l < next);)
            last = l;
        for (l = b; (l = strstr(l + 1, "<line ")) && l != last;) {
            (*n)++;
            at += fabs(atof(strstr(l, "xMax=\"") + 6) - right) < 0.5;
        }
    }
    return at;
}

/* Justified text ends most lines at the right margin, ragged text few;
 * two columns put text right of the middle; captions can go below;
 * chapters can start on right-hand pages, after a blank page. */
static void test_styles(void)
{
    GString *xml = toc_book();
    char path[256], *bbox, *text, *page[200];
    double right;
    pdf_style style;
    toc_line toc[64];
    int n, at, i, blank = 0, npages;

    style_make(&style);
    right = style.page_width - style.margin_outer;
    style.justify = 1;
    if (write_book(xml, &style, "justify.pdf", path, sizeof path) == 0) {
        bbox = run("pdftotext -bbox-layout -f 5 -l 5 '%s' -", path);
        at = lines_at_edge(bbox, right, &n);
        CHECK(n > 20 && at > n * 4 / 5);
        free(bbox);
    }
    remove(path);
    style.justify = 0;
    if (write_book(xml, &style, "ragged.pdf", path, sizeof path) == 0) {
        bbox = run("pdftotext -bbox-layout -f 5 -l 5 '%s' -", path);
        at = lines_at_edge(bbox, right, &n);
        CHECK(n > 20 && at < n / 4);
        free(bbox);
    }
    remove(path);

    style.columns = 2;
    style.chapter_right = 1;
    if (write_book(xml, &style, "columns.pdf", path, sizeof path) == 0) {
        bbox = run("pdftotext -bbox-layout -f 6 -l 6 '%s' -", path);
        CHECK(strstr(bbox, "<line xMin=\"3") != NULL);
        free(bbox);
        n = check_toc(path, toc, 64);
        CHECK(n == 20);
        for (i = 0; i < n; i++)
            if (strncmp(toc[i].title, "Kapittel", 8) == 0)
                CHECK(toc[i].page % 2 == 1);
        text = run("pdftotext -enc UTF-8 '%s' -", path);
        npages = split_pages(text, page, 200);
        for (i = 0; i < npages; i++)
            blank += strspn(page[i], " ") == strlen(page[i]);
        CHECK(blank >= 2);
        free(text);
    }
    remove(path);
    g_string_free(xml, TRUE);
}

/* With the numbered title set below, "Figur 1:" comes under the chart's
 * value labels. */
static void test_caption_below(void)
{
    xmlDocPtr doc = xmlReadFile("pdf/report.xml", NULL, XML_PARSE_NONET);
    chart_set set = charts_make();
    char path[256], *bbox, *fig, *value;
    pdf_style style;
    char *err = NULL;

    style_make(&style);
    style.caption_below = 1;
    snprintf(path, sizeof path, "%s/below.pdf", tmp_dir);
    CHECK(pdf_write(doc, &set, &style, path, &err) == 0);
    bbox = run("pdftotext -bbox -f 3 -l 3 '%s' -", path);
    fig = strstr(bbox, ">Figur</word>");
    value = strstr(bbox, ">589</word>");
    CHECK(fig && value && fig > value);
    free(bbox);
    free(err);
    remove(path);
    chart_set_clear(&set);
    xmlFreeDoc(doc);
}

/* Starts a document holding only what the flow reads: the text height,
 * the blocks and a title page. */
static void flow_doc(pdf_doc *d, double text_h)
{
    memset(d, 0, sizeof *d);
    d->text_h = text_h;
    pdf_page_add(d);
}

static void flow_free(pdf_doc *d)
{
    for (size_t i = 0; i < d->nblock; i++)
        pdf_block_clear(&d->block[i]);
    free(d->block);
    free(d->place);
    free(d->page);
}

/* Adds a paragraph of n lines 10 points apart, two lines kept on each
 * side of a break. */
static pdf_block *flow_lines(pdf_doc *d, size_t n)
{
    pdf_block *b = pdf_push(d, PDF_TEXT);

    pdf_units(b, n);
    for (size_t i = 0; i < n; i++)
        b->unit[i] = 10;
    b->keep[0] = 1;
    b->keep[n - 2] = 1;
    return b;
}

static void check_place(const pdf_place *p, int page, double y, size_t u0,
                        size_t u1)
{
    CHECK(p->page == page);
    CHECK(p->y > y - 0.001 && p->y < y + 0.001);
    CHECK(p->u0 == u0 && p->u1 == u1);
    if (p->page != page || p->u0 != u0 || p->u1 != u1)
        fprintf(stderr, "  got page %d y %g units %zu-%zu\n", p->page, p->y,
                p->u0, p->u1);
}

/* Nine lines on pages that hold four: 4, then 3 so that the last page
 * does not get a single line, then 2. */
static void test_flow_widows(void)
{
    pdf_doc d;

    flow_doc(&d, 45);
    flow_lines(&d, 9);
    pdf_flow(&d, 0, d.nblock, 1);
    CHECK(d.nplace == 3 && d.npage == 4);
    if (d.nplace == 3) {
        check_place(&d.place[0], 1, 0, 0, 4);
        check_place(&d.place[1], 2, 0, 4, 7);
        check_place(&d.place[2], 3, 0, 7, 9);
    }
    flow_free(&d);
}

/* A heading that would end a page moves to the next with the first two
 * lines of its paragraph; a list's markers pass their spacing on. */
static void test_flow_keep_heading(void)
{
    pdf_block *h;
    pdf_doc d;

    flow_doc(&d, 100);
    flow_lines(&d, 7)->after = 7;
    h = pdf_push(&d, PDF_TEXT);
    pdf_units(h, 1);
    h->unit[0] = 12;
    h->keep[0] = 1;
    h->keep_next = 1;
    h->before = 10;
    h->after = 4;
    pdf_push(&d, PDF_OPEN)->before = 6;
    flow_lines(&d, 4);
    pdf_flow(&d, 0, d.nblock, 1);

    CHECK(d.nplace == 4 && d.npage == 3);
    if (d.nplace == 4) {
        check_place(&d.place[0], 1, 0, 0, 7);
        check_place(&d.place[1], 2, 0, 0, 1);
        check_place(&d.place[3], 2, 18, 0, 4);
    }
    flow_free(&d);
}

/* A table of title, header, twelve rows and caption on pages of 60
 * points: the header repeats, two rows stay with the caption. */
static void test_flow_table(void)
{
    pdf_block *t;
    pdf_doc d;

    flow_doc(&d, 60);
    t = pdf_push(&d, PDF_TABLE_BLOCK);
    pdf_units(t, 15);
    for (size_t u = 0; u < 15; u++)
        t->unit[u] = 10;
    t->keep[0] = t->keep[1] = t->keep[2] = 1;
    t->keep[12] = t->keep[13] = 1;
    t->rep0 = 1;
    t->rep1 = 2;
    t->rep_h = 10;
    pdf_flow(&d, 0, d.nblock, 1);

    CHECK(d.nplace == 3);
    if (d.nplace == 3) {
        check_place(&d.place[0], 1, 0, 0, 6);
        check_place(&d.place[1], 2, 0, 6, 11);
        check_place(&d.place[2], 3, 0, 11, 15);
        CHECK(!d.place[0].repeat && d.place[1].repeat && d.place[2].repeat);
    }
    flow_free(&d);
}

/* In two columns a paragraph runs from the foot of the left column to
 * the top of the right one before it goes on to the next page. */
static void test_flow_columns(void)
{
    pdf_doc d;

    flow_doc(&d, 45);
    flow_lines(&d, 9);
    pdf_flow(&d, 0, d.nblock, 2);
    CHECK(d.nplace == 3 && d.npage == 3);
    if (d.nplace == 3) {
        check_place(&d.place[0], 1, 0, 0, 4);
        check_place(&d.place[1], 1, 0, 4, 7);
        check_place(&d.place[2], 2, 0, 7, 9);
        CHECK(d.place[0].col == 0 && d.place[1].col == 1
              && d.place[2].col == 0);
    }
    flow_free(&d);
}

/* A block that spans the columns sits on top; both columns start under
 * it and its space after. */
static void test_flow_span(void)
{
    pdf_block *h;
    pdf_doc d;

    flow_doc(&d, 45);
    h = pdf_push(&d, PDF_TEXT);
    pdf_units(h, 1);
    h->unit[0] = 20;
    h->after = 5;
    h->span = 1;
    flow_lines(&d, 6);
    pdf_flow(&d, 0, d.nblock, 2);
    CHECK(d.nplace >= 3);
    if (d.nplace >= 3) {
        check_place(&d.place[0], 1, 0, 0, 1);
        check_place(&d.place[1], 1, 25, 0, 2);
        check_place(&d.place[2], 1, 25, 2, 4);
        CHECK(d.place[1].col == 0 && d.place[2].col == 1);
    }
    flow_free(&d);
}

/* Chapters on right-hand pages: a blank page goes before a chapter that
 * would start on a left-hand (even) page. */
static void test_flow_right(void)
{
    pdf_style style;
    pdf_doc d;

    pdf_style_default(&style);
    style.chapter_right = 1;
    flow_doc(&d, 100);
    d.style = &style;
    pdf_push(&d, PDF_NEWPAGE);
    flow_lines(&d, 3);
    pdf_push(&d, PDF_NEWPAGE);
    flow_lines(&d, 3);
    pdf_flow(&d, 0, d.nblock, 1);
    CHECK(d.npage == 5 && d.nplace == 2);
    if (d.npage == 5 && d.nplace == 2) {
        CHECK(d.page[1].blank && !d.page[2].blank && d.page[3].blank);
        CHECK(d.place[0].page == 2 && d.place[1].page == 4);
    }
    flow_free(&d);
}

/* A font list passes when every family in it is installed or generic;
 * a misspelt family fails with the closest installed name. */
static void test_font_check(void)
{
    char *err = NULL;

    CHECK(pdf_font_check("Noto Serif", &err) == 0);
    CHECK(pdf_font_check("noto sans", &err) == 0);
    CHECK(pdf_font_check("Noto Serif, serif", &err) == 0);
    CHECK(pdf_font_check("Noto Serf", &err) == -1);
    CHECK_STR(err, "no font \"Noto Serf\" is installed (did you mean "
              "\"Noto Serif\"?); fc-list : family lists those that are");
    free(err);
    err = NULL;
    CHECK(pdf_font_check("Noto Sans, Ingen Slik Skrift", &err) == -1);
    CHECK_HAS(err, "no font \"Ingen Slik Skrift\" is installed");
    free(err);
}

int main(void)
{
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_style_default();
    test_font_check();
    test_flow_widows();
    test_flow_keep_heading();
    test_flow_table();
    test_flow_columns();
    test_flow_span();
    test_flow_right();
    test_report();
    test_toc();
    test_long_table();
    test_hyphen_log();
    test_styles();
    test_caption_below();
    test_no_chart();
    test_bad_documents();
    test_bad_tables();
    test_paths();
    rmdir(tmp_dir);
    xmlCleanupParser();
    return check_failures();
}
