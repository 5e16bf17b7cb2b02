/*
 * The indicator toolkit chapter plugins share: selecting the records an
 * indicator counts, and the counts every chapter needs — multi-choice
 * questions (per option, "more than one", "this option alone"),
 * single-choice questions, sums of funds, cross-tabulations. Built into
 * each plugin as a static library; it uses nothing from the host but
 * the nk_host table, like the plugin itself.
 *
 * Every function returns 0, or -1 after reporting the reason through
 * host->fail, so a compute function can return -1 in turn.
 */
#ifndef NOKKEL_NKSTAT_H
#define NOKKEL_NKSTAT_H

#include <nokkel/plugin.h>

/*
 * The records of a table an indicator counts. When the report is built
 * for one region (the "region" parameter), only that region's rows are
 * on.
 */
typedef struct nks_rows {
    const char *table;
    long n;                 /* rows in the table */
    long count;             /* rows on */
    unsigned char *on;      /* n entries, 1 when the row counts */
} nks_rows;

/* Selects the rows of table; region_column names its region column (one
 * of the indicator's inputs), or is NULL for a national table that
 * cannot be split by region. Free with nks_rows_free. */
int nks_rows_select(const nk_host *host, nk_call *call, const char *table,
                    const char *region_column, nks_rows *rows);

void nks_rows_free(nks_rows *rows);

/* Keeps on only the rows whose flag column is 1. */
int nks_rows_where_flag(const nk_host *host, nk_call *call, nks_rows *rows,
                        const char *column);

/* Keeps on only the rows whose text column equals value. */
int nks_rows_where_text(const nk_host *host, nk_call *call, nks_rows *rows,
                        const char *column, const char *value);

/* Sums a numeric column over the rows on into *sum; a missing value in a
 * row that counts is an error located at that row. */
int nks_sum(const nk_host *host, nk_call *call, const nks_rows *rows,
            const char *column, double *sum);

/* One answer option: the flag column (multi-choice) or the text value
 * (single choice) and the label shown in the report. */
typedef struct nks_option {
    const char *key;
    const char *label;
} nks_option;

/* How to count a question. */
typedef struct nks_count_opts {
    /* Funds column (kroner) to sum per option, or NULL. */
    const char *funds;
    /* Skip the rows that answered none of the options (the denominator
     * is then the rows that answered). */
    int answered_only;
} nks_count_opts;

/*
 * Counts a multi-choice question, one flag column per option, over the
 * rows on, and makes the call's result:
 *   columns  alternativ (label), antall, andel (percent of the
 *            denominator), and with funds: midler (kroner), andel_midler
 *            (percent of all the rows' funds);
 *   values   grunnlag (the denominator), flere and andel_flere (rows
 *            choosing more than one option), and per option key:
 *            antall_<key>, andel_<key>, alene_<key> (rows choosing that
 *            option only), andel_alene_<key> (of antall_<key>), and
 *            with funds midler_<key>, andel_midler_<key>, plus
 *            midler_total.
 * The andel column's denominator is recorded with set_denominator.
 */
int nks_multi_choice(const nk_host *host, nk_call *call,
                     const nks_rows *rows, const nks_option *opts, int nopts,
                     const nks_count_opts *how);

/*
 * Counts a single-choice question held in one text column whose values
 * are the options' keys; rows with another or no value are an error at
 * their line, unless answered_only is set (they are then left out).
 * Makes the same result as nks_multi_choice, without flere and alene.
 */
int nks_single_choice(const nk_host *host, nk_call *call,
                      const nks_rows *rows, const char *column,
                      const nks_option *opts, int nopts,
                      const nks_count_opts *how);

/*
 * Adds the named value with a share of it: sets name to count and
 * andel_<name> to count / denominator in percent.
 */
int nks_set_share(const nk_host *host, nk_result *res, const char *name,
                  double count, double denominator);

#endif
