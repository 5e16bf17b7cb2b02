#include "figures.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "err.h"
#include "outfile.h"
#include "sha.h"

/* Chart images are written at this many pixels per point. */
#define PNG_SCALE 2.0

/* A chart's SVG and PNG bytes from the last build that wrote it, and
 * the digest of the spec they were drawn from. */
typedef struct figure_image {
    char *id;
    char *digest;
    GBytes *svg;
    GBytes *png;
    char *svg_sum;          /* their SHA-256 sums, as hex */
    char *png_sum;
} figure_image;

/* One chart to write, with the image it updates and its error. */
typedef struct figure_job {
    const chart_spec *spec;
    figure_files *files;
    figure_image *img;
    char *err;
} figure_job;

struct figures {
    figure_image *images;
    size_t nimages;
    figure_job *jobs;       /* of the running write */
    size_t njobs;
    atomic_size_t next;     /* the first job no thread has taken */
    pthread_t worker;
    int running;            /* the worker was started */
};

figures *figures_new(void)
{
    return xcalloc(1, sizeof(figures));
}

void figures_free(figures *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nimages; i++) {
        free(f->images[i].id);
        free(f->images[i].digest);
        free(f->images[i].svg_sum);
        free(f->images[i].png_sum);
        g_bytes_unref(f->images[i].svg);
        g_bytes_unref(f->images[i].png);
    }
    free(f->images);
    free(f->jobs);
    free(f);
}

/* Writes bytes to temp, unless the file final holds them already: then
 * it sets *kept and writes nothing. Returns 0, or -1 and sets *err. */
static int write_bytes(const char *final, const char *temp, GBytes *bytes,
                       int *kept, char **err)
{
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);

    *kept = out_same(final, data, len);
    return *kept ? 0 : out_write(temp, data, len, err);
}

/* Returns the image of the last build with this id, made on first use;
 * the pointer stays valid until the next call. */
static figure_image *image_of(figures *f, const char *id)
{
    figure_image *img;

    for (size_t i = 0; i < f->nimages; i++) {
        if (strcmp(f->images[i].id, id) == 0)
            return &f->images[i];
    }
    f->images = xrealloc(f->images, (f->nimages + 1) * sizeof *f->images);
    img = &f->images[f->nimages++];
    img->id = xstrdup(id);
    img->digest = NULL;
    img->svg_sum = NULL;
    img->png_sum = NULL;
    img->svg = NULL;
    img->png = NULL;
    return img;
}

/* Draws the job's PNG into its image, or sets *err. */
static int draw_png(figure_job *job, const chart_render *r, char **err)
{
    size_t len = 0;
    unsigned char *png = chart_render_png(r, PNG_SCALE, &len, err);

    if (!png)
        return -1;
    job->img->png = g_bytes_new_take(png, len);
    job->img->png_sum = sha_hex(png, len);
    return 0;
}

/* Draws the job's chart into its image, unless the image holds the
 * drawing of the same spec; the PNG from the last drawing when the SVG
 * came out the same. Returns 0, or -1 and sets *err. */
static int draw_job(figure_job *job, char **err)
{
    figure_image *img = job->img;
    char *digest = chart_spec_digest(job->spec);
    chart_render *r;
    unsigned char *svg;
    size_t len = 0;
    GBytes *drawn;
    int rc = -1;

    if (img->digest && strcmp(img->digest, digest) == 0 && img->png) {
        free(digest);
        return 0;
    }
    free(img->digest);
    img->digest = NULL;
    if (!(r = chart_render_new(job->spec, err))) {
        free(digest);
        return -1;
    }
    if (!(svg = chart_render_svg(r, &len, err)))
        goto done;
    drawn = g_bytes_new_take(svg, len);
    if (img->svg && img->png && g_bytes_equal(drawn, img->svg)) {
        g_bytes_unref(drawn);
        rc = 0;
        goto done;
    }
    g_bytes_unref(img->svg);
    g_bytes_unref(img->png);
    free(img->svg_sum);
    free(img->png_sum);
    img->svg = drawn;
    img->svg_sum = sha_hex(svg, len);
    img->png = NULL;
    img->png_sum = NULL;
    rc = draw_png(job, r, err);
done:
    chart_render_free(r);
    if (rc == 0)
        img->digest = digest;
    else
        free(digest);
    return rc;
}

/* Writes one job's SVG and PNG files. Touches only the job and its
 * image. */
static int write_job(figure_job *job, char **err)
{
    figure_files *out = job->files;

    if (draw_job(job, err) != 0)
        return -1;
    if (write_bytes(out->svg, out->svg_temp, job->img->svg, &out->svg_kept,
                    err) != 0)
        return -1;
    return write_bytes(out->png, out->png_temp, job->img->png,
                       &out->png_kept, err);
}

/* Takes jobs until none is left. Each job is taken by one thread only,
 * so the threads share nothing else. */
static void *take_jobs(void *arg)
{
    figures *f = arg;
    size_t i;

    while ((i = atomic_fetch_add(&f->next, 1)) < f->njobs)
        write_job(&f->jobs[i], &f->jobs[i].err);
    return NULL;
}

void figures_start(figures *f, const chart_spec *const *specs,
                   figure_files *files, size_t n)
{
    f->jobs = xrealloc(f->jobs, (n ? n : 1) * sizeof *f->jobs);
    /* Every image first, as image_of may move them. */
    for (size_t i = 0; i < n; i++)
        image_of(f, specs[i]->id);
    for (size_t i = 0; i < n; i++)
        f->jobs[i] = (figure_job){specs[i], &files[i],
                                  image_of(f, specs[i]->id), NULL};
    f->njobs = n;
    atomic_store(&f->next, 0);
    /* Without a thread, figures_wait writes every chart itself. */
    f->running = pthread_create(&f->worker, NULL, take_jobs, f) == 0;
}

const char *figures_sum(const figures *f, size_t i, int png, size_t *size)
{
    const figure_image *img = f->jobs[i].img;

    *size = g_bytes_get_size(png ? img->png : img->svg);
    return png ? img->png_sum : img->svg_sum;
}

int figures_wait(figures *f, char **err)
{
    int rc = 0;

    take_jobs(f);
    if (f->running)
        pthread_join(f->worker, NULL);
    f->running = 0;
    for (size_t i = 0; i < f->njobs; i++) {
        if (f->jobs[i].err && rc == 0) {
            *err = f->jobs[i].err;
            rc = -1;
        } else {
            free(f->jobs[i].err);
        }
    }
    return rc;
}
