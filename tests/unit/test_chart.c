/*
 * Tests of the charts: specs shaped like the report's figures and edge
 * cases, checked through the layout boxes (no overlaps, nothing outside
 * the chart, Norwegian numbers) and through the files written.
 *
 * With NOKKEL_CHART_PREVIEW set to a folder, every chart is also
 * written there as a PNG at scale 2, for a person to look at.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "chart.h"
#include "check.h"
#include "csvin.h"
#include "fmt.h"
#include "tbl.h"

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"

static char tmp_dir[] = "/tmp/test_chart_XXXXXX";

/* Returns a new spec with id, kind and the n categories. */
static chart_spec *spec_make(const char *id, chart_kind kind,
                             const char *const *cats, size_t n)
{
    chart_spec *spec = chart_spec_new();

    spec->id = strdup(id);
    spec->kind = kind;
    chart_spec_set_categories(spec, cats, n);
    return spec;
}

/* Fills years[] with "first", "first + 1", ... as strings in store. */
static void years_fill(const char **years, char (*store)[8], int first,
                       size_t n)
{
    for (size_t i = 0; i < n; i++) {
        snprintf(store[i], sizeof store[i], "%d", first + (int)i);
        years[i] = store[i];
    }
}

/* Returns whether the chart is a pie or a donut. */
static int is_pie(const chart_spec *spec)
{
    return spec->kind == CHART_PIE || spec->kind == CHART_DONUT;
}

/* Returns whether two boxes share more than a sliver of area. */
static int boxes_overlap(const chart_box *a, const chart_box *b)
{
    double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
    double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);

    return w > 1e-6 && h > 1e-6;
}

/* Returns whether a tick label is a number written the Norwegian table
 * way: U+2212 for minus, digits grouped by U+00A0 from four digits, a
 * comma for decimals, "%" after U+00A0 when percent. */
static int tick_is_norwegian(const char *s, int percent)
{
    size_t len = strlen(s), digits = 0;
    const char *end = s + len;

    if (percent) {
        if (len < 3 || strcmp(end - 3, NBSP "%") != 0)
            return 0;
        end -= 3;
    }
    if (strchr(s, '.') || strchr(s, ' '))
        return 0;
    if (strncmp(s, MINUS, 3) == 0)
        s += 3;
    for (const char *c = s; c < end && *c != ','; c++) {
        if (*c >= '0' && *c <= '9')
            digits++;
        else if (strncmp(c, NBSP, 2) == 0)
            c++;
        else
            return 0;
    }
    return digits < 4 || strstr(s, NBSP) != NULL;
}

/* Counts the boxes of a kind. */
static size_t boxes_count(const chart_box *b, size_t n, chart_box_kind kind)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        k += b[i].kind == kind;
    return k;
}

/* Returns the first box of a kind with the given text, or NULL. */
static const chart_box *boxes_find(const chart_box *b, size_t n,
                                   chart_box_kind kind, const char *text)
{
    for (size_t i = 0; i < n; i++)
        if (b[i].kind == kind && b[i].text && strcmp(b[i].text, text) == 0)
            return &b[i];
    return NULL;
}

/* Returns whether a box comes inside the disc that fills the square
 * plot p (a pie's). */
static int box_on_disc(const chart_box *p, const chart_box *b)
{
    double r = p->w / 2, cx = p->x + r, cy = p->y + r;
    double nx = fmax(b->x, fmin(cx, b->x + b->w));
    double ny = fmax(b->y, fmin(cy, b->y + b->h));

    return hypot(nx - cx, ny - cy) < r - 1e-6;
}

/* Returns whether a box lies wholly inside the disc of square plot p. */
static int box_in_disc(const chart_box *p, const chart_box *b)
{
    double r = p->w / 2, cx = p->x + r, cy = p->y + r;

    for (int k = 0; k < 4; k++)
        if (hypot(b->x + (k & 1) * b->w - cx, b->y + (k >> 1) * b->h - cy)
            > r + 1e-6)
            return 0;
    return 1;
}

/* Returns whether a label sits where it must not: on a plot, other than
 * a value label (on a pie: a value label wholly inside it). */
static int label_on_plot(const chart_spec *spec, const chart_box *plots,
                         size_t np, const chart_box *b)
{
    int pie = spec->kind == CHART_PIE || spec->kind == CHART_DONUT;

    for (size_t p = 0; p < np; p++) {
        if (pie && box_on_disc(&plots[p], b)
            && !(b->kind == CHART_BOX_VALUE && box_in_disc(&plots[p], b)))
            return 1;
        if (!pie && b->kind != CHART_BOX_VALUE
            && boxes_overlap(&plots[p], b))
            return 1;
    }
    return 0;
}

/*
 * Checks the ticks of every value axis: Norwegian numbers, in order
 * along the axis, min_ticks to 7 of them. The ticks of one axis come
 * together and line up (right edges, or tops across the bottom).
 */
static void check_axes(const chart_spec *spec, const chart_box *b, size_t n,
                       size_t min_ticks)
{
    int across = spec->kind == CHART_BAR && spec->horizontal;
    int percent = spec->percent || spec->normalized;
    const chart_box *prev = NULL;
    size_t count = 0, axes = 0;

    for (size_t i = 0; i <= n; i++) {
        int same = i < n && b[i].kind == CHART_BOX_TICK && prev
                   && (across ? fabs(prev->y - b[i].y) < 1e-6
                              : fabs(prev->x + prev->w - b[i].x - b[i].w)
                                    < 1e-6);

        if (prev && !same) {
            CHECK(count >= min_ticks && count <= 7);
            axes++;
            prev = NULL;
            count = 0;
        }
        if (i == n || b[i].kind != CHART_BOX_TICK)
            continue;
        if (!tick_is_norwegian(b[i].text, percent))
            fprintf(stderr, "%s: tick \"%s\"\n", spec->id, b[i].text);
        CHECK(tick_is_norwegian(b[i].text, percent));
        if (prev)
            CHECK(across ? b[i].x > prev->x : b[i].y < prev->y);
        prev = &b[i];
        count++;
    }
    CHECK(min_ticks == 0 || axes >= 1);
}

/*
 * Checks the layout rules every chart keeps: the plots first (one per
 * facet), every box inside the chart, no two labels overlapping, no
 * label but value labels on a plot, min_ticks to 7 Norwegian tick
 * labels in order on each axis.
 */
static void check_layout(const chart_spec *spec, const chart_box *b,
                         size_t n, size_t min_ticks)
{
    size_t np = 0;

    while (np < n && b[np].kind == CHART_BOX_PLOT)
        np++;
    CHECK(np == (spec->nfacets ? spec->nfacets : 1) && n >= np);
    for (size_t p = 0; p < np; p++)
        CHECK(!b[p].text && b[p].w >= 24 && b[p].h >= 24);
    for (size_t i = 0; i < n; i++) {
        CHECK(b[i].x >= 0 && b[i].y >= 0);
        CHECK(b[i].x + b[i].w <= spec->width + 1e-9);
        CHECK(b[i].y + b[i].h <= spec->height + 1e-9);
        if (i < np)
            continue;
        CHECK(b[i].kind != CHART_BOX_PLOT && b[i].text);
        for (size_t j = np; j < i; j++)
            if (boxes_overlap(&b[i], &b[j])) {
                fprintf(stderr, "%s: \"%s\" overlaps \"%s\"\n", spec->id,
                        b[i].text, b[j].text);
                CHECK(0);
            }
        if (label_on_plot(spec, b, np, &b[i])) {
            fprintf(stderr, "%s: \"%s\" is on the plot\n", spec->id,
                    b[i].text);
            CHECK(0);
        }
    }
    check_axes(spec, b, n, min_ticks);
}

/* Returns the file's size, or -1 when it is missing. */
static long file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Returns whether two files hold the same bytes. */
static int files_same(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;

    while (same) {
        int ca = getc(fa), cb = getc(fb);

        same = ca == cb;
        if (ca == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* Writes spec as PNG and twice as SVG into the temporary folder, checks
 * the files, and writes a preview when asked to. */
static void check_files(const chart_spec *spec)
{
    char png[256], svg[256], svg2[256];
    const char *preview = getenv("NOKKEL_CHART_PREVIEW");
    char *err = NULL;

    snprintf(png, sizeof png, "%s/%s.png", tmp_dir, spec->id);
    snprintf(svg, sizeof svg, "%s/%s.svg", tmp_dir, spec->id);
    snprintf(svg2, sizeof svg2, "%s/%s-2.svg", tmp_dir, spec->id);
    CHECK(chart_write_png(spec, png, 2, &err) == 0 && !err);
    CHECK(chart_write_svg(spec, svg, &err) == 0 && !err);
    CHECK(chart_write_svg(spec, svg2, &err) == 0 && !err);
    CHECK(file_size(png) > 1000);
    CHECK(file_size(svg) > 1000);
    CHECK(files_same(svg, svg2));
    unlink(png);
    unlink(svg);
    unlink(svg2);

    if (preview) {
        snprintf(png, sizeof png, "%s/%s.png", preview, spec->id);
        CHECK(chart_write_png(spec, png, 2, &err) == 0);
    }
    free(err);
}

/* Lays spec out, checks the common rules and the files, and returns the
 * boxes for checks of its own (caller frees with chart_boxes_free). */
static chart_box *check_chart(const chart_spec *spec, size_t *n)
{
    chart_box *b = NULL;
    char *err = NULL;

    *n = 0;
    CHECK(chart_check(spec, &err) == 0);
    CHECK(chart_layout_boxes(spec, &b, n, &err) == 0);
    if (err) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return NULL;
    }
    check_layout(spec, b, *n, is_pie(spec) ? 0 : 4);
    check_files(spec);
    return b;
}

/* Checks that every value axis of a figure has the same tick labels as
 * the first. */
static void check_same_ticks(const chart_box *b, size_t n)
{
    const char *first[8];
    size_t nfirst = 0, k = 0, runs = 0;
    int in_run = 0;

    for (size_t i = 0; i < n; i++) {
        if (b[i].kind != CHART_BOX_TICK) {
            if (in_run)
                CHECK(k == nfirst);
            in_run = 0;
            continue;
        }
        if (!in_run) {
            runs++;
            k = 0;
            in_run = 1;
        }
        if (runs == 1 && nfirst < 8)
            first[nfirst++] = b[i].text;
        else if (k < nfirst)
            CHECK_STR(b[i].text, first[k]);
        k++;
    }
    CHECK(runs > 1);
}

/* Checks the tick labels, in order, against want (NULL-terminated). */
static void check_ticks(const chart_box *b, size_t n, const char **want)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        if (b[i].kind != CHART_BOX_TICK)
            continue;
        if (!want[k]) {
            CHECK(!"more ticks than wanted");
            return;
        }
        CHECK_STR(b[i].text, want[k]);
        k++;
    }
    CHECK(!want[k]);
}

/* The PhDs per year 2007-2025: a line chart of three series whose names
 * fit at the line ends, so no legend. */
static void test_phd_lines(void)
{
    static const double total[] = {205, 232, 251, 262, 270, 288, 301, 297,
                                   318, 331, 325, 340, 352, 338, 361, 370,
                                   355, 368, 379};
    double women[19], men[19];
    const char *years[19];
    char store[19][8];
    const char *ticks[] = {"0", "100", "200", "300", "400", NULL};
    chart_spec *spec;
    chart_box *b;
    size_t n;

    years_fill(years, store, 2007, 19);
    for (size_t i = 0; i < 19; i++) {
        women[i] = round(total[i] * (0.52 + 0.004 * (double)i));
        men[i] = total[i] - women[i];
    }
    spec = spec_make("fig-phd", CHART_LINE, years, 19);
    spec->unit = strdup("Antall");
    spec->markers = 1;
    chart_spec_add_series(spec, "Totalt", total, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Kvinner", women, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Menn", men, CHART_AUTO_COLOR);

    b = check_chart(spec, &n);
    check_ticks(b, n, ticks);
    CHECK(boxes_count(b, n, CHART_BOX_LINE_END) == 3);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 0);
    CHECK(boxes_find(b, n, CHART_BOX_LINE_END, "Kvinner") != NULL);
    CHECK(boxes_find(b, n, CHART_BOX_CATEGORY, "2025") != NULL);
    CHECK(boxes_find(b, n, CHART_BOX_UNIT, "Antall") != NULL);
    CHECK(boxes_find(b, n, CHART_BOX_LINE_END, "Totalt")->x
          > b[0].x + b[0].w - b[0].w / 19);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Lines that end at the same value: two names fit, moved apart around
 * it; three cannot stay near their lines, so a legend names them. */
static void test_line_ends_meet(void)
{
    static const char *cats[] = {"2023", "2024", "2025"};
    static const double a[] = {10, 20, 30}, c[] = {50, 40, 30};
    static const double d[] = {20, 25, 30};
    chart_spec *spec = spec_make("fig-ends", CHART_LINE, cats, 3);
    const chart_box *ba, *bc;
    chart_box *b;
    size_t n;

    chart_spec_add_series(spec, "Opp", a, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Ned", c, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    ba = boxes_find(b, n, CHART_BOX_LINE_END, "Opp");
    bc = boxes_find(b, n, CHART_BOX_LINE_END, "Ned");
    CHECK(ba && bc);
    if (ba && bc) {
        double mid = (ba->y + ba->h / 2 + bc->y + bc->h / 2) / 2;

        CHECK(fabs(ba->y - bc->y) >= ba->h);
        CHECK(fabs(mid - (b[0].y + b[0].h * 0.4)) < 0.01);
    }
    chart_boxes_free(b, n);

    chart_spec_add_series(spec, "Flat", d, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_LINE_END) == 0);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 3);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Articles per year 2006-2025 as bars: thousands grouped with U+00A0. */
static void test_article_bars(void)
{
    double v[20];
    const char *years[20];
    char store[20][8];
    const char *ticks[] = {"0", "2" NBSP "000", "4" NBSP "000",
                           "6" NBSP "000", "8" NBSP "000", NULL};
    chart_spec *spec;
    chart_box *b;
    size_t n;

    years_fill(years, store, 2006, 20);
    for (size_t i = 0; i < 20; i++)
        v[i] = 3000 + 210 * (double)i + (i % 3) * 55;
    spec = spec_make("fig-articles", CHART_BAR, years, 20);
    spec->unit = strdup("Antall artikler");
    chart_spec_add_series(spec, "Artikler", v, 0x1F4E79);

    b = check_chart(spec, &n);
    check_ticks(b, n, ticks);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 0);
    CHECK(boxes_find(b, n, CHART_BOX_CATEGORY, "2025") != NULL);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) >= 4);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Clinical studies by phase, one series with value labels above the
 * bars. */
static void test_phase_bars(void)
{
    static const char *cats[] = {"Fase I", "Fase II", "Fase III", "Fase IV",
                                 "Andre studier"};
    static const double v[] = {48, 163, 212, 31, 1480};
    chart_spec *spec = spec_make("fig-phase", CHART_BAR, cats, 5);
    const chart_box *label, *cat;
    chart_box *b;
    size_t n;

    spec->value_labels = 1;
    chart_spec_add_series(spec, "Studier", v, CHART_AUTO_COLOR);

    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 5);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 5);
    label = boxes_find(b, n, CHART_BOX_VALUE, "1" NBSP "480");
    cat = boxes_find(b, n, CHART_BOX_CATEGORY, "Andre studier");
    CHECK(label && cat);
    if (label && cat) {
        CHECK(fabs((label->x + label->w / 2) - (cat->x + cat->w / 2)) < 1);
        CHECK(label->y + label->h <= b[0].y + 1);
    }
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Long Norwegian names down the side of horizontal bars, two series,
 * value labels beside the bars and a legend. */
static void test_horizontal_bars(void)
{
    static const char *cats[] = {
        "Helse Sør-Øst RHF", "Helse Vest RHF", "Helse Midt-Norge RHF",
        "Helse Nord RHF",
        "Private ideelle sykehus med driftsavtale med regionalt helseforetak",
        "Universitetssykehuset Nord-Norge HF"};
    static const double a[] = {1191.9, 402.5, 288.1, 141.7, 56.9, 98.4};
    static const double c[] = {1050.2, 380.0, 250.6, 130.2, 40.1, 90.0};
    chart_spec *spec = spec_make("fig-regions", CHART_BAR, cats, 6);
    const chart_box *longest;
    chart_box *b;
    size_t n;

    spec->horizontal = 1;
    spec->value_labels = 1;
    spec->decimals = 1;
    spec->unit = strdup("Millioner kroner");
    chart_spec_add_series(spec, "2025", a, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "2024", c, CHART_AUTO_COLOR);

    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 6);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 2);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 12);
    CHECK(boxes_find(b, n, CHART_BOX_VALUE, "1" NBSP "191,9") != NULL);
    longest = boxes_find(b, n, CHART_BOX_CATEGORY, cats[4]);
    CHECK(longest && longest->h > 15 && longest->x + longest->w < b[0].x);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Stacked bars with labels inside the segments that have room. */
static void test_stacked_bars(void)
{
    static const char *cats[] = {"Helse Sør-Øst", "Helse Vest",
                                 "Helse Midt-Norge", "Helse Nord"};
    static const double p1[] = {120, 40, 35, 3};
    static const double p2[] = {260, 90, 70, 30};
    static const double p3[] = {310, 120, 95, 41};
    chart_spec *spec = spec_make("fig-stacked", CHART_BAR, cats, 4);
    chart_box *b;
    size_t n;

    spec->stacked = 1;
    spec->value_labels = 1;
    chart_spec_add_series(spec, "Fase I", p1, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Fase II", p2, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Fase III", p3, CHART_AUTO_COLOR);

    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 3);
    CHECK(boxes_find(b, n, CHART_BOX_VALUE, "310") != NULL);
    CHECK(boxes_find(b, n, CHART_BOX_VALUE, "3") == NULL);
    for (size_t i = 0; i < n; i++) {
        int on_plot = boxes_overlap(&b[0], &b[i]);

        if (b[i].kind == CHART_BOX_VALUE || b[i].kind == CHART_BOX_LEGEND)
            CHECK((b[i].kind == CHART_BOX_VALUE) == on_plot);
    }
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Shares in percent: ticks "0 %" to "60 %", value labels "57,3 %". */
static void test_percent_bars(void)
{
    static const char *cats[] = {"Kvinner", "Menn"};
    static const double v[] = {57.3, 42.7};
    const char *ticks[] = {"0" NBSP "%", "10" NBSP "%", "20" NBSP "%",
                           "30" NBSP "%", "40" NBSP "%", "50" NBSP "%",
                           "60" NBSP "%", NULL};
    chart_spec *spec = spec_make("fig-percent", CHART_BAR, cats, 2);
    chart_box *b;
    size_t n;

    spec->percent = 1;
    spec->value_labels = 1;
    spec->decimals = 1;
    spec->width = 300;
    spec->height = 180;
    chart_spec_add_series(spec, "Andel", v, CHART_AUTO_COLOR);

    b = check_chart(spec, &n);
    check_ticks(b, n, ticks);
    CHECK(boxes_find(b, n, CHART_BOX_VALUE, "57,3" NBSP "%") != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* All values zero: an axis from zero, the bars flat, labels "0". */
static void test_all_zero(void)
{
    static const char *cats[] = {"A", "B", "C"};
    static const double v[] = {0, 0, 0};
    chart_spec *spec = spec_make("fig-zero", CHART_BAR, cats, 3);
    chart_box *b;
    size_t n;

    spec->value_labels = 1;
    chart_spec_add_series(spec, "Null", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK_STR(boxes_find(b, n, CHART_BOX_TICK, "0")->text, "0");
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 3);
    chart_boxes_free(b, n);
    chart_spec_free(spec);

    spec = spec_make("fig-zero-line", CHART_LINE, cats, 3);
    chart_spec_add_series(spec, "Null", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_find(b, n, CHART_BOX_TICK, "0") != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* A constant series: an axis from zero past its value. */
static void test_constant(void)
{
    static const char *cats[] = {"2023", "2024", "2025"};
    static const double v[] = {42, 42, 42};
    chart_spec *spec = spec_make("fig-konstant", CHART_LINE, cats, 3);
    const char *ticks[] = {"0", "10", "20", "30", "40", "50", NULL};
    chart_box *b;
    size_t n;

    spec->markers = 1;
    chart_spec_add_series(spec, "Flat", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    check_ticks(b, n, ticks);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* One category with three series side by side. */
static void test_one_category(void)
{
    static const char *cats[] = {"2025"};
    static const double a[] = {12}, c[] = {7}, d[] = {3};
    chart_spec *spec = spec_make("fig-one", CHART_BAR, cats, 1);
    chart_box *b;
    size_t n;

    spec->value_labels = 1;
    chart_spec_add_series(spec, "Helse Sør-Øst", a, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Helse Vest", c, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Helse Nord", d, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 1);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 3);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 3);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* A missing value is a gap; when a series ends in one, a legend names
 * the lines instead of their ends. */
static void test_nan_gap(void)
{
    static const char *cats[] = {"2019", "2020", "2021", "2022", "2023",
                                 "2024", "2025"};
    static const double a[] = {14, 15, NAN, 18, 17, 19, 21};
    static const double c[] = {9, 10, 11, NAN, NAN, 13, NAN};
    chart_spec *spec = spec_make("fig-gap", CHART_LINE, cats, 7);
    chart_box *b;
    size_t n;

    spec->markers = 1;
    chart_spec_add_series(spec, "Med data", a, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Med hull", c, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_LINE_END) == 0);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 2);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Twenty-five word categories: labels turned or thinned, never
 * overlapping; twenty-five years on a line, or numbers under bars:
 * thinned from the last, never turned. */
static void test_many_categories(void)
{
    const char *words[25], *years[25];
    char wstore[25][32], ystore[25][8], nstore[25][16];
    double v[25];
    chart_spec *spec;
    chart_box *b;
    size_t n;

    for (size_t i = 0; i < 25; i++) {
        snprintf(wstore[i], sizeof wstore[i], "Helseforetak %zu", i + 1);
        words[i] = wstore[i];
        v[i] = 100 + 37 * (double)(i % 7);
    }
    spec = spec_make("fig-many-words", CHART_BAR, words, 25);
    chart_spec_add_series(spec, "Prosjekter", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) >= 12);
    chart_boxes_free(b, n);
    chart_spec_free(spec);

    years_fill(years, ystore, 2001, 25);
    spec = spec_make("fig-many-years", CHART_LINE, years, 25);
    spec->width = 250;
    chart_spec_add_series(spec, "Prosjekter", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_find(b, n, CHART_BOX_CATEGORY, "2025") != NULL);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) < 25);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) >= 4);
    chart_boxes_free(b, n);
    chart_spec_free(spec);

    for (size_t i = 0; i < 25; i++) {
        snprintf(nstore[i], sizeof nstore[i], "%zu" NBSP "%03zu", i + 1,
                 (i * 37) % 1000);
        words[i] = nstore[i];
    }
    spec = spec_make("fig-many-numbers", CHART_BAR, words, 25);
    spec->width = 250;
    chart_spec_add_series(spec, "Prosjekter", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    for (size_t i = 0; i < n; i++)
        if (b[i].kind == CHART_BOX_CATEGORY)
            CHECK(b[i].w > b[i].h);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) < 25);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Negative values: bars down from the zero line, labels below them. */
static void test_negative_bars(void)
{
    static const char *cats[] = {"2021", "2022", "2023", "2024", "2025"};
    static const double v[] = {12.5, -4.0, 7.25, -11.0, 3.0};
    chart_spec *spec = spec_make("fig-negative", CHART_BAR, cats, 5);
    const chart_box *low;
    chart_box *b;
    size_t n;

    spec->value_labels = 1;
    spec->decimals = 1;
    chart_spec_add_series(spec, "Endring", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    low = boxes_find(b, n, CHART_BOX_VALUE, MINUS "11,0");
    CHECK(low && low->y > b[0].y + b[0].h / 2);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 5);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Adds nseries series to spec with values that rise and fall. */
static void sweep_series(chart_spec *spec, size_t nseries, double scale)
{
    double *v = malloc(spec->ncat * sizeof *v);

    for (size_t s = 0; s < nseries; s++) {
        char name[48];

        for (size_t i = 0; i < spec->ncat; i++)
            v[i] = scale * (double)(1 + (i * 7 + s * 3) % 11);
        snprintf(name, sizeof name, "Serie nummer %zu", s + 1);
        chart_spec_add_series(spec, name, v, CHART_AUTO_COLOR);
    }
    free(v);
}

/* Lays out one chart of the sweep: it either fits, keeping every rule,
 * or is refused as too small. Returns whether it fitted. */
static int sweep_one(const chart_spec *spec)
{
    chart_box *b = NULL;
    size_t n = 0;
    char *err = NULL;

    if (chart_layout_boxes(spec, &b, &n, &err) < 0) {
        CHECK_HAS(err, "is too small for the chart's labels");
        free(err);
        return 0;
    }
    check_layout(spec, b, n, is_pie(spec) ? 0 : 2);
    chart_boxes_free(b, n);
    return 1;
}

/* Sweeps sizes, kinds, category counts and series counts. Every chart
 * keeps the layout rules; the report's size always fits. */
static void test_sweep(void)
{
    static const double sizes[][2] = {{430, 250}, {300, 180}, {200, 120}};
    static const size_t ncats[] = {1, 5, 25, 60};
    static const size_t nseries[] = {1, 3, 6};
    const char *cats[60];
    char store[60][32];

    for (size_t c = 0; c < 4; c++)
        for (size_t z = 0; z < 3; z++)
            for (size_t s = 0; s < 3; s++)
                for (int kind = 0; kind < 4; kind++) {
                    chart_spec *spec;
                    int fits;

                    for (size_t i = 0; i < ncats[c]; i++) {
                        snprintf(store[i], sizeof store[i],
                                 kind % 2 ? "Enhet %zu" : "%zu",
                                 kind % 2 ? i + 1 : 1966 + i);
                        cats[i] = store[i];
                    }
                    spec = spec_make("fig-sweep",
                                     kind ? CHART_BAR : CHART_LINE, cats,
                                     ncats[c]);
                    spec->width = sizes[z][0];
                    spec->height = sizes[z][1];
                    spec->horizontal = kind == 2;
                    spec->stacked = kind == 3;
                    spec->value_labels = 1;
                    spec->markers = 1;
                    spec->unit = strdup("Antall");
                    sweep_series(spec, nseries[s], c == 1 ? 1e5 : 1);
                    fits = sweep_one(spec);
                    CHECK(fits || z > 0);
                    chart_spec_free(spec);
                }
}

/* Returns a pie of n slices for the sweep, some of them thin. */
static chart_spec *sweep_pie(chart_kind kind, size_t n, double w, double h)
{
    const char *cats[12];
    char store[12][32];
    double v[12];
    chart_spec *spec;

    for (size_t i = 0; i < n; i++) {
        snprintf(store[i], sizeof store[i], "Del nummer %zu", i + 1);
        cats[i] = store[i];
        v[i] = (double)(1 + (i * 7) % 11) * (i % 3 == 0 ? 60 : 1);
    }
    spec = spec_make("fig-sweep-pie", kind, cats, n);
    spec->width = w;
    spec->height = h;
    spec->decimals = 1;
    chart_spec_add_series(spec, "Andel", v, CHART_AUTO_COLOR);
    return spec;
}

/* Returns a figure of nf facets of five categories for the sweep:
 * lines, bars, bars across, stacked, 100 % stacks or donuts (kind 0 to
 * 5). */
static chart_spec *sweep_facets(int kind, size_t nf, double w, double h)
{
    static const chart_kind kinds[] = {CHART_LINE, CHART_BAR, CHART_BAR,
                                       CHART_BAR, CHART_BAR, CHART_DONUT};
    const char *cats[80];
    char store[80][32];
    chart_spec *spec;

    for (size_t i = 0; i < 5 * nf; i++) {
        snprintf(store[i], sizeof store[i],
                 kind ? "Kategori %zu" : "%zu",
                 kind ? (i * 3) % 7 + 1 : 2021 + i % 5);
        cats[i] = store[i];
    }
    spec = spec_make("fig-sweep-facets", kinds[kind], cats, 5 * nf);
    spec->width = w;
    spec->height = h;
    spec->horizontal = kind == 2;
    spec->stacked = kind == 3 || kind == 4;
    spec->normalized = kind == 4;
    spec->value_labels = 1;
    spec->markers = 1;
    spec->unit = strdup("Antall");
    sweep_series(spec, kind == 5 ? 1 : 2, 10);
    for (size_t f = 0; f < nf; f++) {
        char title[32];

        snprintf(title, sizeof title, "Region %zu", f + 1);
        chart_spec_add_facet(spec, title, 5 * f, 5);
    }
    return spec;
}

/* Sweeps pies of 1 to 12 slices and figures of 2 to 7 facets of every
 * kind over sizes: each keeps the layout rules or is refused as too
 * small, and the report's sizes fit. */
static void test_sweep_pies_facets(void)
{
    static const double sizes[][2] = {{430, 320}, {300, 200}, {180, 120}};
    static const size_t nslices[] = {1, 3, 8, 12};
    static const size_t nfacets[] = {2, 4, 7};

    for (size_t z = 0; z < 3; z++) {
        for (size_t s = 0; s < 4; s++)
            for (int donut = 0; donut < 2; donut++) {
                chart_spec *spec = sweep_pie(donut ? CHART_DONUT : CHART_PIE,
                                             nslices[s], sizes[z][0],
                                             sizes[z][1]);

                CHECK(sweep_one(spec) || z > 0);
                chart_spec_free(spec);
            }
        for (size_t f = 0; f < 3; f++)
            for (int kind = 0; kind < 6; kind++) {
                chart_spec *spec = sweep_facets(kind, nfacets[f], sizes[z][0],
                                                sizes[z][1]);

                CHECK(sweep_one(spec) || z > 0 || nfacets[f] > 4);
                chart_spec_free(spec);
            }
    }
}

/* Checks that chart_check refuses spec with a message holding want. */
static void check_refused(const chart_spec *spec, const char *want)
{
    chart_box *b = NULL;
    size_t n = 0;
    char *err = NULL;

    CHECK(chart_check(spec, &err) == -1);
    CHECK_HAS(err, want);
    free(err);
    err = NULL;
    CHECK(chart_layout_boxes(spec, &b, &n, &err) == -1 && !b);
    CHECK_HAS(err, want);
    free(err);
}

/* Returns the share of a slice as the pie writes it, e.g. "58 %". */
static const chart_box *slice_label(const chart_box *b, size_t n,
                                    const char *text)
{
    return boxes_find(b, n, CHART_BOX_VALUE, text);
}

/* Fields of the PhD candidates' master's degrees: a pie whose shares
 * all fit inside, and a legend beside it naming every slice. */
static void test_pie(void)
{
    static const char *cats[] = {"Leger", "Naturvitenskap og teknologi",
                                 "Helsefag/-vitenskap", "Psykologi",
                                 "Andre"};
    static const double v[] = {3204, 1215, 442, 387, 276};
    chart_spec *spec = spec_make("fig-pie", CHART_PIE, cats, 5);
    const chart_box *big, *legend;
    chart_box *b;
    size_t n;

    chart_spec_add_series(spec, "Kandidater", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 5);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 5);
    CHECK(boxes_count(b, n, CHART_BOX_TICK) == 0);
    big = slice_label(b, n, "58" NBSP "%");
    legend = boxes_find(b, n, CHART_BOX_LEGEND, "Psykologi");
    CHECK(big && box_in_disc(&b[0], big));
    CHECK(slice_label(b, n, "22" NBSP "%") != NULL);
    CHECK(slice_label(b, n, "5" NBSP "%") != NULL);
    CHECK(legend && legend->x > b[0].x + b[0].w);
    CHECK(fabs(b[0].w - b[0].h) < 1e-9 && b[0].w > 150);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Slices too thin for their shares: the labels go beside the pie, on
 * both sides, apart from each other and off the disc. */
static void test_pie_outside(void)
{
    static const char *cats[] = {"Stor", "Liten A", "Liten B", "Liten C",
                                 "Middels", "Liten D"};
    static const double v[] = {800, 6, 9, 7, 150, 8};
    chart_spec *spec = spec_make("fig-pie-out", CHART_DONUT, cats, 6);
    size_t outside = 0, left = 0, right = 0;
    chart_box *b;
    size_t n;

    spec->decimals = 1;
    spec->width = 360;
    spec->height = 220;
    chart_spec_add_series(spec, "Andel", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    for (size_t i = 1; i < n; i++) {
        if (b[i].kind != CHART_BOX_VALUE || box_on_disc(&b[0], &b[i]))
            continue;
        outside++;
        left += b[i].x + b[i].w < b[0].x + b[0].w / 2;
        right += b[i].x > b[0].x + b[0].w / 2;
    }
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 6);
    CHECK(outside >= 4 && left + right == outside);
    CHECK(slice_label(b, n, "81,6" NBSP "%") != NULL);
    CHECK(slice_label(b, n, "0,6" NBSP "%") != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* A donut of one slice is a ring with 100 % on it; a pie of two puts
 * the legend below when the chart is too narrow for a column. */
static void test_pie_shapes(void)
{
    static const char *one[] = {"Alle"}, *two[] = {
        "Prosjekter med kjønnsspesifikk analyse",
        "Prosjekter uten kjønnsspesifikk analyse"};
    static const double v1[] = {42}, v2[] = {31, 69};
    chart_spec *spec = spec_make("fig-ring", CHART_DONUT, one, 1);
    const chart_box *label, *legend;
    chart_box *b;
    size_t n;

    chart_spec_add_series(spec, "Alt", v1, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(slice_label(b, n, "100" NBSP "%") != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);

    spec = spec_make("fig-pie-narrow", CHART_PIE, two, 2);
    spec->width = 200;
    spec->height = 260;
    chart_spec_add_series(spec, "Andel", v2, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    label = slice_label(b, n, "69" NBSP "%");
    legend = boxes_find(b, n, CHART_BOX_LEGEND, two[0]);
    CHECK(label && legend && legend->y > b[0].y + b[0].h);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Pies refuse what they cannot show, naming the figure and slice. */
static void test_pie_refused(void)
{
    static const char *cats[] = {"Fase I", "Fase II", "Andre"};
    static const double zero[] = {5, 0, 3}, neg[] = {5, -2, 3};
    static const double gap[] = {5, NAN, 3}, ok[] = {1, 2, 3};
    const char *many[13];
    char store[13][16];
    double v[13];
    chart_spec *spec = spec_make("fig-kake", CHART_PIE, cats, 3);

    chart_spec_add_series(spec, "Null", zero, CHART_AUTO_COLOR);
    check_refused(spec, "figure fig-kake: slice \"Fase II\" is 0; every "
                        "slice of a pie must be above zero");
    chart_spec_free(spec);

    spec = spec_make("fig-kake", CHART_DONUT, cats, 3);
    chart_spec_add_series(spec, "Minus", neg, CHART_AUTO_COLOR);
    check_refused(spec, "figure fig-kake: slice \"Fase II\" is -2");
    chart_spec_free(spec);

    spec = spec_make("fig-kake", CHART_PIE, cats, 3);
    chart_spec_add_series(spec, "Hull", gap, CHART_AUTO_COLOR);
    check_refused(spec, "figure fig-kake: slice \"Fase II\" has no value");
    chart_spec_add_series(spec, "To", ok, CHART_AUTO_COLOR);
    check_refused(spec, "figure fig-kake: a pie shows one series, not 2");
    chart_spec_free(spec);

    for (size_t i = 0; i < 13; i++) {
        snprintf(store[i], sizeof store[i], "Del %zu", i + 1);
        many[i] = store[i];
        v[i] = 1 + (double)i;
    }
    spec = spec_make("fig-kake", CHART_PIE, many, 13);
    chart_spec_add_series(spec, "Mange", v, CHART_AUTO_COLOR);
    check_refused(spec, "figure fig-kake: 13 slices are too many for a pie");
    chart_spec_free(spec);
}

/* Stacked bars as 100 %: ticks 0 % to 100 %, every bar up to 100 %, the
 * segments labelled with their shares; a category of zeros has none. */
static void test_normalized_bars(void)
{
    static const char *cats[] = {"2021", "2022", "2023", "2024", "2025"};
    static const double women[] = {98, 0, 130, 150, 210};
    static const double men[] = {102, 0, 120, 100, 140};
    const char *ticks[] = {"0" NBSP "%", "20" NBSP "%", "40" NBSP "%",
                           "60" NBSP "%", "80" NBSP "%", "100" NBSP "%",
                           NULL};
    chart_spec *spec = spec_make("fig-hundre", CHART_BAR, cats, 5);
    chart_box *b;
    size_t n;

    spec->stacked = 1;
    spec->normalized = 1;
    spec->value_labels = 1;
    chart_spec_add_series(spec, "Kvinner", women, CHART_AUTO_COLOR);
    chart_spec_add_series(spec, "Menn", men, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    check_ticks(b, n, ticks);
    CHECK(slice_label(b, n, "60" NBSP "%") != NULL);
    CHECK(slice_label(b, n, "40" NBSP "%") != NULL);
    CHECK(slice_label(b, n, "49" NBSP "%") != NULL);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 8);
    chart_boxes_free(b, n);

    spec->stacked = 0;
    check_refused(spec, "figure fig-hundre: only stacked bars can be shown "
                        "as 100 %");
    chart_spec_free(spec);
}

/* Returns the category labels' texts top-down (horizontal bars). */
static void cats_down(const chart_box *b, size_t n, const char **out,
                      size_t max)
{
    size_t k = 0;

    for (size_t i = 0; i < n && k < max; i++)
        if (b[i].kind == CHART_BOX_CATEGORY)
            out[k++] = b[i].text;
}

/* Horizontal bars sorted by value: largest at the top, the missing one
 * last, the category colours moved with their bars. */
static void test_sorted_bars(void)
{
    static const char *cats[] = {"Psykologi", "Leger", "Andre",
                                 "Helsefag/-vitenskap",
                                 "Naturvitenskap og teknologi"};
    static const double v[] = {387, 3204, NAN, 442, 1215};
    static const uint32_t colors[] = {0x111111, 0x222222, 0x333333,
                                      0x444444, 0x555555};
    const char *want[] = {"Leger", "Naturvitenskap og teknologi",
                          "Helsefag/-vitenskap", "Psykologi", "Andre"};
    const char *got[5] = {NULL};
    chart_spec *spec = spec_make("fig-sortert", CHART_BAR, cats, 5);
    chart_box *b;
    size_t n;

    spec->horizontal = 1;
    spec->value_labels = 1;
    chart_spec_add_series(spec, "Kandidater", v, CHART_AUTO_COLOR);
    chart_spec_set_category_colors(spec, colors);
    chart_spec_sort(spec, 1);
    CHECK(spec->cat_colors[0] == 0x222222 && spec->cat_colors[4] == 0x333333);
    CHECK(spec->series[0].values[1] == 1215);
    CHECK(isnan(spec->series[0].values[4]));
    b = check_chart(spec, &n);
    cats_down(b, n, got, 5);
    for (size_t i = 0; i < 5; i++)
        CHECK_STR(got[i], want[i]);
    chart_boxes_free(b, n);

    chart_spec_sort(spec, 0);
    CHECK_STR(spec->categories[0], "Psykologi");
    CHECK_STR(spec->categories[3], "Leger");
    CHECK_STR(spec->categories[4], "Andre");
    chart_spec_free(spec);
}

/* Fills a spec of four regions' facets, count categories each, from
 * the rows of v (nseries series). */
static chart_spec *regions_make(const char *id, chart_kind kind,
                                const char *const *cats, size_t count,
                                const double (*v)[4], size_t nseries,
                                const char *const *names)
{
    static const char *regions[] = {"Helse Midt-Norge", "Helse Nord",
                                    "Helse Sør-Øst", "Helse Vest"};
    const char *all[64];
    double vals[64];
    chart_spec *spec;

    for (size_t r = 0; r < 4; r++)
        for (size_t i = 0; i < count; i++)
            all[r * count + i] = cats[i];
    spec = spec_make(id, kind, all, 4 * count);
    for (size_t s = 0; s < nseries; s++) {
        for (size_t r = 0; r < 4; r++)
            for (size_t i = 0; i < count; i++)
                vals[r * count + i] = v[s * count + i][r];
        chart_spec_add_series(spec, names[s], vals, CHART_AUTO_COLOR);
    }
    for (size_t r = 0; r < 4; r++)
        chart_spec_add_facet(spec, regions[r], r * count, count);
    return spec;
}

/* Returns the plot boxes of b: the first ones. */
static size_t plots_of(const chart_box *b, size_t n)
{
    size_t np = 0;

    while (np < n && b[np].kind == CHART_BOX_PLOT)
        np++;
    return np;
}

/* Small multiples: a chart per region, one scale, plots of one size
 * lined up, a title over each, one legend for the figure. */
static void test_facets(void)
{
    static const char *fields[] = {"Kreft", "Hjerte og kar",
                                   "Psykisk helse", "Infeksjoner"};
    static const double v[][4] = {
        {44.6, 21.0, 144.3, 51.2}, {30.1, 12.5, 90.2, 33.3},
        {25.0, 18.7, 77.9, 20.4}, {10.2, 9.9, 40.0, 15.5},
        {20.0, 5.0, 60.0, 10.0}, {15.0, 4.0, 50.0, 12.0},
        {12.0, 6.0, 40.0, 9.0}, {8.0, 3.0, 20.0, 6.0}};
    static const char *names[] = {"2025", "2024"};
    chart_spec *spec = regions_make("fig-regioner", CHART_BAR, fields, 4, v,
                                    2, names);
    chart_box *b;
    size_t n, np;

    spec->horizontal = 1;
    spec->unit = strdup("Millioner kroner");
    spec->height = 330;
    b = check_chart(spec, &n);
    np = plots_of(b, n);
    CHECK(np == 4);
    for (size_t p = 1; p < np; p++) {
        CHECK(fabs(b[p].w - b[0].w) < 1e-6 && fabs(b[p].h - b[0].h) < 1e-6);
    }
    CHECK(fabs(b[0].y - b[1].y) < 1e-6 && fabs(b[0].x - b[2].x) < 1e-6);
    CHECK(boxes_count(b, n, CHART_BOX_TITLE) == 4);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 2);
    CHECK(boxes_count(b, n, CHART_BOX_UNIT) == 1);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 16);
    CHECK(boxes_find(b, n, CHART_BOX_TITLE, "Helse Sør-Øst") != NULL);
    check_same_ticks(b, n);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Counts the tick labels of b that read text. */
static size_t ticks_reading(const chart_box *b, size_t n, const char *text)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        k += b[i].kind == CHART_BOX_TICK && strcmp(b[i].text, text) == 0;
    return k;
}

/* Facets of measures twenty times apart: with shared scales every cell
 * goes to 400; with free scales each goes as high as its own values,
 * the plots still of one size and lined up. */
static void test_facets_free(void)
{
    static const char *years[] = {"2023", "2024", "2025", "2023", "2024",
                                  "2025", "2023", "2024", "2025"};
    static const char *measures[] = {"Ideer", "Bedrifter", "Lisenser"};
    double v[] = {293, 301, 312, 7, 9, 8, 31, 29, 33};
    chart_spec *spec = spec_make("fig-tto", CHART_BAR, years, 9);
    chart_box *b;
    size_t n, np;

    chart_spec_add_series(spec, "Antall", v, CHART_AUTO_COLOR);
    for (size_t f = 0; f < 3; f++)
        chart_spec_add_facet(spec, measures[f], 3 * f, 3);
    spec->columns = 1;
    spec->height = 400;
    b = check_chart(spec, &n);
    CHECK(ticks_reading(b, n, "400") == 3);
    chart_boxes_free(b, n);

    spec->free_scales = 1;
    b = check_chart(spec, &n);
    np = plots_of(b, n);
    CHECK(np == 3);
    CHECK(ticks_reading(b, n, "400") == 1);
    CHECK(ticks_reading(b, n, "8") == 1);
    CHECK(ticks_reading(b, n, "40") == 1);
    for (size_t p = 1; p < np; p++) {
        CHECK(fabs(b[p].w - b[0].w) < 1e-6 && fabs(b[p].h - b[0].h) < 1e-6);
        CHECK(fabs(b[p].x - b[0].x) < 1e-6);
    }
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Draws spec at one pixel per point on white. Returns the image (the
 * caller destroys it), or NULL after a failed check. */
static cairo_surface_t *draw_image(const chart_spec *spec)
{
    cairo_surface_t *s = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, (int)ceil(spec->width), (int)ceil(spec->height));
    cairo_t *cr = cairo_create(s);
    char *err = NULL;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    CHECK(chart_draw(cr, spec, &err) == 0);
    free(err);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* Returns the colour of the pixel at x, y. */
static uint32_t pixel_at(cairo_surface_t *s, double x, double y)
{
    const unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t px;

    memcpy(&px, data + (int)y * stride + 4 * (int)x, sizeof px);
    return px & 0xFFFFFF;
}

/* Returns the colour low in plot p of image s, at mid slots from the
 * plot's left edge when it holds slots bar slots. */
static uint32_t bar_pixel(cairo_surface_t *s, const chart_box *p, double mid,
                          size_t slots)
{
    return pixel_at(s, p->x + mid * p->w / (double)slots, p->y + p->h - 4);
}

/* Bars in their categories' colours: past the palette's end it comes
 * round paler; in facets with more labels than colours, a label of one
 * facet alone is grey and the shared ones keep the palette's colours. */
static void test_colors_drawn(void)
{
    static const char *eight[] = {"A", "B", "C", "D", "E", "F", "G", "H"};
    static const char *faceted[] = {"Felles", "Begge", "Egen 1",
                                    "Felles", "Begge", "Felles", "Egen 3"};
    static const uint32_t pal[] = {0x0A3D6E, 0xEDA100, 0x008A5E};
    uint32_t colors[8];
    double v[8];
    chart_spec *spec = spec_make("fig-farger", CHART_BAR, eight, 8);
    cairo_surface_t *img;
    chart_box *b;
    size_t n;

    for (size_t i = 0; i < 8; i++) {
        colors[i] = CHART_AUTO_COLOR;
        v[i] = 10;
    }
    chart_spec_add_series(spec, "S", v, CHART_AUTO_COLOR);
    chart_spec_set_category_colors(spec, colors);
    img = draw_image(spec);
    b = check_chart(spec, &n);
    CHECK(bar_pixel(img, &b[0], 0.5, 8) == chart_palette(0));
    CHECK(bar_pixel(img, &b[0], 5.5, 8) == chart_palette(5));
    CHECK(bar_pixel(img, &b[0], 6.5, 8) == 0x859EB7);
    CHECK(bar_pixel(img, &b[0], 7.5, 8) == 0xF6D080);
    chart_boxes_free(b, n);
    cairo_surface_destroy(img);
    chart_spec_free(spec);

    spec = spec_make("fig-farger-fasetter", CHART_BAR, faceted, 7);
    chart_spec_add_series(spec, "S", v, CHART_AUTO_COLOR);
    chart_spec_set_category_colors(spec, colors);
    chart_spec_set_palette(spec, pal, 3);
    chart_spec_add_facet(spec, "En", 0, 3);
    chart_spec_add_facet(spec, "To", 3, 2);
    chart_spec_add_facet(spec, "Tre", 5, 2);
    spec->columns = 3;
    img = draw_image(spec);
    b = check_chart(spec, &n);
    CHECK(plots_of(b, n) == 3);
    CHECK(bar_pixel(img, &b[0], 0.5, 3) == pal[0]);
    CHECK(bar_pixel(img, &b[0], 1.5, 3) == pal[1]);
    CHECK(bar_pixel(img, &b[0], 2.5, 3) == CHART_GREY);
    CHECK(bar_pixel(img, &b[1], 2, 3) == pal[1]);
    CHECK(bar_pixel(img, &b[2], 1, 3) == pal[0]);
    CHECK(bar_pixel(img, &b[2], 2, 3) == CHART_GREY);
    chart_boxes_free(b, n);
    cairo_surface_destroy(img);
    chart_spec_free(spec);
}

/* Small multiples of lines and of donuts: the same ticks in every
 * cell; donuts all of one size, slices of one label in one colour. */
static void test_facets_kinds(void)
{
    static const char *years[] = {"2021", "2022", "2023", "2024", "2025"};
    static const char *fields[] = {"Kreft", "Hjerte og kar", "Andre"};
    static const double lines[][4] = {
        {10, 20, 30, 40}, {12, 21, 35, 41}, {15, 19, 33, 45},
        {14, 25, 38, 47}, {18, 27, 39, 52}};
    static const double parts[][4] = {
        {44.6, 21.0, 144.3, 51.2}, {30.1, 12.5, 90.2, 33.3},
        {25.0, 18.7, 77.9, 20.4}};
    static const char *one[] = {"Prosjekter"}, *share[] = {"Midler"};
    chart_spec *spec = regions_make("fig-linjer", CHART_LINE, years, 5,
                                    lines, 1, one);
    chart_box *b;
    size_t n, np;

    spec->markers = 1;
    b = check_chart(spec, &n);
    CHECK(plots_of(b, n) == 4);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 0);
    CHECK(boxes_count(b, n, CHART_BOX_LINE_END) == 0);
    check_same_ticks(b, n);
    chart_boxes_free(b, n);
    chart_spec_free(spec);

    spec = regions_make("fig-smultringer", CHART_DONUT, fields, 3, parts, 1,
                        share);
    b = check_chart(spec, &n);
    np = plots_of(b, n);
    CHECK(np == 4);
    for (size_t p = 1; p < np; p++)
        CHECK(fabs(b[p].w - b[0].w) < 1e-6);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 3);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 12);
    chart_boxes_free(b, n);

    spec->columns = 4;
    free(spec->id);
    spec->id = strdup("fig-smultringer-rad");
    b = check_chart(spec, &n);
    CHECK(plots_of(b, n) == 4 && fabs(b[0].y - b[3].y) < 1e-6);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Facets that do not cover the categories in order are refused. */
static void test_facets_refused(void)
{
    static const char *cats[] = {"A", "B", "C"};
    static const double v[] = {1, 2, 3};
    chart_spec *spec = spec_make("fig-fasett", CHART_BAR, cats, 3);

    chart_spec_add_series(spec, "S", v, CHART_AUTO_COLOR);
    chart_spec_add_facet(spec, "Første", 0, 2);
    check_refused(spec, "figure fig-fasett: the facets hold 2 of the 3 "
                        "categories");
    chart_spec_add_facet(spec, "Andre", 1, 2);
    check_refused(spec, "figure fig-fasett: facet \"Andre\" must hold the "
                        "next 1 to 60 categories, from 3");
    chart_spec_free(spec);
}

static void test_bad_specs(void)
{
    static const char *cats[] = {"A", "B"};
    static const double inf[] = {1, INFINITY}, neg[] = {1, -2};
    const char *many[61];
    char store[61][8];
    chart_spec *spec = spec_make("fig-bad", CHART_BAR, cats, 0);

    check_refused(spec, "figure fig-bad: no categories");
    chart_spec_free(spec);

    spec = spec_make("fig-bad", CHART_BAR, cats, 2);
    check_refused(spec, "figure fig-bad: no series");
    chart_spec_add_series(spec, "Uendelig", inf, CHART_AUTO_COLOR);
    check_refused(spec, "figure fig-bad: series \"Uendelig\", category "
                        "\"B\": value is infinite");
    chart_spec_free(spec);

    spec = spec_make("fig-stack", CHART_BAR, cats, 2);
    spec->stacked = 1;
    chart_spec_add_series(spec, "Minus", neg, CHART_AUTO_COLOR);
    check_refused(spec, "figure fig-stack: series \"Minus\", category "
                        "\"B\": stacked bars cannot show the negative "
                        "value -2");
    spec->stacked = 0;
    spec->width = 0;
    check_refused(spec, "figure fig-stack: width and height must be "
                        "positive");
    chart_spec_free(spec);

    years_fill(many, store, 1960, 61);
    spec = spec_make("fig-long", CHART_LINE, many, 61);
    check_refused(spec, "figure fig-long: 61 categories; a chart holds at "
                        "most 60");
    chart_spec_free(spec);
}

/* A chart too small for its labels is an error, not a crash or a
 * squeezed drawing. */
static void test_too_small(void)
{
    static const char *cats[] = {"Fase I", "Fase II"};
    static const double v[] = {1000, 2000};
    chart_spec *spec = spec_make("fig-tiny", CHART_BAR, cats, 2);
    chart_box *b = NULL;
    size_t n = 0;
    char *err = NULL;

    spec->width = 40;
    spec->height = 30;
    chart_spec_add_series(spec, "Studier", v, CHART_AUTO_COLOR);
    CHECK(chart_check(spec, &err) == 0);
    CHECK(chart_layout_boxes(spec, &b, &n, &err) == -1);
    CHECK_STR(err, "figure fig-tiny: 40 x 30 points is too small for the "
                   "chart's labels");
    free(err);
    chart_spec_free(spec);
}

/* A category label too long to stand beside its bar, even wrapped, is
 * named in the error, not left out; one of 600 characters is wrapped. */
static void test_label_too_long(void)
{
    static const char *cats[] = {"Helse Nord RHF", NULL, "Helse Vest RHF",
                                 "Helse Midt-Norge RHF"};
    static const double v[] = {141.7, 56.9, 402.5, 288.1};
    char words[1600] = "";
    chart_spec *spec;
    chart_box *b = NULL;
    size_t n = 0;
    char *err = NULL;

    while (strlen(words) < 1500)
        strcat(words, "Private ideelle sykehus med driftsavtale ");
    cats[1] = words;
    spec = spec_make("fig-long-label", CHART_BAR, cats, 4);
    spec->horizontal = 1;
    chart_spec_add_series(spec, "2025", v, CHART_AUTO_COLOR);
    CHECK(chart_check(spec, &err) == 0);
    CHECK(chart_layout_boxes(spec, &b, &n, &err) == -1 && !b);
    CHECK_STR(err, "figure fig-long-label: the category label \"Private "
                   "ideelle sykehus med driftsavtale\xe2\x80\xa6\" is "
                   "too long to stand beside its bar even wrapped; shorten "
                   "it or make the chart taller");
    free(err);
    chart_spec_free(spec);

    words[600] = '\0';
    spec = spec_make("fig-long-label", CHART_BAR, cats, 4);
    spec->horizontal = 1;
    chart_spec_add_series(spec, "2025", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 4);
    CHECK(boxes_find(b, n, CHART_BOX_CATEGORY, words) != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Writing where no file can be made names the path and cairo's
 * reason. */
static void test_write_errors(void)
{
    static const char *cats[] = {"A", "B"};
    static const double v[] = {1, 2};
    chart_spec *spec = spec_make("fig-w", CHART_BAR, cats, 2);
    char *err = NULL;

    chart_spec_add_series(spec, "S", v, CHART_AUTO_COLOR);
    CHECK(chart_write_svg(spec, "/nonexistent/dir/a.svg", &err) == -1);
    CHECK_STR(err, "/nonexistent/dir/a.svg: cannot write: No such file "
                   "or directory");
    free(err);
    err = NULL;
    CHECK(chart_write_png(spec, "/nonexistent/dir/a.png", 2, &err) == -1);
    CHECK_HAS(err, "/nonexistent/dir/a.png: cannot write: ");
    free(err);
    err = NULL;
    CHECK(chart_write_png(spec, "/tmp/x.png", 0, &err) == -1);
    CHECK_STR(err, "/tmp/x.png: cannot write: scale 0 is not positive");
    free(err);
    chart_spec_free(spec);
}

/* chart_draw works on any surface and leaves cr's state alone; a cr in
 * an error state is reported. */
static void test_draw_surface(void)
{
    static const char *cats[] = {"A", "B"};
    static const double v[] = {1, 2};
    chart_spec *spec = spec_make("fig-d", CHART_BAR, cats, 2);
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_matrix_t before, after;
    char *err = NULL;

    chart_spec_add_series(spec, "S", v, 0x000000);
    surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 500, 300);
    cr = cairo_create(surface);
    cairo_translate(cr, 30, 20);
    cairo_get_matrix(cr, &before);
    CHECK(chart_draw(cr, spec, &err) == 0 && !err);
    cairo_get_matrix(cr, &after);
    CHECK(memcmp(&before, &after, sizeof before) == 0);

    cairo_scale(cr, 0, 0);
    CHECK(chart_draw(cr, spec, &err) == -1);
    CHECK_STR(err, "figure fig-d: cannot draw: invalid matrix (not "
                   "invertible)");
    free(err);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    chart_spec_free(spec);
}

/* The default palette passes the contrast check; colours that only
 * hue tells apart fail it, with the pair and the way they merge. */
static void test_palette_contrast(void)
{
    static const uint32_t okabe_ito[] = {0x0B4F8A, 0xE69F00, 0x009E73,
                                         0x56B4E9, 0xD55E00, 0xCC79A7};
    static const uint32_t red_green[] = {0x0A3D6E, 0xD62728, 0x2CA02C};
    uint32_t pal[6];
    char *err = NULL;

    for (size_t i = 0; i < 6; i++)
        pal[i] = chart_palette(i);
    CHECK(chart_palette_check(pal, 6, &err) == 0 && !err);
    CHECK(chart_palette_check(okabe_ito, 6, &err) == -1);
    CHECK_STR(err, "colours 2 (#e69f00) and 4 (#56b4e9) differ by 0.6 in "
                   "greyscale; they need 7.5");
    free(err);
    err = NULL;
    CHECK(chart_palette_check(red_green, 3, &err) == -1);
    CHECK_HAS(err, "colours 2 (#d62728) and 3 (#2ca02c) differ by ");
    CHECK_HAS(err, "with deuteranopia");
    free(err);
}

static void test_palette_and_set(void)
{
    chart_set set = {0};
    chart_spec *a = chart_spec_new(), *c = chart_spec_new();

    CHECK(chart_palette(0) == 0x0A3D6E);
    CHECK(chart_palette(6) == chart_palette(0));
    CHECK(chart_palette(1) != chart_palette(0));
    CHECK(a->font_size == 8 && a->width == 430 && a->height == 250);
    CHECK_STR(a->font, "Noto Sans");

    a->id = strdup("fig-a");
    c->id = strdup("fig-c");
    chart_set_add(&set, a);
    chart_set_add(&set, c);
    CHECK(chart_set_find(&set, "fig-c") == c);
    CHECK(chart_set_find(&set, "fig-x") == NULL);
    chart_set_clear(&set);
    CHECK(set.n == 0 && set.specs == NULL);
}

/*
 * The gallery: every kind of chart built from the report's real input
 * files, read with csvin as data/2025/schema.lua declares them, in the
 * colours scripts/report.lua gives; then the edge cases. Each chart
 * keeps the layout rules (check_chart) and is written as PNG and SVG.
 */
#define GALLERY_DATA "../../data/2025"
#define GALLERY_REPORT "../../scripts/report.lua"

/* What the gallery reads once: the schema and the report's colours. */
typedef struct gallery {
    lua_State *L;
    int schema;             /* the table schema.lua returns */
    int report;             /* the table report.lua builds */
} gallery;

/* Runs a Lua file into a value on top of L's stack. Returns 0, or -1
 * after printing the error. */
static int lua_file(lua_State *L, const char *path)
{
    if (luaL_dofile(L, path) == LUA_OK)
        return 0;
    fprintf(stderr, "%s\n", lua_tostring(L, -1));
    lua_pop(L, 1);
    return -1;
}

/* Returns its first argument: report{} and the chapter constructors
 * as the gallery sees them. */
static int lua_identity(lua_State *L)
{
    lua_settop(L, 1);
    return 1;
}

/* Opens the gallery: schema.lua, and report.lua with report{},
 * require and an empty params standing in for the host's. Returns 0,
 * or -1. */
static int gallery_open(gallery *g)
{
    g->L = luaL_newstate();
    luaL_openlibs(g->L);
    if (lua_file(g->L, GALLERY_DATA "/schema.lua") < 0)
        return -1;
    g->schema = lua_gettop(g->L);
    lua_pushcfunction(g->L, lua_identity);
    lua_setglobal(g->L, "report");
    lua_pushcfunction(g->L, lua_identity);
    lua_setglobal(g->L, "require");
    lua_newtable(g->L);
    lua_setglobal(g->L, "params");
    if (lua_file(g->L, GALLERY_REPORT) < 0)
        return -1;
    g->report = lua_gettop(g->L);
    return 0;
}

/* Reads table name of data/2025 with the columns its schema declares.
 * Returns it (free with tbl_free), or NULL after a failed check. */
static tbl *gallery_table(gallery *g, const char *name)
{
    lua_State *L = g->L;
    csvin_column cols[128];
    csvin_schema schema = {name, 0, cols};
    char path[256];
    char *err = NULL;
    tbl *t = NULL;

    lua_getfield(L, g->schema, name);
    lua_getfield(L, -1, "file");
    snprintf(path, sizeof path, "%s/%s", GALLERY_DATA, lua_tostring(L, -1));
    lua_getfield(L, -2, "columns");
    for (lua_Integer i = 1; i <= luaL_len(L, -1) && i <= 128; i++) {
        lua_geti(L, -1, i);
        lua_geti(L, -1, 1);
        lua_geti(L, -2, 2);
        cols[schema.ncols++] = (csvin_column){
            .name = lua_tostring(L, -2),
            .type = csvin_type_from_name(lua_tostring(L, -1)),
        };
        lua_pop(L, 3);
    }
    if (csvin_read(path, &schema, &t, &err) < 0) {
        fprintf(stderr, "%s\n", err);
        CHECK(!"the gallery's data can be read");
    }
    free(err);
    lua_pop(L, 3);
    return t;
}

/* Returns the numbers of column name of t (CHECKs that it is there). */
static const double *col_num(const tbl *t, const char *name)
{
    const tbl_column *c = tbl_find(t, name);

    CHECK(c && c->type == TBL_NUMBER);
    return c ? c->num : NULL;
}

/* Returns the texts of column name of t. */
static char *const *col_text(const tbl *t, const char *name)
{
    const tbl_column *c = tbl_find(t, name);

    CHECK(c && c->type == TBL_TEXT);
    return c ? c->text : NULL;
}

/* Reads "#rrggbb" on top of L's stack; pops it. */
static uint32_t lua_color(lua_State *L)
{
    const char *s = lua_tostring(L, -1);
    uint32_t c = s && s[0] == '#' ? (uint32_t)strtoul(s + 1, NULL, 16) : 0;

    CHECK(s && strlen(s) == 7);
    lua_pop(L, 1);
    return c;
}

/* Returns the colour report.lua gives the region or label name, or
 * CHART_AUTO_COLOR when it gives none. */
static uint32_t report_color(gallery *g, const char *name)
{
    lua_getfield(g->L, g->report, "colors");
    lua_getfield(g->L, -1, name);
    if (lua_isnil(g->L, -1)) {
        lua_pop(g->L, 2);
        return CHART_AUTO_COLOR;
    }
    lua_remove(g->L, -2);
    return lua_color(g->L);
}

/* Fills out[] with report.lua's palette. Returns how many colours. */
static size_t report_palette(gallery *g, uint32_t *out, size_t max)
{
    size_t n = 0;

    lua_getfield(g->L, g->report, "palette");
    for (lua_Integer i = 1; i <= luaL_len(g->L, -1) && n < max; i++) {
        lua_geti(g->L, -1, i);
        out[n++] = lua_color(g->L);
    }
    lua_pop(g->L, 1);
    return n;
}

/* Gives spec report.lua's palette for the colours it chooses itself. */
static void gallery_palette_set(gallery *g, chart_spec *spec)
{
    uint32_t pal[16];
    size_t n = report_palette(g, pal, 16);

    chart_spec_set_palette(spec, pal, n);
}

/* Returns the palette colour i of report.lua. */
static uint32_t palette_color(gallery *g, size_t i)
{
    uint32_t pal[16];
    size_t n = report_palette(g, pal, 16);

    return n ? pal[i % n] : chart_palette(i);
}

/* The regions in the order the report shows them. */
static const char *const gallery_regions[] = {
    "Helse Midt-Norge", "Helse Nord", "Helse Sør-Øst", "Helse Vest"};

/* The report's palette and its region colours pass the contrast check:
 * colour-blind readers and greyscale print tell every pair apart. */
static void gallery_palette(gallery *g)
{
    uint32_t pal[16], regions[4];
    size_t n = report_palette(g, pal, 16);
    char *err = NULL;

    CHECK(n >= 4);
    CHECK(chart_palette_check(pal, n, &err) == 0);
    if (err)
        fprintf(stderr, "report.lua palette: %s\n", err);
    free(err);
    err = NULL;
    for (size_t r = 0; r < 4; r++) {
        regions[r] = report_color(g, gallery_regions[r]);
        CHECK(regions[r] != CHART_AUTO_COLOR);
    }
    CHECK(chart_palette_check(regions, 4, &err) == 0);
    if (err)
        fprintf(stderr, "report.lua region colours: %s\n", err);
    free(err);
}

/* Returns a spec with the year labels of column aar of t. */
static chart_spec *years_spec(const char *id, chart_kind kind, const tbl *t)
{
    const double *aar = col_num(t, "aar");
    char **labels = calloc(t->nrows, sizeof *labels);
    chart_spec *spec;

    for (size_t r = 0; r < t->nrows; r++)
        labels[r] = fmt_year(aar[r]);
    spec = spec_make(id, kind, (const char *const *)labels, t->nrows);
    for (size_t r = 0; r < t->nrows; r++)
        free(labels[r]);
    free(labels);
    return spec;
}

/* Checks a gallery chart and frees it. */
static void gallery_check(chart_spec *spec)
{
    chart_box *b;
    size_t n;

    b = check_chart(spec, &n);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* The PhD degrees as lines (total, women, men) with names at the line
 * ends, and as grouped bars, 2024 against 2025. */
static void gallery_phd_lines(gallery *g, const tbl *t, const double *total)
{
    static const char *sexes[] = {"Kvinner", "Menn"};
    const double *women = col_num(t, "kvinner"), *men = col_num(t, "menn");
    size_t last = t->nrows - 1, n;
    double a[2], c[2];
    chart_spec *spec;
    chart_box *b;

    spec = years_spec("gal-doktorgrader-linjer", CHART_LINE, t);
    spec->unit = strdup("Antall doktorgrader");
    spec->markers = 1;
    chart_spec_add_series(spec, "Totalt", total, palette_color(g, 0));
    chart_spec_add_series(spec, "Kvinner", women, palette_color(g, 1));
    chart_spec_add_series(spec, "Menn", men, palette_color(g, 2));
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_LINE_END) == 3);
    CHECK(boxes_find(b, n, CHART_BOX_CATEGORY, "2025") != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);

    a[0] = women[last - 1];
    a[1] = men[last - 1];
    c[0] = women[last];
    c[1] = men[last];
    spec = spec_make("gal-doktorgrader-2024-2025", CHART_BAR, sexes, 2);
    spec->value_labels = 1;
    spec->width = 300;
    spec->height = 200;
    chart_spec_add_series(spec, "2024", a, palette_color(g, 0));
    chart_spec_add_series(spec, "2025", c, palette_color(g, 1));
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 4);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 2);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* The PhD degrees as stacked bars, and women's share as 100 % stacks
 * labelled inside. */
static void gallery_phd_stacks(gallery *g, const tbl *t)
{
    const double *women = col_num(t, "kvinner"), *men = col_num(t, "menn");
    chart_spec *spec;
    chart_box *b;
    size_t n;

    spec = years_spec("gal-doktorgrader-stablet", CHART_BAR, t);
    spec->stacked = 1;
    spec->unit = strdup("Antall doktorgrader");
    chart_spec_add_series(spec, "Kvinner", women, palette_color(g, 1));
    chart_spec_add_series(spec, "Menn", men, palette_color(g, 2));
    gallery_check(spec);

    spec = years_spec("gal-doktorgrader-andel", CHART_BAR, t);
    spec->stacked = 1;
    spec->normalized = 1;
    spec->value_labels = 1;
    chart_spec_add_series(spec, "Kvinner", women, palette_color(g, 1));
    chart_spec_add_series(spec, "Menn", men, palette_color(g, 2));
    b = check_chart(spec, &n);
    CHECK(boxes_find(b, n, CHART_BOX_TICK, "100" NBSP "%") != NULL);
    CHECK(boxes_find(b, n, CHART_BOX_VALUE, "60" NBSP "%") != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* The PhD degrees, read from doktorgrader.csv. */
static void gallery_phds(gallery *g)
{
    tbl *t = gallery_table(g, "doktorgrader");
    const double *women, *men;
    double *total;

    if (!t)
        return;
    women = col_num(t, "kvinner");
    men = col_num(t, "menn");
    total = calloc(t->nrows, sizeof *total);
    for (size_t r = 0; r < t->nrows; r++)
        total[r] = women[r] + men[r];
    gallery_phd_lines(g, t, total);
    gallery_phd_stacks(g, t);
    free(total);
    tbl_free(t);
}

/* The candidates' fields: a pie and a donut whose shares are the
 * published ones (58, 22, 8, 7 and 5 %), and bars sorted by size. */
static void gallery_fields(gallery *g)
{
    static const char *shares[] = {"58" NBSP "%", "22" NBSP "%",
                                   "8" NBSP "%", "7" NBSP "%", "5" NBSP "%"};
    tbl *t = gallery_table(g, "doktorgrader_fag");
    const char *got[8] = {NULL};
    chart_spec *spec;
    chart_box *b;
    size_t n;

    if (!t)
        return;
    for (int kind = CHART_PIE; kind <= CHART_DONUT; kind++) {
        spec = spec_make(kind == CHART_PIE ? "gal-fag-kake" : "gal-fag-ring",
                         (chart_kind)kind,
                         (const char *const *)col_text(t, "fag"), t->nrows);
        gallery_palette_set(g, spec);
        chart_spec_add_series(spec, "Kandidater", col_num(t, "antall"),
                              CHART_AUTO_COLOR);
        b = check_chart(spec, &n);
        for (size_t i = 0; i < 5; i++)
            CHECK(slice_label(b, n, shares[i]) != NULL);
        CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == t->nrows);
        chart_boxes_free(b, n);
        chart_spec_free(spec);
    }

    spec = spec_make("gal-fag-sortert", CHART_BAR,
                     (const char *const *)col_text(t, "fag"), t->nrows);
    spec->horizontal = 1;
    spec->value_labels = 1;
    spec->height = 180;
    chart_spec_add_series(spec, "Kandidater", col_num(t, "antall"),
                          palette_color(g, 0));
    chart_spec_sort(spec, 1);
    b = check_chart(spec, &n);
    cats_down(b, n, got, 8);
    CHECK_STR(got[0], "Leger");
    CHECK_STR(got[1], "Naturvitenskap og teknologi");
    CHECK_STR(got[4], "Andre");
    chart_boxes_free(b, n);
    chart_spec_free(spec);
    tbl_free(t);
}

/* Articles per year, studies by phase, patients per year and grants by
 * kind: bars, labelled bars, a line and stacked bars. */
static void gallery_series(gallery *g)
{
    static const char *kinds[] = {"doktorgrad", "postdoktor",
                                  "forskerstipend", "andre"};
    static const char *names[] = {"Doktorgrad", "Postdoktor",
                                  "Forskerstipend", "Andre"};
    tbl *t = gallery_table(g, "artikler");
    chart_spec *spec;

    if (t) {
        spec = years_spec("gal-artikler", CHART_BAR, t);
        spec->unit = strdup("Antall artikler");
        chart_spec_add_series(spec, "Artikler", col_num(t, "artikler"),
                              palette_color(g, 0));
        gallery_check(spec);
        tbl_free(t);
    }
    if ((t = gallery_table(g, "kbs_faser"))) {
        spec = spec_make("gal-kbs-faser", CHART_BAR,
                         (const char *const *)col_text(t, "kategori"),
                         t->nrows);
        spec->value_labels = 1;
        spec->unit = strdup("Antall studier");
        chart_spec_add_series(spec, "Studier", col_num(t, "studier"),
                              palette_color(g, 0));
        gallery_check(spec);
        tbl_free(t);
    }
    if ((t = gallery_table(g, "kbs_inklusjon"))) {
        spec = years_spec("gal-kbs-pasienter", CHART_LINE, t);
        spec->markers = 1;
        spec->unit = strdup("Inkluderte pasienter");
        chart_spec_add_series(spec, "Pasienter", col_num(t, "pasienter"),
                              palette_color(g, 0));
        gallery_check(spec);
        tbl_free(t);
    }
    if ((t = gallery_table(g, "stipend"))) {
        spec = years_spec("gal-stipend", CHART_BAR, t);
        spec->stacked = 1;
        spec->value_labels = 1;
        spec->unit = strdup("Tildelte stipend");
        for (size_t k = 0; k < 4; k++)
            chart_spec_add_series(spec, names[k], col_num(t, kinds[k]),
                                  palette_color(g, k));
        gallery_check(spec);
        tbl_free(t);
    }
}

/* Millions of kroner from each region to each of a set of labels (HRCS
 * health categories or research activities), shared out by the
 * projects' own percentages. */
typedef struct region_sums {
    const char *names[64];  /* borrowed from the table */
    size_t n;
    double mnok[64][4];     /* by label, then region */
    size_t first[64][4];    /* projects that name it first, by region */
} region_sums;

/* Returns the index of a region in gallery_regions, or 4. */
static size_t region_index(const char *name)
{
    size_t r = 0;

    while (r < 4 && (!name || strcmp(name, gallery_regions[r]) != 0))
        r++;
    return r;
}

/* Returns the slot of label name in s, adding it when new. */
static size_t sums_slot(region_sums *s, const char *name)
{
    size_t i = 0;

    while (i < s->n && strcmp(s->names[i], name) != 0)
        i++;
    if (i == s->n && s->n < 64)
        s->names[s->n++] = name;
    return i < 64 ? i : 63;
}

/* Adds up columns prefix_1 .. prefix_count and their shares
 * prefix_andel_k of every project in t into s. */
static void sums_read(const tbl *t, const char *prefix, int count,
                      region_sums *s)
{
    char *const *region = col_text(t, "region");
    const double *money = col_num(t, "midler_2025");

    memset(s, 0, sizeof *s);
    for (int k = 1; k <= count; k++) {
        char name[64], share[64];
        char *const *label;
        const double *pct;

        snprintf(name, sizeof name, "%s_%d", prefix, k);
        snprintf(share, sizeof share, "%s_andel_%d", prefix, k);
        label = col_text(t, name);
        pct = col_num(t, share);
        for (size_t r = 0; label && pct && r < t->nrows; r++) {
            size_t reg = region_index(region[r]), i;

            if (!label[r] || isnan(pct[r]) || reg == 4)
                continue;
            i = sums_slot(s, label[r]);
            s->mnok[i][reg] += money[r] * pct[r] / 100 / 1e6;
            s->first[i][reg] += k == 1;
        }
    }
}

/* Returns the label total of slot i over the regions. */
static double sums_total(const region_sums *s, size_t i)
{
    return s->mnok[i][0] + s->mnok[i][1] + s->mnok[i][2] + s->mnok[i][3];
}

/* Fills top[] with the k slots of s largest by key (region reg, or all
 * when reg is 4), largest first. */
static void sums_top(const region_sums *s, size_t reg, size_t *top, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        double best = -1;

        for (size_t i = 0; i < s->n; i++) {
            double v = reg == 4 ? sums_total(s, i) : s->mnok[i][reg];
            int used = 0;

            for (size_t u = 0; u < j; u++)
                used |= top[u] == i;
            if (!used && v > best) {
                best = v;
                top[j] = i;
            }
        }
    }
}

/* The five largest health categories with the four regions' money side
 * by side (a bar per region, in the region's colour). */
static void gallery_region_groups(gallery *g, const region_sums *s)
{
    const char *cats[5];
    double v[4][5];
    size_t top[5];
    chart_spec *spec;
    chart_box *b;
    size_t n;

    sums_top(s, 4, top, 5);
    for (size_t j = 0; j < 5; j++) {
        cats[j] = s->names[top[j]];
        for (size_t r = 0; r < 4; r++)
            v[r][j] = s->mnok[top[j]][r];
    }
    spec = spec_make("gal-regioner-fagomrader", CHART_BAR, cats, 5);
    spec->value_labels = 1;
    spec->decimals = 1;
    spec->unit = strdup("Millioner kroner");
    for (size_t r = 0; r < 4; r++)
        chart_spec_add_series(spec, gallery_regions[r], v[r],
                              report_color(g, gallery_regions[r]));
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == 4);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 20);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Small multiples: each region's five largest health categories on one
 * scale, a category in one colour wherever it appears. */
static void gallery_region_facets(gallery *g, const region_sums *s)
{
    const char *cats[20];
    double v[20];
    uint32_t colors[20];
    chart_spec *spec;
    chart_box *b;
    size_t n, top[5];
    size_t nk = 0;

    for (size_t r = 0; r < 4; r++) {
        sums_top(s, r, top, 5);
        for (size_t j = 0; j < 5; j++) {
            cats[5 * r + j] = s->names[top[j]];
            v[5 * r + j] = s->mnok[top[j]][r];
            colors[5 * r + j] = CHART_AUTO_COLOR;
        }
    }
    spec = spec_make("gal-regioner-topp5", CHART_BAR, cats, 20);
    gallery_palette_set(g, spec);
    spec->horizontal = 1;
    spec->value_labels = 1;
    spec->decimals = 1;
    spec->height = 340;
    spec->unit = strdup("Millioner kroner");
    chart_spec_add_series(spec, "Midler", v, CHART_AUTO_COLOR);
    chart_spec_set_category_colors(spec, colors);
    for (size_t r = 0; r < 4; r++)
        chart_spec_add_facet(spec, gallery_regions[r], 5 * r, 5);
    chart_spec_sort(spec, 1);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_TITLE) == 4);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 20);
    check_same_ticks(b, n);
    for (size_t i = 0; i < n; i++)
        nk += b[i].kind == CHART_BOX_CATEGORY
              && strcmp(b[i].text, "Kreft") == 0;
    CHECK(nk == 4);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Research activities as 100 % of each region's money, and each
 * region's projects by their first activity as donuts. */
static void gallery_region_shares(gallery *g, const region_sums *s)
{
    double v[64][4];
    const char *cats[32];
    double first[32];
    chart_spec *spec;
    chart_box *b;
    size_t n;

    spec = spec_make("gal-regioner-aktivitet", CHART_BAR, gallery_regions, 4);
    gallery_palette_set(g, spec);
    spec->horizontal = 1;
    spec->stacked = 1;
    spec->normalized = 1;
    spec->value_labels = 1;
    spec->height = 260;
    for (size_t i = 0; i < s->n; i++) {
        for (size_t r = 0; r < 4; r++)
            v[i][r] = s->mnok[i][r];
        chart_spec_add_series(spec, s->names[i], v[i], CHART_AUTO_COLOR);
    }
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == s->n);
    CHECK(boxes_find(b, n, CHART_BOX_TICK, "100" NBSP "%") != NULL);
    chart_boxes_free(b, n);
    chart_spec_free(spec);

    for (size_t r = 0; r < 4; r++)
        for (size_t i = 0; i < s->n && i < 8; i++) {
            cats[8 * r + i] = s->names[i];
            first[8 * r + i] = (double)s->first[i][r];
        }
    spec = spec_make("gal-regioner-ringer", CHART_DONUT, cats, 4 * s->n);
    gallery_palette_set(g, spec);
    spec->height = 360;
    chart_spec_add_series(spec, "Prosjekter", first, CHART_AUTO_COLOR);
    for (size_t r = 0; r < 4; r++)
        chart_spec_add_facet(spec, gallery_regions[r], s->n * r, s->n);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_LEGEND) == s->n);
    CHECK(boxes_count(b, n, CHART_BOX_VALUE) == 4 * s->n);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* The regions' money in their own colours; every health category (more
 * than 20) sorted, across and upright. */
static void gallery_region_totals(gallery *g, const region_sums *s)
{
    double total[4] = {0}, all[64];
    uint32_t colors[4];
    chart_spec *spec;

    for (size_t r = 0; r < 4; r++) {
        for (size_t i = 0; i < s->n; i++)
            total[r] += s->mnok[i][r];
        colors[r] = report_color(g, gallery_regions[r]);
    }
    spec = spec_make("gal-regioner-midler", CHART_BAR, gallery_regions, 4);
    spec->value_labels = 1;
    spec->decimals = 1;
    spec->unit = strdup("Millioner kroner");
    chart_spec_add_series(spec, "Midler", total, CHART_AUTO_COLOR);
    chart_spec_set_category_colors(spec, colors);
    gallery_check(spec);

    CHECK(s->n > 20);
    for (size_t i = 0; i < s->n; i++)
        all[i] = sums_total(s, i);
    for (int across = 1; across >= 0; across--) {
        spec = spec_make(across ? "gal-fagomrader-alle" : "gal-fagomrader-"
                         "staende", CHART_BAR, s->names, s->n);
        spec->horizontal = across;
        spec->value_labels = across;
        spec->height = across ? 400 : 250;
        spec->unit = strdup("Millioner kroner");
        chart_spec_add_series(spec, "Midler", all, palette_color(g, 0));
        chart_spec_sort(spec, 1);
        gallery_check(spec);
    }
}

/* The regions' innovation grants by call: small multiples with long
 * call names, one to three bars each. */
static void gallery_innovation(gallery *g)
{
    tbl *t = gallery_table(g, "innovasjonsmidler");
    const char *cats[32];
    double mnok[32];
    chart_spec *spec;
    chart_box *b;
    size_t n, k = 0, start[5] = {0};
    char *const *region, *const *call;
    const double *kr;

    if (!t)
        return;
    region = col_text(t, "region");
    call = col_text(t, "tildeling");
    kr = col_num(t, "tildelt_kr");
    for (size_t r = 0; r < 4; r++) {
        start[r] = k;
        for (size_t i = 0; i < t->nrows && k < 32; i++)
            if (region_index(region[i]) == r) {
                cats[k] = call[i];
                mnok[k++] = kr[i] / 1e6;
            }
    }
    start[4] = k;
    spec = spec_make("gal-innovasjonsmidler", CHART_BAR, cats, k);
    spec->horizontal = 1;
    spec->value_labels = 1;
    spec->decimals = 1;
    spec->height = 300;
    spec->unit = strdup("Millioner kroner");
    chart_spec_add_series(spec, "Tildelt", mnok, palette_color(g, 0));
    for (size_t r = 0; r < 4; r++)
        if (start[r + 1] > start[r])
            chart_spec_add_facet(spec, gallery_regions[r], start[r],
                                 start[r + 1] - start[r]);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == k);
    chart_boxes_free(b, n);

    chart_spec_free(spec);

    spec = spec_make("gal-ideoverforinger", CHART_PIE, cats, k);
    chart_spec_add_series(spec, "Idéoverføringer",
                          col_num(t, "ideoverforinger"), CHART_AUTO_COLOR);
    check_refused(spec, "figure gal-ideoverforinger: slice \"Alle "
                        "kategorier\" has no value");
    chart_spec_free(spec);
    tbl_free(t);
}

/* Every chart built from the research projects of 2025. */
static void gallery_regions_all(gallery *g)
{
    tbl *t = gallery_table(g, "forskningsprosjekter");
    region_sums *s = calloc(1, sizeof *s);

    if (t) {
        sums_read(t, "hrcs_kategori", 5, s);
        gallery_region_groups(g, s);
        gallery_region_facets(g, s);
        gallery_region_totals(g, s);
        sums_read(t, "hrcs_aktivitet", 2, s);
        gallery_region_shares(g, s);
    }
    free(s);
    tbl_free(t);
}

/* User involvement: shares that start in 2020 for two of the lines, so
 * those begin later (gaps, never zeros). */
static void gallery_gaps(gallery *g)
{
    tbl *t = gallery_table(g, "brukermedvirkning_midler");
    chart_spec *spec;
    chart_box *b;
    size_t n;

    if (!t)
        return;
    spec = years_spec("gal-brukermedvirkning", CHART_LINE, t);
    spec->percent = 1;
    spec->markers = 1;
    chart_spec_add_series(spec, "Alle prosjekter", col_num(t, "andel_alle"),
                          palette_color(g, 0));
    chart_spec_add_series(spec, "Klinisk forskning",
                          col_num(t, "andel_klinisk"), palette_color(g, 1));
    chart_spec_add_series(spec, "Annen forskning",
                          col_num(t, "andel_annen"), palette_color(g, 2));
    CHECK(isnan(spec->series[1].values[0]));
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) >= 4);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
    tbl_free(t);
}

/* Labels too long for their room: wrapped, at soft hyphens in long
 * compounds, or turned; never cut, never over each other. */
static void gallery_long_labels(void)
{
    static const char *cats[] = {
        "Forsknings\xc2\xad" "aktivitets\xc2\xad" "klassifisering",
        "Personell\xc2\xad" "besparende løsninger",
        "Kjønns\xc2\xad" "spesifikk forskning",
        "Brukermedvirkning i planlegging, gjennomføring og formidling"};
    static const double v[] = {120, 80, 45, 30};
    chart_spec *spec = spec_make("gal-lange-navn", CHART_BAR, cats, 4);
    chart_box *b;
    size_t n;

    spec->value_labels = 1;
    spec->width = 300;
    spec->height = 220;
    chart_spec_add_series(spec, "Prosjekter", v, CHART_AUTO_COLOR);
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 4);
    chart_boxes_free(b, n);

    spec->horizontal = 1;
    free(spec->id);
    spec->id = strdup("gal-lange-navn-liggende");
    b = check_chart(spec, &n);
    CHECK(boxes_count(b, n, CHART_BOX_CATEGORY) == 4);
    for (size_t i = 0; i < n; i++)
        if (b[i].kind == CHART_BOX_CATEGORY)
            CHECK(b[i].w <= 0.4 * spec->width + 1e-6);
    chart_boxes_free(b, n);
    chart_spec_free(spec);
}

/* Builds the gallery. */
static void test_gallery(void)
{
    gallery g = {NULL, 0, 0};

    if (gallery_open(&g) < 0) {
        CHECK(!"the gallery can read schema.lua and report.lua");
        if (g.L)
            lua_close(g.L);
        return;
    }
    gallery_palette(&g);
    gallery_phds(&g);
    gallery_fields(&g);
    gallery_series(&g);
    gallery_regions_all(&g);
    gallery_innovation(&g);
    gallery_gaps(&g);
    gallery_long_labels();
    lua_close(g.L);
}

/* Returns a two-category bar spec with one series; id is its name. */
static chart_spec *digest_spec(const char *id)
{
    static const char *const cats[] = {"Kvinner", "Menn"};
    double values[] = {12, 30};
    chart_spec *spec = spec_make(id, CHART_BAR, cats, 2);

    chart_spec_add_series(spec, "2025", values, CHART_AUTO_COLOR);
    return spec;
}

/* Checks that the spec changed by change has another digest than the
 * unchanged one, whose digest is base. */
static void digest_differs(const char *base, void (*change)(chart_spec *),
                           const char *what)
{
    chart_spec *spec = digest_spec("fig-a");
    char *d;

    change(spec);
    d = chart_spec_digest(spec);
    if (strcmp(d, base) == 0) {
        fprintf(stderr, "digest: %s did not change the digest\n", what);
        check_failed++;
    }
    free(d);
    chart_spec_free(spec);
}

static void change_value(chart_spec *s) { s->series[0].values[1] = 31; }
static void change_label(chart_spec *s) { s->categories[0][0] = 'k'; }
static void change_name(chart_spec *s) { s->series[0].name[3] = '4'; }
static void change_color(chart_spec *s) { s->series[0].color = 0x123456; }
static void change_kind(chart_spec *s) { s->kind = CHART_LINE; }
static void change_width(chart_spec *s) { s->width += 1; }
static void change_labels(chart_spec *s) { s->value_labels = 1; }
static void change_unit(chart_spec *s) { s->unit = strdup("Antall"); }
static void change_nan(chart_spec *s) { s->series[0].values[0] = NAN; }
static void change_scales(chart_spec *s) { s->free_scales = 1; }

static void change_palette(chart_spec *s)
{
    uint32_t colors[] = {0x0a3d6e, 0xeda100};

    chart_spec_set_palette(s, colors, 2);
}

/* Two specs that draw the same have one digest, whatever their ids;
 * any change that shows in the drawing gives another. */
static void test_digest(void)
{
    chart_spec *a = digest_spec("fig-a"), *b = digest_spec("fig-b");
    char *da = chart_spec_digest(a), *db = chart_spec_digest(b);

    CHECK_STR(da, db);
    CHECK(strlen(da) == 64);
    digest_differs(da, change_value, "a value");
    digest_differs(da, change_label, "a category label");
    digest_differs(da, change_name, "a series name");
    digest_differs(da, change_color, "a series colour");
    digest_differs(da, change_kind, "the kind");
    digest_differs(da, change_width, "the width");
    digest_differs(da, change_labels, "value labels");
    digest_differs(da, change_unit, "the unit");
    digest_differs(da, change_nan, "a missing value");
    digest_differs(da, change_scales, "free scales");
    digest_differs(da, change_palette, "the palette");
    free(da);
    free(db);
    chart_spec_free(a);
    chart_spec_free(b);
}

int main(void)
{
    if (!mkdtemp(tmp_dir)) {
        perror(tmp_dir);
        return 1;
    }
    test_phd_lines();
    test_digest();
    test_line_ends_meet();
    test_article_bars();
    test_phase_bars();
    test_horizontal_bars();
    test_stacked_bars();
    test_percent_bars();
    test_all_zero();
    test_constant();
    test_one_category();
    test_nan_gap();
    test_many_categories();
    test_negative_bars();
    test_sweep();
    test_sweep_pies_facets();
    test_bad_specs();
    test_too_small();
    test_label_too_long();
    test_write_errors();
    test_draw_surface();
    test_palette_and_set();
    test_palette_contrast();
    test_pie();
    test_pie_outside();
    test_pie_shapes();
    test_pie_refused();
    test_normalized_bars();
    test_sorted_bars();
    test_facets();
    test_facets_free();
    test_facets_kinds();
    test_facets_refused();
    test_colors_drawn();
    test_gallery();
    rmdir(tmp_dir);
    return check_failures();
}
