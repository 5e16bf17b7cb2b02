local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel", para("Halvparten er " .. 50 / 2 .. ", versjon 1.2.0.") } }
return r
