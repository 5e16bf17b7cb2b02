-- Chapter: Brukermedvirkning (user participation) in research and in
-- innovation projects.
--
-- Indicators come from the brukermedvirkning plugin; sentences from
-- templates/nb/brukermedvirkning.txt.

local bm = plugin "brukermedvirkning"
local t = templates "brukermedvirkning"

local midler = bm.brukermedvirkning_midler()
local klinisk = bm.brukermedvirkning_klinisk()
local former = bm.brukermedvirkning_former()
local brukere = bm.brukermedvirkning_brukere()
local inno_former = bm.brukermedvirkning_innovasjon_former()
local inno_brukere = bm.brukermedvirkning_innovasjon_brukere()

-- The year the projects report for: the last of the series.
local aar = { aar = midler.values.siste_aar }

-- The option at place nr of a multi-choice result, as the template
-- values <navn> (the label with a small first letter, as it stands
-- inside a sentence) and <navn>_andel.
local function alternativ(navn, res, nr)
    local tekst = res.columns.alternativ[nr]

    return {
        [navn] = tekst:sub(1, 1):lower() .. tekst:sub(2),
        [navn .. "_andel"] = res.columns.andel[nr],
    }
end

-- The largest and the smallest option of a multi-choice result.
local function storst(res)
    return alternativ("storst", res, res.values.storste_nr)
end

local function minst(res)
    return alternativ("minst", res, res.values.minste_nr)
end

-- A horizontal bar per option, in percent of the projects counted; the
-- chart grows with the options so the bars keep one thickness.
local function andeler(res)
    return bar {
        data = res,
        x = "alternativ",
        series = { { "andel", "Andel av prosjektene" } },
        horizontal = true,
        percent = true,
        value_labels = true,
        unit = "Andel av prosjektene",
        height = 60 + 24 * res.rows,
    }
end

-- Clinical research ahead in every year, or only in some of them.
local klinisk_tekst = klinisk.values.aar_klinisk_over
                      == klinisk.values.aar_i_alt
                      and t.klinisk_alle or t.klinisk_noen

-- The series of fig-bm-midler and fig-bm-klinisk are national: the
-- years before this one have no regional numbers, so a build for one
-- region draws them for all regions (the plugin does) and says so.
local function landet(tekst)
    return params.region and t.landet_samlet(midler) .. " " .. tekst or tekst
end

return chapter {
    id = "brukermedvirkning",
    title = "Brukermedvirkning",

    para(t.definisjon()),
    para(t.helsepersonell(aar, {
        innovasjon = inno_brukere.values.andel_brukere_helsepersonell,
        forskning = brukere.values.andel_bruker_helsepersonell,
    })),

    section {
        id = "brukermedvirkning-forskning",
        title = "Brukermedvirkning i forskningsprosjekter",

        para(t.forskning_omfang(brukere, aar), " Andelen av midlene er "
             .. "vist i ", xref "fig-bm-midler", ", hvordan brukerne deltar "
             .. "i ", xref "fig-bm-former", ", og hvem de er i ",
             xref "fig-bm-brukere", "."),

        figure {
            id = "fig-bm-midler",
            title = "Andel regionale forskningsmidler til prosjekter med "
                .. "brukermedvirkning "
                .. fmt.periode(midler.values.forste_aar,
                               midler.values.siste_aar),
            chart = line {
                data = midler,
                x = "aar",
                series = { { "andel", "Andel av forskningsmidlene" } },
                percent = true,
                markers = true,
                unit = "Andel av midlene",
            },
            caption = landet(t.midler(midler)),
            alt = t.midler_alt(midler),
        },

        figure {
            id = "fig-bm-former",
            title = "Brukernes deltakelse i forskningsprosjektene",
            chart = andeler(former),
            caption = t.former(former, aar, storst(former)),
            alt = t.former_alt(former, storst(former), minst(former)),
        },

        figure {
            id = "fig-bm-brukere",
            title = "Hvem er brukerne i forskningsprosjektene?",
            chart = andeler(brukere),
            caption = params.region and t.brukere_region(brukere)
                or t.brukere(brukere),
            alt = t.brukere_alt(brukere, storst(brukere)),
        },

        para(t.klinisk_definisjon(), " Brukermedvirkningen i de to "
             .. "gruppene er vist i ", xref "fig-bm-klinisk", "."),

        figure {
            id = "fig-bm-klinisk",
            title = "Brukermedvirkning i klinisk forskning og annen "
                .. "forskning, "
                .. fmt.periode(klinisk.values.forste_aar,
                               klinisk.values.siste_aar),
            chart = bar {
                data = klinisk,
                x = "aar",
                series = {
                    { "klinisk", "Klinisk forskning" },
                    { "annen", "Annen forskning" },
                },
                percent = true,
                value_labels = true,
                unit = "Andel av midlene",
            },
            caption = landet(klinisk_tekst(klinisk)),
            alt = t.klinisk_alt(klinisk),
        },
    },

    section {
        id = "brukermedvirkning-innovasjon",
        title = "Brukermedvirkning i innovasjonsprosjekter",

        para(t.innovasjon_omfang(aar, {
            prosjekter = inno_former.values.prosjekter,
            former = inno_former.values.grunnlag,
            brukere = inno_brukere.values.grunnlag,
        }), " Hvordan brukerne deltar, er vist i ",
             xref "fig-bm-innovasjon-former", ", og hvem de er i ",
             xref "fig-bm-innovasjon-brukere", "."),

        figure {
            id = "fig-bm-innovasjon-former",
            title = "Brukernes deltakelse i innovasjonsprosjektene",
            chart = andeler(inno_former),
            caption = t.innovasjon_former(inno_former),
            alt = t.innovasjon_former_alt(inno_former, storst(inno_former)),
        },

        figure {
            id = "fig-bm-innovasjon-brukere",
            title = "Hvem er brukerne i innovasjonsprosjektene?",
            chart = andeler(inno_brukere),
            caption = t.innovasjon_brukere(inno_brukere),
            alt = t.innovasjon_brukere_alt(inno_brukere,
                                           storst(inno_brukere)),
        },
    },
}
