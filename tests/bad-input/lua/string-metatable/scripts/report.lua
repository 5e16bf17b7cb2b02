local r = report { title = "Test", year = 2025, data = "data" }
getmetatable("").__index = {}
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
