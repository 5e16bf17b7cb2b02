local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", titel = "Kapittel", para "Tekst." } }
return r
