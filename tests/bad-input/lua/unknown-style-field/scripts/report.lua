local r = report { title = "Test", year = 2025, data = "data",
    style = { body_sise = 10 } }
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
