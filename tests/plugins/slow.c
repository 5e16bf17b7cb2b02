/* A plugin whose one indicator takes most of a second, so a build with
 * it runs long enough to show the progress bar on a terminal. */
#define _POSIX_C_SOURCE 200809L
#include <nokkel/plugin.h>

#include <time.h>

static const char *const columns[] = { "n", NULL };
static const nk_input inputs[] = { { "tall", columns }, { NULL, NULL } };

static int compute_sum(const nk_host *host, nk_call *call)
{
    struct timespec pause = { 0, 700000000L };
    long rows = host->rows(call, "tall");
    const double *n = host->numbers(call, "tall", "n");
    double sum = 0;
    nk_result *res;

    if (rows < 0 || !n)
        return -1;
    nanosleep(&pause, NULL);
    for (long r = 0; r < rows; r++)
        sum += n[r];
    res = host->result(call, 1);
    if (!res || host->add_numbers(res, "sum", &sum) != 0)
        return -1;
    return host->set_value(res, "sum", sum);
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "slow_sum", "Sum of column n, slowly", inputs,
      compute_sum },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "slow", "1.0",
    "A slow test plugin", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
