-- Chapter: Galleri, for the chart tests only (tests/gallery/lua.sh adds
-- it to a copy of the report). A figure of each chart kind and option
-- the report scripts can use, from the forskning plugin's indicators
-- and from small tables made here.

local forskning = plugin "forskning"
local doktorgrader = forskning.doktorgrader()
local fag = forskning.doktorgrader_fag()

-- The degrees in long form, a row per sex and year, for small
-- multiples: one chart per sex on a shared scale.
local function per_kjonn(d)
    local cols = { kjonn = {}, aar = {}, antall = {} }
    for _, kjonn in ipairs { { "kvinner", "Kvinner" }, { "menn", "Menn" } } do
        for i = 1, d.rows do
            table.insert(cols.kjonn, kjonn[2])
            table.insert(cols.aar, d.columns.aar[i])
            table.insert(cols.antall, d.columns[kjonn[1]][i])
        end
    end
    return { rows = 2 * d.rows, columns = cols }
end

-- Projects with regional funding in 2025 by region, as a short table.
local regioner = {
    rows = 4,
    columns = {
        region = { "Helse Midt-Norge", "Helse Nord", "Helse Sør-Øst",
                   "Helse Vest" },
        prosjekter = { 360, 190, 780, 305 },
    },
}

-- The same numbers with a column per region, so the regions are series.
local per_region = {
    rows = 1,
    columns = {
        aar = { 2025 },
        midt = { 360 }, nord = { 190 }, sorost = { 780 }, vest = { 305 },
    },
}

return chapter {
    id = "galleri",
    title = "Galleri",

    figure {
        id = "fig-gal-kake",
        title = "Doktorander etter fag",
        alt = "Kakediagram over doktorandenes fag.",
        chart = pie {
            data = fag,
            x = "fag",
            series = { { "antall", "Kandidater" } },
        },
    },

    figure {
        id = "fig-gal-ring",
        title = "Doktorander etter fag",
        alt = "Smultringdiagram over doktorandenes fag.",
        chart = donut {
            data = fag,
            x = "fag",
            series = { { "antall", "Kandidater" } },
            decimals = 1,
            width = 300,
            height = 200,
        },
    },

    figure {
        id = "fig-gal-sortert",
        title = "Doktorander etter fag, sortert",
        alt = "Liggende stolper over doktorandenes fag, størst først.",
        chart = bar {
            data = fag,
            x = "fag",
            series = { { "antall", "Kandidater" } },
            horizontal = true,
            sort = "descending",
            value_labels = true,
            category_colors = true,
        },
    },

    figure {
        id = "fig-gal-andel",
        title = "Kvinner og menn blant doktorandene",
        alt = "Stolper som viser kvinners og menns andel hvert år.",
        chart = bar {
            data = doktorgrader,
            x = "aar",
            series = { { "kvinner", "Kvinner" }, { "menn", "Menn" } },
            stacked = "percent",
            value_labels = true,
        },
    },

    figure {
        id = "fig-gal-fasetter",
        title = "Doktorgrader for kvinner og menn",
        alt = "To linjediagram på samme skala, ett for hvert kjønn.",
        chart = line {
            data = per_kjonn(doktorgrader),
            x = "aar",
            facet = "kjonn",
            series = { { "antall", "Doktorgrader" } },
            unit = "Antall",
            markers = true,
            columns = 2,
        },
    },

    figure {
        id = "fig-gal-regioner",
        title = "Prosjekter etter region",
        alt = "Stolper for hver region i regionens farge.",
        chart = bar {
            data = regioner,
            x = "region",
            series = { { "prosjekter", "Prosjekter" } },
            category_colors = true,
            value_labels = true,
        },
    },

    figure {
        id = "fig-gal-regionserier",
        title = "Prosjekter etter region, side om side",
        alt = "Fire stolper side om side, én per region.",
        chart = bar {
            data = per_region,
            x = "aar",
            series = {
                { "midt", "Helse Midt-Norge" }, { "nord", "Helse Nord" },
                { "sorost", "Helse Sør-Øst" }, { "vest", "Helse Vest" },
            },
            value_labels = true,
        },
    },
}
