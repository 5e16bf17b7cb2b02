/*
 * Fuzz target for the template engine (tmpl.h).
 *
 * The input is a template file. When it loads, every template named by
 * a header line is rendered three times: with every value a number
 * (whole, fractional, negative, zero, huge, missing or infinite, picked
 * by the name), with every value a text that looks like markup or a
 * placeholder, and with no value known. Properties: a file that does
 * not load, and a render that fails, say where (path:line); a render
 * that succeeds gives UTF-8.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "tmpl.h"

enum lookup_mode { LOOK_NUMBERS, LOOK_TEXT, LOOK_NONE };

static const double numbers[] = {
    0, 1, -1, 2.5, -0.0, 12, 13, 16259, -4.25, 0.5, 999.96e6, 1e300,
    -1e-300, 2025, NAN, INFINITY
};

static const char *const texts[] = {
    "<5", "a & b", "{x}", "..", "Helse Sør-Øst", "", "}}", "\"sitat\""
};

/* Returns a hash of name, so one name always gets the same value. */
static unsigned hash(const char *name)
{
    unsigned h = 5381;

    while (*name)
        h = h * 33 + (unsigned char)*name++;
    return h;
}

/* The lookup callback: ud points to the enum lookup_mode. */
static int lookup(void *ud, const char *name, double *num, const char **text)
{
    enum lookup_mode mode = *(enum lookup_mode *)ud;

    if (mode == LOOK_NUMBERS) {
        *num = numbers[hash(name) % (sizeof numbers / sizeof *numbers)];
        return 1;
    }
    if (mode == LOOK_TEXT) {
        *text = texts[hash(name) % (sizeof texts / sizeof *texts)];
        return 2;
    }
    return 0;
}

/* Checks that err starts with "path:" and a line number; only a file
 * with no template at all has no line to name. */
static void check_where(const char *err, const char *path)
{
    size_t n = strlen(path);

    FUZZ_CHECK(err != NULL, "failure without a message");
    FUZZ_CHECK(strncmp(err, path, n) == 0 && err[n] == ':' &&
                   ((err[n + 1] >= '0' && err[n + 1] <= '9') ||
                    strncmp(err + n, ": no templates;", 15) == 0),
               "message does not start with path:line: %s", err);
    FUZZ_CHECK(fuzz_is_utf8(err, strlen(err)), "message is not UTF-8: %s",
               err);
}

/* Renders template name in every lookup mode and checks the results. */
static void render_all_ways(const tmpl_set *set, const char *name,
                            const char *path)
{
    for (enum lookup_mode m = LOOK_NUMBERS; m <= LOOK_NONE; m++) {
        char *out = NULL, *err = NULL;

        if (tmpl_render(set, name, lookup, &m, &out, &err) == 0) {
            FUZZ_CHECK(out && fuzz_is_utf8(out, strlen(out)),
                       "template %s rendered invalid UTF-8", name);
        } else {
            FUZZ_CHECK(!out, "template %s failed with output", name);
            check_where(err, path);
        }
        free(out);
        free(err);
    }
}

/* Renders every template whose header is a line of the file (size bytes
 * at s). A header written wrong was refused at load, so the names found
 * here with tmpl_has are the set's. */
static void render_headers(const tmpl_set *set, const char *s, size_t size,
                           const char *path)
{
    size_t at = 0;

    while (at < size) {
        const char *line = s + at;
        size_t n = strcspn(line, "\n");
        char *name;

        at += n + 1;
        n = strcspn(line, "\r\n");
        while (n > 0 && (*line == ' ' || *line == '\t')) {
            line++;
            n--;
        }
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        if (n < 3 || line[0] != '[' || line[n - 1] != ']')
            continue;

        name = strndup(line + 1, n - 2);
        if (tmpl_has(set, name))
            render_all_ways(set, name, path);
        free(name);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    const char *path = fuzz_write_file(data, size);
    tmpl_set *set = NULL;
    char *err = NULL, *out = NULL;
    enum lookup_mode m = LOOK_NUMBERS;

    memcpy(s, data, size);
    s[size] = '\0';

    if (tmpl_load(path, &set, &err) != 0) {
        FUZZ_CHECK(!set, "failed load left a set");
        check_where(err, path);
    } else {
        render_headers(set, s, size, path);
        FUZZ_CHECK(tmpl_render(set, "ingen_slik_mal", lookup, &m, &out,
                               &err) != 0 || tmpl_has(set, "ingen_slik_mal"),
                   "an unknown template rendered");
        tmpl_free(set);
    }

    free(out);
    free(err);
    free(s);
    return 0;
}
