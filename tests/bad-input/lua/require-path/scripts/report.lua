local r = report { title = "Test", year = 2025, data = "data" }
local x = require "../../etc/passwd"
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
