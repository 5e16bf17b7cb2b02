local r = report { title = "Test", year = 2025, data = "data" }
local lang = string.rep("Private ideelle sykehus med driftsavtale ", 40)
local data = {
    rows = 3,
    columns = {
        k = { "Helse Nord RHF", lang, "Helse Vest RHF" },
        v = { 141.7, 56.9, 402.5 },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel", para { xref "fig-lang" },
    figure {
        id = "fig-lang",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", horizontal = true,
                      series = { { "v", "Verdi" } } },
    },
} }
return r
