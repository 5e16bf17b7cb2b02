local r = report { title = "Test \u{E000}", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel", para("Tekst.") } }
return r
