/* realpath comes with X/Open. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "err.h"
#include "infile.h"

/* Returns 1 when the resolved path real is folder or lies under it. */
static int is_under(const char *folder, const char *real)
{
    size_t n = strlen(folder);

    if (strcmp(folder, "/") == 0)
        return 1;
    return strncmp(real, folder, n) == 0 &&
           (real[n] == '\0' || real[n] == '/');
}

/* Returns path with every link resolved, or when path does not exist,
 * its folder resolved; NULL when neither exists. Caller frees. */
static char *resolve(const char *path)
{
    char *real = realpath(path, NULL);
    const char *slash = strrchr(path, '/');
    char *dir;

    if (real || !slash || slash == path)
        return real;
    dir = err_fmt("%.*s", (int)(slash - path), path);
    real = realpath(dir, NULL);
    free(dir);
    return real;
}

int infile_inside(const char *root, const char *path, char **err)
{
    char *real_root = realpath(root, NULL);
    char *real = resolve(path);
    int inside = !real_root || !real || is_under(real_root, real);

    free(real_root);
    free(real);
    if (!inside)
        return err_set(err, "%s: a link to a place outside the report's "
                       "folder", path);
    return 0;
}

int infile_regular(const char *path, char **err)
{
    struct stat st;

    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return 0;
    return err_set(err, "%s: not a regular file", path);
}

int infile_check(const char *root, const char *path, char **err)
{
    if (infile_inside(root, path, err) != 0)
        return -1;
    return infile_regular(path, err);
}
