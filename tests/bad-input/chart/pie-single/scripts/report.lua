local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 1,
    columns = {
        k = { "alt" },
        v = { 7 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-pie-single", "." },
    figure {
        id = "fig-pie-single",
        title = "Figur",
        alt = "En figur.",
        chart = pie { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
