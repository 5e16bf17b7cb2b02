-- Chapter: Forskning (research). Three sections here: the national
-- measurement system, research collaboration, and fields and types of
-- research; then the sections that have scripts of their own (women's
-- health, addiction and mental health, personnel saving and AI, the
-- regions).
--
-- Indicators come from the forskning plugin; sentences from
-- templates/nb/forskning.txt.

local forskning = plugin "forskning"
local t = templates "forskning"

-- Indikatorer i nasjonalt målesystem
local malesystem = forskning.malesystem()
local doktorgrader = forskning.doktorgrader()
local fag = forskning.doktorgrader_fag()
local artikler = forskning.artikler()
local kbs = forskning.kbs_inklusjon()
local faser = forskning.kbs_faser()

-- Forskningssamarbeid; the text averages women's share of first
-- authors from this year on.
local forskere = forskning.publiserende_forskere { fra = 2019 }
local uh = forskning.samarbeid_uh()
local regioner = forskning.samarbeid_regioner()

-- Fagområder og type forskning
local kategorier = forskning.hrcs_kategorier()
local aktiviteter = forskning.hrcs_aktiviteter()
local stipend = forskning.stipend()
local typer = forskning.forskningstype()
local alder = forskning.aldersgrupper()

-- Whom the eRapport money covers: every region, or the build's one.
local omfang = {
    omfang = params.region and t.omfang_region { region = params.region }
        or t.omfang_alle(),
}

-- Drug-study phases are named with Roman numerals, as in the chart.
local romertall = { "I", "II", "III", "IV" }

-- The label and share of the largest row of a result, for alt texts.
local function storste(res, kolonne)
    local beste = 1
    for i, v in ipairs(res.columns[kolonne]) do
        if v > res.columns[kolonne][beste] then
            beste = i
        end
    end
    return {
        storste = res.columns.alternativ[beste],
        storste_andel = res.columns[kolonne][beste],
    }
end

return chapter {
    id = "forskning",
    title = "Forskning",

    section {
        id = "malesystem",
        title = "Indikatorer i nasjonalt målesystem",

        para(t.malesystem(malesystem), " Doktorgradene og artiklene per "
             .. "år er vist i ", xref "fig-doktorgrader", " og ",
             xref "fig-artikler", "."),
        para(t.ekstern_finansiering(malesystem)),
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
             or t.kbs_utvikling(kbs),
             " Tallene for hvert år står i ", xref "tab-kbs",
             ", og studiene etter fase i ", xref "fig-kbs-faser", "."),

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

        sidebar {
            title = t.handlingsplan_tittel(),
            para(t.handlingsplan()),
            para(t.handlingsplan_omrader()),
            list {
                t.handlingsplan_omrade_pasienter(),
                t.handlingsplan_omrade_tjenesten(),
                t.handlingsplan_omrade_naeringen(),
                t.handlingsplan_omrade_trygg(),
                t.handlingsplan_omrade_internasjonalt(),
            },
            para(t.handlingsplan_oversikt()),
        },
    },

    section {
        id = "samarbeid",
        title = "Forskningssamarbeid",

        para(t.samarbeid_publisering()),
        para(t.samarbeid_forskere(forskere), " Kvinneandelen år for år "
             .. "er vist i ", xref "fig-forskere-kjonn", "."),

        figure {
            id = "fig-forskere-kjonn",
            title = "Kvinneandel blant publiserende forskere "
                .. fmt.periode(forskere.values.forste_aar,
                               forskere.values.siste_aar),
            chart = line {
                data = forskere,
                x = "aar",
                series = {
                    { "andel_kvinner_forste", "Førsteforfattere" },
                    { "andel_kvinner", "Alle forskere" },
                    { "andel_kvinner_siste", "Sisteforfattere" },
                },
                unit = "Andel kvinner",
                percent = true,
                markers = true,
            },
            caption = t.forskere_kjonn(forskere),
            alt = t.forskere_kjonn_alt(forskere),
        },

        para(t.samarbeid_internasjonalt(uh), " Samarbeidet med "
             .. "universiteter og høyskoler er vist i ",
             xref "fig-samarbeid-uh", ", samarbeidet mellom regionene i ",
             xref "fig-samarbeid-regioner", "."),
        para(t.forskere_internasjonalt(forskere)),

        figure {
            id = "fig-samarbeid-uh",
            title = "Publikasjoner " .. fmt.aar(uh.values.aar)
                .. " – samarbeid mellom sykehus og universitets- og "
                .. "høyskolesektoren",
            chart = donut {
                data = uh,
                x = "alternativ",
                series = { { "publikasjoner", "Publikasjoner" } },
                height = 210,
            },
            caption = t.samarbeid_uh(uh),
            alt = t.samarbeid_uh_alt(uh),
        },

        figure {
            id = "fig-samarbeid-regioner",
            title = "Publikasjoner " .. fmt.aar(regioner.values.aar)
                .. " – samarbeid mellom helseregionene",
            chart = donut {
                data = regioner,
                x = "alternativ",
                series = { { "publikasjoner", "Publikasjoner" } },
                height = 210,
            },
            caption = t.samarbeid_regioner(regioner),
            alt = t.samarbeid_regioner_alt(regioner),
        },
    },

    section {
        id = "fagomrader",
        title = "Fagområder og type forskning",

        para(t.fagomrader_erapport(kategorier)),
        para(t.fagomrader_hrcs(omfang), " Midlene fordelt på helsekategorier "
             .. "og forskningsaktiviteter er vist i ",
             xref "fig-hrcs-kategorier", " og ", xref "fig-hrcs-aktiviteter",
             ", stipendene etter type i ", xref "fig-stipend", "."),

        figure {
            id = "fig-hrcs-kategorier",
            title = "Regionale forskningsmidler "
                .. fmt.aar(kategorier.values.aar)
                .. " etter helsekategori",
            chart = bar {
                data = kategorier,
                x = "alternativ",
                series = { { "midler_mnok", "Millioner kroner" } },
                unit = "Millioner kroner",
                horizontal = true,
                sort = "descending",
                value_labels = true,
                height = 420,
            },
            caption = t.hrcs_kategorier(kategorier, omfang),
            alt = t.hrcs_kategorier_alt(kategorier),
        },

        figure {
            id = "fig-hrcs-aktiviteter",
            title = "Regionale forskningsmidler "
                .. fmt.aar(aktiviteter.values.aar)
                .. " etter forskningsaktivitet",
            chart = bar {
                data = aktiviteter,
                x = "alternativ",
                series = { { "midler_mnok", "Millioner kroner" } },
                unit = "Millioner kroner",
                horizontal = true,
                value_labels = true,
            },
            caption = t.hrcs_aktiviteter(aktiviteter, omfang),
            alt = t.hrcs_aktiviteter_alt(aktiviteter),
        },

        figure {
            id = "fig-stipend",
            title = "Stipend fra regionale forskningsmidler "
                .. fmt.periode(stipend.values.forste_aar,
                               stipend.values.siste_aar),
            chart = bar {
                data = stipend,
                x = "aar",
                series = {
                    { "doktorgrad", "Doktorgrad" },
                    { "postdoktor", "Postdoktor" },
                    { "forskerstipend", "Forskerstipend" },
                    { "andre", "Andre" },
                },
                unit = "Antall stipend",
                stacked = true,
                value_labels = true,
            },
            caption = t.stipend(stipend),
            alt = t.stipend_alt(stipend),
        },

        para(t.typer_definisjoner()),
        list {
            t.typer_kbs(),
            t.typer_observasjon(),
        },
        para(t.typer_annen_klinisk(), " Hvordan prosjektene fordeler seg "
             .. "på disse typene, er vist i ", xref "fig-forskningstype",
             ", og hvilke aldersgrupper de omfatter, i ",
             xref "fig-aldersgrupper", "."),

        figure {
            id = "fig-forskningstype",
            title = "Type forskning med regionale forskningsmidler "
                .. fmt.aar(typer.values.aar),
            chart = bar {
                data = typer,
                x = "alternativ",
                series = { { "andel", "Andel prosjekter" } },
                unit = "Andel prosjekter",
                percent = true,
                horizontal = true,
                value_labels = true,
            },
            -- Last year's share is national; a one-region build leaves
            -- the comparison out.
            caption = params.region and t.forskningstype_region(typer)
                or t.forskningstype(typer),
            alt = t.forskningstype_alt(typer, storste(typer, "andel")),
        },

        figure {
            id = "fig-aldersgrupper",
            title = "Aldersgrupper i prosjekter med regional finansiering "
                .. fmt.aar(alder.values.aar),
            chart = donut {
                data = alder,
                x = "alternativ",
                series = { { "antall", "Prosjekter" } },
                height = 210,
            },
            caption = t.aldersgrupper(alder),
            alt = t.aldersgrupper_alt(alder, storste(alder, "andel")),
        },
    },

    require "kvinnehelse",
    require "psykisk_helse_rus",
    require "personell",
    require "regioner",
}
