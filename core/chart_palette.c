/*
 * Chart colours: the default palette, the check that the colours of a
 * palette can be told apart, and the colour each series, category and
 * label is given.
 */
#include <math.h>
#include <string.h>

#include "chart_int.h"
#include "err.h"

static const uint32_t chart_colors[] = {
    0x0A3D6E, /* dark blue, L* 25 */
    0xEDA100, /* orange, L* 72 */
    0x008A5E, /* green, L* 51 */
    0xA6D8F5, /* light blue, L* 84 */
    0xA63D00, /* red-brown, L* 40 */
    0xCC79A7, /* pink, L* 61 */
};

uint32_t chart_palette(size_t i)
{
    size_t n = sizeof chart_colors / sizeof chart_colors[0];

    return chart_colors[i % n];
}

/* The ways a colour is seen in the palette check. */
enum {
    VISION_NORMAL,
    VISION_PROTAN,
    VISION_DEUTAN,
    VISION_TRITAN,
    VISION_GREY,
    VISION_COUNT
};

/* Returns channel c (0 to 255) of an sRGB colour as linear light. */
static double srgb_linear(uint32_t c)
{
    double v = (double)(c & 0xFF) / 255;

    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/*
 * Converts colour c as seen with vision into CIELAB (D65). Colour
 * blindness is simulated in linear RGB with the matrices of Machado,
 * Oliveira and Fernandes (2009) at full severity; greyscale keeps the
 * lightness alone.
 */
static void color_lab(uint32_t c, int vision, double lab[3])
{
    static const double cvd[3][9] = {
        {0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216,
         -0.003882, -0.048116, 1.051998},
        {0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413,
         -0.011820, 0.042940, 0.968881},
        {1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602,
         0.004733, 0.691367, 0.303900},
    };
    static const double xyz[9] = {
        0.4124564 / 0.95047, 0.3575761 / 0.95047, 0.1804375 / 0.95047,
        0.2126729, 0.7151522, 0.0721750,
        0.0193339 / 1.08883, 0.1191920 / 1.08883, 0.9503041 / 1.08883,
    };
    double rgb[3] = {srgb_linear(c >> 16), srgb_linear(c >> 8),
                     srgb_linear(c)};
    double f[3];

    if (vision >= VISION_PROTAN && vision <= VISION_TRITAN) {
        const double *m = cvd[vision - VISION_PROTAN];
        double in[3] = {rgb[0], rgb[1], rgb[2]};

        for (int i = 0; i < 3; i++)
            rgb[i] = fmin(1, fmax(0, m[3 * i] * in[0] + m[3 * i + 1] * in[1]
                                         + m[3 * i + 2] * in[2]));
    }
    for (int i = 0; i < 3; i++) {
        double t = xyz[3 * i] * rgb[0] + xyz[3 * i + 1] * rgb[1]
                   + xyz[3 * i + 2] * rgb[2];

        f[i] = t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
    lab[0] = 116 * f[1] - 16;
    lab[1] = vision == VISION_GREY ? 0 : 500 * (f[0] - f[1]);
    lab[2] = vision == VISION_GREY ? 0 : 200 * (f[1] - f[2]);
}

/* Returns the hue angle of (a, b) in degrees, 0 to 360. */
static double hue_deg(double a, double b)
{
    double h;

    if (a == 0 && b == 0)
        return 0;
    h = atan2(b, a) * 180 / CHART_PI;
    return h < 0 ? h + 360 : h;
}

/* Returns cos of an angle in degrees. */
static double cos_deg(double d)
{
    return cos(d * CHART_PI / 180);
}

/* Returns the CIEDE2000 difference of two CIELAB colours. */
static double color_de2000(const double *p, const double *q)
{
    double c1 = hypot(p[1], p[2]), c2 = hypot(q[1], q[2]);
    double cm7 = pow((c1 + c2) / 2, 7);
    double g = 0.5 * (1 - sqrt(cm7 / (cm7 + pow(25, 7))));
    double a1 = (1 + g) * p[1], a2 = (1 + g) * q[1];
    double c1p = hypot(a1, p[2]), c2p = hypot(a2, q[2]);
    double h1 = hue_deg(a1, p[2]), h2 = hue_deg(a2, q[2]);
    double dh = h2 - h1, hm = h1 + h2, lm, cm, cmp7, t, sl, sc, sh, rt;
    double dl = q[0] - p[0], dc = c2p - c1p, dhh;

    if (c1p * c2p == 0)
        dh = 0;
    else if (dh > 180)
        dh -= 360;
    else if (dh < -180)
        dh += 360;
    dhh = 2 * sqrt(c1p * c2p) * sin(dh * CHART_PI / 360);
    if (c1p * c2p != 0)
        hm = fabs(h1 - h2) <= 180 ? hm / 2 : hm < 360 ? (hm + 360) / 2
                                                      : (hm - 360) / 2;

    lm = (p[0] + q[0]) / 2;
    cm = (c1p + c2p) / 2;
    cmp7 = pow(cm, 7);
    t = 1 - 0.17 * cos_deg(hm - 30) + 0.24 * cos_deg(2 * hm)
        + 0.32 * cos_deg(3 * hm + 6) - 0.20 * cos_deg(4 * hm - 63);
    sl = 1 + 0.015 * (lm - 50) * (lm - 50)
                 / sqrt(20 + (lm - 50) * (lm - 50));
    sc = 1 + 0.045 * cm;
    sh = 1 + 0.015 * cm * t;
    rt = -2 * sqrt(cmp7 / (cmp7 + pow(25, 7)))
         * sin(60 * exp(-pow((hm - 275) / 25, 2)) * CHART_PI / 180);
    return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dhh / sh, 2)
                + rt * (dc / sc) * (dhh / sh));
}

int chart_palette_check(const uint32_t *colors, size_t n, char **err)
{
    static const char *const names[VISION_COUNT] = {
        "with normal colour vision", "with protanopia", "with deuteranopia",
        "with tritanopia", "in greyscale"};
    static const double need[VISION_COUNT] = {20, 12, 12, 8, 7.5};

    for (int v = 0; v < VISION_COUNT; v++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                double p[3], q[3], d;

                color_lab(colors[i], v, p);
                color_lab(colors[j], v, q);
                d = color_de2000(p, q);
                if (d < need[v])
                    return err_set(err, "colours %zu (#%06x) and %zu (#%06x) "
                                   "differ by %.1f %s; they need %.1f",
                                   i + 1, (unsigned)colors[i], j + 1,
                                   (unsigned)colors[j], d, names[v],
                                   need[v]);
            }
    return 0;
}

/* Returns how many colours the spec's palette has. */
static size_t palette_size(const chart_spec *spec)
{
    return spec->npalette ? spec->npalette
                          : sizeof chart_colors / sizeof chart_colors[0];
}

/* Returns colour c mixed with white (k above 0) or black (k below). */
static uint32_t color_mix(uint32_t c, double k)
{
    uint32_t out = 0;

    for (int shift = 16; shift >= 0; shift -= 8) {
        double v = (double)(c >> shift & 0xFF);

        v = k > 0 ? v + (255 - v) * k : v * (1 + k);
        out |= (uint32_t)lround(v) << shift;
    }
    return out;
}

/* Returns colour i of the spec's palette. Past its end the palette
 * comes round again paler, then darker, so that neighbours differ. */
static uint32_t palette_color(const chart_spec *spec, size_t i)
{
    static const double round_mix[] = {0, 0.5, -0.4};
    size_t n = palette_size(spec), round = (i / n) % 3;
    uint32_t c = spec->npalette ? spec->palette[i % n] & 0xFFFFFF
                                : chart_palette(i);

    return color_mix(c, round_mix[round]);
}

/* Returns the series' colour, taking the palette when asked to. */
uint32_t chart_series_color(const chart_spec *spec, size_t s)
{
    uint32_t c = spec->series[s].color;

    return (c & CHART_AUTO_COLOR) ? palette_color(spec, s) : (c & 0xFFFFFF);
}

/* Returns how many different labels come before the first category
 * labelled as category i. */
static size_t label_rank(const chart_spec *spec, size_t i)
{
    const char *name = spec->categories[i];
    size_t rank = 0;

    for (size_t k = 0; k < spec->ncat; k++) {
        int seen = 0;

        if (strcmp(spec->categories[k], name) == 0)
            return rank;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(spec->categories[j], spec->categories[k]) == 0;
        rank += !seen;
    }
    return rank;
}

/* Returns in how many facets a category is labelled as category i. */
static size_t label_facets(const chart_spec *spec, size_t i)
{
    size_t count = 0;

    for (size_t f = 0; f < spec->nfacets; f++) {
        const chart_facet *fc = &spec->facets[f];
        size_t k = fc->first;

        while (k < fc->first + fc->count
               && strcmp(spec->categories[k], spec->categories[i]) != 0)
            k++;
        count += k < fc->first + fc->count;
    }
    return count;
}

/* Ranks the labels of spec as label_rank does, into rank[]; with
 * lone, the labels of one facet alone rank SIZE_MAX and the others
 * among themselves. Returns how many ranks were given. */
static size_t ranks_fill(const chart_spec *spec, size_t *rank, int lone)
{
    size_t next = 0;

    for (size_t i = 0; i < spec->ncat; i++) {
        size_t j = 0;

        while (j < i && strcmp(spec->categories[j], spec->categories[i]))
            j++;
        if (j < i)
            rank[i] = rank[j];
        else if (lone && label_facets(spec, i) < 2)
            rank[i] = SIZE_MAX;
        else
            rank[i] = next++;
    }
    return next;
}

/*
 * Fills rank[i] as label_rank(spec, i) does, for every category at
 * once; but in facets with more labels than the palette has colours,
 * the labels of one facet alone rank SIZE_MAX (grey), so that those
 * the facets share keep colours of their own.
 */
void chart_label_ranks(const chart_spec *spec, size_t *rank)
{
    if (ranks_fill(spec, rank, 0) > palette_size(spec) && spec->nfacets)
        ranks_fill(spec, rank, 1);
}

/* Returns category i's own colour: the spec's, or the palette's by the
 * label's rank (label_rank; rank[i] when rank is not NULL). */
uint32_t chart_ranked_color(const chart_spec *spec, size_t i,
                            const size_t *rank)
{
    uint32_t c = spec->cat_colors ? spec->cat_colors[i] : CHART_AUTO_COLOR;

    if (!(c & CHART_AUTO_COLOR))
        return c & 0xFFFFFF;
    if (rank && rank[i] == SIZE_MAX)
        return CHART_GREY;
    return palette_color(spec, rank ? rank[i] : label_rank(spec, i));
}

/* Returns category i's own colour: the spec's, or the palette's by the
 * order in which labels first appear. */
uint32_t chart_category_color(const chart_spec *spec, size_t i)
{
    return chart_ranked_color(spec, i, NULL);
}

/* Returns whether the bars take their categories' colours: one series
 * and colours given per category. */
int chart_bars_by_category(const chart_spec *spec)
{
    return spec->nseries == 1 && spec->cat_colors;
}

/* Returns the colour of series s in category i. */
uint32_t chart_bar_color(const chart_spec *spec, size_t i, size_t s)
{
    return chart_bars_by_category(spec) ? chart_category_color(spec, i)
                                  : chart_series_color(spec, s);
}

/* Returns the colour's lightness, 0 to 255, as greyscale printing sees
 * it. */
double chart_color_light(uint32_t c)
{
    return 0.299 * (c >> 16 & 0xFF) + 0.587 * (c >> 8 & 0xFF)
           + 0.114 * (c & 0xFF);
}

/* Returns a colour dark enough for text on white: light colours are
 * mixed with black. */
uint32_t chart_color_for_text(uint32_t c)
{
    double k = chart_color_light(c) > 140 ? 0.6 : 1.0;
    uint32_t r = (uint32_t)((c >> 16 & 0xFF) * k);
    uint32_t g = (uint32_t)((c >> 8 & 0xFF) * k);
    uint32_t b = (uint32_t)((c & 0xFF) * k);

    return r << 16 | g << 8 | b;
}
