local r = report { title = "Test", year = 2025, data = "data2" }
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
