/*
 * Chart specs: making and freeing them, sorting their categories,
 * checking them before layout, and the set of specs a build keeps by
 * figure id.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"
#include "err.h"
#include "sha.h"

chart_spec *chart_spec_new(void)
{
    chart_spec *spec = xcalloc(1, sizeof *spec);

    spec->kind = CHART_LINE;
    spec->font = xstrdup("Noto Sans");
    spec->font_size = 8;
    spec->width = 430;
    spec->height = 250;
    return spec;
}

void chart_spec_free(chart_spec *spec)
{
    if (!spec)
        return;
    for (size_t i = 0; i < spec->ncat; i++)
        free(spec->categories[i]);
    free(spec->categories);
    for (size_t s = 0; s < spec->nseries; s++) {
        free(spec->series[s].name);
        free(spec->series[s].values);
    }
    free(spec->series);
    for (size_t f = 0; f < spec->nfacets; f++)
        free(spec->facets[f].title);
    free(spec->facets);
    free(spec->cat_colors);
    free(spec->palette);
    free(spec->id);
    free(spec->unit);
    free(spec->font);
    free(spec);
}

/* Returns a copy of the n bytes at p, or NULL for none. */
static void *copy_bytes(const void *p, size_t n)
{
    void *c;

    if (!p || n == 0)
        return NULL;
    c = xmalloc(n);
    memcpy(c, p, n);
    return c;
}

chart_spec *chart_spec_copy(const chart_spec *spec)
{
    chart_spec *c = xmalloc(sizeof *c);

    *c = *spec;
    c->id = spec->id ? xstrdup(spec->id) : NULL;
    c->unit = spec->unit ? xstrdup(spec->unit) : NULL;
    c->font = spec->font ? xstrdup(spec->font) : NULL;
    c->categories = xcalloc(spec->ncat + 1, sizeof *c->categories);
    for (size_t i = 0; i < spec->ncat; i++)
        c->categories[i] = xstrdup(spec->categories[i]);
    c->series = xcalloc(spec->nseries + 1, sizeof *c->series);
    for (size_t s = 0; s < spec->nseries; s++) {
        c->series[s].name = xstrdup(spec->series[s].name);
        c->series[s].values = copy_bytes(spec->series[s].values,
                                         spec->ncat * sizeof(double));
        c->series[s].color = spec->series[s].color;
    }
    c->cat_colors = copy_bytes(spec->cat_colors,
                               spec->ncat * sizeof *spec->cat_colors);
    c->palette = copy_bytes(spec->palette,
                            spec->npalette * sizeof *spec->palette);
    c->facets = copy_bytes(spec->facets, spec->nfacets * sizeof *c->facets);
    for (size_t f = 0; f < spec->nfacets; f++)
        c->facets[f].title = xstrdup(spec->facets[f].title);
    return c;
}

/* Feeds n bytes at p, after their count, into the checksum. */
static void digest_bytes(sha_sum *sum, const void *p, size_t n)
{
    sha_add(sum, &n, sizeof n);
    sha_add(sum, p, n);
}

/* Feeds a string (NULL told apart from "") into the checksum. */
static void digest_text(sha_sum *sum, const char *s)
{
    digest_bytes(sum, s ? s : "", s ? strlen(s) + 1 : 0);
}

/* Feeds the spec's scalar settings into the checksum. */
static void digest_settings(sha_sum *sum, const chart_spec *spec)
{
    int flags[] = {(int)spec->kind, spec->percent, spec->horizontal,
                   spec->stacked, spec->normalized, spec->value_labels,
                   spec->markers, spec->decimals, spec->columns,
                   spec->free_scales};
    double sizes[] = {spec->font_size, spec->width, spec->height};

    digest_bytes(sum, flags, sizeof flags);
    digest_bytes(sum, sizes, sizeof sizes);
    digest_text(sum, spec->unit);
    digest_text(sum, spec->font);
}

char *chart_spec_digest(const chart_spec *spec)
{
    sha_sum sum;

    sha_start(&sum);
    digest_settings(&sum, spec);
    digest_bytes(&sum, &spec->ncat, sizeof spec->ncat);
    for (size_t i = 0; i < spec->ncat; i++)
        digest_text(&sum, spec->categories[i]);
    digest_bytes(&sum, spec->cat_colors,
                 spec->cat_colors ? spec->ncat * sizeof *spec->cat_colors : 0);
    digest_bytes(&sum, spec->palette, spec->npalette * sizeof *spec->palette);
    digest_bytes(&sum, &spec->nseries, sizeof spec->nseries);
    for (size_t s = 0; s < spec->nseries; s++) {
        digest_text(&sum, spec->series[s].name);
        digest_bytes(&sum, spec->series[s].values,
                     spec->ncat * sizeof *spec->series[s].values);
        digest_bytes(&sum, &spec->series[s].color,
                     sizeof spec->series[s].color);
    }
    digest_bytes(&sum, &spec->nfacets, sizeof spec->nfacets);
    for (size_t f = 0; f < spec->nfacets; f++) {
        digest_text(&sum, spec->facets[f].title);
        digest_bytes(&sum, &spec->facets[f].first, sizeof(size_t));
        digest_bytes(&sum, &spec->facets[f].count, sizeof(size_t));
    }
    return sha_end(&sum);
}

void chart_spec_set_categories(chart_spec *spec, const char *const *labels,
                               size_t n)
{
    assert(spec->nseries == 0);
    for (size_t i = 0; i < spec->ncat; i++)
        free(spec->categories[i]);
    free(spec->categories);

    spec->categories = xcalloc(n, sizeof *spec->categories);
    for (size_t i = 0; i < n; i++)
        spec->categories[i] = xstrdup(labels[i]);
    spec->ncat = n;
}

void chart_spec_add_series(chart_spec *spec, const char *name,
                           const double *values, uint32_t color)
{
    chart_series *s;

    spec->series = xrealloc(spec->series,
                            (spec->nseries + 1) * sizeof *spec->series);
    s = &spec->series[spec->nseries++];
    s->name = xstrdup(name);
    s->values = xcalloc(spec->ncat, sizeof *s->values);
    if (spec->ncat)
        memcpy(s->values, values, spec->ncat * sizeof *values);
    s->color = color;
}

void chart_spec_set_category_colors(chart_spec *spec,
                                    const uint32_t *colors)
{
    free(spec->cat_colors);
    spec->cat_colors = xcalloc(spec->ncat ? spec->ncat : 1,
                               sizeof *spec->cat_colors);
    if (spec->ncat)
        memcpy(spec->cat_colors, colors,
               spec->ncat * sizeof *spec->cat_colors);
}

void chart_spec_set_palette(chart_spec *spec, const uint32_t *colors,
                            size_t n)
{
    free(spec->palette);
    spec->palette = NULL;
    spec->npalette = n;
    if (n == 0)
        return;
    spec->palette = xmalloc(n * sizeof *spec->palette);
    memcpy(spec->palette, colors, n * sizeof *spec->palette);
}

void chart_spec_add_facet(chart_spec *spec, const char *title,
                          size_t first, size_t count)
{
    chart_facet *f;

    spec->facets = xrealloc(spec->facets,
                            (spec->nfacets + 1) * sizeof *spec->facets);
    f = &spec->facets[spec->nfacets++];
    f->title = xstrdup(title);
    f->first = first;
    f->count = count;
}

/* Returns what category i is sorted by: the first series' value, or the
 * total of stacked bars; NaN when missing. */
static double sort_key(const chart_spec *spec, size_t i)
{
    double sum = 0;
    int any = 0;

    if (!(spec->kind == CHART_BAR && spec->stacked))
        return spec->series[0].values[i];
    for (size_t s = 0; s < spec->nseries; s++)
        if (!isnan(spec->series[s].values[i])) {
            sum += spec->series[s].values[i];
            any = 1;
        }
    return any ? sum : NAN;
}

/* Returns whether category a goes after category b in the order. */
static int sort_after(const chart_spec *spec, size_t a, size_t b,
                      int descending)
{
    double ka = sort_key(spec, a), kb = sort_key(spec, b);

    if (isnan(ka) || isnan(kb))
        return isnan(ka) && !isnan(kb);
    return descending ? ka < kb : ka > kb;
}

/* Puts the n items of size bytes at base into the order of idx[]. */
static void permute(void *base, size_t size, const size_t *idx, size_t n)
{
    char *copy = xmalloc(n * size);

    for (size_t k = 0; k < n; k++)
        memcpy(copy + k * size, (char *)base + idx[k] * size, size);
    memcpy(base, copy, n * size);
    free(copy);
}

/* Sorts the n categories from first (insertion sort: stable, and n is
 * at most 60). */
static void sort_run(chart_spec *spec, size_t first, size_t n,
                     int descending)
{
    size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);

    for (size_t k = 0; k < n; k++) {
        size_t j = k;

        for (; j > 0 && sort_after(spec, idx[j - 1], first + k, descending);
             j--)
            idx[j] = idx[j - 1];
        idx[j] = first + k;
    }
    for (size_t k = 0; k < n; k++)
        idx[k] -= first;
    permute(spec->categories + first, sizeof *spec->categories, idx, n);
    if (spec->cat_colors)
        permute(spec->cat_colors + first, sizeof *spec->cat_colors, idx, n);
    for (size_t s = 0; s < spec->nseries; s++)
        permute(spec->series[s].values + first, sizeof(double), idx, n);
    free(idx);
}

void chart_spec_sort(chart_spec *spec, int descending)
{
    if (spec->nseries == 0)
        return;
    if (spec->nfacets == 0) {
        sort_run(spec, 0, spec->ncat, descending);
        return;
    }
    for (size_t f = 0; f < spec->nfacets; f++)
        if (spec->facets[f].first + spec->facets[f].count <= spec->ncat)
            sort_run(spec, spec->facets[f].first, spec->facets[f].count,
                     descending);
}

/* Returns the figure's id for messages. */
const char *chart_spec_name(const chart_spec *spec)
{
    return spec->id ? spec->id : "(no id)";
}

/* Returns whether the chart is a pie or a donut. */
int chart_is_pie(const chart_spec *spec)
{
    return spec->kind == CHART_PIE || spec->kind == CHART_DONUT;
}

/* Checks the size, font, kind and options. Returns 0, or -1 and sets
 * *err. */
static int check_frame(const chart_spec *spec, char **err)
{
    const char *id = chart_spec_name(spec);

    if (spec->kind != CHART_LINE && spec->kind != CHART_BAR
        && !chart_is_pie(spec))
        return err_set(err, "figure %s: unknown chart kind %d", id,
                       (int)spec->kind);
    if (!(spec->width > 0 && spec->height > 0))
        return err_set(err, "figure %s: width and height must be positive, "
                       "not %g x %g", id, spec->width, spec->height);
    if (!spec->font || !spec->font[0])
        return err_set(err, "figure %s: no font", id);
    if (!(spec->font_size > 0))
        return err_set(err, "figure %s: font size must be positive, not %g",
                       id, spec->font_size);
    if (spec->decimals < 0 || spec->decimals > 6)
        return err_set(err, "figure %s: %d decimals; use 0 to 6", id,
                       spec->decimals);
    if (spec->normalized && !(spec->kind == CHART_BAR && spec->stacked))
        return err_set(err, "figure %s: only stacked bars can be shown as "
                       "100 %%", id);
    if (spec->columns < 0 || spec->columns > CHART_MAX_FACETS)
        return err_set(err, "figure %s: %d columns; use 1 to %d, or 0 to "
                       "let the chart choose", id, spec->columns,
                       CHART_MAX_FACETS);
    return 0;
}

/* Checks that the facets cover the categories in order, each with 1 to
 * 60 of them. Returns 0, or -1 and sets *err. */
static int check_facets(const chart_spec *spec, char **err)
{
    const char *id = chart_spec_name(spec);
    size_t next = 0;

    if (spec->nfacets == 0)
        return 0;
    if (spec->nfacets > CHART_MAX_FACETS || !spec->facets)
        return err_set(err, "figure %s: %zu facets; a figure holds 1 to %d",
                       id, spec->nfacets, CHART_MAX_FACETS);
    for (size_t f = 0; f < spec->nfacets; f++) {
        const chart_facet *fc = &spec->facets[f];

        if (!fc->title)
            return err_set(err, "figure %s: facet %zu has no title", id,
                           f + 1);
        if (fc->first != next || fc->count == 0
            || fc->count > CHART_MAX_CATEGORIES)
            return err_set(err, "figure %s: facet \"%s\" must hold the next "
                           "1 to %d categories, from %zu", id, fc->title,
                           CHART_MAX_CATEGORIES, next + 1);
        next += fc->count;
    }
    if (next != spec->ncat)
        return err_set(err, "figure %s: the facets hold %zu of the %zu "
                       "categories", id, next, spec->ncat);
    return 0;
}

/* Checks that categories and series are there. Returns 0, or -1 and
 * sets *err. */
static int check_shape(const chart_spec *spec, char **err)
{
    const char *id = chart_spec_name(spec);
    size_t most = spec->nfacets ? CHART_MAX_FACETS * CHART_MAX_CATEGORIES
                                : CHART_MAX_CATEGORIES;

    if (spec->ncat == 0 || !spec->categories)
        return err_set(err, "figure %s: no categories", id);
    if (spec->ncat > most)
        return err_set(err, "figure %s: %zu categories; a chart holds at "
                       "most %d", id, spec->ncat, CHART_MAX_CATEGORIES);
    for (size_t i = 0; i < spec->ncat; i++)
        if (!spec->categories[i])
            return err_set(err, "figure %s: category %zu has no label", id,
                           i + 1);
    if (spec->nseries == 0 || !spec->series)
        return err_set(err, "figure %s: no series", id);
    for (size_t s = 0; s < spec->nseries; s++)
        if (!spec->series[s].name || !spec->series[s].values)
            return err_set(err, "figure %s: series %zu has no %s", id, s + 1,
                           spec->series[s].name ? "values" : "name");
    if (chart_is_pie(spec) && spec->nseries != 1)
        return err_set(err, "figure %s: a pie shows one series, not %zu", id,
                       spec->nseries);
    return check_facets(spec, err);
}

/* Checks the slices of a pie: at most 12 in a pie, each above zero.
 * Returns 0, or -1 and sets *err. */
static int check_slices(const chart_spec *spec, char **err)
{
    const char *id = chart_spec_name(spec);
    const double *v = spec->series[0].values;
    size_t most = spec->nfacets ? 0 : spec->ncat;

    for (size_t f = 0; f < spec->nfacets; f++)
        if (spec->facets[f].count > most)
            most = spec->facets[f].count;
    if (most > CHART_MAX_SLICES)
        return err_set(err, "figure %s: %zu slices are too many for a pie "
                       "to be read; it holds at most %d (use bars)", id,
                       most, CHART_MAX_SLICES);
    for (size_t i = 0; i < spec->ncat; i++) {
        if (isnan(v[i]))
            return err_set(err, "figure %s: slice \"%s\" has no value; a "
                           "pie cannot leave a part out", id,
                           spec->categories[i]);
        if (v[i] <= 0)
            return err_set(err, "figure %s: slice \"%s\" is %g; every "
                           "slice of a pie must be above zero", id,
                           spec->categories[i], v[i]);
    }
    return 0;
}

/* Checks every value: finite or NaN, not negative in stacked bars, and
 * the slices of a pie. Returns 0, or -1 and sets *err. */
static int check_values(const chart_spec *spec, char **err)
{
    int stacked = spec->kind == CHART_BAR && spec->stacked;

    for (size_t s = 0; s < spec->nseries; s++) {
        const chart_series *ser = &spec->series[s];

        for (size_t i = 0; i < spec->ncat; i++) {
            double v = ser->values[i];

            if (isinf(v))
                return err_set(err, "figure %s: series \"%s\", category "
                               "\"%s\": value is infinite",
                               chart_spec_name(spec), ser->name,
                               spec->categories[i]);
            if (stacked && v < 0)
                return err_set(err, "figure %s: series \"%s\", category "
                               "\"%s\": stacked bars cannot show the "
                               "negative value %g", chart_spec_name(spec),
                               ser->name, spec->categories[i], v);
        }
    }
    return chart_is_pie(spec) ? check_slices(spec, err) : 0;
}

int chart_check(const chart_spec *spec, char **err)
{
    if (check_frame(spec, err) < 0 || check_shape(spec, err) < 0)
        return -1;
    return check_values(spec, err);
}

void chart_set_add(chart_set *set, chart_spec *spec)
{
    set->specs = xrealloc(set->specs, (set->n + 1) * sizeof *set->specs);
    set->specs[set->n++] = spec;
}

const chart_spec *chart_set_find(const chart_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->specs[i]->id && strcmp(set->specs[i]->id, id) == 0)
            return set->specs[i];
    return NULL;
}

void chart_set_clear(chart_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        chart_spec_free(set->specs[i]);
    free(set->specs);
    set->specs = NULL;
    set->n = 0;
}
