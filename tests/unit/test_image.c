/* The PNG encoder: the pixels come back as they were drawn, the same
 * pixels give the same bytes, and a surface in error is an error. */
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

/* Encodes s and writes the PNG to path; returns its bytes (caller
 * frees, length in *len) or NULL. */
static unsigned char *encode_to(cairo_surface_t *s, const char *path,
                                size_t *len)
{
    char *err = NULL;
    unsigned char *png = image_png(s, len, &err);
    FILE *f;

    CHECK(png != NULL && err == NULL);
    if (!png || !(f = fopen(path, "wb")))
        return png;
    CHECK(fwrite(png, 1, *len, f) == *len);
    fclose(f);
    return png;
}

static void test_round_trip(void)
{
    cairo_surface_t *s = sample(), *back;
    char path[64];
    unsigned char *a, *b;
    size_t na = 0, nb = 0;

    snprintf(path, sizeof path, "%s/a.png", tmp_dir);
    a = encode_to(s, path, &na);
    b = image_png(s, &nb, NULL);
    CHECK(a && b && na > 8 && na == nb && memcmp(a, b, na) == 0);
    CHECK(a && memcmp(a, "\x89PNG\r\n\x1a\n", 8) == 0);

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
    free(a);
    free(b);
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
}

static void test_surface_in_error(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                    -1, 5);
    char *err = NULL;
    size_t len = 0;

    CHECK(image_png(s, &len, &err) == NULL);
    CHECK_STR(err, "cannot encode PNG: invalid value (typically too big) "
              "for the size of the input (surface, pattern, etc.)");
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
    test_surface_in_error();
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp_dir);
    return check_failures();
}
