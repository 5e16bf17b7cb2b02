local r = report { title = "Test", year = 2025, data = "data", subtilte = "x" }
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
