/*
 * The opening chapter ("Nasjonale nøkkeltall"): the single numbers that
 * frame the report. What the hospitals spend on research (SSB), what
 * the projects reporting in eRapport received, and what KLINBEFORSK has
 * awarded, from fakta.csv and forskningsprosjekter.csv.
 */
#include "forskning_int.h"

#include <math.h>
#include <nkstat.h>

/* SSB counts the hospitals' research costs every second year. */
#define SSB_INTERVAL 2

/* Reads the value and the year of one row of fakta.csv. */
static int read_fact(const nk_host *host, nk_call *call, const char *key,
                     double *value, double *year)
{
    if (nks_lookup(host, call, "fakta", "indikator", key, "verdi",
                   value) != 0)
        return -1;
    return year ? nks_lookup(host, call, "fakta", "indikator", key, "aar",
                             year) : 0;
}

/*
 * Returns an amount in kroner rounded the way the text writes it: one
 * decimal of billions from a billion on ("1,2 milliarder kroner"), one
 * decimal of millions below.
 */
static double as_written(double kroner)
{
    double step = kroner >= 999.95e6 ? 1e8 : 1e5;

    return round(kroner / step) * step;
}

/*
 * nokkeltall: research costs in the hospitals and their year, with the
 * year of SSB's next count; the projects in eRapport and their funds,
 * the funds rounded as the text gives them and how far the true sum
 * lies from that (negative: "nearly"); KLINBEFORSK's awards and
 * projects. Follows the region parameter for the eRapport numbers.
 */
int fsk_nokkeltall(const nk_host *host, nk_call *call)
{
    double ssb, ssb_aar, klin, klin_prosjekter, midler, prosjekter;
    nks_rows rows;
    nk_result *res;
    int rc;

    if (read_fact(host, call, "forskningskostnader_sykehus", &ssb,
                  &ssb_aar) != 0 ||
        read_fact(host, call, "klinbeforsk_tildelt_siden_2016", &klin,
                  NULL) != 0 ||
        read_fact(host, call, "klinbeforsk_prosjekter_siden_2016",
                  &klin_prosjekter, NULL) != 0 ||
        nks_rows_select(host, call, "forskningsprosjekter", "region",
                        &rows) != 0)
        return -1;

    rc = nks_sum(host, call, &rows, FSK_FUNDS, &midler);
    prosjekter = (double)rows.count;
    nks_rows_free(&rows);
    if (rc != 0 || (res = host->result(call, 0)) == NULL)
        return -1;

    fsk_named vals[] = {
        { "ssb_kostnader", ssb },
        { "ssb_aar", ssb_aar },
        { "ssb_neste_aar", ssb_aar + SSB_INTERVAL },
        { "aar", FSK_FUNDS_YEAR },
        { "prosjekter", prosjekter },
        { "midler", midler },
        { "midler_avrundet", as_written(midler) },
        { "midler_avvik", midler - as_written(midler) },
        { "klinbeforsk_midler", klin },
        { "klinbeforsk_prosjekter", klin_prosjekter },
    };
    return fsk_finish(host, res, vals, FSK_COUNT(vals), "Kroner");
}

static const char *const fakta_cols[] = {
    "indikator", "aar", "verdi", NULL
};
static const char *const prosjekt_cols[] = {
    "region", FSK_FUNDS, NULL
};

const nk_input fsk_nokkeltall_in[] = {
    { "forskningsprosjekter", prosjekt_cols },
    { "fakta", fakta_cols },
    { NULL, NULL }
};

const char fsk_nokkeltall_about[] =
    "Ressursbruk til forskning, midler i eRapport og KLINBEFORSK";
