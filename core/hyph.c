/*
 * Hyphenation: splits text into words, leaves alone what must not be
 * broken (see hyph.h) and marks the break points of the rest with soft
 * hyphens, from the project's exception list when the word is there and
 * from libhyphen's patterns otherwise. The patterns are ISO-8859-1, so a
 * word is converted letter by letter; a word with a letter outside
 * Latin-1 is left alone.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "err.h"
#include "hyph.h"

#define MIN_LETTERS 5
#define LEFT_MIN 2
#define RIGHT_MIN 3
#define COMPOUND_MIN 3
#define MAX_LETTERS 63      /* longer runs of letters are left alone */

enum { HYPH_NB, HYPH_NN, HYPH_NDICT };

static const char *const dict_file[HYPH_NDICT] = {"hyph_nb_NO.dic",
                                                  "hyph_nn_NO.dic"};

/* A word of the exception list, lower case, with its breaks. */
typedef struct hyph_word {
    char *word;         /* UTF-8 without the "-" marks */
    char *breaks;       /* breaks[i] set: a break is allowed before byte i */
    size_t len;
    int line;
} hyph_word;

/* The patterns, read once per process: every hyphenator of a build, and
 * every build of nokkel watch, shares them, as they never change. A
 * file that failed is tried again next time. */
static HyphenDict *patterns[HYPH_NDICT];
static pthread_mutex_t patterns_lock = PTHREAD_MUTEX_INITIALIZER;

struct hyph {
    HyphenDict *dict[HYPH_NDICT];   /* borrowed from patterns */
    hyph_word *words;   /* sorted by word */
    size_t nwords, cap;
};

/* A growing output string. */
typedef struct hyph_buf {
    char *s;
    size_t len, cap;
} hyph_buf;

static void buf_add(hyph_buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/*
 * Returns the length in bytes (1 or 2) of the Latin-1 letter that s
 * starts with, or 0 when s does not start with one; end bounds s. Sets
 * *low to the lower-case letter in ISO-8859-1 and *upper to whether the
 * letter is a capital (both 0 when s starts with no letter).
 */
static size_t letter(const unsigned char *s, const unsigned char *end,
                     unsigned char *low, int *upper)
{
    unsigned char c;

    *low = 0;
    *upper = 0;
    if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
        *upper = *s <= 'Z';
        *low = (unsigned char)(*upper ? *s + 32 : *s);
        return 1;
    }
    if (*s != 0xc3 || s + 1 >= end || s[1] < 0x80 || s[1] > 0xbf)
        return 0;
    c = (unsigned char)(0xc0 + (s[1] - 0x80));
    if (c == 0xd7 || c == 0xf7)
        return 0;
    *upper = c <= 0xde && c != 0xdf;
    *low = (unsigned char)(*upper ? c + 0x20 : c);
    return 2;
}

/* Returns the length of the space that s starts with (ASCII white
 * space, U+00A0, U+2000 to U+200F, U+202F), or 0. */
static size_t space(const unsigned char *s, const unsigned char *end)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        return 1;
    if (s + 1 < end && s[0] == 0xc2 && s[1] == 0xa0)
        return 2;
    if (s + 2 < end && s[0] == 0xe2 && s[1] == 0x80
        && ((s[2] >= 0x80 && s[2] <= 0x8f) || s[2] == 0xaf))
        return 3;
    return 0;
}

/* Returns whether the token [s, end) is a plain word (perhaps with
 * punctuation): no digit, no sign of a URL, e-mail address or
 * abbreviation with dots, no soft hyphen, no letter outside Latin-1.
 * Dashes and quotes from U+2010 to U+201F are punctuation. */
static int token_plain(const unsigned char *s, const unsigned char *end)
{
    const unsigned char *p;
    unsigned char low;
    int upper;

    for (p = s; p < end; p++) {
        if ((*p >= '0' && *p <= '9') || (*p && strchr("@/\\:_=#&?~<>|", *p)))
            return 0;
        if (*p == '.' && p + 1 < end && letter(p + 1, end, &low, &upper))
            return 0;
        if (p + 1 < end && p[0] == 0xc2 && p[1] == 0xad)
            return 0;
        if (*p >= 0xc4 && !(p + 2 < end && p[0] == 0xe2 && p[1] == 0x80
                             && p[2] >= 0x90 && p[2] <= 0x9f))
            return 0;
        if (*p >= 0xe0)
            p += 2;
    }
    return 1;
}

static int word_cmp(const void *a, const void *b)
{
    const hyph_word *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->word, y->word, n);

    if (c)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Returns the exception for the lower-case word [s, s + n), or NULL. */
static const hyph_word *word_find(const hyph *h, const char *s, size_t n)
{
    hyph_word key;

    key.word = (char *)s;
    key.len = n;
    if (!h->nwords)
        return NULL;
    return bsearch(&key, h->words, h->nwords, sizeof key, word_cmp);
}

/* Trims a list line of its comment and surrounding white space. */
static char *line_trim(char *s)
{
    char *end = strchr(s, '#');

    if (end)
        *end = '\0';
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'
                       || end[-1] == '\n' || end[-1] == '\r'))
        *--end = '\0';
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/*
 * Adds the word on one line of the list, lower-cased and with its "-"
 * marks turned into breaks. Returns 0 (also for a blank line), or -1
 * and sets *err for anything but letters and single inner hyphens.
 */
static int word_add(hyph *h, const char *path, int line, char *text,
                    char **err)
{
    const unsigned char *s = (const unsigned char *)line_trim(text);
    const unsigned char *end = s + strlen((const char *)s);
    const unsigned char *p;
    hyph_word w = {0};
    unsigned char low;
    size_t n;
    int upper, bad = *s == '-' || (end > s && end[-1] == '-');

    if (s == end)
        return 0;
    w.word = xmalloc((size_t)(end - s) + 1);
    w.breaks = xcalloc((size_t)(end - s) + 1, 1);
    for (p = s; p < end && !bad; p += n) {
        n = 1;
        if (*p == '-') {
            bad = p[1] == '-';
            w.breaks[w.len] = 1;
        } else if ((n = letter(p, end, &low, &upper)) == 0) {
            bad = 1;
        } else {
            memcpy(w.word + w.len, p, n);
            if (upper)
                w.word[w.len + n - 1] = (char)(p[n - 1] + 0x20);
            w.len += n;
        }
    }
    if (bad) {
        free(w.word);
        free(w.breaks);
        return err_set(err, "%s:%d: \"%s\" is not a word with \"-\" at its "
                       "breaks", path, line, (const char *)s);
    }
    w.line = line;
    if (h->nwords == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->words = xrealloc(h->words, h->cap * sizeof *h->words);
    }
    h->words[h->nwords++] = w;
    return 0;
}

/* Sorts the list and refuses a word listed twice. */
static int words_sort(hyph *h, const char *path, char **err)
{
    const hyph_word *a, *b;
    size_t i;

    qsort(h->words, h->nwords, sizeof *h->words, word_cmp);
    for (i = 1; i < h->nwords; i++) {
        a = &h->words[i - 1];
        b = &h->words[i];
        if (word_cmp(a, b) == 0)
            return err_set(err, "%s:%d: \"%.*s\" is listed twice (also at "
                           "line %d)", path, a->line > b->line ? a->line
                                                               : b->line,
                           (int)b->len, b->word,
                           a->line > b->line ? b->line : a->line);
    }
    return 0;
}

/* Reads the exception list at path. Returns 0, or -1 and sets *err. */
static int words_load(hyph *h, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    char line[256];
    int n = 0, rc = 0;

    if (!f)
        return err_set(err, "%s: %s", path, strerror(errno));
    while (rc == 0 && fgets(line, sizeof line, f)) {
        n++;
        if (!strchr(line, '\n') && !feof(f))
            rc = err_set(err, "%s:%d: line is longer than %d bytes", path,
                         n, (int)sizeof line - 2);
        else
            rc = word_add(h, path, n, line, err);
    }
    if (rc == 0 && ferror(f))
        rc = err_set(err, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    if (rc == 0)
        rc = words_sort(h, path, err);
    return rc;
}

hyph *hyph_new(const char *words, char **err)
{
    hyph *h = xcalloc(1, sizeof *h);

    if (words && words_load(h, words, err) < 0) {
        hyph_free(h);
        return NULL;
    }
    return h;
}

void hyph_free(hyph *h)
{
    size_t i;

    if (!h)
        return;
    for (i = 0; i < h->nwords; i++) {
        free(h->words[i].word);
        free(h->words[i].breaks);
    }
    free(h->words);
    free(h);
}

/* Returns which patterns lang uses, or -1 for a language not
 * hyphenated. */
static int dict_index(const char *lang)
{
    if (!lang)
        return HYPH_NB;
    if (strlen(lang) >= 2 && (lang[2] == '\0' || lang[2] == '-'
                              || lang[2] == '_')) {
        if (strncmp(lang, "nb", 2) == 0 || strncmp(lang, "no", 2) == 0)
            return HYPH_NB;
        if (strncmp(lang, "nn", 2) == 0)
            return HYPH_NN;
    }
    return -1;
}

/* Loads patterns i unless loaded. Returns 0, or -1 and sets *err. */
static int dict_load(hyph *h, int i, char **err)
{
    char *path;

    if (h->dict[i])
        return 0;
    path = err_fmt("%s/%s", HYPH_DIR, dict_file[i]);
    pthread_mutex_lock(&patterns_lock);
    if (!patterns[i])
        patterns[i] = hnj_hyphen_load(path);
    if (!patterns[i])
        err_set(err, "cannot read hyphenation patterns %s (Debian package "
                "hyphen-no)", path);
    else if (patterns[i]->utf8)
        err_set(err, "%s: only ISO-8859-1 hyphenation patterns are "
                "supported", path);
    if (patterns[i] && patterns[i]->utf8) {
        hnj_hyphen_free(patterns[i]);
        patterns[i] = NULL;
    }
    h->dict[i] = patterns[i];
    pthread_mutex_unlock(&patterns_lock);
    free(path);
    return h->dict[i] ? 0 : -1;
}

void hyph_preload(const char *lang)
{
    hyph h;
    int i = dict_index(lang);

    memset(&h, 0, sizeof h);
    if (i >= 0)
        dict_load(&h, i, NULL);
}

/*
 * Sets breaks[b] for each byte offset b in the run of n letters at s
 * (offs[k] is where letter k starts; latin holds them lower-cased in
 * ISO-8859-1) where the patterns allow a standard break.
 */
static void pattern_breaks(HyphenDict *dict, const char *latin, size_t n,
                           const size_t *offs, char *breaks)
{
    char hyphens[MAX_LETTERS + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    size_t k;

    if (hnj_hyphen_hyphenate3(dict, latin, (int)n, hyphens, NULL, &rep,
                              &pos, &cut, LEFT_MIN, RIGHT_MIN, COMPOUND_MIN,
                              COMPOUND_MIN) != 0)
        return;
    for (k = 0; k + 1 < n; k++)
        if ((hyphens[k] & 1) && !(rep && rep[k]))
            breaks[offs[k + 1]] = 1;
    if (rep) {
        for (k = 0; k < n; k++)
            free(rep[k]);
        free(rep);
        free(pos);
        free(cut);
    }
}

/* Appends the run of letters [s, end) to out, soft hyphens at its
 * breaks, unless it is too short or too long or is an abbreviation. */
static void hyphenate_run(const hyph *h, HyphenDict *dict,
                          const unsigned char *s, const unsigned char *end,
                          hyph_buf *out)
{
    char latin[MAX_LETTERS + 1], lower[2 * MAX_LETTERS];
    char breaks[2 * MAX_LETTERS + 1] = {0};
    size_t offs[MAX_LETTERS + 1], n = 0, b = 0, step;
    const hyph_word *w;
    unsigned char low;
    int upper;

    for (; s + b < end && n < MAX_LETTERS; b += step, n++) {
        step = letter(s + b, end, &low, &upper);
        if (step == 0 || (upper && n > 0))
            break;
        offs[n] = b;
        latin[n] = (char)low;
        memcpy(lower + b, s + b, step);
        if (upper)
            lower[b + step - 1] = (char)(s[b + step - 1] + 0x20);
    }
    if (s + b < end || n < MIN_LETTERS) {
        buf_add(out, s, (size_t)(end - s));
        return;
    }
    latin[n] = '\0';   /* libhyphen searches the word as a string too */
    if ((w = word_find(h, lower, b)))
        memcpy(breaks, w->breaks, b);
    else
        pattern_breaks(dict, latin, n, offs, breaks);
    for (b = 0; s + b < end; b++) {
        if (breaks[b])
            buf_add(out, "\xc2\xad", 2);
        buf_add(out, s + b, 1);
    }
}

/* Appends the token [s, end) to out, its words hyphenated when it is
 * plain. */
static void hyphenate_token(const hyph *h, HyphenDict *dict,
                            const unsigned char *s,
                            const unsigned char *end, hyph_buf *out)
{
    const unsigned char *p = s, *run;
    unsigned char low;
    int upper;
    size_t n;

    if (!token_plain(s, end)) {
        buf_add(out, s, (size_t)(end - s));
        return;
    }
    while (p < end) {
        run = p;
        while (p < end && (n = letter(p, end, &low, &upper)) > 0)
            p += n;
        if (p > run)
            hyphenate_run(h, dict, run, p, out);
        else
            buf_add(out, p++, 1);
    }
}

int hyph_text(hyph *h, const char *lang, const char *text, char **out,
              char **err)
{
    const unsigned char *s = (const unsigned char *)text;
    const unsigned char *end = s + strlen(text), *tok;
    int i = dict_index(lang);
    hyph_buf buf = {0};
    size_t n;

    if (i < 0) {
        *out = xstrdup(text);
        return 0;
    }
    if (dict_load(h, i, err) < 0)
        return -1;
    buf_add(&buf, "", 0);
    while (s < end) {
        if ((n = space(s, end)) > 0) {
            buf_add(&buf, s, n);
            s += n;
            continue;
        }
        for (tok = s; s < end && space(s, end) == 0; s++)
            continue;
        hyphenate_token(h, h->dict[i], tok, s, &buf);
    }
    *out = buf.s;
    return 0;
}
