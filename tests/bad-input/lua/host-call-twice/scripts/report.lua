local r = report { title = "Test", year = 2025, data = "data" }
report { title = "Igjen", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
