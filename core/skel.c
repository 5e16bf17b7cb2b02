#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "outfile.h"
#include "skel.h"

/* What a write has made so far, to undo it when a later step fails. */
typedef struct skel_made {
    char **paths;           /* files and folders, in the order made */
    size_t n;
} skel_made;

int skel_name_ok(const char *name)
{
    return name_is_plain(name) && name[0] >= 'a' && name[0] <= 'z' &&
           strlen(name) <= 40;
}

/* Returns text with every @NAME@ and @NOKKEL_VERSION@ replaced. Caller
 * frees. */
static char *fill(const char *text, const char *name)
{
    static const char *const keys[] = { "@NAME@", "@NOKKEL_VERSION@" };
    const char *values[] = { name, NOKKEL_VERSION };
    char *out = xstrdup("");

    while (*text) {
        size_t k = 0;
        char *longer;

        while (k < 2 && strncmp(text, keys[k], strlen(keys[k])) != 0)
            k++;
        if (k < 2) {
            longer = err_fmt("%s%s", out, values[k]);
            text += strlen(keys[k]);
        } else {
            size_t len = strcspn(text + 1, "@") + 1;

            longer = err_fmt("%s%.*s", out, (int)len, text);
            text += len;
        }
        free(out);
        out = longer;
    }
    return out;
}

static void remember(skel_made *made, const char *path)
{
    made->paths = xrealloc(made->paths, (made->n + 1) * sizeof *made->paths);
    made->paths[made->n++] = xstrdup(path);
}

/* Creates each missing folder on the way to the file at path. */
static int make_parents(skel_made *made, const char *path, char **err)
{
    char *dir = xstrdup(path);
    int rc = 0;

    for (char *p = strchr(dir + 1, '/'); p && rc == 0;
         p = strchr(p + 1, '/')) {
        *p = '\0';
        if (mkdir(dir, 0777) == 0)
            remember(made, dir);
        else if (errno != EEXIST)
            rc = err_set(err, "%s: cannot create folder: %s", dir,
                         strerror(errno));
        *p = '/';
    }
    free(dir);
    return rc;
}

/* Writes text into a new file at path; scripts become executable. */
static int write_file(skel_made *made, const char *path, const char *text,
                      char **err)
{
    FILE *f;
    size_t len = strlen(text);
    int ok;

    if (make_parents(made, path, err) != 0)
        return -1;
    f = fopen(path, "w");
    if (!f)
        return err_set(err, "%s: cannot write: %s", path, strerror(errno));
    remember(made, path);
    ok = fwrite(text, 1, len, f) == len;
    ok &= fclose(f) == 0;
    if (!ok)
        return err_set(err, "%s: cannot write: %s", path, strerror(errno));
    if (len > 3 && strcmp(path + strlen(path) - 3, ".sh") == 0)
        chmod(path, 0755);
    return 0;
}

/* Removes what was made, the last first, and forgets it. */
static void undo(skel_made *made, int keep)
{
    for (size_t i = made->n; i-- > 0;) {
        if (!keep)
            remove(made->paths[i]);
        free(made->paths[i]);
    }
    free(made->paths);
}

int skel_write(const char *name, const char *dir, char **err)
{
    skel_made made = { NULL, 0 };
    char *temp;
    int rc = 0;

    if (!skel_name_ok(name))
        return err_set(err, "\"%s\" cannot name a plugin: use lowercase "
                       "letters, digits and _, at most 40, starting with "
                       "a letter", name);
    temp = err_fmt("%s.tmp%ld", dir, (long)getpid());
    if (access(dir, F_OK) == 0)
        rc = err_set(err, "%s already exists; new-plugin makes a new "
                     "folder", dir);
    else if (out_mkdirs(NULL, temp, err) == 0)
        remember(&made, temp);
    else
        rc = -1;

    for (const skel_file *f = skel_files; rc == 0 && f->path; f++) {
        char *rel = fill(f->path, name);
        char *path = err_fmt("%s/%s", temp, rel);
        char *text = fill(f->text, name);

        rc = write_file(&made, path, text, err);
        free(rel);
        free(path);
        free(text);
    }
    if (rc == 0 && rename(temp, dir) != 0)
        rc = err_set(err, "%s: cannot rename into place: %s", dir,
                     strerror(errno));
    undo(&made, rc == 0);
    free(temp);
    return rc;
}
