/* Exports more than the descriptor, under names the host and Lua use
 * themselves: loaded with RTLD_LOCAL into a host that exports nothing,
 * they neither clash nor replace anything, and the plugin works. */
#include <nokkel/plugin.h>

static const char *const columns[] = { "n", NULL };
static const nk_input inputs[] = { { "tall", columns }, { NULL, NULL } };

NK_PLUGIN_EXPORT char *err_fmt(const char *fmt, ...);
NK_PLUGIN_EXPORT int lua_pcall(void);

NK_PLUGIN_EXPORT char *err_fmt(const char *fmt, ...)
{
    (void)fmt;
    return 0;
}

NK_PLUGIN_EXPORT int lua_pcall(void)
{
    return 7;
}

static int compute(const nk_host *host, nk_call *call)
{
    nk_result *res = host->result(call, 0);

    if (!res)
        return -1;
    return host->set_value(res, "sum", lua_pcall() * 6);
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "extra_sum", "Forty-two, from an extra symbol",
      inputs, compute },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "extra", "1.0",
    "A plugin that exports extra symbols", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
