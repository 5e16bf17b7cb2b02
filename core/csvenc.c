/*
 * Settling a CSV file's encoding: byte order marks first, then UTF-8,
 * then Windows-1252; conversions are done by iconv. Every refusal names
 * the line and column of the first character that shows the problem.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvenc.h"
#include "err.h"

#define BOM_UTF8 "\xEF\xBB\xBF"

/*
 * Returns the length of the well-formed UTF-8 character at s (n bytes
 * left), or 0 when it is not one: overlong forms, surrogates and values
 * past U+10FFFF are refused.
 */
static size_t utf8_char_len(const unsigned char *s, size_t n)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4;
    else
        return 0;

    if (s[0] == 0xE0)
        lo = 0xA0;
    else if (s[0] == 0xED)
        hi = 0x9F;
    else if (s[0] == 0xF0)
        lo = 0x90;
    else if (s[0] == 0xF4)
        hi = 0x8F;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    return len;
}

/* Returns the offset of the first byte of s that does not start a
 * well-formed UTF-8 character, or n when s is all UTF-8. */
static size_t utf8_first_bad(const unsigned char *s, size_t n)
{
    size_t i = 0, k;

    while (i < n) {
        uint64_t eight;

        /* Data files are mostly ASCII: eight such bytes at a time. */
        if (n - i >= 8) {
            memcpy(&eight, s + i, 8);
            if (!(eight & 0x8080808080808080u)) {
                i += 8;
                continue;
            }
        }
        if ((k = utf8_char_len(s + i, n - i)) == 0)
            break;
        i += k;
    }
    return i;
}

/* Returns the offset of the first well-formed UTF-8 character of two or
 * more bytes in s, or n when there is none. */
static size_t utf8_first_wide(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 0x80 && utf8_char_len(s + i, n - i) > 1)
            return i;
    }
    return n;
}

/* Returns 1 when every byte of s is a character in Windows-1252 and the
 * only control bytes are tab, CR and LF; else 0. */
static int cp1252_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];

        if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F)
            return 0;
        if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D)
            return 0;
    }
    return 1;
}

void csvenc_locate(const char *s, size_t n, size_t off, long *line,
                   size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && i < n; i++) {
        unsigned char b = (unsigned char)s[i];

        if (b == '\n' || (b == '\r' && (i + 1 == n || s[i + 1] != '\n'))) {
            (*line)++;
            *col = 1;
        } else if ((b & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/*
 * Converts the n bytes at in from the encoding called from to UTF-8.
 * Returns the new NUL-terminated text (caller frees) with its length in
 * *outlen, or NULL with *err set, naming where the conversion stopped.
 */
static char *convert(const char *path, const char *from, const char *in,
                     size_t n, size_t *outlen, char **err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    size_t cap = n * 3 + 4;     /* no input byte gives more than 3 */
    size_t inleft = n, outleft = cap - 1;
    char *out, *o, *i = (char *)in;
    long line;
    size_t col;

    if (cd == (iconv_t)-1) {
        err_set(err, "%s: cannot convert from %s: %s", path, from,
                strerror(errno));
        return NULL;
    }
    out = o = xmalloc(cap);
    if (iconv(cd, &i, &inleft, &o, &outleft) == (size_t)-1) {
        csvenc_locate(out, (size_t)(o - out), (size_t)(o - out), &line,
                      &col);
        err_set(err, "%s:%ld:%zu: not valid %s here (%s); save the file "
                "again as UTF-8", path, line, col, from, errno == EINVAL
                ? "the file ends inside a character" : "a broken character");
        iconv_close(cd);
        free(out);
        return NULL;
    }
    iconv_close(cd);

    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

/* Replaces *data by text (of len bytes), freeing the old buffer; NULL
 * text leaves *data as it was and returns -1. */
static int replace(char **data, size_t *len, char *text, size_t n)
{
    if (!text)
        return -1;
    free(*data);
    *data = text;
    *len = n;
    return 0;
}

/* Converts a file that starts with a UTF-16 byte order mark. Returns 0
 * when it does, 1 when it does not, -1 with *err set. */
static int settle_utf16(const char *path, char **data, size_t *len,
                        char **err)
{
    const unsigned char *s = (const unsigned char *)*data;
    const char *from;
    char *text;
    size_t n = 0;

    if (*len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        from = "UTF-16LE";
    else if (*len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        from = "UTF-16BE";
    else
        return 1;
    text = convert(path, from, *data + 2, *len - 2, &n, err);
    return replace(data, len, text, n);
}

/* Reports byte off of s (n bytes) with a reason. Returns -1. */
static int bad_byte(const char *path, const char *s, size_t n, size_t off,
                    const char *why, char **err)
{
    long line;
    size_t col;

    csvenc_locate(s, n, off, &line, &col);
    return err_set(err, "%s:%ld:%zu: invalid byte 0x%02X (%s)", path, line,
                   col, (unsigned char)s[off], why);
}

/* Reports a file that has UTF-8 text at wide and a byte at bad that is
 * not UTF-8. Returns -1. */
static int mixed(const char *path, const char *s, size_t n, size_t wide,
                 size_t bad, char **err)
{
    size_t k = utf8_char_len((const unsigned char *)s + wide, n - wide);
    long wline, bline;
    size_t wcol, bcol;

    csvenc_locate(s, n, wide, &wline, &wcol);
    csvenc_locate(s, n, bad, &bline, &bcol);
    return err_set(err, "%s:%ld:%zu: invalid byte 0x%02X: the file mixes "
                   "UTF-8 (\"%.*s\" on line %ld:%zu) with another "
                   "encoding; save it again as UTF-8", path, bline, bcol,
                   (unsigned char)s[bad], (int)k, s + wide, wline, wcol);
}

/*
 * Returns the Windows-1252 byte that character c (UTF-8 at s, k bytes)
 * is when a UTF-8 text was wrongly read as Windows-1252 or Latin-1 and
 * c came from a continuation byte (0x80 to 0xBF); 0 when it cannot be.
 */
static unsigned char continuation_byte(const char *s, size_t k)
{
    const unsigned char *u = (const unsigned char *)s;
    iconv_t cd;
    char out[4], *o = out, *i = (char *)s;
    size_t inleft = k, outleft = sizeof out;
    unsigned char b = 0;

    if (k == 2 && u[0] == 0xC2)
        return u[1];            /* U+0080 to U+00BF: the byte itself */
    if (k != 3 && k != 2)
        return 0;
    cd = iconv_open("WINDOWS-1252", "UTF-8");
    if (cd == (iconv_t)-1)
        return 0;
    if (iconv(cd, &i, &inleft, &o, &outleft) != (size_t)-1 && o == out + 1
        && (unsigned char)out[0] >= 0x80 && (unsigned char)out[0] <= 0x9F)
        b = (unsigned char)out[0];
    iconv_close(cd);
    return b;
}

/*
 * Refuses text encoded as UTF-8 twice: "Ã" or "Â" (U+00C3, U+00C2)
 * followed by a character that stands for a UTF-8 continuation byte.
 * Such a pair in real Norwegian text is all but unheard of, while every
 * twice-encoded "æ", "ø", "å" and their capitals gives one.
 */
static int check_twice(const char *path, const char *s, size_t n,
                       char **err)
{
    const unsigned char *u = (const unsigned char *)s;
    char once[3];
    size_t k;
    long line;
    size_t col;

    for (size_t i = 0; i + 2 < n; i++) {
        const unsigned char *c3 = memchr(u + i, 0xC3, n - 2 - i);

        if (!c3)
            break;
        i = (size_t)(c3 - u);
        if (u[i + 1] != 0x82 && u[i + 1] != 0x83)
            continue;
        k = utf8_char_len(u + i + 2, n - i - 2);
        once[0] = (char)(u[i + 1] + 0x40);  /* Ã is 0xC3, Â is 0xC2 */
        once[1] = (char)continuation_byte(s + i + 2, k);
        once[2] = '\0';
        if (once[1] == 0)
            continue;
        csvenc_locate(s, n, i, &line, &col);
        return err_set(err, "%s:%ld:%zu: \"%.*s\" looks like \"%s\" encoded "
                       "as UTF-8 twice; export the file again as UTF-8 "
                       "once", path, line, col, (int)(2 + k), s + i, once);
    }
    return 0;
}

/* Settles a file with no UTF-16 byte order mark. Returns 0, or -1 with
 * *err set. */
static int settle_bytes(const char *path, char **data, size_t *len,
                        char **err)
{
    const unsigned char *s = (const unsigned char *)*data;
    const char *nul = memchr(*data, '\0', *len);
    int bom = *len >= 3 && memcmp(*data, BOM_UTF8, 3) == 0;
    size_t bad, wide, n = 0;
    char *text;

    if (bom) {
        *len -= 3;
        memmove(*data, *data + 3, *len + 1);
        nul = memchr(*data, '\0', *len);
    }
    if (nul)
        return bad_byte(path, *data, *len, (size_t)(nul - *data),
                        "NUL bytes are not text; is the file UTF-16 "
                        "without its byte order mark?", err);

    bad = utf8_first_bad(s, *len);
    if (bad == *len)
        return 0;
    if (bom)
        return bad_byte(path, *data, *len, bad, "the file starts with a "
                        "UTF-8 byte order mark but is not UTF-8; save it "
                        "again as UTF-8", err);
    if (!cp1252_ok(s, *len))
        return bad_byte(path, *data, *len, bad, "the file is neither "
                        "UTF-8 nor Windows-1252", err);
    wide = utf8_first_wide(s, *len);
    if (wide < *len)
        return mixed(path, *data, *len, wide, bad, err);
    text = convert(path, "WINDOWS-1252", *data, *len, &n, err);
    return replace(data, len, text, n);
}

unsigned csvenc_noncharacter_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cp;

    if (u[0] == 0xEF && n >= 3)
        cp = ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu) | 0xF000u;
    else if (u[0] >= 0xF0 && n >= 4)
        cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
             ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
    else
        return 0;
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu ? cp
                                                                       : 0;
}

unsigned csvenc_noncharacter(const char *s, size_t n, size_t *at)
{
    unsigned cp;

    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0xEF &&
            (cp = csvenc_noncharacter_at(s + i, n - i)) != 0) {
            *at = i;
            return cp;
        }
    }
    return 0;
}

int csvenc_settle(const char *path, char **data, size_t *len, char **err)
{
    int rc = settle_utf16(path, data, len, err);

    if (rc == 1)
        rc = settle_bytes(path, data, len, err);
    else if (rc == 0 && memchr(*data, '\0', *len))
        rc = bad_byte(path, *data, *len,
                      (size_t)((char *)memchr(*data, '\0', *len) - *data),
                      "NUL characters are not text", err);
    if (rc < 0)
        return -1;
    return check_twice(path, *data, *len, err);
}
