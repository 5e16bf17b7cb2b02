local r = report { title = "Test", year = 2025, data = "etc" }
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
