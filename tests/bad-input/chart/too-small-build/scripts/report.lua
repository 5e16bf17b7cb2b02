local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 1,
    columns = {
        k = { "a" },
        v = { 4 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-liten", "." },
    figure {
        id = "fig-liten",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } },
                      height = 12 },
    },
} }
return r
