/* Built against a newer minor version than the host has: it may use host
 * functions this host lacks, so the host must refuse it. */
#include <nokkel/plugin.h>

static const nk_indicator indicators[] = { { 0, NULL, NULL, NULL, NULL } };

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR + 1, sizeof(nk_plugin), "newer_minor", "1.0",
    "A plugin from a newer minor ABI", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
