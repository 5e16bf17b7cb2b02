local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 2,
    columns = {
        k = { "a", "b" },
        v = { 3, -2 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-donut-negative",
        title = "Figur",
        alt = "En figur.",
        chart = donut { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
