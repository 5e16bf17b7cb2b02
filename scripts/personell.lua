-- Section: Personellbesparende løsninger og bruk av kunstig intelligens
-- (personnel-saving solutions and AI), in the chapter Forskning.
--
-- Numbers come from the forskning plugin; sentences from
-- templates/nb/personell.txt.

local forskning = plugin "forskning"
local t = templates "personell"

local personell = forskning.personellbesparende()
local ki = forskning.kunstig_intelligens()
local krysstabell = forskning.ki_personell()

return section {
    id = "personell",
    title = "Personellbesparende løsninger og bruk av kunstig intelligens",

    para(t.innledning(), " Svarene er vist i ",
         xref "fig-personellbesparende", ", ", xref "fig-kunstig-intelligens",
         " og ", xref "tab-ki-personell", "."),

    figure {
        id = "fig-personellbesparende",
        title = "Kan prosjektet føre til personellbesparende løsninger? "
            .. fmt.aar(personell.values.aar),
        chart = bar {
            data = personell,
            x = "alternativ",
            series = { { "andel", "Andel av prosjektene" } },
            unit = "Andel av alle prosjektene",
            percent = true,
            horizontal = true,
            value_labels = true,
        },
        caption = t.personell_figur(personell),
        alt = t.personell_alt(personell),
    },

    sidebar {
        title = t.personell_boks_tittel(),
        para(t.personell_boks(personell)),
        para(t.personell_boks_eksempler()),
    },

    figure {
        id = "fig-kunstig-intelligens",
        title = "Bruk av kunstig intelligens (KI) " .. fmt.aar(ki.values.aar),
        chart = bar {
            data = ki,
            x = "alternativ",
            series = { { "andel", "Andel av prosjektene" } },
            unit = "Andel av alle prosjektene",
            percent = true,
            horizontal = true,
            value_labels = true,
        },
        caption = params.region and t.ki_figur_region(ki) or t.ki_figur(ki),
        alt = t.ki_alt(ki),
    },

    -- The host has no heading that spans columns, so the second
    -- question is named in the title and the heads give its answers.
    table {
        id = "tab-ki-personell",
        title = "Bruk av KI og svar på om prosjektet kan føre til "
            .. "personellbesparende løsninger",
        data = krysstabell,
        columns = {
            { head = "Bruk av kunstig intelligens (KI)", column = "gruppe" },
            { head = "Ja", column = "andel_ja", format = "prosent" },
            { head = "Nei", column = "andel_nei", format = "prosent" },
            { head = "Vet ikke", column = "andel_vet_ikke",
              format = "prosent" },
        },
        caption = t.ki_tabell(krysstabell),
    },
}
