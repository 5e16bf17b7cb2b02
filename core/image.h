#ifndef NOKKEL_IMAGE_H
#define NOKKEL_IMAGE_H

#include <cairo.h>

/* Writes the image surface s, which must be opaque ARGB32 or RGB24, as
 * an 8-bit RGB PNG at path, with encoder settings chosen for flat-colour
 * charts (see tune() in image.c). The bytes depend on the pixels
 * only: no time stamp is written. Returns 0, or -1 with *err set
 * (caller frees). */
int image_write_png(cairo_surface_t *s, const char *path, char **err);

#endif
