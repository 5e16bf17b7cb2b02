local r = report { title = "Test", year = 2025, data = "data" }
local s = string.rep("x", 1e12)
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
