local r = report { title = "Test", year = 2025, data = "data" }
local vekst = 5 / 0
r.chapters = { chapter { id = "k", title = "Kapittel",
    para("Veksten var " .. vekst .. " prosent.") } }
return r
