local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    para { "Se ", xref "tab-a", "." },
    table { id = "tab-a", title = "A",
        data = { rows = 1, columns = { k = { "a" } } },
        columns = { { column = "k" } } } } }
return r
