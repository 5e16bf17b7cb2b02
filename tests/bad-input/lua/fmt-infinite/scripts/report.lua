local r = report { title = "Test", year = 2025, data = "data" }
local t = templates "test"
r.chapters = { chapter { id = "k", title = "Kapittel",
    para(fmt.prosent(5 / 0 * 100)) } }
return r
