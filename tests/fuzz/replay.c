/*
 * Runs a fuzz target's code on saved inputs without libFuzzer, so the
 * corpus and the regression inputs are tested in every build, with any
 * compiler. Each argument is a file or a folder of files (names
 * starting with "." and README.md are skipped). Exits 0 when every
 * input ran; a broken property aborts, and an unreadable file fails.
 * usage: fuzz_TARGET_replay FILE_OR_DIR...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_util.h"

/* Reads path whole into a new buffer (caller frees) and sets *size.
 * Returns NULL when it cannot. */
static uint8_t *read_input(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0, got;

    if (!f)
        return NULL;
    do {
        if (cap - n < 4096) {
            cap = cap ? 2 * cap : 65536;
            buf = realloc(buf, cap);
            if (!buf)
                abort();
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = n;
    return buf;
}

/* Runs one file through the target. Returns 0, or -1 when unreadable. */
static int replay_file(const char *path)
{
    size_t size;
    uint8_t *data = read_input(path, &size);

    if (!data) {
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every file of folder dir, in name order, adding them to *count.
 * Returns 0, or -1 when one could not be read. */
static int replay_dir(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;

    if (!d) {
        fprintf(stderr, "%s: cannot open\n", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        if (!names)
            abort();
        names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!names[n])
            abort();
        sprintf(names[n++], "%s/%s", dir, e->d_name);
    }
    closedir(d);

    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        if (replay_file(names[i]) < 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    *count += (int)n;
    return rc;
}

int main(int argc, char **argv)
{
    int count = 0, rc = 0;
    struct stat st;

    for (int i = 1; i < argc; i++) {
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            rc |= replay_dir(argv[i], &count) < 0;
        } else {
            rc |= replay_file(argv[i]) < 0;
            count++;
        }
    }
    printf("%d inputs replayed\n", count);
    return rc;
}
