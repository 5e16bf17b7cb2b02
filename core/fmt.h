/*
 * Norwegian number formatting, in one place.
 *
 * Prose and tables differ (see DESIGN.md): prose groups from five digits
 * ("1635", "16 259"), tables from four ("1 191,9"); both use a comma as
 * decimal mark and U+00A0 no-break space as group separator, so a number
 * never breaks across lines. Every function returns a newly allocated
 * UTF-8 string that the caller frees. None depends on the process
 * locale.
 *
 * Shared rules: values round half away from zero on the decimal value as
 * written (2.25 -> "2,3", 1191.85 -> "1 191,9"), read to fifteen
 * significant digits so binary noise does not tip the rounding.
 * decimals below 0 count as 0, above 15 as 15. Negative numbers carry
 * U+2212 minus ("−4"); a value that rounds to zero prints without a sign.
 * A missing value (NaN or infinite) prints as a lone en dash "–", with
 * no unit, as a table shows a missing cell. Every number printed reads
 * back with fmt_parse, except one within rounding of the largest double
 * (from about 1.797693134862315e308): its fifteen digits round above
 * it, and fmt_parse refuses the text as out of range.
 */
#ifndef NOKKEL_FMT_H
#define NOKKEL_FMT_H

typedef enum fmt_style {
    FMT_PROSE,
    FMT_TABLE
} fmt_style;

/* A number with the given decimals: 16259 -> "16 259", 56.94 -> "56,9". */
char *fmt_number(double v, int decimals, fmt_style style);

/* A share in percent: prose "20 prosent", table "20 %" with U+00A0
 * before the sign. v is in percent (20, not 0.2). */
char *fmt_percent(double v, int decimals, fmt_style style);

/* A number rounded to whole, as a word from zero to twelve ("null",
 * "åtte", "én" or "ett" by gender), in prose digits otherwise ("13",
 * "−2"). neuter selects "ett" over "én" for 1. */
char *fmt_word(double v, int neuter);

/* A share in prose, rounded to whole, with the number as a word up to
 * twelve: 8 -> "åtte prosent", 1 -> "én prosent", 20 -> "20 prosent". */
char *fmt_percent_words(double v);

/* An amount in kroner, scaled: 56.9e6 -> "56,9 millioner kroner",
 * 1.19e9 -> "1,2 milliarder kroner", 250000 -> "250 000 kroner".
 * Under a million stays in kroner, under a milliard in millioner, unless
 * rounding reaches the next unit (999.96e6 with 1 decimal -> "1,0
 * milliarder kroner"). decimals applies to the scaled value. The unit is
 * singular when the number prints as "1": "1 million kroner". */
char *fmt_money(double kroner, int decimals);

/* A range of years or numbers with an en dash: "2007–2025". Each end
 * prints in prose style, whole numbers without decimals and others with
 * one. */
char *fmt_range(double from, double to);

/* A year, never grouped: "2025". */
char *fmt_year(double year);

/*
 * Returns 1 when v prints digit for digit with the given decimals: v is
 * NaN (it prints as "–"), or finite with |v| times ten to decimals below
 * 10^15, the fifteen significant digits read. Returns 0 for an infinite
 * value or one too large, such as 2^53, whose digits past the fifteenth
 * would print as zeros. fmt_money prints kroner / 1e9 at most, so that
 * is the value to check for it.
 */
int fmt_exact(double v, int decimals);

/*
 * Reads a number written the Norwegian or the English way: optional
 * sign (+, - or U+2212), digit groups separated by space, U+00A0 or U+202F,
 * one decimal mark (comma or point). Groups must be real thousands: one
 * to three digits first, then exactly three after each separator, all
 * separators alike ("16 259", not "1 2"). A decimal mark needs digits on
 * both sides. An exponent as spreadsheets write it may follow ("1,5E+3").
 * No surrounding white space: the caller trims. Returns 0 and sets
 * *out, or -1 when s is not a number.
 */
int fmt_parse(const char *s, double *out);

#endif
