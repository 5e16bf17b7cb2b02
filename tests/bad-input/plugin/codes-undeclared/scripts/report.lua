local r = report { title = "Test", year = 2025, data = "data" }
local p = plugin "failing"
local t = templates "test"
local res = p.codes_undeclared()

r.chapters = { chapter { id = "k", title = "Kapittel", para(t.sum(res)) } }
return r
