/*
 * Tests of the PDF writer: the report fixture (tests/unit/pdf/report.xml,
 * several pages with a figure, lists, a sidebar and a 60-row table) is
 * written to a temporary folder and inspected with poppler's pdftotext,
 * pdffonts and pdfinfo; bad documents must fail with clear messages.
 * The page breaker is tested alone on blocks made by hand.
 *
 * With NOKKEL_PDF_PREVIEW set to a file name, the report is also
 * written there for a person to look at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "chart.h"
#include "check.h"
#include "pdf.h"
#include "pdf_int.h"

static char tmp_dir[] = "/tmp/test_pdf_XXXXXX";

/* Returns the whole output of a shell command; the caller frees it. */
static char *run(const char *fmt, const char *arg)
{
    char cmd[1024];
    size_t n = 0, cap = 4096, got;
    char *out = malloc(cap);
    FILE *f;

    snprintf(cmd, sizeof cmd, fmt, arg);
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

/* Returns whether the n bytes at buf hold the string part. */
static int has_bytes(const char *buf, size_t n, const char *part)
{
    size_t len = strlen(part);

    for (size_t i = 0; i + len <= n; i++)
        if (memcmp(buf + i, part, len) == 0)
            return 1;
    return 0;
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
    free(info);
    free(tree);
}

/* The same document and date give the same bytes; the bookmarks are
 * there, sections under chapters. */
static void check_identical(const char *a, const char *b)
{
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);

    CHECK(x && y);
    CHECK(x && has_bytes(x, na, "/Type /Outlines"));
    CHECK(x && has_bytes(x, na, "/Title (Vitenskapelige artikler)"));
    CHECK(x && has_bytes(x, na, "/Title (Innovasjon)"));
    CHECK(na > 10000 && na == nb);
    CHECK(x && y && na == nb && memcmp(x, y, na) == 0);
    free(x);
    free(y);
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
                   "error while writing to output stream");
    free(err);
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
    pdf_flow(&d, 0, d.nblock);
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
    pdf_flow(&d, 0, d.nblock);

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
    pdf_flow(&d, 0, d.nblock);

    CHECK(d.nplace == 3);
    if (d.nplace == 3) {
        check_place(&d.place[0], 1, 0, 0, 6);
        check_place(&d.place[1], 2, 0, 6, 11);
        check_place(&d.place[2], 3, 0, 11, 15);
        CHECK(!d.place[0].repeat && d.place[1].repeat && d.place[2].repeat);
    }
    flow_free(&d);
}

int main(void)
{
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_style_default();
    test_flow_widows();
    test_flow_keep_heading();
    test_flow_table();
    test_report();
    test_no_chart();
    test_bad_documents();
    test_bad_tables();
    test_paths();
    rmdir(tmp_dir);
    xmlCleanupParser();
    return check_failures();
}
