local r = report { title = "Test", year = 2025, data = "data" }
error(nil)
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
