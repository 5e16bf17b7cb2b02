#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>

#include "fuzz_util.h"

static char scratch_path[4096];
static int scratch_fd = -1;

static void remove_scratch(void)
{
    if (scratch_fd >= 0) {
        close(scratch_fd);
        unlink(scratch_path);
    }
}

/* Creates the scratch file in $TMPDIR (or /tmp); aborts when it cannot,
 * since no input could be tried then. */
static void open_scratch(void)
{
    const char *dir = getenv("TMPDIR");

    snprintf(scratch_path, sizeof scratch_path, "%s/nokkel-fuzz-XXXXXX",
             dir && *dir ? dir : "/tmp");
    scratch_fd = mkstemp(scratch_path);
    if (scratch_fd < 0) {
        perror(scratch_path);
        abort();
    }
    atexit(remove_scratch);
}

const char *fuzz_write_file(const uint8_t *data, size_t size)
{
    size_t done = 0;

    if (scratch_fd < 0)
        open_scratch();
    if (ftruncate(scratch_fd, 0) != 0)
        fuzz_fail(__FILE__, __LINE__, "cannot empty %s", scratch_path);

    while (done < size) {
        ssize_t n = pwrite(scratch_fd, data + done, size - done,
                           (off_t)done);

        if (n <= 0)
            fuzz_fail(__FILE__, __LINE__, "cannot write %s", scratch_path);
        done += (size_t)n;
    }
    return scratch_path;
}

void fuzz_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s:%d: property broken: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

int fuzz_is_utf8(const char *s, size_t n)
{
    return g_utf8_validate(s, (gssize)n, NULL);
}
