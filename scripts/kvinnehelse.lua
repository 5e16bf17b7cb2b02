-- Section: Kvinnehelse (women's health), in the chapter Forskning.
--
-- Numbers come from the kvinnehelse plugin; sentences from
-- templates/nb/kvinnehelse.txt.

local kvinnehelse = plugin "kvinnehelse"
local t = templates "kvinnehelse"

local kjonn = kvinnehelse.kjonnsspesifikk()

return section {
    id = "kvinnehelse",
    title = "Kvinnehelse",

    para(t.innledning()),
    para(params.region and t.midler_region(kjonn) or t.midler(kjonn)),
    para(params.region and t.analyser_region(kjonn) or t.analyser(kjonn), " Fordelingen er vist i ",
         xref "fig-kjonnsspesifikk", "."),

    figure {
        id = "fig-kjonnsspesifikk",
        title = "Kjønnsspesifikk forskning i prosjekter med regionale midler "
            .. fmt.aar(kjonn.values.aar),
        chart = bar {
            data = kjonn,
            x = "alternativ",
            series = { { "andel", "Andel av prosjektene" } },
            unit = "Andel av prosjektene",
            percent = true,
            horizontal = true,
            value_labels = true,
        },
        caption = t.figur(kjonn),
        alt = t.figur_alt(kjonn),
    },

    sidebar {
        title = t.kvinner_tittel(),
        para(t.kvinner(kjonn)),
    },
}
