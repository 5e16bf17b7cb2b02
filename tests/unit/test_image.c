/* The PNG writer: the pixels come back as they were drawn, the same
 * pixels give the same bytes, and a file that cannot be written is an
 * error naming it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "image.h"

static char tmp_dir[] = "/tmp/test_image_XXXXXX";

/* Returns a 7 x 5 opaque surface with a red square on white and one
 * pixel of every channel, so a swapped channel shows. */
static cairo_surface_t *sample(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                    7, 5);
    cairo_t *cr = cairo_create(s);

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_rectangle(cr, 1, 1, 2, 2);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0.5, 0.25);
    cairo_rectangle(cr, 6, 4, 1, 1);
    cairo_fill(cr);
    cairo_destroy(cr);
    return s;
}

/* Returns the pixel at x, y of s as 0xRRGGBB. */
static unsigned pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned v;

    memcpy(&v, d + y * stride + 4 * x, 4);
    return v & 0xFFFFFF;
}

/* Returns the whole content of path; caller frees. */
static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    rewind(f);
    buf = malloc((size_t)*len);
    if (fread(buf, 1, (size_t)*len, f) != (size_t)*len)
        *len = -1;
    fclose(f);
    return buf;
}

static void test_round_trip(void)
{
    cairo_surface_t *s = sample(), *back;
    char path[64], path2[64], *err = NULL, *a, *b;
    long na, nb;

    snprintf(path, sizeof path, "%s/a.png", tmp_dir);
    snprintf(path2, sizeof path2, "%s/b.png", tmp_dir);
    CHECK(image_write_png(s, path, &err) == 0);
    CHECK(image_write_png(s, path2, &err) == 0);
    CHECK(err == NULL);

    back = cairo_image_surface_create_from_png(path);
    CHECK(cairo_surface_status(back) == CAIRO_STATUS_SUCCESS);
    CHECK(cairo_image_surface_get_width(back) == 7);
    CHECK(cairo_image_surface_get_height(back) == 5);
    for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 7; x++)
            CHECK(pixel(back, x, y) == pixel(s, x, y));
    }
    CHECK(pixel(back, 1, 1) == 0xFF0000);
    CHECK(pixel(back, 6, 4) == 0x008040);

    a = slurp(path, &na);
    b = slurp(path2, &nb);
    CHECK(a && b && na > 0 && na == nb && memcmp(a, b, (size_t)na) == 0);
    free(a);
    free(b);
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
}

static void test_unwritable(void)
{
    cairo_surface_t *s = sample();
    char path[80], want[160], *err = NULL;

    snprintf(path, sizeof path, "%s/no/such/dir/c.png", tmp_dir);
    snprintf(want, sizeof want, "%s: cannot write: No such file or "
             "directory", path);
    CHECK(image_write_png(s, path, &err) == -1);
    CHECK_STR(err, want);
    free(err);
    cairo_surface_destroy(s);
}

int main(void)
{
    char cmd[80];

    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_round_trip();
    test_unwritable();
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp_dir);
    return check_failures();
}
