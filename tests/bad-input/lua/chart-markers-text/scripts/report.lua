local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    figure { id = "fig-a", title = "A", alt = "Alt",
        chart = line { data = { rows = 2, columns = { k = { "a", "b" },
                                                      v = { 1, 2 } } },
                       x = "k", series = { { "v", "V" } },
                       markers = "nei" } } } }
return r
