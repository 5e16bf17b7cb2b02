/*
 * Norwegian number formatting, in one place.
 *
 * Prose and tables differ (see DESIGN.md): prose groups from five digits
 * ("1635", "16 259"), tables from four ("1 191,9"); both use a comma as
 * decimal mark and U+00A0 no-break space as group separator, so a number
 * never breaks across lines. Every function returns a newly allocated
 * UTF-8 string that the caller frees. None depends on the process
 * locale.
 */
#ifndef NOKKEL_FMT_H
#define NOKKEL_FMT_H

typedef enum fmt_style {
    FMT_PROSE,
    FMT_TABLE
} fmt_style;

/* A number with the given decimals: 16259 -> "16 259", 56.94 -> "56,9". */
char *fmt_number(double v, int decimals, fmt_style style);

/* A share in percent: prose "20 prosent", table "20 %". v is in percent
 * (20, not 0.2). */
char *fmt_percent(double v, int decimals, fmt_style style);

/* A whole number as a word up to twelve ("åtte", "én" or "ett" by
 * gender), digits above. neuter selects "ett" over "én" for 1. */
char *fmt_word(double v, int neuter);

/* A share in prose with the number as a word up to twelve:
 * 8 -> "åtte prosent", 1 -> "én prosent", 20 -> "20 prosent". */
char *fmt_percent_words(double v);

/* An amount in kroner, scaled: 56.9e6 -> "56,9 millioner kroner",
 * 1.19e9 -> "1,2 milliarder kroner". decimals applies to the scaled
 * value. */
char *fmt_money(double kroner, int decimals);

/* A range of years or numbers with an en dash: "2007–2025". */
char *fmt_range(double from, double to);

/* A year, never grouped: "2025". */
char *fmt_year(double year);

/*
 * Reads a number written the Norwegian or the English way: optional
 * sign (- or U+2212), digit groups separated by space, U+00A0 or U+202F,
 * one decimal mark (comma or point). Returns 0 and sets *out, or -1 when
 * s is not a number.
 */
int fmt_parse(const char *s, double *out);

#endif
