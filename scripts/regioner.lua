-- Section: Forskning på regionsnivå (research per region), in the
-- chapter Forskning.
--
-- Numbers come from the forskning plugin; sentences from
-- templates/nb/regioner.txt. A series named like a region takes that
-- region's colour (report.colors in report.lua).

local forskning = plugin "forskning"
local t = templates "regioner"

local regioner = forskning.regioner()
local fagomrader = forskning.region_fagomrader { topp = 5, resten = "nei" }
local topp = forskning.fagomrader_regioner { topp = 5 }
local aktivitet = forskning.region_aktivitet()
local variabler = forskning.region_variabler {
    variabler = "klinisk,brukermedvirkning,industri",
}

local navn = regioner.columns.region

-- A build for one region (--set region=...) has no regions to compare:
-- its figures show that region alone, in other words.
local en = regioner.values.regioner == 1

-- Joins parts as Norwegian lists them: "a, b og c".
local function opprams(deler)
    if #deler < 2 then
        return deler[1] or ""
    end
    return table.concat(deler, ", ", 1, #deler - 1) .. " og " .. deler[#deler]
end

-- One series per region from columns named prefix .. region.
local function per_region(prefix)
    local series = {}
    for i, region in ipairs(navn) do
        series[i] = { prefix .. region, region }
    end
    return series
end

-- Figure 18's caption names how the largest field split on the regions.
local function fordeling()
    if en then
        return { storste = topp.columns.fagomrade[1],
                 mnok = topp.columns.midler_mnok[1] }
    end
    local deler = {}
    for i, region in ipairs(navn) do
        deler[i] = t.topp_del { mnok = topp.columns[region][1],
                                region = region }
    end
    return { storste = topp.columns.fagomrade[1],
             fordeling = opprams(deler) }
end

-- The research activity with the largest share of all funds.
local function storste_aktivitet()
    local beste = 1
    for i = 2, aktivitet.rows do
        if aktivitet.columns.andel[i] > aktivitet.columns.andel[beste] then
            beste = i
        end
    end
    return { storste = aktivitet.columns.aktivitet[beste],
             storste_andel = aktivitet.columns.andel[beste],
             aktiviteter = aktivitet.rows }
end

-- Table 3: an activity a row, numbered as in HRCS, money per region,
-- the share of all funds; a last row with the totals.
local function tabell_data()
    local n = aktivitet.rows + 1
    local kolonner = { aktivitet = {}, andel = {} }
    for i = 1, aktivitet.rows do
        kolonner.aktivitet[i] = fmt.tall(aktivitet.columns.nr[i]) .. ". "
            .. aktivitet.columns.aktivitet[i]
        kolonner.andel[i] = fmt.prosent_tabell(aktivitet.columns.andel[i], 1)
    end
    kolonner.aktivitet[n] = "Millioner kroner"
    kolonner.andel[n] = fmt.tabell(aktivitet.values.midler_total_mnok, 1)
    for r, region in ipairs(navn) do
        local celler = {}
        for i = 1, aktivitet.rows do
            celler[i] = aktivitet.columns[region][i]
        end
        celler[n] = regioner.columns.midler_mnok[r]
        kolonner[region] = celler
    end
    return { rows = n, columns = kolonner }
end

local function tabell_kolonner()
    local kolonner = { { head = "Forskningsaktivitet", column = "aktivitet" } }
    for _, region in ipairs(navn) do
        kolonner[#kolonner + 1] = { head = region, column = region,
                                    decimals = 1 }
    end
    kolonner[#kolonner + 1] = { head = en and "Andel" or "Alle RHF samlet",
                                column = "andel", align = "right" }
    return kolonner
end

-- Figure 20's properties in running text, and with their national
-- shares for the alt text.
local function variabel_liste(med_andel)
    local deler = {}
    for i = 1, variabler.rows do
        local v = variabler.columns.variabel[i]
        v = v:sub(1, 1):lower() .. v:sub(2)
        deler[i] = med_andel
            and t.variabler_del { navn = v,
                                  andel = variabler.columns.andel[i] }
            or v
    end
    return { liste = opprams(deler) }
end

-- Figure 17: one panel per region, the fields that are among the largest
-- in other regions too in one colour; for one region, its shares alone.
local function fagomrader_diagram()
    local spec = {
        data = fagomrader,
        x = "fagomrade",
        unit = "Andel av regionens forskningsmidler",
        percent = true,
        horizontal = true,
        value_labels = true,
    }
    if en then
        spec.series = { { "andel", t.fagomrader_andel() } }
        spec.height = 200
    else
        spec.facet = "region"
        spec.columns = 2
        spec.series = {
            { "andel_felles", t.fagomrader_felles() },
            { "andel_egen", t.fagomrader_egen() },
        }
        spec.stacked = true
        spec.height = 340
    end
    return bar(spec)
end

-- Picks the words for all regions, or for the one region of the build.
local function tekst(navn_alle, navn_en)
    return en and t[navn_en] or t[navn_alle]
end

local hver = en and "regionens" or "hver regions"

return section {
    id = "regioner",
    title = "Forskning på regionsnivå",

    -- A build for one region (--set region=...) needs other words.
    para(tekst("innledning", "innledning_en")(regioner, { region = navn[1] }),
         " Fagområdene er vist i ", xref "fig-region-fagomrader", " og ",
         xref "fig-fagomrader-regioner", ", forskningsaktivitetene i ",
         xref "fig-region-aktivitet", " og ", xref "tab-region-aktivitet",
         ", og utvalgte variabler i ", xref "fig-region-variabler", "."),

    figure {
        id = "fig-region-fagomrader",
        title = "De største fagområdene i "
            .. (en and "regionen " or "hver region ")
            .. fmt.aar(fagomrader.values.aar),
        chart = fagomrader_diagram(),
        caption = tekst("fagomrader_figur", "fagomrader_figur_en")(fagomrader),
        alt = tekst("fagomrader_alt", "fagomrader_alt_en")(fagomrader),
    },

    figure {
        id = "fig-fagomrader-regioner",
        title = (en and "Forskningsmidler " or "Regionale forskningsmidler ")
            .. fmt.aar(topp.values.aar)
            .. (en and " til regionens " or " til de ")
            .. fmt.ord(topp.values.topp)
            .. " største fagområde" .. (en and "r" or "ne")
            .. " (millioner kroner)",
        chart = bar {
            data = topp,
            x = "fagomrade",
            series = per_region(""),
            unit = "Millioner kroner",
            horizontal = true,
            stacked = true,
            value_labels = true,
            decimals = 1,
        },
        caption = tekst("topp_figur", "topp_figur_en")(topp, fordeling()),
        alt = tekst("topp_alt", "topp_alt_en")(topp, regioner, fordeling()),
    },

    figure {
        id = "fig-region-aktivitet",
        title = "Forskningsaktivitet i "
            .. (en and "regionen " or "hver region ")
            .. fmt.aar(aktivitet.values.aar),
        chart = bar {
            data = aktivitet,
            x = "aktivitet",
            series = per_region("andel_"),
            unit = "Andel av regionens forskningsmidler",
            percent = true,
            horizontal = true,
            height = 330,
        },
        caption = tekst("aktivitet_figur", "aktivitet_figur_en")(
            aktivitet, storste_aktivitet()),
        alt = tekst("aktivitet_alt", "aktivitet_alt_en")(
            aktivitet, storste_aktivitet()),
    },

    table {
        id = "tab-region-aktivitet",
        title = (en and "Regionens forskningsmidler per "
                 or "Regionale forskningsmidler per region og ")
            .. "forskningsaktivitet " .. fmt.aar(aktivitet.values.aar)
            .. " (millioner kroner)",
        data = tabell_data(),
        columns = tabell_kolonner(),
        total_row = true,
        caption = tekst("aktivitet_tabell", "aktivitet_tabell_en")(aktivitet),
    },

    figure {
        id = "fig-region-variabler",
        title = "Andel av " .. hver .. " forskningsmidler på "
            .. fmt.ord(variabler.values.variabler) .. " utvalgte variabler "
            .. fmt.aar(variabler.values.aar),
        chart = bar {
            data = variabler,
            x = "variabel",
            series = per_region("andel_"),
            unit = "Andel av regionens forskningsmidler",
            percent = true,
            horizontal = true,
            height = 260,
        },
        caption = tekst("variabler_figur", "variabler_figur_en")(
            variabler, variabel_liste(false)),
        alt = tekst("variabler_alt", "variabler_alt_en")(
            variabler, variabel_liste(true)),
    },
}
