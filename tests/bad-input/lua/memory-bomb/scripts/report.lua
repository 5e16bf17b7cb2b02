local r = report { title = "Test", year = 2025, data = "data" }
local t = {}
for i = 1, 1e9 do t[i] = { i } end
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
