#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "watch.h"

/* Events closer together than this (ms) are one change: an editor's
 * save is often several. */
#define QUIET_MS 60

/* The longest wait (ms) for a file that is still open for writing; a
 * writer that holds a file open longer does not hold the watch up. */
#define SETTLE_MAX_MS 10000

/* IN_MODIFY comes with each write and with a truncation, so a file
 * rewritten in place (cp over it, a shell's ">") is known to be half
 * written until its IN_CLOSE_WRITE. */
#define EVENTS (IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | \
                IN_CREATE | IN_DELETE | IN_ATTRIB | IN_ONLYDIR)

typedef struct watch_dir {
    int wd;
    char *path;
} watch_dir;

typedef struct watch_state {
    int fd;
    watch_dir *dirs;
    size_t ndirs;
    char **changed;         /* files changed since the last build */
    int *created;           /* made since the last build */
    int *writing;           /* open for writing: modified, not closed */
    size_t nchanged;
    int plugin_changed;
} watch_state;

static volatile sig_atomic_t stopped;

static void on_signal(int sig)
{
    (void)sig;
    stopped = 1;
}

/* Ctrl-C and kill end the watch after the build in progress, so no
 * build is cut off halfway. */
static void catch_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Watches every folder the last build read that is not watched yet.
 * Returns the number of folders added. */
static int add_watches(watch_state *w, const build_session *s)
{
    size_t n;
    char **dirs = build_folders(s, &n);
    int added = 0;

    for (size_t i = 0; i < n; i++) {
        int known = 0;
        int wd;

        for (size_t j = 0; j < w->ndirs && !known; j++)
            known = strcmp(w->dirs[j].path, dirs[i]) == 0;
        wd = known ? -1 : inotify_add_watch(w->fd, dirs[i], EVENTS);
        if (wd >= 0) {
            w->dirs = xrealloc(w->dirs, (w->ndirs + 1) * sizeof *w->dirs);
            w->dirs[w->ndirs].wd = wd;
            w->dirs[w->ndirs].path = dirs[i];
            w->ndirs++;
            added++;
        } else {
            free(dirs[i]);
        }
    }
    free(dirs);
    return added;
}

/* Returns 1 for names editors and nokkel use for files in passing:
 * hidden files, backups, swap files and temporary outputs. */
static int passing(const char *name)
{
    size_t len = strlen(name);

    return name[0] == '.' || name[len - 1] == '~' ||
           strcmp(name, "4913") == 0 || strstr(name, ".tmp") ||
           (len > 4 && (strcmp(name + len - 4, ".swp") == 0 ||
                        strcmp(name + len - 4, ".swx") == 0));
}

/* Returns the watched folder of wd, or NULL. */
static const char *dir_of_wd(const watch_state *w, int wd)
{
    for (size_t i = 0; i < w->ndirs; i++) {
        if (w->dirs[i].wd == wd)
            return w->dirs[i].path;
    }
    return NULL;
}

/* Returns whether an event leaves its file open for writing: made or
 * written and not yet closed (1), closed, moved or gone (0), or as it
 * was (-1). */
static int writing_after(uint32_t mask)
{
    if (mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE))
        return 0;
    if (mask & (IN_CREATE | IN_MODIFY))
        return 1;
    return -1;
}

/* Notes the file an event with mask names, once per file. */
static void note_change(watch_state *w, const char *dir, const char *name,
                        uint32_t mask)
{
    char *path = strcmp(dir, ".") == 0 ? xstrdup(name) :
                 err_fmt("%s/%s", dir, name);
    size_t len = strlen(name);
    size_t n = w->nchanged;
    int writing = writing_after(mask);

    for (size_t i = 0; i < n; i++) {
        if (strcmp(w->changed[i], path) == 0) {
            w->created[i] |= (mask & IN_CREATE) != 0;
            if (writing >= 0)
                w->writing[i] = writing;
            free(path);
            return;
        }
    }
    if (len > 3 && strcmp(name + len - 3, ".so") == 0)
        w->plugin_changed = 1;
    w->changed = xrealloc(w->changed, (n + 1) * sizeof *w->changed);
    w->created = xrealloc(w->created, (n + 1) * sizeof *w->created);
    w->writing = xrealloc(w->writing, (n + 1) * sizeof *w->writing);
    w->changed[n] = path;
    w->created[n] = (mask & IN_CREATE) != 0;
    w->writing[n] = writing > 0;
    w->nchanged++;
}

/* Returns 1 when a changed file is still open for writing. */
static int any_writing(const watch_state *w)
{
    for (size_t i = 0; i < w->nchanged; i++) {
        if (w->writing[i])
            return 1;
    }
    return 0;
}

/* Forgets files that were made and removed again since the last build,
 * as tools that write a temporary file and rename it do. */
static void drop_passing(watch_state *w)
{
    size_t kept = 0;

    for (size_t i = 0; i < w->nchanged; i++) {
        if (w->created[i] && access(w->changed[i], F_OK) != 0) {
            free(w->changed[i]);
            continue;
        }
        w->created[kept] = w->created[i];
        w->writing[kept] = w->writing[i];
        w->changed[kept++] = w->changed[i];
    }
    w->nchanged = kept;
}

/* Reads the pending events and notes the files they name. */
static void read_events(watch_state *w)
{
    _Alignas(struct inotify_event) char buf[8192];
    ssize_t len = read(w->fd, buf, sizeof buf);

    for (char *p = buf; len > 0 && p < buf + len;) {
        const struct inotify_event *ev = (const struct inotify_event *)p;
        const char *dir = dir_of_wd(w, ev->wd);

        if (dir && ev->len > 0 && !(ev->mask & IN_ISDIR) &&
            !passing(ev->name))
            note_change(w, dir, ev->name, ev->mask);
        p += sizeof *ev + ev->len;
    }
}

/*
 * Waits until the changed files have settled: QUIET_MS without events
 * and none still open for writing, so a build never reads a file half
 * written (for at most SETTLE_MAX_MS after the first change).
 */
static void settle(watch_state *w, struct pollfd *pfd)
{
    double until = log_now() + SETTLE_MAX_MS / 1e3;

    while (!stopped && w->nchanged > 0) {
        while (!stopped && poll(pfd, 1, QUIET_MS) > 0)
            read_events(w);
        if (!any_writing(w) || log_now() > until)
            return;
    }
}

/* Waits until files changed and settled. Returns 0, or -1 when a signal
 * stopped the watch. */
static int wait_changes(watch_state *w)
{
    struct pollfd pfd = { w->fd, POLLIN, 0 };

    while (w->nchanged == 0) {
        if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
            return -1;
        if (stopped)
            return -1;
        if (pfd.revents & POLLIN)
            read_events(w);
        settle(w, &pfd);
        drop_passing(w);
    }
    return stopped ? -1 : 0;
}

/* Prints the changed files on one line and forgets them. */
static void print_changes(watch_state *w)
{
    fputs("nokkel: changed:", stdout);
    for (size_t i = 0; i < w->nchanged; i++) {
        printf(" %s", w->changed[i]);
        free(w->changed[i]);
    }
    putchar('\n');
    fflush(stdout);         /* before the build's messages on stderr */
    w->nchanged = 0;
}

/* Builds once and says how it went. Returns 0 or 1, as the exit code. */
static int build_once(build_session *s)
{
    char *err = NULL;
    double t0 = log_now();
    unsigned long computed, reused;

    if (build_run(s, &err) != 0) {
        fprintf(stderr, "nokkel: %s\n", err);
        free(err);
        printf("nokkel: build failed; the last good output stays%s%s\n",
               build_pdf(s) ? ": " : "", build_pdf(s) ? build_pdf(s) : "");
        fflush(stdout);
        return 1;
    }
    build_counts(s, &computed, &reused);
    printf("nokkel: built %s in %.0f ms (%lu indicator%s computed, %lu "
           "reused)\n", build_pdf(s), (log_now() - t0) * 1e3, computed,
           computed == 1 ? "" : "s", reused);
    fflush(stdout);
    return 0;
}

/* Prints the folders watched. */
static void print_watched(const watch_state *w)
{
    fputs("nokkel: watching", stdout);
    for (size_t i = 0; i < w->ndirs; i++)
        printf("%s %s", i ? "," : "", w->dirs[i].path);
    puts(" (Ctrl-C stops)");
    fflush(stdout);
}

static void free_state(watch_state *w)
{
    for (size_t i = 0; i < w->ndirs; i++)
        free(w->dirs[i].path);
    for (size_t i = 0; i < w->nchanged; i++)
        free(w->changed[i]);
    free(w->dirs);
    free(w->changed);
    free(w->created);
    free(w->writing);
    close(w->fd);
}

int watch_run(build_session *s, int max_builds, char **err)
{
    watch_state w = { 0 };
    int builds = 0;
    int status;

    w.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w.fd < 0)
        return err_set(err, "cannot watch files: %s", strerror(errno));
    catch_signals();

    for (;;) {
        status = build_once(s);
        builds++;
        if (stopped || (max_builds > 0 && builds >= max_builds))
            break;
        if (add_watches(&w, s) > 0)
            print_watched(&w);
        if (wait_changes(&w) != 0) {
            status = 0;
            break;
        }
        print_changes(&w);
        if (w.plugin_changed) {
            build_reload(s);
            w.plugin_changed = 0;
        }
    }
    free_state(&w);
    return status;
}
