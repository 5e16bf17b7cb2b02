local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 3,
    columns = {
        k = { "a", "b", "c" },
        v = { 0/0, 0/0, 0/0 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-line-all-missing",
        title = "Figur",
        alt = "En figur.",
        chart = line { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
