local r = report { title = "Test", year = 2025, data = "data" }
local lfs = require "lfs"
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
