/*
 * Pins the layout of every struct in the plugin ABI (on LP64), so an
 * accidental change fails here before it breaks a plugin in the field.
 * A deliberate change bumps NK_ABI_* and updates docs/ABI-CHANGES.md and
 * this file together.
 */
#include <stddef.h>

#include <nokkel/plugin.h>

#include "check.h"

int main(void)
{
    CHECK(NK_ABI_MAJOR == 1);
    CHECK(NK_ABI_MINOR == 1);

    CHECK(sizeof(nk_input) == 16);
    CHECK(offsetof(nk_input, columns) == 8);

    CHECK(sizeof(nk_indicator) == 40);
    CHECK(offsetof(nk_indicator, name) == 8);
    CHECK(offsetof(nk_indicator, inputs) == 24);
    CHECK(offsetof(nk_indicator, compute) == 32);

    CHECK(sizeof(nk_plugin) == 48);
    CHECK(offsetof(nk_plugin, size) == 8);
    CHECK(offsetof(nk_plugin, name) == 16);
    CHECK(offsetof(nk_plugin, indicators) == 40);

    /* The host table only grows at its end: these offsets never move. */
    CHECK(offsetof(nk_host, rows) == 16);
    CHECK(offsetof(nk_host, result) == 56);
    CHECK(offsetof(nk_host, fail) == 112);
    CHECK(offsetof(nk_host, log) == 120);
    CHECK(offsetof(nk_host, text_codes) == 128);
    CHECK(sizeof(nk_host) == 136);
    return check_failures();
}
