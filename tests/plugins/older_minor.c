/*
 * A plugin built for ABI 1.0, before text_codes: a host of a newer minor
 * version loads it and runs it. It sums column n as good.c does.
 */
#include <nokkel/plugin.h>

static const char *const columns[] = { "n", NULL };
static const nk_input inputs[] = { { "tall", columns }, { NULL, NULL } };

static int compute_sum(const nk_host *host, nk_call *call)
{
    long rows = host->rows(call, "tall");
    const double *n = host->numbers(call, "tall", "n");
    double sum = 0;
    nk_result *res;

    if (rows < 0 || !n)
        return -1;
    for (long r = 0; r < rows; r++)
        sum += n[r];
    res = host->result(call, 1);
    if (!res || host->add_numbers(res, "sum", &sum) != 0)
        return -1;
    return host->set_value(res, "sum", sum);
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "sum", "Sum of column n", inputs, compute_sum },
    { 0, NULL, NULL, NULL, NULL },
};

/* The descriptor says 1.0, whatever the header it is built with. */
static const nk_plugin plugin = {
    NK_ABI_MAJOR, 0, sizeof(nk_plugin), "older_minor", "1.0",
    "A plugin built for ABI 1.0", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
