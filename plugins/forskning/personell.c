/*
 * The research chapter's section on personnel-saving solutions and
 * artificial intelligence, from the projects with regional funds
 * (eRapport): whether saving personnel is a purpose or a possible
 * effect of a project (one answer, which a project could skip), whether
 * it uses ready-made AI or develops its own (several answers, or "no"
 * alone), and the two questions against each other (Table 2). The
 * indicators follow the region parameter.
 */
#include "forskning_int.h"

#include <math.h>
#include <nkstat.h>
#include <stdlib.h>

#define PROSJEKTER "forskningsprosjekter"
#define PERSONELL "personell"
#define UBESVART "personell_ubesvart"

/* The answers to the personnel-saving question (Figure 15). */
static const nks_option saving[] = {
    { "formaal", "Ja, det er et av formålene med prosjektet" },
    { "effekt", "Ja, det kan bli en effekt av prosjektet" },
    { "nei", "Nei" },
    { "vet_ikke", "Vet ikke" },
};

/* The answers that count as yes: the first two of saving. */
static const char *const saving_yes[] = { "formaal", "effekt" };

/* The answers to the AI question (Figure 16); "no" is last. */
static const nks_option ai[] = {
    { "ki_hyllevare", "Bruker KI-hyllevare eller ferdig utviklede "
                      "algoritmer" },
    { "ki_utvikler", "Utvikler algoritmer" },
    { "ki_nei", "Bruker ikke KI" },
};

/* The first AI_YES answers are yes; ai[AI_YES] is "no". */
#define AI_YES 2

/*
 * Checks the personnel-saving answer against its skip flag: a row on
 * has an answer exactly when personell_ubesvart is not set. Returns 0,
 * or -1 after failing at the first row where they disagree.
 */
static int check_skipped(const nk_host *host, nk_call *call,
                         const nks_rows *rows)
{
    const char *const *answer = host->texts(call, PROSJEKTER, PERSONELL);
    const double *skipped = host->numbers(call, PROSJEKTER, UBESVART);

    if (!answer || !skipped)
        return -1;
    for (long r = 0; r < rows->n; r++) {
        if (!rows->on[r] || (answer[r] == NULL) == (skipped[r] == 1))
            continue;
        return host->fail(call, PROSJEKTER, r, answer[r] ?
                          "%s is set, yet %s has an answer" :
                          "%s is not set, yet %s is empty", UBESVART,
                          PERSONELL);
    }
    return 0;
}

/*
 * Counts the rows on per personnel-saving answer into counts (one per
 * option of saving); rows that skipped the question are left out, and
 * any other answer is an error at its line. Returns 0 or -1.
 */
static int count_answers(const nk_host *host, nk_call *call,
                         const nks_rows *rows, double *counts)
{
    const char *skip[] = { UBESVART };
    nks_rows answered;
    int rc;

    if (nks_rows_copy(host, call, rows, &answered) != 0)
        return -1;
    rc = nks_rows_where_none(host, call, &answered, skip, 1);
    if (rc == 0)
        rc = nks_count_choice(host, call, &answered, PERSONELL, saving,
                              (int)FSK_COUNT(saving), 0, counts);
    nks_rows_free(&answered);
    return rc;
}

/*
 * Counts the rows on whose personnel-saving answer is yes into
 * *projects and their funds into *funds. Returns 0 or -1.
 */
static int count_saving(const nk_host *host, nk_call *call,
                        const nks_rows *rows, double *projects,
                        double *funds)
{
    nks_rows yes;
    int rc;

    if (nks_rows_copy(host, call, rows, &yes) != 0)
        return -1;
    rc = nks_rows_where_any_text(host, call, &yes, PERSONELL, saving_yes,
                                 (int)FSK_COUNT(saving_yes));
    if (rc == 0)
        rc = nks_sum(host, call, &yes, FSK_FUNDS, funds);
    *projects = (double)yes.count;
    nks_rows_free(&yes);
    return rc;
}

/*
 * Makes the result of personellbesparende from the counts per answer:
 * alternativ, antall and andel, every project on counted (those that
 * skipped the question too, as the report counts them).
 */
static nk_result *saving_result(const nk_host *host, nk_call *call,
                                const double *counts, double base)
{
    int n = (int)FSK_COUNT(saving);
    const char *labels[FSK_COUNT(saving)];
    double share[FSK_COUNT(saving)];
    nk_result *res = host->result(call, n);

    if (!res)
        return NULL;
    for (int i = 0; i < n; i++) {
        labels[i] = saving[i].label;
        share[i] = base > 0 ? 100.0 * counts[i] / base : NAN;
        if (nks_set_share(host, res, saving[i].key, counts[i], base) != 0)
            return NULL;
    }

    if (host->add_texts(res, "alternativ", labels) != 0 ||
        host->add_numbers(res, "antall", counts) != 0 ||
        host->add_numbers(res, "andel", share) != 0 ||
        host->set_denominator(res, "andel", base) != 0)
        return NULL;
    return res;
}

/*
 * personellbesparende: projects per answer to the personnel-saving
 * question as shares of all projects (Figure 15); the projects
 * answering yes (ja), their funds (midler_ja) and its share of all
 * funds; the projects that skipped the question (ubesvart).
 */
int fsk_personellbesparende(const nk_host *host, nk_call *call)
{
    double counts[FSK_COUNT(saving)], yes = 0, yes_funds = 0, all = 0;
    double base, answered = 0;
    nk_result *res;
    nks_rows rows;
    int rc;

    if (nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    base = (double)rows.count;
    rc = check_skipped(host, call, &rows);
    if (rc == 0)
        rc = count_answers(host, call, &rows, counts);
    if (rc == 0)
        rc = count_saving(host, call, &rows, &yes, &yes_funds);
    if (rc == 0)
        rc = nks_sum(host, call, &rows, FSK_FUNDS, &all);
    nks_rows_free(&rows);
    if (rc != 0 || (res = saving_result(host, call, counts, base)) == NULL)
        return -1;

    for (size_t i = 0; i < FSK_COUNT(saving); i++)
        answered += counts[i];
    fsk_named vals[] = {
        { "grunnlag", base },
        { "ubesvart", base - answered },
        { "aar", FSK_FUNDS_YEAR },
    };
    if (nks_set_share(host, res, "ja", yes, base) != 0 ||
        nks_set_share(host, res, "midler_ja", yes_funds, all) != 0)
        return -1;
    return fsk_finish(host, res, vals, FSK_COUNT(vals),
                      "Prosent av prosjektene");
}

/*
 * Counts the rows on that use AI (any answer but "no") into *projects,
 * their funds into *funds, and those that both use ready-made AI and
 * develop their own into *both. Returns 0 or -1.
 */
static int count_ai(const nk_host *host, nk_call *call, const nks_rows *rows,
                    double *projects, double *funds, double *both)
{
    const char *yes[AI_YES] = { ai[0].key, ai[1].key };
    nks_rows users;
    int rc;

    if (nks_rows_copy(host, call, rows, &users) != 0)
        return -1;
    rc = nks_rows_where_any(host, call, &users, yes, AI_YES);
    if (rc == 0)
        rc = nks_sum(host, call, &users, FSK_FUNDS, funds);
    *projects = (double)users.count;
    for (int i = 0; rc == 0 && i < AI_YES; i++)
        rc = nks_rows_where_flag(host, call, &users, yes[i]);
    *both = (double)users.count;
    nks_rows_free(&users);
    return rc;
}

/*
 * kunstig_intelligens: projects per answer to the AI question (Figure
 * 16), every project counted, with funds; the projects using AI (ki),
 * their funds (midler_ki) and shares, those both using and developing
 * AI (begge); last year's share (forrige_andel, from forrige_aar.csv)
 * and the change to this year's share, both rounded to whole percent
 * as the text gives them.
 */
int fsk_kunstig_intelligens(const nk_host *host, nk_call *call)
{
    const char *key = "forskning_ki_andel";
    nk_result *res = NULL;
    nks_count_opts how = { FSK_FUNDS, 0, &res };
    double users = 0, funds = 0, both = 0, all = 0, before, year, base;
    nks_rows rows;
    int rc;

    if (nks_lookup(host, call, "forrige_aar", "indikator", key, "verdi",
                   &before) != 0 ||
        nks_lookup(host, call, "forrige_aar", "indikator", key, "aar",
                   &year) != 0 ||
        nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    base = (double)rows.count;
    rc = nks_check_exclusive(host, call, &rows, ai[AI_YES].key, ai, AI_YES);
    if (rc == 0)
        rc = count_ai(host, call, &rows, &users, &funds, &both);
    if (rc == 0)
        rc = nks_sum(host, call, &rows, FSK_FUNDS, &all);
    if (rc == 0)
        rc = nks_multi_choice(host, call, &rows, ai, (int)FSK_COUNT(ai),
                              &how);
    nks_rows_free(&rows);
    if (rc != 0)
        return -1;

    fsk_named vals[] = {
        { "begge", both },
        { "forrige_aar", year },
        { "forrige_andel", before },
        { "endring", base > 0 ? round(100.0 * users / base) - before : 0 },
        { "aar", FSK_FUNDS_YEAR },
    };
    if (nks_set_share(host, res, "ki", users, base) != 0 ||
        nks_set_share(host, res, "midler_ki", funds, all) != 0)
        return -1;
    return fsk_finish(host, res, vals, FSK_COUNT(vals),
                      "Prosent av prosjektene");
}

static const char *const ki_yes[] = { "ki_hyllevare", "ki_utvikler" };
static const char *const ki_no[] = { "ki_nei" };
static const char *const saving_no[] = { "nei" };
static const char *const saving_unsure[] = { "vet_ikke" };

/* Table 2's rows: the AI answer. */
static const nks_class ai_classes[] = {
    { "ki", "Benytter KI", ki_yes, 2 },
    { "uten_ki", "Benytter ikke KI", ki_no, 1 },
};

/* Table 2's columns: the personnel-saving answer, yes taken together. */
static const nks_class saving_classes[] = {
    { "ja", "Ja", saving_yes, 2 },
    { "nei", "Nei", saving_no, 1 },
    { "vet_ikke", "Vet ikke", saving_unsure, 1 },
};

/*
 * ki_personell: the AI answer against the personnel-saving answer
 * (Table 2), among the projects that answered both: nks_crosstab's
 * result, one row for the AI users and one for the rest, with each
 * answer's share of the row.
 */
int fsk_ki_personell(const nk_host *host, nk_call *call)
{
    nk_result *res = NULL;
    nks_count_opts how = { NULL, 1, &res };
    nks_classes by_ai, by_saving;
    nks_rows rows;
    int rc;

    if (nks_rows_select(host, call, PROSJEKTER, "region", &rows) != 0)
        return -1;
    rc = check_skipped(host, call, &rows);
    if (rc == 0)
        rc = nks_classify(host, call, &rows, NULL, ai_classes,
                          (int)FSK_COUNT(ai_classes), &by_ai);
    if (rc == 0) {
        rc = nks_classify(host, call, &rows, PERSONELL, saving_classes,
                          (int)FSK_COUNT(saving_classes), &by_saving);
        if (rc == 0)
            rc = nks_crosstab(host, call, &rows, &by_ai, &by_saving, &how);
        nks_classes_free(&by_saving);
        nks_classes_free(&by_ai);
    }
    nks_rows_free(&rows);

    if (rc != 0)
        return -1;
    fsk_named vals[] = { { "aar", FSK_FUNDS_YEAR } };
    return fsk_finish(host, res, vals, FSK_COUNT(vals),
                      "Prosent av raden");
}

static const char *const personell_cols[] = {
    "region", FSK_FUNDS, PERSONELL, UBESVART, NULL
};
static const char *const ki_cols[] = {
    "region", FSK_FUNDS, "ki_hyllevare", "ki_utvikler", "ki_nei", NULL
};
static const char *const ki_personell_cols[] = {
    "region", PERSONELL, UBESVART, "ki_hyllevare", "ki_utvikler", "ki_nei",
    NULL
};
static const char *const forrige_cols[] = {
    "indikator", "aar", "verdi", NULL
};

const nk_input fsk_personellbesparende_in[] = {
    { PROSJEKTER, personell_cols }, { NULL, NULL }
};
const nk_input fsk_kunstig_intelligens_in[] = {
    { PROSJEKTER, ki_cols }, { "forrige_aar", forrige_cols },
    { NULL, NULL }
};
const nk_input fsk_ki_personell_in[] = {
    { PROSJEKTER, ki_personell_cols }, { NULL, NULL }
};

const char fsk_personellbesparende_about[] =
    "Prosjekter som kan føre til personellbesparende løsninger";
const char fsk_kunstig_intelligens_about[] =
    "Prosjekter som bruker eller utvikler kunstig intelligens";
const char fsk_ki_personell_about[] =
    "Bruk av KI mot personellbesparende løsninger (krysstabell)";
