/*
 * Fuzz target for the number reader and the formatters (fmt.h).
 *
 * The input is read as text with fmt_parse and, separately, its first
 * eight bytes as a double, so NaN, infinities and subnormals come in
 * too. Properties: a number fmt_parse accepts is finite and, when
 * written in plain ASCII, is the number strtod reads in the C locale;
 * every formatted number is made only of digits, a decimal comma,
 * U+00A0, U+2212 and (for a missing value) an en dash, reads back with
 * fmt_parse and formats again to the same text; no formatter writes a
 * point or invalid UTF-8, and numbers print the same in the process
 * locale as in the C locale. The process locale is taken from the
 * environment (LC_ALL), so run.sh can run it under a locale with a
 * decimal comma and other grouping.
 */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "fuzz_util.h"

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"
#define DASH "\xe2\x80\x93"

static locale_t c_locale;

/* Sets the locale from the environment once, and keeps a C locale for
 * the reference reading. */
static void init_once(void)
{
    if (c_locale)
        return;
    setlocale(LC_ALL, "");
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (!c_locale)
        abort();
}

/* Returns 1 when s is made only of digits, ",", U+00A0 and U+2212. */
static int is_number_text(const char *s)
{
    while (*s) {
        if ((*s >= '0' && *s <= '9') || *s == ',')
            s++;
        else if (strncmp(s, NBSP, strlen(NBSP)) == 0)
            s += strlen(NBSP);
        else if (strncmp(s, MINUS, strlen(MINUS)) == 0)
            s += strlen(MINUS);
        else
            return 0;
    }
    return 1;
}

/* Checks what any formatter returns: UTF-8, no decimal point. Frees
 * out. */
static void check_text(char *out, const char *what, double v)
{
    FUZZ_CHECK(out != NULL, "%s(%.17g) returned NULL", what, v);
    FUZZ_CHECK(fuzz_is_utf8(out, strlen(out)), "%s(%.17g) is not UTF-8",
               what, v);
    FUZZ_CHECK(strchr(out, '.') == NULL, "%s(%.17g) wrote \"%s\"", what, v,
               out);
    free(out);
}

/* Checks fmt_number(v, decimals, style): its characters, no "−0", and
 * that it reads back to a number that prints the same. */
static void check_number(double v, int decimals, fmt_style style)
{
    char *out = fmt_number(v, decimals, style), *again;
    double back;

    if (!isfinite(v)) {
        FUZZ_CHECK(strcmp(out, DASH) == 0, "missing %g printed as \"%s\"",
                   v, out);
        free(out);
        return;
    }
    FUZZ_CHECK(is_number_text(out), "%.17g with %d decimals: \"%s\"", v,
               decimals, out);
    FUZZ_CHECK(strncmp(out, MINUS, strlen(MINUS)) != 0 ||
                   strspn(out + strlen(MINUS), "0,") <
                       strlen(out + strlen(MINUS)),
               "%.17g printed as negative zero \"%s\"", v, out);
    if (fmt_parse(out, &back) != 0) {
        /* The one exception fmt.h documents: fifteen digits of a value
         * this near the largest double round above it. */
        FUZZ_CHECK(fabs(v) >= 1.797693134862315e308,
                   "cannot read back \"%s\"", out);
        free(out);
        return;
    }

    again = fmt_number(back, decimals, style);
    FUZZ_CHECK(strcmp(out, again) == 0,
               "%.17g printed as \"%s\", which reads as %.17g and prints "
               "as \"%s\"", v, out, back, again);
    free(again);
    free(out);
}

/* Checks that fmt_number(v, decimals, style) prints the same in the
 * process locale as in the C locale. */
static void check_same_in_c(double v, int decimals, fmt_style style)
{
    char *here = fmt_number(v, decimals, style), *in_c;
    locale_t old = uselocale(c_locale);

    in_c = fmt_number(v, decimals, style);
    uselocale(old);
    FUZZ_CHECK(strcmp(here, in_c) == 0,
               "%.17g prints as \"%s\" here and \"%s\" in the C locale", v,
               here, in_c);
    free(here);
    free(in_c);
}

/* Runs every formatter on v with every number of decimals, and one
 * below and above the range, which must be clamped. */
static void check_formats(double v)
{
    for (int d = -1; d <= 16; d++) {
        check_number(v, d, FMT_PROSE);
        check_number(v, d, FMT_TABLE);
        check_same_in_c(v, d, FMT_TABLE);
        check_text(fmt_percent(v, d, FMT_PROSE), "fmt_percent", v);
        check_text(fmt_percent(v, d, FMT_TABLE), "fmt_percent", v);
        check_text(fmt_money(v, d), "fmt_money", v);
    }
    check_text(fmt_word(v, 0), "fmt_word", v);
    check_text(fmt_word(v, 1), "fmt_word", v);
    check_text(fmt_percent_words(v), "fmt_percent_words", v);
    check_text(fmt_range(v, 2025), "fmt_range", v);
    check_text(fmt_range(-1.5, v), "fmt_range", v);
    check_text(fmt_year(v), "fmt_year", v);
}

/*
 * When s is plain ASCII (digits, one comma or point, sign, exponent),
 * checks that fmt_parse read v as strtod reads it in the C locale, the
 * comma taken as a point.
 */
static void check_reference(const char *s, double v)
{
    char *ascii, *end;
    locale_t old;
    double ref;

    if (s[strspn(s, "0123456789+-.,eE")] != '\0')
        return;
    ascii = strdup(s);
    for (char *p = ascii; *p; p++) {
        if (*p == ',')
            *p = '.';
    }
    old = uselocale(c_locale);
    ref = strtod(ascii, &end);
    uselocale(old);
    FUZZ_CHECK(*end == '\0' && (ref == v || (isnan(ref) && isnan(v))) &&
                   !signbit(ref) == !signbit(v),
               "fmt_parse read \"%s\" as %.17g, strtod as %.17g", s, v,
               ref);
    free(ascii);
}

/* Checks that fmt_parse reads s in the C locale as it did here: rc and
 * v are what it returned and read. */
static void check_parse_in_c(const char *s, int rc, double v)
{
    locale_t old = uselocale(c_locale);
    double in_c = 0;
    int rc_c = fmt_parse(s, &in_c);

    uselocale(old);
    FUZZ_CHECK(rc == rc_c && (rc != 0 || memcmp(&v, &in_c, sizeof v) == 0),
               "\"%s\" reads differently in the C locale", s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    double v = 0, raw = 0;
    int rc;

    init_once();
    memcpy(s, data, size);
    s[size] = '\0';

    rc = fmt_parse(s, &v);
    check_parse_in_c(s, rc, v);
    if (rc == 0) {
        FUZZ_CHECK(isfinite(v), "fmt_parse read \"%s\" as %g", s, v);
        check_reference(s, v);
        check_formats(v);
    }
    memcpy(&raw, data, size < sizeof raw ? size : sizeof raw);
    check_formats(raw);

    free(s);
    return 0;
}
