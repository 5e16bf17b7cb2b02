local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    para("Tekst med tegn🿾 her") } }
return r
