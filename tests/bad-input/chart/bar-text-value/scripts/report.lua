local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 2,
    columns = {
        k = { "a", "b" },
        v = { "mange", 2 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-bar-text-value",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
