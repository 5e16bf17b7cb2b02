local r = report { title = "Test", year = 2025, data = "data" }
local t = templates "finnes_ikke"
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
