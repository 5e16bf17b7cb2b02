local r = report { title = "Test", year = 2025, data = "data" }
local andel = 0 / 0
r.chapters = { chapter { id = "k", title = "Kapittel",
    para("Tall: " .. andel) } }
return r
