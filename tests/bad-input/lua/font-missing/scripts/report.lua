local r = report { title = "Test", year = 2025, data = "data",
    style = { font = "Noto Serf" } }
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
