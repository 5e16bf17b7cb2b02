local r = report { title = "Test", year = 2025, data = "data" }
error(setmetatable({}, { __tostring = function() error("igjen") end }))
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
