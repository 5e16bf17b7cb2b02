local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 3,
    columns = {
        k = { "2021", "2022", "2023" },
        v = { 7, 7, 7 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-line-constant", "." },
    figure {
        id = "fig-line-constant",
        title = "Figur",
        alt = "En figur.",
        chart = line { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
