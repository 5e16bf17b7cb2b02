/*
 * A plugin that filters records by region, as chapter plugins do for a
 * regional report: the region comes from the build's parameters
 * (--set region="...") through host->param.
 */
#include <nokkel/plugin.h>

#include <string.h>

#define MAX_REGIONS 16

static const char *const columns[] = { "region", "deltakere", NULL };
static const nk_input inputs[] = {
    { "prosjekter", columns },
    { NULL, NULL },
};

/* Returns the place of name in names[0..*n), adding it in sorted order
 * when new; -1 when the list is full. */
static int place(const char **names, double *sums, int *n, const char *name)
{
    int i = 0;

    while (i < *n && strcmp(names[i], name) < 0)
        i++;
    if (i < *n && strcmp(names[i], name) == 0)
        return i;
    if (*n == MAX_REGIONS)
        return -1;
    memmove(names + i + 1, names + i, (size_t)(*n - i) * sizeof *names);
    memmove(sums + i + 1, sums + i, (size_t)(*n - i) * sizeof *sums);
    names[i] = name;
    sums[i] = 0;
    (*n)++;
    return i;
}

/* deltakere: participants summed per region, regions sorted by name;
 * values sum and regioner (the count of regions). */
static int compute_deltakere(const nk_host *host, nk_call *call)
{
    long rows = host->rows(call, "prosjekter");
    const char *const *region = host->texts(call, "prosjekter", "region");
    const double *n = host->numbers(call, "prosjekter", "deltakere");
    const char *only = host->param(call, "region");
    const char *names[MAX_REGIONS];
    double sums[MAX_REGIONS];
    double total = 0;
    int nregions = 0;
    nk_result *res;

    if (rows < 0 || !region || !n)
        return -1;
    for (long r = 0; r < rows; r++) {
        int i;

        if (!region[r])
            return host->fail(call, "prosjekter", r, "region is missing");
        if (only && strcmp(region[r], only) != 0)
            continue;
        i = place(names, sums, &nregions, region[r]);
        if (i < 0)
            return host->fail(call, "prosjekter", r, "too many regions");
        sums[i] += n[r];
        total += n[r];
    }
    if (nregions == 0)
        return host->fail(call, NULL, -1, "no records for region \"%s\"",
                          only ? only : "");

    res = host->result(call, nregions);
    if (!res || host->add_texts(res, "region", names) != 0 ||
        host->add_numbers(res, "deltakere", sums) != 0)
        return -1;
    host->set_value(res, "sum", total);
    host->set_value(res, "regioner", nregions);
    return 0;
}

static const nk_indicator indicators[] = {
    { sizeof(nk_indicator), "deltakere",
      "Deltakere per region, for én region med --set region", inputs,
      compute_deltakere },
    { 0, NULL, NULL, NULL, NULL },
};

static const nk_plugin plugin = {
    NK_ABI_MAJOR, NK_ABI_MINOR, sizeof(nk_plugin), "regional", "1.0",
    "A test plugin that filters by region", indicators,
};

NK_PLUGIN_EXPORT const nk_plugin *nokkel_plugin_describe(void)
{
    return &plugin;
}
