#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "check.h"
#include "log.h"

int log_verbose;
int log_warnings;
check_list *log_check;
void (*log_before_line)(void);

static void log_line(const char *kind, const char *fmt, va_list ap)
{
    if (log_before_line)
        log_before_line();
    fputs("nokkel: ", stderr);
    if (kind)
        fputs(kind, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void log_warn(const char *fmt, ...)
{
    va_list ap;

    log_warnings++;
    va_start(ap, fmt);
    if (log_check) {
        char msg[1024];

        vsnprintf(msg, sizeof msg, fmt, ap);
        check_add(log_check, CHECK_WARNING, "%s", msg);
    } else {
        log_line("warning: ", fmt, ap);
    }
    va_end(ap);
}

void log_say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_line(NULL, fmt, ap);
    va_end(ap);
}

void log_note(const char *fmt, ...)
{
    va_list ap;

    if (!log_verbose)
        return;
    va_start(ap, fmt);
    log_line(NULL, fmt, ap);
    va_end(ap);
}

double log_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
