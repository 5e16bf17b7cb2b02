/*
 * A correct plugin: one indicator that sums a column. Built a second
 * time as older_minor.so, which says it was built for ABI 1.0: a host
 * of a newer minor version loads it and runs it.
 */
#include <nokkel/plugin.h>

#ifndef GOOD_NAME
#define GOOD_NAME "good"
#define GOOD_ABI_MINOR NK_ABI_MINOR
#define GOOD_DESCRIPTION "A correct test plugin"
#endif

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
    host->set_value(res, "sum", sum);
    return 0;
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "sum", "Sum of column n", inputs, compute_sum },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, GOOD_ABI_MINOR, sizeof(nk_plugin), GOOD_NAME, "1.0",
    GOOD_DESCRIPTION, indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
