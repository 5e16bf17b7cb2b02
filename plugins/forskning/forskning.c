/*
 * The research chapter ("Forskning"): the plugin's descriptor. The
 * indicators live in one file per part of the chapter and are declared
 * in forskning_int.h; this list names them, one line each.
 */
#include "forskning_int.h"

static const nk_indicator indicators[] = {
    FSK_INDICATOR(doktorgrader),
    FSK_INDICATOR(doktorgrader_fag),
    FSK_INDICATOR(artikler),
    FSK_INDICATOR(kbs_inklusjon),
    FSK_INDICATOR(kbs_faser),
    FSK_INDICATOR(malesystem),
    FSK_INDICATOR(nokkeltall),
    FSK_INDICATOR(publiserende_forskere),
    FSK_INDICATOR(samarbeid_uh),
    FSK_INDICATOR(samarbeid_regioner),
    FSK_INDICATOR(hrcs_kategorier),
    FSK_INDICATOR(hrcs_aktiviteter),
    FSK_INDICATOR(stipend),
    FSK_INDICATOR(forskningstype),
    FSK_INDICATOR(aldersgrupper),
    FSK_INDICATOR(personellbesparende),
    FSK_INDICATOR(kunstig_intelligens),
    FSK_INDICATOR(ki_personell),
    FSK_INDICATOR(regioner),
    FSK_INDICATOR(region_fagomrader),
    FSK_INDICATOR(fagomrader_regioner),
    FSK_INDICATOR(region_aktivitet),
    FSK_INDICATOR(region_variabler),
    { 0, NULL, NULL, NULL, NULL }
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "forskning", "2025.1",
    "Forskning: målesystem, samarbeid, fagområder, personell og regioner",
    indicators
};

/* The one exported symbol: the host finds it by NK_PLUGIN_SYMBOL. */
NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void);

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
