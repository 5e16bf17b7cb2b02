local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure { id = "fig-a", title = "A", alt = "Alt",
        chart = bar { data = { rows = 1, columns = { k = { "a" },
                                                     v = { 1 } } },
                      x = "k", series = { { "v", "V" } }, stacked = 1 } } } }
return r
