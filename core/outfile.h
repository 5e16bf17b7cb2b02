/*
 * Outputs written whole or not at all. Each output is first written to a
 * temporary name beside its final one; when every output of a build is
 * complete, they are all renamed into place. A failed build removes its
 * temporary files and leaves earlier outputs untouched.
 */
#ifndef NOKKEL_OUTFILE_H
#define NOKKEL_OUTFILE_H

#include <stddef.h>
#include <sys/types.h>

typedef struct out_set {
    size_t n;
    char **finals;
    char **temps;
    unsigned char *kept;    /* per output: its final file stays as it is */
    char **dropped;         /* files out_commit removes */
    size_t ndropped;
    char **made;            /* folders out_discard removes when empty */
    size_t nmade;
    int lock;               /* the locked folder's descriptor + 1, or 0 */
    dev_t lock_dev;         /* and its device and inode */
    ino_t lock_ino;
} out_set;

/*
 * Makes the output folder dir and its subfolder sub when missing (see
 * out_mkdirs) and locks dir for set, waiting while another nokkel
 * writes into it, so that two builds into one folder never mix their
 * outputs; out_commit and out_discard unlock it. Once it holds the
 * lock, it removes the temporary files of builds that were killed from
 * dir and sub. Returns 0, or -1 and sets *err (also when a signal stops
 * the wait, or when this process holds dir locked already).
 */
int out_open_folder(out_set *set, const char *dir, const char *sub,
                    char **err);

/* Registers final and returns the temporary path to write instead
 * (borrowed until out_commit or out_discard). */
const char *out_add(out_set *set, const char *final);

/*
 * Keeps the output whose temporary path is temp as it is: no temporary
 * file was written, as the final one holds the bytes already (see
 * out_same), and out_commit leaves it alone.
 */
void out_keep(out_set *set, const char *temp);

/* Returns 1 when the file at path holds exactly the len bytes at data
 * (so an unchanged output need not be written again), else 0. */
int out_same(const char *path, const void *data, size_t len);

/* Has out_commit remove the file at path, an output of an earlier build
 * that this one no longer makes. */
void out_drop(out_set *set, const char *path);

/*
 * Makes SIGINT, SIGTERM and SIGHUP stop the build at its commit instead
 * of midway: out_commit then discards the set and fails, so an
 * interrupted build leaves neither new outputs nor temporary files. A
 * second signal ends the process at once.
 */
void out_catch_signals(void);

/* After a caught signal, ends the process by that signal (the exit
 * status a shell expects); otherwise returns. For a build that failed:
 * one the signal came too late to stop has written its outputs, and
 * ends as it would have without it. */
void out_end_if_interrupted(void);

/* Renames every temporary file to its final name, then removes the
 * dropped files. Returns 0, or -1 and sets *err (the files not yet
 * renamed are removed, the dropped ones kept), also after a caught
 * signal. A folder where an output should go is found before anything
 * is renamed. Empties the set. */
int out_commit(out_set *set, char **err);

/* Removes every temporary file and the folders made for the set, and
 * empties the set. */
void out_discard(out_set *set);

/* Creates dir and its parents when missing. With a set, the folders it
 * made are removed again by out_discard when empty. Returns 0, or -1
 * and sets *err. */
int out_mkdirs(out_set *set, const char *dir, char **err);

/* Writes len bytes of data to a new file at path (a temporary name from
 * out_add, or any file). Returns 0, or -1 and sets *err to "path:
 * cannot write: reason" (caller frees). */
int out_write(const char *path, const void *data, size_t len, char **err);

#endif
