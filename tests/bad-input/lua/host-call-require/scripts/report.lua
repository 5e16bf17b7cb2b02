local r = report { title = "Test", year = 2025, data = "data" }
local k = require "finnes_ikke"
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
