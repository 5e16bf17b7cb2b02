#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "outfile.h"

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

int out_lock(out_set *set, const char *dir, char **err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return err_set(err, "%s: cannot open the output folder: %s", dir,
                       strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        log_note("%s: another build writes here; waiting for it", dir);
        while (flock(fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                close(fd);
                return err_set(err, "%s: cannot lock the output folder: %s",
                               dir, strerror(errno));
            }
        }
    }
    set->lock = fd + 1;
    return 0;
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
        close(set->lock - 1);
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

static volatile sig_atomic_t caught;

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

/*
 * Returns 1 when process pid runs: it exists and is not a zombie, a
 * process killed but not yet reaped by its parent (a build killed by
 * timeout can stay one for a while), whose files are no one's.
 */
static int runs(long pid)
{
    char path[64], stat[256];
    const char *end;
    FILE *f;
    size_t n;

    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return 0;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (!(f = fopen(path, "r")))
        return 1;
    n = fread(stat, 1, sizeof stat - 1, f);
    fclose(f);
    stat[n] = '\0';
    /* "pid (name) state ...": the name may hold spaces and parentheses. */
    end = strrchr(stat, ')');
    return !(end && end[1] == ' ' && end[2] == 'Z');
}

void out_sweep(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        long pid = temp_pid(e->d_name);
        char *path;

        if (pid == 0 || runs(pid))
            continue;
        path = err_fmt("%s/%s", dir, e->d_name);
        unlink(path);
        free(path);
    }
    closedir(d);
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
