/*
 * Messages to stderr, prefixed "nokkel: ". Warnings always show (but go
 * to log_check while it is set); notes only with -v. Errors are returned
 * as values and printed by main.
 */
#ifndef NOKKEL_LOG_H
#define NOKKEL_LOG_H

extern int log_verbose;

/* Warnings printed so far, for --strict. */
extern int log_warnings;

/* While set, warnings are added to this list (nokkel check prints them
 * with its other findings) instead of printed. */
extern struct check_list *log_check;

/* Called before each line is printed, e.g. to clear a progress bar;
 * NULL when nothing needs it. */
extern void (*log_before_line)(void);

void log_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A line that always shows but is no warning, such as a wait. */
void log_say(const char *fmt, ...)
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
