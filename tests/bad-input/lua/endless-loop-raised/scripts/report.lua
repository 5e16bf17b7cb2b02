local r = report { title = "Test", year = 2025, data = "data" }
while true do end
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
