local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 2,
    columns = {
        k = { "a", "b" },
        v = { -1, 2 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-stacked-negative",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } }, stacked = true },
    },
} }
return r
