/*
 * Text laid out by an earlier build: nokkel watch and --variant build
 * the same report again and again, and most of its paragraphs come out
 * the same, so their layouts are kept between builds instead of being
 * shaped anew. A layout is kept under everything that decides it: role,
 * font, width, text and attributes; one a build did not ask for is
 * dropped at its end. Layouts share one pango context, the cache's, so
 * they stay valid from build to build. Charts are kept the same way,
 * laid out, under the digest of their spec.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pdf_int.h"

/* A kept layout and the last build that used it. */
typedef struct cached_layout {
    PangoLayout *layout;
    unsigned long build;
} cached_layout;

/* A kept chart: its spec (a copy the render borrows) and its render. */
typedef struct cached_chart {
    chart_spec *spec;
    chart_render *render;
    unsigned long build;
} cached_chart;

struct pdf_cache {
    PangoContext *pango;
    char *lang;             /* the context's language */
    GHashTable *layouts;    /* key → cached_layout */
    GHashTable *charts;     /* spec digest → cached_chart */
    unsigned long build;    /* counts builds */
};

static void cached_free(gpointer p)
{
    cached_layout *c = p;

    g_object_unref(c->layout);
    free(c);
}

static void chart_free(gpointer p)
{
    cached_chart *c = p;

    chart_render_free(c->render);
    chart_spec_free(c->spec);
    free(c);
}

pdf_cache *pdf_cache_new(void)
{
    pdf_cache *c = xcalloc(1, sizeof *c);

    c->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       cached_free);
    c->charts = g_hash_table_new_full(g_str_hash, g_str_equal, free,
                                      chart_free);
    return c;
}

void pdf_cache_free(pdf_cache *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->layouts);
    g_hash_table_destroy(c->charts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c->lang);
    free(c);
}

PangoContext *pdf_cache_context(pdf_cache *c, const char *lang)
{
    c->build++;
    if (c->pango && strcmp(c->lang, lang) == 0)
        return g_object_ref(c->pango);
    g_hash_table_remove_all(c->layouts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c->lang);
    c->pango = pdf_context_new(lang);
    c->lang = xstrdup(lang);
    return g_object_ref(c->pango);
}

/* Returns the key of a layout: every input of pdf_layout in one
 * string. Caller frees with g_free. */
static char *layout_key(const pdf_doc *d, pdf_role role, const char *text,
                        PangoAttrList *attrs, double width)
{
    char *font = pango_font_description_to_string(d->font[role].desc);
    char *attr = attrs ? pango_attr_list_to_string(attrs) : NULL;
    char *key = g_strdup_printf("%d\x1f%s\x1f%a\x1f%s\x1f%s", (int)role,
                                font, width, attr ? attr : "", text);

    g_free(font);
    g_free(attr);
    return key;
}

PangoLayout *pdf_cache_layout(pdf_doc *d, pdf_role role, const char *text,
                              PangoAttrList *attrs, double width)
{
    pdf_cache *c = d->style->cache;
    char *key;
    cached_layout *hit;

    if (!c)
        return pdf_layout(d, role, text, attrs, width);
    key = layout_key(d, role, text, attrs, width);
    hit = g_hash_table_lookup(c->layouts, key);
    if (!hit) {
        hit = xmalloc(sizeof *hit);
        hit->layout = pdf_layout(d, role, text, attrs, width);
        g_hash_table_insert(c->layouts, key, hit);
    } else {
        g_free(key);
    }
    hit->build = c->build;
    return g_object_ref(hit->layout);
}

int pdf_cache_draw_chart(pdf_doc *d, const chart_spec *spec, char **err)
{
    pdf_cache *c = d->style->cache;
    char *digest;
    cached_chart *hit;
    const char *text;
    uint32_t missing;

    if (!c)
        return chart_draw(d->cr, spec, err);
    digest = chart_spec_digest(spec);
    hit = g_hash_table_lookup(c->charts, digest);
    if (!hit) {
        chart_spec *copy = chart_spec_copy(spec);
        chart_render *r = chart_render_new(copy, err);

        if (!r) {
            chart_spec_free(copy);
            free(digest);
            return -1;
        }
        hit = xmalloc(sizeof *hit);
        *hit = (cached_chart){copy, r, 0};
        g_hash_table_insert(c->charts, digest, hit);
        if ((missing = chart_render_missing(r, &text)) != 0)
            pdf_warn_missing(d, missing, text);
    } else {
        free(digest);
    }
    hit->build = c->build;
    return chart_render_draw(hit->render, d->cr, err);
}

/* Tells whether a layout was left unused by the last build. */
static gboolean unused(gpointer key, gpointer value, gpointer cache)
{
    (void)key;
    return ((cached_layout *)value)->build != ((pdf_cache *)cache)->build;
}

/* Tells whether a chart was left unused by the last build. */
static gboolean unused_chart(gpointer key, gpointer value, gpointer cache)
{
    (void)key;
    return ((cached_chart *)value)->build != ((pdf_cache *)cache)->build;
}

void pdf_cache_sweep(pdf_cache *c)
{
    if (!c)
        return;
    g_hash_table_foreach_remove(c->layouts, unused, c);
    g_hash_table_foreach_remove(c->charts, unused_chart, c);
}
