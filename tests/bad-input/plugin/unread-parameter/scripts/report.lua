local r = report { title = "Test", year = 2025, data = "data" }
local p = plugin "good"
local t = templates "test"
local res = p.sum { fra = 2019 }

r.chapters = { chapter { id = "k", title = "Kapittel", para(t.sum(res)) } }
return r
