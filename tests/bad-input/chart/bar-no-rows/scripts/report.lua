local r = report { title = "Test", year = 2025, data = "data" }
local data = {
    rows = 0,
    columns = {
        k = {  },
        v = {  },
    },
}
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure {
        id = "fig-bar-no-rows",
        title = "Figur",
        alt = "En figur.",
        chart = bar { data = data, x = "k", series = { { "v", "Verdi" } } },
    },
} }
return r
