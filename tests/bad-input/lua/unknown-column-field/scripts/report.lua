local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    table { id = "tab-a", title = "A",
        data = { rows = 1, columns = { k = { "a" } } },
        columns = { { head = "K", colum = "k" } } } } }
return r
