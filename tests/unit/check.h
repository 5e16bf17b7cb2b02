/*
 * A minimal test harness: CHECK records a failure with its location and
 * goes on; main returns check_failures() so ctest sees the result.
 */
#ifndef NOKKEL_CHECK_H
#define NOKKEL_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                      \
            check_failed++;                                                \
        }                                                                  \
    } while (0)

/* Compares two strings, printing both when they differ. */
#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *g_ = (got), *w_ = (want);                              \
        if (!g_ || strcmp(g_, w_) != 0) {                                  \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__,  \
                    __LINE__, g_ ? g_ : "(null)", w_);                     \
            check_failed++;                                                \
        }                                                                  \
    } while (0)

/* Checks that a string contains a part. */
#define CHECK_HAS(got, part)                                               \
    do {                                                                   \
        const char *g_ = (got), *p_ = (part);                              \
        if (!g_ || !strstr(g_, p_)) {                                      \
            fprintf(stderr, "%s:%d: \"%s\" lacks \"%s\"\n", __FILE__,      \
                    __LINE__, g_ ? g_ : "(null)", p_);                     \
            check_failed++;                                                \
        }                                                                  \
    } while (0)

static inline int check_failures(void)
{
    return check_failed ? 1 : 0;
}

#endif
