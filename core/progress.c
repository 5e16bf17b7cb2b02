#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "progress.h"

/* A bar shows only once a task has run this long, in seconds. */
#define BAR_DELAY 0.3
#define BAR_WIDTH 24

static struct {
    int active;
    int nphases;
    int phase;              /* 1-based; 0 before the first phase */
    const char *name;
    double start;           /* of the task */
    double phase_start;
    int bar_shown;
    char label[64];
} task;

/* Erases the bar, so a message can take its line. */
static void erase_bar(void)
{
    if (!task.bar_shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    task.bar_shown = 0;
}

/* Draws the bar when stderr is a terminal, -v is off and the task has
 * run long enough. */
static void draw_bar(void)
{
    int filled;

    if (!task.active || log_verbose || !isatty(STDERR_FILENO) ||
        log_now() - task.start < BAR_DELAY || task.phase == 0)
        return;
    filled = BAR_WIDTH * (task.phase - 1) / task.nphases;
    fputs("\r\033[Knokkel: [", stderr);
    for (int i = 0; i < BAR_WIDTH; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %d/%d %s%s%s", task.phase, task.nphases, task.name,
            *task.label ? ": " : "", task.label);
    fflush(stderr);
    task.bar_shown = 1;
    log_before_line = erase_bar;
}

void progress_begin(int nphases)
{
    memset(&task, 0, sizeof task);
    task.active = 1;
    task.nphases = nphases;
    task.start = log_now();
}

/* Ends the current phase, with its time on a line under -v. */
static void end_phase(void)
{
    if (task.phase > 0)
        log_note("[%d/%d] %s (%.1f ms)", task.phase, task.nphases,
                 task.name, (log_now() - task.phase_start) * 1e3);
}

void progress_phase(const char *name)
{
    if (!task.active)
        return;
    end_phase();
    task.phase++;
    task.name = name;
    task.phase_start = log_now();
    task.label[0] = '\0';
    draw_bar();
}

void progress_item(const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = err_vfmt(fmt, ap);
    va_end(ap);
    log_note("  %s", text);
    snprintf(task.label, sizeof task.label, "%.*s",
             (int)strcspn(text, ":"), text);
    free(text);
    draw_bar();
}

void progress_end(void)
{
    if (!task.active)
        return;
    end_phase();
    erase_bar();
    log_before_line = NULL;
    task.active = 0;
}
