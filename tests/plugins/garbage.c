/* A plugin whose compute functions return garbage, one kind each; the
 * host must refuse each result with the plugin's name, and accept NaN,
 * which stands for a missing value. */
#include <math.h>

#include <nokkel/plugin.h>

static const char *const columns[] = { "n", NULL };
static const nk_input inputs[] = { { "tall", columns }, { NULL, NULL } };

/* A result of two rows with one numeric column, values a and b, and the
 * value sum the test template prints. */
static int two_numbers(const nk_host *host, nk_call *call,
                       const char *column, double a, double b)
{
    nk_result *res = host->result(call, 2);
    double v[2] = { a, b };

    if (!res || host->add_numbers(res, column, v) != 0)
        return -1;
    return host->set_value(res, "sum", 1);
}

static int compute_nan(const nk_host *host, nk_call *call)
{
    return two_numbers(host, call, "n", NAN, 1);
}

static int compute_infinite(const nk_host *host, nk_call *call)
{
    return two_numbers(host, call, "n", 1, INFINITY);
}

static int compute_share(const nk_host *host, nk_call *call)
{
    return two_numbers(host, call, "andel", 40, 104.5);
}

static int compute_count(const nk_host *host, nk_call *call)
{
    nk_result *res = host->result(call, 1);

    if (!res)
        return -1;
    host->add_numbers(res, "n", (const double[]){ -3 });
    return host->set_unit(res, "Antall prosjekter");
}

static int compute_text(const nk_host *host, nk_call *call)
{
    nk_result *res = host->result(call, 1);

    if (!res)
        return -1;
    return host->add_texts(res, "navn", (const char *const[]){ "\xc3(" });
}

/* Adds a column twice and ignores the refusal, as a careless plugin
 * would. */
static int compute_twice(const nk_host *host, nk_call *call)
{
    nk_result *res = host->result(call, 1);

    if (!res)
        return -1;
    host->add_numbers(res, "n", (const double[]){ 1 });
    host->add_texts(res, "n", (const char *const[]){ "a" });
    return 0;
}

static int compute_denominator(const nk_host *host, nk_call *call)
{
    nk_result *res = host->result(call, 1);

    if (!res || host->add_numbers(res, "andel", (const double[]){ 50 }))
        return -1;
    return host->set_denominator(res, "andel", -10);
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "nan", "A missing value: accepted", inputs,
      compute_nan },
    { sizeof(nk_indicator), "infinite", "An infinite number", inputs,
      compute_infinite },
    { sizeof(nk_indicator), "share", "A share over 100 %", inputs,
      compute_share },
    { sizeof(nk_indicator), "count", "A negative count", inputs,
      compute_count },
    { sizeof(nk_indicator), "text", "Text that is not UTF-8", inputs,
      compute_text },
    { sizeof(nk_indicator), "twice", "A column added twice", inputs,
      compute_twice },
    { sizeof(nk_indicator), "denominator", "A negative denominator",
      inputs, compute_denominator },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "garbage", "1.0",
    "A test plugin whose results are wrong", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
