#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fmt.h"

#define FMT_NBSP "\xc2\xa0"         /* U+00A0 no-break space */
#define FMT_NNBSP "\xe2\x80\xaf"   /* U+202F narrow no-break space */
#define FMT_MINUS "\xe2\x88\x92"   /* U+2212 minus sign */
#define FMT_DASH "\xe2\x80\x93"    /* U+2013 en dash */

#define FMT_MAX_DECIMALS 15

/*
 * Significant digits read from a double before rounding. A decimal of up
 * to fifteen significant digits comes back unchanged from its nearest
 * double, so 1191.85 reads as the 1191.85 it was written as, not as the
 * binary value just below it that printf would round down.
 */
#define FMT_SIG_DIGITS 15

/* Where grouping starts, in integer digits; 0 never groups. */
enum {
    GROUP_NEVER = 0,
    GROUP_TABLE = 4,
    GROUP_PROSE = 5
};

static const char *const number_words[] = {
    "null", "én", "to", "tre", "fire", "fem", "seks",
    "sju", "åtte", "ni", "ti", "elleve", "tolv"
};

/*
 * Fills sig (FMT_SIG_DIGITS digits) with the significant digits of mag
 * (finite, not negative) and returns the decimal exponent of the first,
 * so that mag is sig[0].sig[1]... times ten to that power. Only digits
 * and the exponent are taken from printf's output, so the locale's
 * decimal mark never matters.
 */
static int read_significand(double mag, char *sig)
{
    char sci[64];
    const char *p;
    int n = 0;

    snprintf(sci, sizeof sci, "%.*e", FMT_SIG_DIGITS - 1, mag);
    for (p = sci; *p && *p != 'e'; p++) {
        if (*p >= '0' && *p <= '9' && n < FMT_SIG_DIGITS)
            sig[n++] = *p;
    }
    return (int)strtol(p + 1, NULL, 10);
}

/*
 * Returns mag (not negative, finite) times ten to the power decimals,
 * rounded half away from zero, as a string of decimal digits with at
 * least decimals + 1 digits (zero-padded on the left). Caller frees.
 */
static char *round_digits(double mag, int decimals)
{
    char sig[FMT_SIG_DIGITS];
    int exponent = read_significand(mag, sig);
    int keep = exponent + 1 + decimals;
    int width = (keep > 0 ? keep : 0) + 1;
    int start = 0;
    char *out;

    if (width < decimals + 2)
        width = decimals + 2;
    out = xmalloc((size_t)width + 1);
    memset(out, '0', (size_t)width);
    out[width] = '\0';

    /* out[width - keep - 1] is a spare digit for a carry. */
    for (int i = 0; i < keep; i++)
        out[width - keep + i] = i < FMT_SIG_DIGITS ? sig[i] : '0';
    if (keep >= 0 && keep < FMT_SIG_DIGITS && sig[keep] >= '5') {
        int i = width - 1;

        while (out[i] == '9')
            out[i--] = '0';
        out[i]++;
    }

    while (width - start > decimals + 1 && out[start] == '0')
        start++;
    memmove(out, out + start, (size_t)(width - start) + 1);
    return out;
}

static int digits_are_zero(const char *digits)
{
    return digits[strspn(digits, "0")] == '\0';
}

static int clamp_decimals(int decimals)
{
    if (decimals < 0)
        return 0;
    return decimals > FMT_MAX_DECIMALS ? FMT_MAX_DECIMALS : decimals;
}

/*
 * Returns v with the given decimals, grouped by U+00A0 when its integer
 * part has group_from digits or more (GROUP_NEVER: never), or an en dash
 * when v is not finite. Caller frees.
 */
static char *format_number(double v, int decimals, int group_from)
{
    char *digits, *out, *o;
    size_t ndigits, nint;
    int grouped;

    if (!isfinite(v))
        return xstrdup(FMT_DASH);

    decimals = clamp_decimals(decimals);
    digits = round_digits(fabs(v), decimals);
    ndigits = strlen(digits);
    nint = ndigits - (size_t)decimals;
    out = o = xmalloc(sizeof FMT_MINUS + ndigits * 3 + 2);

    if (signbit(v) && !digits_are_zero(digits))
        o += sprintf(o, "%s", FMT_MINUS);
    grouped = group_from != GROUP_NEVER && nint >= (size_t)group_from;
    for (size_t i = 0; i < nint; i++) {
        if (grouped && i > 0 && (nint - i) % 3 == 0)
            o += sprintf(o, "%s", FMT_NBSP);
        *o++ = digits[i];
    }
    if (decimals > 0)
        o += sprintf(o, ",%s", digits + nint);
    *o = '\0';

    free(digits);
    return out;
}

int fmt_exact(double v, int decimals)
{
    if (isnan(v))
        return 1;
    if (!isfinite(v))
        return 0;
    return fabs(v) * pow(10, clamp_decimals(decimals)) < 1e15;
}

/* Returns num followed by suffix, freeing num. Caller frees. */
static char *append_free(char *num, const char *suffix)
{
    char *out = err_fmt("%s%s", num, suffix);

    free(num);
    return out;
}

char *fmt_number(double v, int decimals, fmt_style style)
{
    return format_number(v, decimals,
                         style == FMT_TABLE ? GROUP_TABLE : GROUP_PROSE);
}

char *fmt_percent(double v, int decimals, fmt_style style)
{
    char *num = fmt_number(v, decimals, style);

    if (!isfinite(v))
        return num;
    return append_free(num, style == FMT_TABLE ? FMT_NBSP "%" : " prosent");
}

char *fmt_word(double v, int neuter)
{
    char *digits;
    long whole = -1;

    if (!isfinite(v))
        return xstrdup(FMT_DASH);

    digits = round_digits(fabs(v), 0);
    if (digits_are_zero(digits))
        whole = 0;
    else if (!signbit(v) && strlen(digits) <= 2)
        whole = strtol(digits, NULL, 10);
    free(digits);

    if (whole < 0 || whole > 12)
        return format_number(v, 0, GROUP_PROSE);
    if (whole == 1 && neuter)
        return xstrdup("ett");
    return xstrdup(number_words[whole]);
}

char *fmt_percent_words(double v)
{
    char *word = fmt_word(v, 0);

    if (!isfinite(v))
        return word;
    return append_free(word, " prosent");
}

/* A unit fmt_money may scale to, and when to move on to the next. */
static const struct money_unit {
    double scale;
    const char *one;
    const char *many;
    int next_at;  /* integer digits of the scaled value that mean the next
                     unit; 0 for the last unit */
} money_units[] = {
    { 1.0, "krone", "kroner", 7 },
    { 1e6, "million kroner", "millioner kroner", 4 },
    { 1e9, "milliard kroner", "milliarder kroner", 0 },
};

/* Returns 1 when mag shown with decimals has at least digits integer
 * digits. */
static int rounds_to_digits(double mag, int decimals, int digits)
{
    char *rounded = round_digits(mag, decimals);
    int reached = strlen(rounded) - (size_t)decimals >= (size_t)digits;

    free(rounded);
    return reached;
}

/* Returns the index in money_units of the unit that shows mag best with
 * the given decimals: rounding may push 999,96 millioner up to
 * milliarder. */
static size_t pick_money_unit(double mag, int decimals)
{
    size_t u = mag >= 1e9 ? 2 : mag >= 1e6 ? 1 : 0;

    while (money_units[u].next_at != 0
           && rounds_to_digits(mag / money_units[u].scale, decimals,
                               money_units[u].next_at))
        u++;
    return u;
}

char *fmt_money(double kroner, int decimals)
{
    const struct money_unit *unit;
    const char *bare;
    char *num, *out;

    if (!isfinite(kroner))
        return xstrdup(FMT_DASH);

    decimals = clamp_decimals(decimals);
    unit = &money_units[pick_money_unit(fabs(kroner), decimals)];
    num = format_number(kroner / unit->scale, decimals, GROUP_PROSE);

    bare = strncmp(num, FMT_MINUS, strlen(FMT_MINUS)) == 0
               ? num + strlen(FMT_MINUS)
               : num;
    out = err_fmt("%s %s", num, strcmp(bare, "1") == 0 ? unit->one
                                                       : unit->many);
    free(num);
    return out;
}

/* Returns v in prose style with no decimals when whole, one otherwise. */
static char *format_plain(double v)
{
    return format_number(v, floor(v) == v ? 0 : 1, GROUP_PROSE);
}

char *fmt_range(double from, double to)
{
    char *a, *b, *out;

    if (!isfinite(from) || !isfinite(to))
        return xstrdup(FMT_DASH);

    a = format_plain(from);
    b = format_plain(to);
    out = err_fmt("%s%s%s", a, FMT_DASH, b);
    free(a);
    free(b);
    return out;
}

char *fmt_year(double year)
{
    return format_number(year, 0, GROUP_NEVER);
}

/* Returns the byte length of the group separator at p, or 0. */
static size_t separator_length(const char *p)
{
    if (*p == ' ')
        return 1;
    if (strncmp(p, FMT_NBSP, strlen(FMT_NBSP)) == 0)
        return strlen(FMT_NBSP);
    if (strncmp(p, FMT_NNBSP, strlen(FMT_NNBSP)) == 0)
        return strlen(FMT_NNBSP);
    return 0;
}

static size_t count_digits(const char *p)
{
    size_t n = 0;

    while (p[n] >= '0' && p[n] <= '9')
        n++;
    return n;
}

/*
 * Copies the integer part at s to *o, advancing it, with its group
 * separators checked: the first group has one to three digits when
 * separators follow, every later group exactly three, and all separators
 * are the same. Returns the end of the integer part, or NULL when it is
 * malformed.
 */
static const char *read_integer_part(const char *s, char **o)
{
    size_t n = count_digits(s);
    const char *sep = NULL;
    size_t seplen = 0;

    if (n == 0)
        return NULL;
    memcpy(*o, s, n);
    *o += n;
    s += n;

    while (separator_length(s) > 0) {
        if (!sep && n > 3)
            return NULL;
        if (sep && (separator_length(s) != seplen
                    || strncmp(s, sep, seplen) != 0))
            return NULL;
        sep = s;
        seplen = separator_length(s);
        s += seplen;
        n = count_digits(s);
        if (n != 3)
            return NULL;
        memcpy(*o, s, n);
        *o += n;
        s += n;
    }
    return s;
}

/* Reads an exponent's optional sign and one to four digits into *exp.
 * Returns the end, or NULL when malformed. */
static const char *read_exponent(const char *s, long *exp)
{
    int negative = *s == '-';
    size_t n;

    if (*s == '-' || *s == '+')
        s++;
    n = count_digits(s);
    if (n == 0 || n > 4)
        return NULL;
    *exp = strtol(s, NULL, 10) * (negative ? -1 : 1);
    return s + n;
}

/*
 * Reads s when it is a plain whole number of at most 15 digits, as most
 * cells of a data file are: such a number is exact in a double, so the
 * result is the one strtod gives. Returns 0, or -1 for any other text.
 */
static int parse_plain_integer(const char *s, double *out)
{
    int negative = *s == '-';
    long long v = 0;
    int digits = 0;

    s += negative;
    for (; *s >= '0' && *s <= '9' && digits <= 15; s++, digits++)
        v = v * 10 + (*s - '0');
    if (*s != '\0' || digits == 0 || digits > 15)
        return -1;
    *out = negative ? -(double)v : (double)v;
    return 0;
}

/*
 * The digits are gathered without a decimal mark and handed to strtod
 * with an exponent ("11919e-1"), so the locale's decimal mark never
 * comes into it and strtod still rounds correctly.
 */
int fmt_parse(const char *s, double *out)
{
    char *buf, *o;
    size_t nfrac = 0;
    long exp = 0;
    double v;

    if (parse_plain_integer(s, out) == 0)
        return 0;
    buf = o = xmalloc(strlen(s) + 32);
    if (*s == '-') {
        *o++ = '-';
        s++;
    } else if (*s == '+') {
        s++;
    } else if (strncmp(s, FMT_MINUS, strlen(FMT_MINUS)) == 0) {
        *o++ = '-';
        s += strlen(FMT_MINUS);
    }

    s = read_integer_part(s, &o);
    if (s && (*s == ',' || *s == '.')) {
        nfrac = count_digits(s + 1);
        memcpy(o, s + 1, nfrac);
        o += nfrac;
        s = nfrac > 0 ? s + 1 + nfrac : NULL;
    }
    if (s && (*s == 'e' || *s == 'E'))
        s = read_exponent(s + 1, &exp);
    if (!s || *s != '\0') {
        free(buf);
        return -1;
    }

    sprintf(o, "e%ld", exp - (long)nfrac);
    v = strtod(buf, NULL);
    free(buf);
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}
