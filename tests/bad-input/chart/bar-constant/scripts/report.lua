local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 3,
    columns = {
        k = { "a", "b", "c" },
        v = { 5, 5, 5 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-bar-constant", "." },
    figure {
        id = "fig-bar-constant",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
