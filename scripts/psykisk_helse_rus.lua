-- Section: Rusomsorg og psykisk helse (addiction and mental health), in
-- the chapter Forskning.
--
-- Numbers come from the psykisk_helse_rus plugin; sentences from
-- templates/nb/psykisk_helse_rus.txt.

local psykisk_helse_rus = plugin "psykisk_helse_rus"
local t = templates "psykisk_helse_rus"

local rus = psykisk_helse_rus.rusforskning()
local psyk = psykisk_helse_rus.psykisk_helse()

return section {
    id = "psykisk-helse-rus",
    title = "Rusomsorg og psykisk helse",

    para(t.innledning()),
    para(params.region and t.rus_region(rus) or t.rus(rus)),
    para(t.psyk(psyk, rus), " Midlene til rusforskning er vist i ",
         xref "fig-rusforskning", ", midlene til forskning på psykisk "
         .. "helse i ", xref "fig-psykisk-helse", "."),

    figure {
        id = "fig-rusforskning",
        title = "Typer rusforskning " .. fmt.aar(rus.values.aar),
        chart = bar {
            data = rus,
            x = "alternativ",
            series = { { "andel", "Andel av rusforskningsprosjektene" } },
            unit = "Andel av prosjektene med rusforskning",
            percent = true,
            horizontal = true,
            value_labels = true,
        },
        caption = t.rus_figur(rus),
        alt = t.rus_alt(rus),
    },

    figure {
        id = "fig-psykisk-helse",
        title = "Diagnosegrupper i forskning på psykisk helse "
            .. fmt.aar(rus.values.aar),
        chart = bar {
            data = psyk,
            x = "alternativ",
            series = { { "andel", "Andel av prosjektene" } },
            unit = "Andel av prosjektene innen psykisk helse",
            percent = true,
            horizontal = true,
            value_labels = true,
        },
        caption = t.psyk_figur(psyk, rus),
        alt = t.psyk_alt(psyk),
    },
}
