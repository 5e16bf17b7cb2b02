/*
 * Messages to stderr, prefixed "nokkel: ". Warnings always show; notes
 * only with -v. Errors are returned as values and printed by main.
 */
#ifndef NOKKEL_LOG_H
#define NOKKEL_LOG_H

extern int log_verbose;

void log_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

void log_note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Monotonic time in seconds, for -v timings. */
double log_now(void);

#endif
