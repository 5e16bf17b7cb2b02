local r = report { title = "Test", year = 2025, data = "data" }
local f = string.dump(function() end)
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
