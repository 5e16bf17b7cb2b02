/*
 * Progress of a build, on stderr. Quiet by default. With -v each phase
 * and each chapter script prints a plain line with its time, which is
 * what CI logs show. On a terminal without -v, a build that runs longer
 * than a moment shows a one-line bar, redrawn in place and erased when
 * the build ends or a message is printed.
 */
#ifndef NOKKEL_PROGRESS_H
#define NOKKEL_PROGRESS_H

/* Starts a task of nphases phases. */
void progress_begin(int nphases);

/* Ends the current phase (printing its time with -v) and starts the
 * next, called name (a literal or a string that outlives the phase). */
void progress_phase(const char *name);

/* A finished item of the current phase, e.g. one chapter script: a line
 * with -v, the bar's label otherwise. */
void progress_item(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Ends the last phase and the task, erasing the bar. */
void progress_end(void);

#endif
