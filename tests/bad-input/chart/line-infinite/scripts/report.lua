local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 2,
    columns = {
        k = { "a", "b" },
        v = { 1/0, 2 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-line-infinite",
        title = "Figur",
        alt = "En figur.",
        chart = line { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
