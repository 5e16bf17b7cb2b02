#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "outfile.h"

/* The signal out_catch_signals caught, or 0. */
static volatile sig_atomic_t caught;

const char *out_add(out_set *set, const char *final)
{
    size_t n = set->n + 1;

    set->finals = xrealloc(set->finals, n * sizeof *set->finals);
    set->temps = xrealloc(set->temps, n * sizeof *set->temps);
    set->kept = xrealloc(set->kept, n);
    set->kept[set->n] = 0;
    set->finals[set->n] = xstrdup(final);
    set->temps[set->n] = err_fmt("%s.tmp%ld", final, (long)getpid());
    set->n = n;
    return set->temps[n - 1];
}

/* Appends a copy of path to the list *paths of *n. */
static void add_path(char ***paths, size_t *n, const char *path)
{
    *paths = xrealloc(*paths, (*n + 1) * sizeof **paths);
    (*paths)[(*n)++] = xstrdup(path);
}

void out_drop(out_set *set, const char *path)
{
    add_path(&set->dropped, &set->ndropped, path);
}

/* The folders this process holds locked, so that a second lock on one
 * (through a link) fails instead of waiting for ever. */
static struct held_folder {
    dev_t dev;
    ino_t ino;
} *held;
static size_t nheld;

/* Returns 1 when a locked folder of this process is the file st. */
static int holds(const struct stat *st)
{
    for (size_t i = 0; i < nheld; i++) {
        if (held[i].dev == st->st_dev && held[i].ino == st->st_ino)
            return 1;
    }
    return 0;
}

static void release(out_set *set)
{
    for (size_t i = 0; i < nheld; i++) {
        if (held[i].dev == set->lock_dev && held[i].ino == set->lock_ino) {
            held[i] = held[--nheld];
            break;
        }
    }
    close(set->lock - 1);
}

/* Frees what set holds and unlocks its folder. */
static void clear(out_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->finals[i]);
        free(set->temps[i]);
    }
    for (size_t i = 0; i < set->ndropped; i++)
        free(set->dropped[i]);
    for (size_t i = 0; i < set->nmade; i++)
        free(set->made[i]);
    free(set->finals);
    free(set->temps);
    free(set->kept);
    free(set->dropped);
    free(set->made);
    if (set->lock)
        release(set);
    memset(set, 0, sizeof *set);
}

void out_keep(out_set *set, const char *temp)
{
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(set->temps[i], temp) == 0)
            set->kept[i] = 1;
    }
}

int out_same(const char *path, const void *data, size_t len)
{
    /* A link in the output's place is replaced, never kept. */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    struct stat st;
    char *buf;
    int same;

    if (!f) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size != len) {
        fclose(f);
        return 0;
    }
    buf = xmalloc(len + 1);
    same = fread(buf, 1, len + 1, f) == len && memcmp(buf, data, len) == 0;
    free(buf);
    fclose(f);
    return same;
}

void out_discard(out_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        if (!set->kept[i])
            unlink(set->temps[i]);
    }
    for (size_t i = set->nmade; i-- > 0;)
        rmdir(set->made[i]);
    clear(set);
}

/* Returns 0 when every final path of set can be renamed onto: nothing
 * is there, or a file. Returns -1 and sets *err for a folder in the
 * way, before anything is renamed. */
static int check_finals(const out_set *set, char **err)
{
    struct stat st;

    for (size_t i = 0; i < set->n; i++) {
        if (lstat(set->finals[i], &st) == 0 && S_ISDIR(st.st_mode))
            return err_set(err, "%s: a folder is in the way of this "
                           "output; move it away, then build again",
                           set->finals[i]);
    }
    return 0;
}

static void on_signal(int sig)
{
    caught = sig;
}

void out_catch_signals(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

void out_end_if_interrupted(void)
{
    if (caught)
        raise(caught);
}

int out_commit(out_set *set, char **err)
{
    if (caught) {
        out_discard(set);
        return err_set(err, "stopped by signal %d; nothing written",
                       (int)caught);
    }
    if (check_finals(set, err) != 0) {
        out_discard(set);
        return -1;
    }
    for (size_t i = 0; i < set->n; i++) {
        if (set->kept[i])
            continue;
        if (rename(set->temps[i], set->finals[i]) != 0) {
            err_set(err, "%s: cannot rename into place: %s", set->finals[i],
                    strerror(errno));
            for (size_t j = i; j < set->n; j++) {
                if (!set->kept[j])
                    unlink(set->temps[j]);
            }
            clear(set);
            return -1;
        }
    }
    for (size_t i = 0; i < set->ndropped; i++)
        unlink(set->dropped[i]);
    clear(set);
    return 0;
}

int out_mkdirs(out_set *set, const char *dir, char **err)
{
    char *path = xstrdup(dir);
    struct stat st;
    int rc = 0;

    for (char *p = path + 1; rc == 0; p++) {
        char c = *p;

        if (c != '/' && c != '\0')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) == 0) {
            if (set)
                add_path(&set->made, &set->nmade, path);
        } else if (errno != EEXIST) {
            rc = err_set(err, "%s: cannot create folder: %s", path,
                         strerror(errno));
        } else if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
            rc = err_set(err, "%s: not a folder (a file); move it away, "
                         "and nokkel makes the folder", path);
        }
        *p = c;
        if (c == '\0')
            break;
    }
    free(path);
    return rc;
}

/* Returns the process id in a temporary name "x.tmpPID", or 0 when
 * name is not one. */
static long temp_pid(const char *name)
{
    const char *t = strstr(name, ".tmp");
    char *end;
    long pid;

    while (t && strstr(t + 1, ".tmp"))
        t = strstr(t + 1, ".tmp");
    if (!t || t[4] < '1' || t[4] > '9')
        return 0;
    pid = strtol(t + 4, &end, 10);
    return *end == '\0' ? pid : 0;
}

/* Removes the temporary files in dir that are not this process's: under
 * the folder's lock, no other build writes there, so they are left by
 * builds that were killed. */
static void sweep(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        long pid = temp_pid(e->d_name);
        char *path;

        if (pid == 0 || pid == (long)getpid())
            continue;
        path = err_fmt("%s/%s", dir, e->d_name);
        unlink(path);
        free(path);
    }
    closedir(d);
}

/*
 * Waits until fd is locked; returns -1 when a signal came first (a
 * caught one, or one that interrupted the wait, as in nokkel watch).
 * It polls, as a blocking flock would go on waiting after a signal
 * whose handler asks for calls to be restarted.
 */
static int wait_for_lock(int fd)
{
    const struct timespec step = { 0, 20 * 1000 * 1000 };

    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (caught || nanosleep(&step, NULL) != 0)
            return -1;
    }
    return 0;
}

/*
 * Opens dir and locks it, waiting for a build that holds it. Returns the
 * descriptor, or -2 when dir was removed or replaced while this one
 * waited (the build waited for made it and, failing, removed it), or -1
 * with *err set.
 */
static int lock_folder(const char *dir, struct stat *st, char **err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat now;

    if (fd < 0)
        return err_set(err, "%s: cannot open the output folder: %s", dir,
                       strerror(errno));
    if (fstat(fd, st) != 0 || holds(st)) {
        close(fd);
        return err_set(err, "%s: this run writes another report into the "
                       "same folder (through a link?)", dir);
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        log_say("%s: another build writes here; waiting for it", dir);
        if (wait_for_lock(fd) != 0) {
            close(fd);
            return err_set(err, "%s: stopped while waiting for the other "
                           "build", dir);
        }
    }
    if (stat(dir, &now) != 0 || now.st_dev != st->st_dev ||
        now.st_ino != st->st_ino) {
        close(fd);
        return -2;
    }
    return fd;
}

int out_open_folder(out_set *set, const char *dir, const char *sub,
                    char **err)
{
    char *subdir = err_fmt("%s/%s", dir, sub);
    struct stat st;
    int fd;

    do
        fd = out_mkdirs(set, subdir, err) == 0
             ? lock_folder(dir, &st, err) : -1;
    while (fd == -2);
    /* The build waited for may have removed sub, which it made. */
    if (fd >= 0 && out_mkdirs(set, subdir, err) != 0) {
        close(fd);
        fd = -1;
    }
    if (fd >= 0) {
        set->lock = fd + 1;
        set->lock_dev = st.st_dev;
        set->lock_ino = st.st_ino;
        held = xrealloc(held, (nheld + 1) * sizeof *held);
        held[nheld++] = (struct held_folder){ st.st_dev, st.st_ino };
        sweep(dir);
        sweep(subdir);
    }
    free(subdir);
    return fd >= 0 ? 0 : -1;
}

int out_write(const char *path, const void *data, size_t len, char **err)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;

    if (f)
        ok &= fclose(f) == 0;
    return ok ? 0 : err_set(err, "%s: cannot write: %s", path,
                            strerror(errno));
}
