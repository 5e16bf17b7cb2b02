#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

/* Ends the process when memory runs out: an input too large for the
 * machine (or for a ulimit) is the user's to fix, not a bug, so it
 * exits 1 with a message and no core dump. The outputs of earlier
 * builds are untouched; the next build removes the temporary files. */
static _Noreturn void out_of_memory(size_t n)
{
    fprintf(stderr, "nokkel: out of memory (%zu bytes more were needed): "
            "the input is too large for this machine's memory, or a limit "
            "(ulimit -v) is too low; no output was replaced\n", n);
    exit(1);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        out_of_memory(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;

    return memcpy(xmalloc(n), s, n);
}

int name_is_plain(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    }
    return 1;
}

char *err_vfmt(const char *fmt, va_list ap)
{
    va_list copy;
    int n;
    char *s;

    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        NK_UNREACHABLE();

    s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *err_fmt(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = err_vfmt(fmt, ap);
    va_end(ap);
    return s;
}

int err_set(char **err, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return -1;
    va_start(ap, fmt);
    *err = err_vfmt(fmt, ap);
    va_end(ap);
    return -1;
}

_Noreturn void err_unreachable(const char *file, int line)
{
    fprintf(stderr, "nokkel: %s:%d: internal error (out of memory or a bug)\n",
            file, line);
    abort();
}
