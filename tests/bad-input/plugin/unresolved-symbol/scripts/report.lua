local r = report { title = "Test", year = 2025, data = "data" }
local p = plugin "unresolved"
local t = templates "test"
local res = p.missing()

r.chapters = { chapter { id = "k", title = "Kapittel", para(t.sum(res)) } }
return r
