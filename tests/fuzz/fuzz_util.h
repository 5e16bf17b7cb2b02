/*
 * What the fuzz targets share: the libFuzzer entry point they define, a
 * scratch file for inputs to functions that read a path, and a check
 * that stops the run with a message when a property does not hold.
 */
#ifndef NOKKEL_FUZZ_UTIL_H
#define NOKKEL_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input; every target defines it, libFuzzer or replay.c calls
 * it. Returns 0; a broken property aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Replaces the contents of the process's scratch file with the size
 * bytes at data and returns its path (borrowed for the whole run). The
 * file is created on first use and removed at exit.
 */
const char *fuzz_write_file(const uint8_t *data, size_t size);

/* Reports a broken property at file:line and aborts, so that libFuzzer
 * keeps the input and replay.c fails. */
_Noreturn void fuzz_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#define FUZZ_CHECK(cond, ...)                                              \
    do {                                                                   \
        if (!(cond))                                                       \
            fuzz_fail(__FILE__, __LINE__, __VA_ARGS__);                    \
    } while (0)

/* Returns 1 when the n bytes at s are valid UTF-8. */
int fuzz_is_utf8(const char *s, size_t n);

#endif
