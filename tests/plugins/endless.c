/* A plugin whose compute function never returns: no Lua hook can stop
 * it, so the host's watchdog must, naming the script line. */
#define _POSIX_C_SOURCE 200809L
#include <nokkel/plugin.h>

#include <time.h>

static const char *const columns[] = { "n", NULL };
static const nk_input inputs[] = { { "tall", columns }, { NULL, NULL } };

static int compute_forever(const nk_host *host, nk_call *call)
{
    struct timespec pause = { 1, 0 };

    (void)host;
    (void)call;
    for (;;)
        nanosleep(&pause, NULL);
    return -1;
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "forever", "Never returns", inputs,
      compute_forever },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "endless", "1.0",
    "A test plugin that hangs", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
