local r = report { title = "Test", year = 2025, data = "data" }
load("\27Lua")
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
