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

#include "chart.h"
#include "check.h"

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

/* Checks the layout rules every chart keeps: the plot first, every box
 * inside the chart, no two labels overlapping, no label but value
 * labels on the plot, min_ticks to 7 Norwegian tick labels in order. */
static void check_layout(const chart_spec *spec, const chart_box *b,
                         size_t n, size_t min_ticks)
{
    int across = spec->kind == CHART_BAR && spec->horizontal;
    size_t ticks = boxes_count(b, n, CHART_BOX_TICK);
    const chart_box *prev = NULL;

    CHECK(n > 1 && b[0].kind == CHART_BOX_PLOT && !b[0].text);
    CHECK(b[0].w >= 24 && b[0].h >= 24);
    CHECK(ticks >= min_ticks && ticks <= 7);
    for (size_t i = 0; i < n; i++) {
        CHECK(b[i].x >= 0 && b[i].y >= 0);
        CHECK(b[i].x + b[i].w <= spec->width + 1e-9);
        CHECK(b[i].y + b[i].h <= spec->height + 1e-9);
        for (size_t j = 1; j < i; j++)
            if (i > 0 && boxes_overlap(&b[i], &b[j])) {
                fprintf(stderr, "%s: \"%s\" overlaps \"%s\"\n", spec->id,
                        b[i].text, b[j].text);
                CHECK(0);
            }
        if (i > 0 && b[i].kind != CHART_BOX_VALUE
            && boxes_overlap(&b[0], &b[i])) {
            fprintf(stderr, "%s: \"%s\" is on the plot\n", spec->id,
                    b[i].text);
            CHECK(0);
        }
        if (b[i].kind != CHART_BOX_TICK)
            continue;
        if (!tick_is_norwegian(b[i].text, spec->percent))
            fprintf(stderr, "%s: tick \"%s\"\n", spec->id, b[i].text);
        CHECK(tick_is_norwegian(b[i].text, spec->percent));
        if (prev)
            CHECK(across ? b[i].x > prev->x : b[i].y < prev->y);
        prev = &b[i];
    }
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
    check_layout(spec, b, *n, 4);
    check_files(spec);
    return b;
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
    check_layout(spec, b, n, 2);
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

static void test_palette_and_set(void)
{
    chart_set set = {0};
    chart_spec *a = chart_spec_new(), *c = chart_spec_new();

    CHECK(chart_palette(0) == 0x1F4E79);
    CHECK(chart_palette(7) == chart_palette(0));
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

int main(void)
{
    if (!mkdtemp(tmp_dir)) {
        perror(tmp_dir);
        return 1;
    }
    test_phd_lines();
    test_line_ends_meet();
    test_article_bars();
    test_phase_bars();
    test_horizontal_bars();
    test_stacked_bars();
    test_percent_bars();
    test_all_zero();
    test_one_category();
    test_nan_gap();
    test_many_categories();
    test_negative_bars();
    test_sweep();
    test_bad_specs();
    test_too_small();
    test_write_errors();
    test_draw_surface();
    test_palette_and_set();
    rmdir(tmp_dir);
    return check_failures();
}
