local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    para "Punktene:",
    list {} } }
return r
