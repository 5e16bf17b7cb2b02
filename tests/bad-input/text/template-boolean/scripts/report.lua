local r = report { title = "Test", year = 2025, data = "data" }
local t = templates "test"
r.chapters = { chapter { id = "k", title = "Kapittel",
    para(t.sum { sum = true }) } }
return r
