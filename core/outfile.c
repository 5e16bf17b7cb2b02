#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "outfile.h"

const char *out_add(out_set *set, const char *final)
{
    size_t n = set->n + 1;

    set->finals = xrealloc(set->finals, n * sizeof *set->finals);
    set->temps = xrealloc(set->temps, n * sizeof *set->temps);
    set->finals[set->n] = xstrdup(final);
    set->temps[set->n] = err_fmt("%s.tmp%ld", final, (long)getpid());
    set->n = n;
    return set->temps[n - 1];
}

static void clear(out_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->finals[i]);
        free(set->temps[i]);
    }
    free(set->finals);
    free(set->temps);
    memset(set, 0, sizeof *set);
}

void out_discard(out_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        unlink(set->temps[i]);
    clear(set);
}

int out_commit(out_set *set, char **err)
{
    for (size_t i = 0; i < set->n; i++) {
        if (rename(set->temps[i], set->finals[i]) != 0) {
            err_set(err, "%s: cannot rename into place: %s", set->finals[i],
                    strerror(errno));
            for (size_t j = i; j < set->n; j++)
                unlink(set->temps[j]);
            clear(set);
            return -1;
        }
    }
    clear(set);
    return 0;
}

int out_mkdirs(const char *dir, char **err)
{
    char *path = xstrdup(dir);
    int rc = 0;

    for (char *p = path + 1; rc == 0; p++) {
        char c = *p;

        if (c != '/' && c != '\0')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            rc = err_set(err, "%s: cannot create folder: %s", path,
                         strerror(errno));
        *p = c;
        if (c == '\0')
            break;
    }
    free(path);
    return rc;
}
