/*
 * Private to the forskning plugin: the checked readers and result
 * helpers its files share (felles.c), and each file's indicators.
 *
 * An indicator "x" is three symbols from the file that computes it:
 * fsk_x (the compute function), fsk_x_in (its input tables) and
 * fsk_x_about (its one-line description). FSK_DECLARE declares them;
 * FSK_INDICATOR makes the descriptor entry in forskning.c.
 */
#ifndef NOKKEL_FORSKNING_INT_H
#define NOKKEL_FORSKNING_INT_H

#include <nokkel/plugin.h>

#include <stddef.h>

#define FSK_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define FSK_DECLARE(name)                                                \
    int fsk_##name(const nk_host *host, nk_call *call);                  \
    extern const nk_input fsk_##name##_in[];                             \
    extern const char fsk_##name##_about[]

#define FSK_INDICATOR(name)                                              \
    { sizeof(nk_indicator), #name, fsk_##name##_about, fsk_##name##_in,  \
      fsk_##name }

/* The column of forskningsprosjekter.csv that holds each project's
 * regional funds, and the year they were given for: the year of every
 * eRapport number. */
#define FSK_FUNDS "midler_2025"
#define FSK_FUNDS_YEAR 2025

/* A named single value of a result, as the text templates see it. */
typedef struct fsk_named {
    const char *name;
    double value;
} fsk_named;

/*
 * One HRCS dimension of forskningsprosjekter.csv (fagomrader.c): its
 * values in the classification's order, and the slot columns holding a
 * project's values and each one's percent of the project's funds.
 */
typedef struct fsk_hrcs {
    const char *const *values;
    int nvalues;
    const char *const *names;
    const char *const *shares;
    int nslots;
} fsk_hrcs;

/* The health categories and the research activities. */
extern const fsk_hrcs fsk_hrcs_helse;
extern const fsk_hrcs fsk_hrcs_aktivitet;

/*
 * Returns the number of rows of table, or -1 after failing when the
 * table cannot be read or has fewer than min rows.
 */
long fsk_need_rows(const nk_host *host, nk_call *call, const char *table,
                   long min);

/*
 * Column readers. Each returns the column after checking every row, or
 * NULL after failing at the first bad row: counts are whole and not
 * negative, texts present and unique, amounts present and not
 * negative (years: nks_read_years). The arrays are borrowed from the
 * host until compute returns.
 */
const double *fsk_read_counts(const nk_host *host, nk_call *call,
                              const char *table, const char *column,
                              long n);
const char *const *fsk_read_texts(const nk_host *host, nk_call *call,
                                  const char *table, const char *column,
                                  long n);
const double *fsk_read_amounts(const nk_host *host, nk_call *call,
                               const char *table, const char *column,
                               long n);

/* Returns the first row whose text equals s, or -1. */
long fsk_find_text(const char *const *texts, long n, const char *s);

/*
 * Returns the row whose text column equals s, or -1 after failing with
 * a message that names the column and the missing text.
 */
long fsk_need_text(const nk_host *host, nk_call *call, const char *table,
                   const char *column, const char *const *texts, long n,
                   const char *s);

double fsk_sum(const double *v, long n);

/* Returns the first row holding the largest value; n must be at least 1. */
long fsk_max_row(const double *v, long n);

/*
 * Adds the column "andel": each value as a percent of total, with total
 * recorded as its denominator. Returns 0, or -1 after failing when total
 * is zero or memory runs out.
 */
int fsk_add_shares(const nk_host *host, nk_call *call, nk_result *res,
                   const char *table, const double *v, long n, double total);

/* Sets the named values and unit of res; the source note comes from the
 * data schema. Returns 0 or -1. */
int fsk_finish(const nk_host *host, nk_result *res, const fsk_named *vals,
               size_t nvals, const char *unit);

/* malesystem.c: the national measurement system. */
FSK_DECLARE(doktorgrader);
FSK_DECLARE(doktorgrader_fag);
FSK_DECLARE(artikler);
FSK_DECLARE(kbs_inklusjon);
FSK_DECLARE(kbs_faser);
FSK_DECLARE(malesystem);

/* nokkeltall.c: the opening chapter. */
FSK_DECLARE(nokkeltall);

/* samarbeid.c: research collaboration. */
FSK_DECLARE(publiserende_forskere);
FSK_DECLARE(samarbeid_uh);
FSK_DECLARE(samarbeid_regioner);

/* fagomrader.c: fields and types of research. */
FSK_DECLARE(hrcs_kategorier);
FSK_DECLARE(hrcs_aktiviteter);
FSK_DECLARE(stipend);
FSK_DECLARE(forskningstype);
FSK_DECLARE(aldersgrupper);

/* personell.c: personnel-saving solutions and artificial intelligence. */
FSK_DECLARE(personellbesparende);
FSK_DECLARE(kunstig_intelligens);
FSK_DECLARE(ki_personell);

/* regioner.c: research per region. */
FSK_DECLARE(regioner);
FSK_DECLARE(region_fagomrader);
FSK_DECLARE(fagomrader_regioner);
FSK_DECLARE(region_aktivitet);
FSK_DECLARE(region_variabler);

#endif
