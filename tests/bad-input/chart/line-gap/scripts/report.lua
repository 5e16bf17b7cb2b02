local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 3,
    columns = {
        k = { "a", "b", "c" },
        v = { 1, 0/0, 3 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-line-gap", "." },
    figure {
        id = "fig-line-gap",
        title = "Figur",
        alt = "En figur.",
        chart = line { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
