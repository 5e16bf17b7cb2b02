/* Declares an indicator entry smaller than ABI 1.0's, as a plugin built
 * against a garbled header would: the host must refuse it at load. */
#include <nokkel/plugin.h>

static const char *const columns[] = { "n", NULL };
static const nk_input inputs[] = { { "tall", columns }, { NULL, NULL } };

static int compute(const nk_host *host, nk_call *call)
{
    (void)host;
    (void)call;
    return -1;
}

static const nk_indicator indicators[] = {
    { 8, "small", "An entry with the wrong size", inputs, compute },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "small_struct", "1.0",
    "A plugin whose indicator entry is too small", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
