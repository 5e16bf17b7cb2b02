/*
 * Error messages as values, and the few allocation and string helpers
 * every module uses. A function that fails returns -1 (or NULL) and
 * hands back a message through a char ** that the caller frees.
 */
#ifndef NOKKEL_ERR_H
#define NOKKEL_ERR_H

#include <stdarg.h>
#include <stddef.h>

/* Returns a newly allocated formatted string; never NULL (ends the
 * process with exit 1 and a message when out of memory, the one failure
 * nokkel does not recover from). */
char *err_fmt(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

char *err_vfmt(const char *fmt, va_list ap);

/* Sets *err (when err is not NULL) to a formatted message and returns -1. */
int err_set(char **err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* strdup that ends the process when out of memory, as xmalloc. */
char *xstrdup(const char *s);

/* Returns 1 when s is a plain name, as plugins, scripts and template
 * files are named: one or more of a-z, 0-9 and _. */
int name_is_plain(const char *s);

/* malloc/calloc/realloc that end the process when out of memory: exit
 * 1 with "nokkel: out of memory ...", the previous outputs untouched. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);

/* Reports an impossible state with its source location and aborts. */
#define NK_UNREACHABLE() err_unreachable(__FILE__, __LINE__)
_Noreturn void err_unreachable(const char *file, int line);

#endif
