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
 * cannot be split by region. A region no row has is an error that names
 * the regions there are. Free with nks_rows_free. */
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
    /* When not NULL, receives the result made, so the caller can add
     * values of its own to it. */
    nk_result **result;
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
 *            midler_total; storste_nr and minste_nr, the place (from 1)
 *            of the option counted most and least, the first on a tie.
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

/* Keeps on only the rows where at least one of the n flag columns is 1. */
int nks_rows_where_any(const nk_host *host, nk_call *call, nks_rows *rows,
                       const char *const *columns, int n);

/*
 * Looks up one number in a table of named facts: the row whose text
 * column key_column equals key, its number in value_column, into
 * *value. No such row, or a missing value there, is an error that
 * names the table and the key.
 */
int nks_lookup(const nk_host *host, nk_call *call, const char *table,
               const char *key_column, const char *key,
               const char *value_column, double *value);

/* The bit of option i in an nks_combination mask. */
#define NKS_BIT(i) (1u << (i))

/*
 * One class of a multi-choice question whose answers the report shows
 * as mutually exclusive groups ("children only", "adults and
 * elderly"). A row belongs to the class when, for each non-zero mask in
 * need, it chose at least one of those options, and it chose none of
 * the options in none. Masks are NKS_BIT of positions in the options.
 */
typedef struct nks_combination {
    const char *key;
    const char *label;
    unsigned need[4];
    unsigned none;
} nks_combination;

/*
 * Puts each row on into the first combination it belongs to and makes
 * the call's result: columns alternativ (label), antall, andel (percent
 * of the rows counted, the recorded denominator); values grunnlag and
 * antall_<key>, andel_<key> per combination. A row in no combination is
 * an error at its line, unless it chose no option and answered_only is
 * set (it is then left out). At most 32 options.
 */
int nks_combinations(const nk_host *host, nk_call *call,
                     const nks_rows *rows, const nks_option *opts, int nopts,
                     const nks_combination *combos, int ncombos,
                     const nks_count_opts *how);

/*
 * A question answered in numbered slots, each a text and the percent
 * of the row's funds it takes, like the HRCS health categories: names
 * and shares hold nslots column names each.
 */
typedef struct nks_slots {
    const char *const *names;
    const char *const *shares;
    int nslots;
} nks_slots;

/*
 * Splits the funds (column how->funds) of the rows on over the texts in
 * their slots, each slot taking its share, and makes the call's result
 * with one row per known value, in the order of values:
 *   columns  alternativ, prosjekter (rows naming it), midler (kroner),
 *            midler_mnok (millions of kroner, as charts show money),
 *            andel_midler (percent of the rows' funds);
 *   values   grunnlag (rows counted), midler_total and
 *            midler_total_mnok.
 * Each row is checked: slots filled from the first without gaps, a
 * known value in each filled slot, none named twice, shares above zero
 * that add up to 100, an empty share for an empty slot. The first
 * break is an error at its line.
 */
int nks_split_funds(const nk_host *host, nk_call *call, const nks_rows *rows,
                    const nks_slots *slots, const char *const *values,
                    int nvalues, const nks_count_opts *how);

/*
 * Counters that make no result, for an indicator that puts several
 * counts into one result of its own. Each fills counts[0..nopts-1]
 * over the rows on. nks_count_flags counts the rows whose flag column
 * opts[i].key is 1. nks_count_choice counts the rows whose text column
 * holds opts[i].key; a row with another or no value is an error at its
 * line, unless answered_only is set (it is then not counted).
 */
int nks_count_flags(const nk_host *host, nk_call *call,
                    const nks_rows *rows, const nks_option *opts, int nopts,
                    double *counts);

int nks_count_choice(const nk_host *host, nk_call *call,
                     const nks_rows *rows, const char *column,
                     const nks_option *opts, int nopts, int answered_only,
                     double *counts);

/*
 * Checks a "none" answer of a multi-choice question (flag column none):
 * a row on that ticks it and any of the options too is an error at its
 * line that names both columns.
 */
int nks_check_exclusive(const nk_host *host, nk_call *call,
                        const nks_rows *rows, const char *none,
                        const nks_option *opts, int nopts);

/*
 * Readers for a series table, one row a year. nks_read_years returns
 * the year column after checking that every year is there, whole and
 * the one after the year before (no year missing); nks_read_counts
 * returns a column of counts after checking that each is there, whole
 * and not negative. Both return NULL after failing at the first bad
 * row; the array is the host's, valid until compute returns.
 */
const double *nks_read_years(const nk_host *host, nk_call *call,
                             const char *table, const char *column);

const double *nks_read_counts(const nk_host *host, nk_call *call,
                              const char *table, const char *column);

/* Copies the selection src into dst, to narrow apart; free dst with
 * nks_rows_free. */
int nks_rows_copy(const nk_host *host, nk_call *call, const nks_rows *src,
                  nks_rows *dst);

/* Keeps on only the rows where none of the n flag columns is 1. */
int nks_rows_where_none(const nk_host *host, nk_call *call, nks_rows *rows,
                        const char *const *columns, int n);

/*
 * Keeps on only the first row on of each value of the text column key,
 * so that each key counts once (a study listed once per site then
 * counts as one study). A row on without a key is an error at its line.
 */
int nks_rows_distinct(const nk_host *host, nk_call *call, nks_rows *rows,
                      const char *key);

/*
 * Counts, for each value of the text column key among the rows on, its
 * rows (of NULL) or its distinct texts in column of, and makes the
 * call's result with one row per number from 1 to the largest:
 *   columns  hvor_mange (1, 2, ...), antall (keys with that many),
 *            andel (percent of the keys, the recorded denominator);
 *   values   grunnlag (keys), rader (rows on), antall_<n> and
 *            andel_<n> for each number, hoyeste (the largest number),
 *            and laveste_flere (the smallest above 1 that any key has;
 *            absent when every key has one).
 * Sites per study: key the study, of the site. A row on without a key
 * or of text is an error at its line. res, when not NULL, receives the
 * result, so the caller can add values to it.
 */
int nks_spread(const nk_host *host, nk_call *call, const nks_rows *rows,
               const char *key, const char *of, nk_result **res);

/*
 * Counts the rows on per text of column group, and within each group
 * per text of column split (or NULL), and makes the call's result with
 * one row per group, the most rows first and equals by text:
 *   columns  gruppe (the text), antall (its rows), andel (percent of
 *            the rows on, the recorded denominator), and for each text
 *            of split a column named by it: the group's rows with it;
 *   values   grupper (groups), grunnlag (rows on), hoyeste and laveste
 *            (the largest and smallest antall).
 * A row on without a group or split text is an error at its line. res,
 * when not NULL, receives the result.
 */
int nks_group_count(const nk_host *host, nk_call *call, const nks_rows *rows,
                    const char *group, const char *split, nk_result **res);

/*
 * Checks a property that a key's rows repeat, like the type of a study
 * listed once per site: every row on must have the same text (or none)
 * in column as the first row with its key. The first row that differs
 * is an error at its line that names the first row's line.
 */
int nks_check_same(const nk_host *host, nk_call *call, const nks_rows *rows,
                   const char *key, const char *column);

/*
 * Checks that no two rows on have the same texts in both key and sub
 * (a study at most once per trust); the second row of a pair is an
 * error at its line that names the first one's line.
 */
int nks_check_unique(const nk_host *host, nk_call *call, const nks_rows *rows,
                     const char *key, const char *sub);

/* Keeps on only the rows whose text column holds one of the n values. */
int nks_rows_where_any_text(const nk_host *host, nk_call *call,
                            nks_rows *rows, const char *column,
                            const char *const *values, int n);

/*
 * One class of rows, for group-by and cross-tables: the rows that chose
 * any of its nmembers members. Members are flag columns, or the values
 * of one text column (a single-choice question).
 */
typedef struct nks_class {
    const char *key;            /* names the class in result values */
    const char *label;          /* shown in the report */
    const char *const *members;
    int nmembers;
} nks_class;

/*
 * The rows on split into classes. of has an entry per row of the table:
 * the row's class (0 to n - 1), or -1 for a row that is off or in no
 * class. keys and labels are borrowed: from the class definitions, or
 * from the host's text column (valid until compute returns).
 */
typedef struct nks_classes {
    int n;
    const char **keys;
    const char **labels;
    int *of;
} nks_classes;

/*
 * Puts each row on into the class whose members it chose. With column
 * NULL the members are flag columns, and a row with none of them is in
 * no class; with a text column they are its values, a row without a
 * value is in no class and a value no class has is an error at its
 * line. A row in two classes is an error at its line. Free out with
 * nks_classes_free.
 */
int nks_classify(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const char *column, const nks_class *defs, int ndefs,
                 nks_classes *out);

/*
 * Groups the rows on by the texts of column (e.g. the region): one
 * class per distinct text, in byte order, keyed and labelled by it. A
 * row on without a text is an error at its line. Free out with
 * nks_classes_free.
 */
int nks_group_by(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const char *column, nks_classes *out);

void nks_classes_free(nks_classes *classes);

/*
 * Cross-tabulates the rows on that are in a class of rows_by and, with
 * how->answered_only, in a class of cols_by too (without it, a row in
 * no column class still counts in its row's total). Makes the call's
 * result with one row per class of rows_by:
 *   columns  gruppe (label), antall (the row's total), and per column
 *            class key: antall_<key>, andel_<key> (percent of the row's
 *            total); with how->funds also midler (the row's funds),
 *            midler_<key> and andel_midler_<key> (percent of the row's
 *            funds);
 *   values   grunnlag (rows counted), grunnlag_<row key>, and
 *            antall_<row key>_<key> and andel_<row key>_<key> per cell.
 * how->result, when set, receives the result.
 */
int nks_crosstab(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const nks_classes *rows_by, const nks_classes *cols_by,
                 const nks_count_opts *how);

/*
 * Sums the numeric column funds over the rows on in each class of by
 * into sums[0 .. by->n - 1], or counts those rows when funds is NULL.
 * A missing value in a counted row is an error at its line.
 */
int nks_group_sums(const nk_host *host, nk_call *call, const nks_rows *rows,
                   const nks_classes *by, const char *funds, double *sums);

/*
 * Splits the funds of the rows on over the texts in their slots, as
 * nks_split_funds does and with the same checks of each row, per class
 * of by and without making a result: sums[v * by->n + c] receives what
 * the rows of class c give to values[v]. Rows in no class are left out.
 */
int nks_split_by(const nk_host *host, nk_call *call, const nks_rows *rows,
                 const nks_slots *slots, const char *const *values,
                 int nvalues, const char *funds, const nks_classes *by,
                 double *sums);

/*
 * Top-N: fills top[] with the places of the k largest of the n values,
 * largest first, the lower place first among equals and NaN last.
 * Returns how many it filled, the smaller of k and n.
 */
int nks_top(const double *v, int n, int k, int *top);

#endif
