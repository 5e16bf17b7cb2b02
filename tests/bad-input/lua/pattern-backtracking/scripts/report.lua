local r = report { title = "Test", year = 2025, data = "data" }
local s = string.rep("a", 40000)
local hit = s:find(".-.-.-.-b")
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
