/* Calls a function no library provides: RTLD_NOW must refuse to load
 * it, rather than crash when the indicator runs. */
#include <nokkel/plugin.h>

extern int nokkel_test_missing_function(void);

static int compute_missing(const nk_host *host, nk_call *call)
{
    (void)host;
    (void)call;
    return nokkel_test_missing_function();
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "missing", "Calls a missing function", NULL,
      compute_missing },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "unresolved", "1.0",
    "A test plugin with an unresolved symbol", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
