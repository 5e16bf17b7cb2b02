local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 3,
    columns = {
        k = { "a", "b", "c" },
        v = { 1, 2 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-short",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
