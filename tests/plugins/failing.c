/* A plugin whose compute fails at a data row, and one that returns
 * garbage; the host must report both and survive. */
#include <nokkel/plugin.h>

static const char *const columns[] = { "n", NULL };
static const nk_input inputs[] = { { "tall", columns }, { NULL, NULL } };

static int compute_fail(const nk_host *host, nk_call *call)
{
    long rows = host->rows(call, "tall");

    return host->fail(call, "tall", rows - 1, "n: %d is not allowed here",
                      -7);
}

/* Fails about the table as a whole, as "too few rows" does. */
static int compute_table(const nk_host *host, nk_call *call)
{
    return host->fail(call, "tall", -1, "too few rows (%ld); needs at "
                      "least 5", host->rows(call, "tall"));
}

static int compute_silent(const nk_host *host, nk_call *call)
{
    (void)host;
    (void)call;
    return -1;
}

static int compute_undeclared(const nk_host *host, nk_call *call)
{
    return host->numbers(call, "tall", "secret") ? 0 : -1;
}

/* Asks for a column without naming it. */
static int compute_nameless(const nk_host *host, nk_call *call)
{
    return host->texts(call, "tall", NULL) ? 0 : -1;
}

/* Asks text_codes (ABI 1.1) for a column without naming it. */
static int compute_codes_nameless(const nk_host *host, nk_call *call)
{
    const char *const *distinct;
    long n;

    return host->text_codes(call, "tall", NULL, &distinct, &n) ? 0 : -1;
}

/* Asks text_codes for the numeric column n. */
static int compute_codes_number(const nk_host *host, nk_call *call)
{
    const char *const *distinct;
    long n;

    return host->text_codes(call, "tall", "n", &distinct, &n) ? 0 : -1;
}

/* Asks text_codes for a column it does not declare. */
static int compute_codes_undeclared(const nk_host *host, nk_call *call)
{
    const char *const *distinct;
    long n;

    return host->text_codes(call, "tall", "navn", &distinct, &n) ? 0 : -1;
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "fails", "Fails at the last row", inputs,
      compute_fail },
    { sizeof(nk_indicator), "table", "Fails about the whole table",
      inputs, compute_table },
    { sizeof(nk_indicator), "silent", "Fails without a reason", inputs,
      compute_silent },
    { sizeof(nk_indicator), "undeclared", "Reads an undeclared column",
      inputs, compute_undeclared },
    { sizeof(nk_indicator), "nameless", "Asks for a column without a name",
      inputs, compute_nameless },
    { sizeof(nk_indicator), "codes_nameless",
      "Asks text_codes for a column without a name", inputs,
      compute_codes_nameless },
    { sizeof(nk_indicator), "codes_number",
      "Asks text_codes for a numeric column", inputs, compute_codes_number },
    { sizeof(nk_indicator), "codes_undeclared",
      "Asks text_codes for an undeclared column", inputs,
      compute_codes_undeclared },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "failing", "1.0",
    "A test plugin whose indicators fail", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
