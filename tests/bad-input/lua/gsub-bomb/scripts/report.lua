local r = report { title = "Test", year = 2025, data = "data" }
local s = "x"
for i = 1, 40 do s = s:gsub("x", "xx") end
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
