/*
 * Norwegian number formatting: the report's own values come out as the
 * report prints them, rounding is decimal, and parsing is strict.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "fmt.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define MINUS "\xe2\x88\x92"
#define DASH "\xe2\x80\x93"

/* Checks a freshly formatted string and frees it. */
#define CHECK_FMT(expr, want)                                              \
    do {                                                                   \
        char *s_ = (expr);                                                 \
        CHECK_STR(s_, want);                                               \
        free(s_);                                                          \
    } while (0)

static void test_grouping(void)
{
    CHECK_FMT(fmt_number(16259, 0, FMT_PROSE), "16" NBSP "259");
    CHECK_FMT(fmt_number(1635, 0, FMT_PROSE), "1635");
    CHECK_FMT(fmt_number(1635, 0, FMT_TABLE), "1" NBSP "635");
    CHECK_FMT(fmt_number(1191.9, 1, FMT_TABLE), "1" NBSP "191,9");
    CHECK_FMT(fmt_number(1191.9, 1, FMT_PROSE), "1191,9");
    CHECK_FMT(fmt_number(999, 0, FMT_TABLE), "999");
    CHECK_FMT(fmt_number(1234567, 0, FMT_PROSE),
              "1" NBSP "234" NBSP "567");
    CHECK_FMT(fmt_number(123456.78, 2, FMT_TABLE), "123" NBSP "456,78");
    CHECK_FMT(fmt_number(-16259, 0, FMT_PROSE), MINUS "16" NBSP "259");
    CHECK_FMT(fmt_number(0, 0, FMT_PROSE), "0");
    CHECK_FMT(fmt_number(0, 2, FMT_TABLE), "0,00");
    CHECK_FMT(fmt_number(1e15, 0, FMT_TABLE),
              "1" NBSP "000" NBSP "000" NBSP "000" NBSP "000" NBSP "000");
}

static void test_rounding(void)
{
    CHECK_FMT(fmt_number(56.94, 1, FMT_PROSE), "56,9");
    CHECK_FMT(fmt_number(2.25, 1, FMT_PROSE), "2,3");
    CHECK_FMT(fmt_number(0.05, 1, FMT_PROSE), "0,1");
    CHECK_FMT(fmt_number(1191.85, 1, FMT_TABLE), "1" NBSP "191,9");
    CHECK_FMT(fmt_number(1.005, 2, FMT_PROSE), "1,01");
    CHECK_FMT(fmt_number(0.5, 0, FMT_PROSE), "1");
    CHECK_FMT(fmt_number(-3.5, 0, FMT_PROSE), MINUS "4");
    CHECK_FMT(fmt_number(-2.25, 1, FMT_PROSE), MINUS "2,3");
    CHECK_FMT(fmt_number(9.96, 1, FMT_PROSE), "10,0");
    CHECK_FMT(fmt_number(9999.5, 0, FMT_PROSE), "10" NBSP "000");
    CHECK_FMT(fmt_number(0.004, 2, FMT_PROSE), "0,00");
    CHECK_FMT(fmt_number(0.0049, 3, FMT_PROSE), "0,005");
    CHECK_FMT(fmt_number(1e-20, 1, FMT_PROSE), "0,0");
    CHECK_FMT(fmt_number(0.4, 0, FMT_PROSE), "0");
}

static void test_signs_and_missing(void)
{
    CHECK_FMT(fmt_number(-0.04, 1, FMT_PROSE), "0,0");
    CHECK_FMT(fmt_number(-0.0, 0, FMT_PROSE), "0");
    CHECK_FMT(fmt_number(-0.4, 0, FMT_TABLE), "0");
    CHECK_FMT(fmt_number(NAN, 1, FMT_TABLE), DASH);
    CHECK_FMT(fmt_number(INFINITY, 0, FMT_PROSE), DASH);
    CHECK_FMT(fmt_percent(NAN, 0, FMT_TABLE), DASH);
    CHECK_FMT(fmt_percent_words(NAN), DASH);
    CHECK_FMT(fmt_money(NAN, 1), DASH);
    CHECK_FMT(fmt_word(NAN, 0), DASH);
    CHECK_FMT(fmt_year(NAN), DASH);
    CHECK_FMT(fmt_range(2007, NAN), DASH);
}

static void test_decimals_clamped(void)
{
    CHECK_FMT(fmt_number(2.7, -1, FMT_PROSE), "3");
    CHECK_FMT(fmt_number(0.25, 40, FMT_PROSE), "0,250000000000000");
}

static void test_percent(void)
{
    CHECK_FMT(fmt_percent(20, 0, FMT_PROSE), "20 prosent");
    CHECK_FMT(fmt_percent(47, 0, FMT_TABLE), "47" NBSP "%");
    CHECK_FMT(fmt_percent(12.34, 1, FMT_TABLE), "12,3" NBSP "%");
    CHECK_FMT(fmt_percent(-4.25, 1, FMT_PROSE), MINUS "4,3 prosent");
    CHECK_FMT(fmt_percent_words(8), "åtte prosent");
    CHECK_FMT(fmt_percent_words(1), "én prosent");
    CHECK_FMT(fmt_percent_words(7), "sju prosent");
    CHECK_FMT(fmt_percent_words(0), "null prosent");
    CHECK_FMT(fmt_percent_words(12), "tolv prosent");
    CHECK_FMT(fmt_percent_words(12.4), "tolv prosent");
    CHECK_FMT(fmt_percent_words(12.5), "13 prosent");
    CHECK_FMT(fmt_percent_words(20), "20 prosent");
}

static void test_words(void)
{
    static const char *const want[] = {
        "null", "én", "to", "tre", "fire", "fem", "seks",
        "sju", "åtte", "ni", "ti", "elleve", "tolv"
    };

    for (int i = 0; i <= 12; i++)
        CHECK_FMT(fmt_word(i, 0), want[i]);
    CHECK_FMT(fmt_word(1, 1), "ett");
    CHECK_FMT(fmt_word(2, 1), "to");
    CHECK_FMT(fmt_word(13, 0), "13");
    CHECK_FMT(fmt_word(16259, 0), "16" NBSP "259");
    CHECK_FMT(fmt_word(-2, 0), MINUS "2");
    CHECK_FMT(fmt_word(-0.2, 0), "null");
    CHECK_FMT(fmt_word(7.6, 0), "åtte");
}

static void test_money(void)
{
    CHECK_FMT(fmt_money(56.9e6, 1), "56,9 millioner kroner");
    CHECK_FMT(fmt_money(1.1919e9, 1), "1,2 milliarder kroner");
    CHECK_FMT(fmt_money(385e6, 0), "385 millioner kroner");
    CHECK_FMT(fmt_money(385.4e6, 0), "385 millioner kroner");
    CHECK_FMT(fmt_money(250000, 0), "250" NBSP "000 kroner");
    CHECK_FMT(fmt_money(1, 0), "1 krone");
    CHECK_FMT(fmt_money(1e6, 0), "1 million kroner");
    CHECK_FMT(fmt_money(1e6, 1), "1,0 millioner kroner");
    CHECK_FMT(fmt_money(1e9, 0), "1 milliard kroner");
    CHECK_FMT(fmt_money(999.96e6, 1), "1,0 milliarder kroner");
    CHECK_FMT(fmt_money(999999.6, 0), "1 million kroner");
    CHECK_FMT(fmt_money(999.94e6, 1), "999,9 millioner kroner");
    CHECK_FMT(fmt_money(-56.9e6, 1), MINUS "56,9 millioner kroner");
    CHECK_FMT(fmt_money(-1e6, 0), MINUS "1 million kroner");
    CHECK_FMT(fmt_money(12345e9, 0), "12" NBSP "345 milliarder kroner");
}

static void test_range_and_year(void)
{
    CHECK_FMT(fmt_range(2007, 2025), "2007" DASH "2025");
    CHECK_FMT(fmt_range(1.5, 20000), "1,5" DASH "20" NBSP "000");
    CHECK_FMT(fmt_year(2025), "2025");
    CHECK_FMT(fmt_year(12025), "12025");
    CHECK_FMT(fmt_year(2024.6), "2025");
}

/* Checks that s parses to want exactly. */
static void check_parse(const char *s, double want)
{
    double got = -12345.0;

    if (fmt_parse(s, &got) != 0 || got != want) {
        fprintf(stderr, "parse \"%s\": got %.17g, want %.17g\n", s, got,
                want);
        check_failed++;
    }
}

static void test_parse_accepts(void)
{
    check_parse("0", 0);
    check_parse("5", 5);
    check_parse("-5", -5);
    check_parse(MINUS "5", -5);
    check_parse("56,9", 56.9);
    check_parse("56.9", 56.9);
    check_parse("16 259", 16259);
    check_parse("1635", 1635);
    check_parse("1 191,9", 1191.9);
    check_parse("1" NBSP "191,9", 1191.9);
    check_parse("1" NNBSP "191,9", 1191.9);
    check_parse("12 345 678", 12345678);
    check_parse(MINUS "1" NBSP "191,9", -1191.9);
    check_parse("0,05", 0.05);
    check_parse("007", 7);
    check_parse("0.1", 0.1);
    check_parse("+5", 5);
    check_parse("1e5", 100000);
    check_parse("1,5E+3", 1500);
    check_parse("25e-1", 2.5);
}

static void test_parse_rejects(void)
{
    static const char *const bad[] = {
        "", "abc", "1,2,3", "1 2", "+", "-", MINUS, "1,", ",5", ".5",
        "1 2345", "1234 567", "12  345", "1 234" NBSP "567", " 5", "5 ",
        "1e", "1e+", "1e12345", "5 %", "1 234,5 6", "--5", "0x10", "1.234,5",
        "1" NBSP "23", "12,3.4"
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 42;

        if (fmt_parse(bad[i], &v) != -1 || v != 42) {
            fprintf(stderr, "parse \"%s\" should fail\n", bad[i]);
            check_failed++;
        }
    }
}

static void test_parse_long(void)
{
    char big[400];
    double v = 0;

    memset(big, '9', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(fmt_parse(big, &v) == -1);
    check_parse("0,000000000000000000000000000001", 1e-30);

    /* Whole numbers take a short path up to fifteen digits; longer ones
     * round as strtod does, past 2^53 and past a long long. */
    check_parse("999999999999999", 999999999999999.0);
    check_parse("-999999999999999", -999999999999999.0);
    check_parse("9007199254740993", 9007199254740992.0);
    check_parse("12345678901234567890123", 1.2345678901234568e22);
}

/* fmt_exact: fifteen digits print, sixteen and infinity do not. */
static void test_exact(void)
{
    CHECK(fmt_exact(999999999999999.0, 0));
    CHECK(!fmt_exact(1e15, 0));
    CHECK(!fmt_exact(9007199254740992.0, 0));
    CHECK(!fmt_exact(-9.2233720368547758e18, 0));
    CHECK(fmt_exact(123456789.5, 6));
    CHECK(!fmt_exact(123456789012.5, 6));
    CHECK(fmt_exact(NAN, 3));
    CHECK(!fmt_exact(INFINITY, 0));
    CHECK(!fmt_exact(-INFINITY, 0));
}

int main(void)
{
    test_grouping();
    test_rounding();
    test_signs_and_missing();
    test_decimals_clamped();
    test_percent();
    test_words();
    test_money();
    test_range_and_year();
    test_parse_accepts();
    test_parse_rejects();
    test_parse_long();
    test_exact();
    return check_failures();
}
