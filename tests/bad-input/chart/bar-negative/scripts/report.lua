local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 2,
    columns = {
        k = { "a", "b" },
        v = { -3, -1 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-bar-negative", "." },
    figure {
        id = "fig-bar-negative",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
