local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 1,
    columns = {
        k = { "2023" },
        v = { 4 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-line-single", "." },
    figure {
        id = "fig-line-single",
        title = "Figur",
        alt = "En figur.",
        chart = line { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
