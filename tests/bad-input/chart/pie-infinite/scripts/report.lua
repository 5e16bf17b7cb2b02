local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 2,
    columns = {
        k = { "a", "b" },
        v = { 3, 1/0 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-pie-infinite",
        title = "Figur",
        alt = "En figur.",
        chart = pie { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
