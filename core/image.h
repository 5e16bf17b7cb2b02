#ifndef NOKKEL_IMAGE_H
#define NOKKEL_IMAGE_H

#include <stddef.h>

#include <cairo.h>

/* Returns the image surface s, which must be opaque ARGB32 or RGB24,
 * encoded as an 8-bit RGB PNG, with encoder settings chosen for
 * flat-colour charts (see tune() in image.c); its length is in *len.
 * The bytes depend on the pixels only: no time stamp is written.
 * Returns NULL and sets *err (caller frees) on failure; the caller
 * frees the bytes. */
unsigned char *image_png(cairo_surface_t *s, size_t *len, char **err);

#endif
