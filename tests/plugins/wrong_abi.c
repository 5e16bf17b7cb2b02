/* Built for a future ABI major version: the host must refuse it before
 * calling its indicators. */
#include <nokkel/plugin.h>

static const nk_indicator indicators[] = { { 0, NULL, NULL, NULL, NULL } };

static const nk_plugin plugin = {
    NK_ABI_MAJOR + 1, 0, sizeof(nk_plugin), "wrong_abi", "1.0",
    "A plugin with the wrong ABI major", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
