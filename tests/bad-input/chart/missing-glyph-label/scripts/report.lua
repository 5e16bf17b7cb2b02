local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 1,
    columns = {
        k = { "a\u{E000}b" },
        v = { 4 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "fig-tegn", "." },
    figure {
        id = "fig-tegn",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
