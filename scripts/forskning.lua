-- Chapter: Forskning (research).
--
-- Indicators come from the forskning plugin; sentences from
-- templates/nb/forskning.txt.

local forskning = plugin "forskning"
local t = templates "forskning"

local doktorgrader = forskning.doktorgrader()
local fag = forskning.doktorgrader_fag()
local artikler = forskning.artikler()
local kbs = forskning.kbs_inklusjon()
local faser = forskning.kbs_faser()

-- Drug-study phases are named with Roman numerals, as in the chart.
local romertall = { "I", "II", "III", "IV" }

return chapter {
    id = "forskning",
    title = "Forskning",

    section {
        id = "malesystem",
        title = "Indikatorer i nasjonalt målesystem",

        para(t.malesystem()),
        para(t.kbs_definisjon()),

        figure {
            id = "fig-doktorgrader",
            title = "Avlagte doktorgrader "
                .. fmt.periode(doktorgrader.values.forste_aar,
                               doktorgrader.values.siste_aar),
            chart = line {
                data = doktorgrader,
                x = "aar",
                series = {
                    { "totalt", "Totalt" },
                    { "kvinner", "Kvinner" },
                    { "menn", "Menn" },
                },
                unit = "Antall doktorgrader",
                markers = true,
            },
            caption = t.doktorgrader(doktorgrader, fag),
            alt = t.doktorgrader_alt(doktorgrader),
        },

        figure {
            id = "fig-artikler",
            title = "Vitenskapelige artikler i helseforetakene "
                .. fmt.periode(artikler.values.forste_aar,
                               artikler.values.siste_aar),
            chart = bar {
                data = artikler,
                x = "aar",
                series = { { "artikler", "Artikler" } },
                unit = "Antall artikler",
            },
            caption = t.artikler(artikler),
            alt = t.artikler_alt(artikler),
        },

        table {
            id = "tab-kbs",
            title = "Nye pasienter i kliniske behandlingsstudier "
                .. fmt.periode(kbs.values.forste_aar, kbs.values.siste_aar),
            data = kbs,
            columns = {
                {
                    head = "Inklusjon av pasienter i kliniske "
                        .. "behandlingsstudier",
                    text = function(rad)
                        return fmt.aar(rad.aar) .. " ("
                            .. fmt.tall(rad.studier) .. " studier)"
                    end,
                },
                { head = "Antall pasienter", column = "pasienter" },
            },
            caption = t.kbs_tabell(kbs),
        },

        -- The sentence says which way the number went; an unchanged
        -- year needs other words.
        para(kbs.values.endring_pasienter == 0 and t.kbs_uendret(kbs)
             or t.kbs_utvikling(kbs)),

        figure {
            id = "fig-kbs-faser",
            title = "Kliniske behandlingsstudier "
                .. fmt.aar(kbs.values.siste_aar)
                .. " – legemiddelstudier etter fase og andre studier",
            chart = bar {
                data = faser,
                x = "kategori",
                series = { { "studier", "Antall studier" } },
                unit = "Antall studier",
                value_labels = true,
            },
            caption = t.kbs_faser(faser, kbs, {
                fase = romertall[faser.values.storste_fase_nr],
            }),
            alt = t.kbs_faser_alt(faser, kbs),
        },
    },
}
