local r = report { title = "Test", year = 2025, data = "data" }
setmetatable({}, { __gc = function() while true do end end })
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
