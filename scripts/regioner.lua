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
    kolonner[#kolonner + 1] = { head = "Alle RHF samlet", column = "andel",
                                align = "right" }
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

return section {
    id = "regioner",
    title = "Forskning på regionsnivå",

    -- A build for one region (--set region=...) needs other words.
    para(regioner.values.regioner > 1 and t.innledning(regioner)
         or t.innledning_en(regioner),
         " Fagområdene er vist i ", xref "fig-region-fagomrader", " og ",
         xref "fig-fagomrader-regioner", ", forskningsaktivitetene i ",
         xref "fig-region-aktivitet", " og ", xref "tab-region-aktivitet",
         ", og utvalgte variabler i ", xref "fig-region-variabler", "."),

    figure {
        id = "fig-region-fagomrader",
        title = "De største fagområdene i hver region "
            .. fmt.aar(fagomrader.values.aar),
        chart = bar {
            data = fagomrader,
            x = "fagomrade",
            facet = "region",
            columns = 2,
            series = {
                { "andel_felles", t.fagomrader_felles() },
                { "andel_egen", t.fagomrader_egen() },
            },
            unit = "Andel av regionens forskningsmidler",
            percent = true,
            horizontal = true,
            stacked = true,
            value_labels = true,
            height = 340,
        },
        caption = t.fagomrader_figur(fagomrader),
        alt = t.fagomrader_alt(fagomrader),
    },

    figure {
        id = "fig-fagomrader-regioner",
        title = "Regionale forskningsmidler " .. fmt.aar(topp.values.aar)
            .. " til de " .. fmt.ord(topp.values.topp)
            .. " største fagområdene (millioner kroner)",
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
        caption = t.topp_figur(topp, fordeling()),
        alt = t.topp_alt(topp, regioner, fordeling()),
    },

    figure {
        id = "fig-region-aktivitet",
        title = "Forskningsaktivitet i hver region "
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
        caption = t.aktivitet_figur(aktivitet, storste_aktivitet()),
        alt = t.aktivitet_alt(aktivitet, storste_aktivitet()),
    },

    table {
        id = "tab-region-aktivitet",
        title = "Regionale forskningsmidler per region og "
            .. "forskningsaktivitet " .. fmt.aar(aktivitet.values.aar)
            .. " (millioner kroner)",
        data = tabell_data(),
        columns = tabell_kolonner(),
        total_row = true,
        caption = t.aktivitet_tabell(aktivitet),
    },

    figure {
        id = "fig-region-variabler",
        title = "Andel av hver regions forskningsmidler på "
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
        caption = t.variabler_figur(variabler, variabel_liste(false)),
        alt = t.variabler_alt(variabler, variabel_liste(true)),
    },
}
