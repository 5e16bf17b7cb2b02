local r = report { title = "Test", year = 2025, data = "data" }
-- Four texts of 120 MB each stay within 512 MB while the script runs;
-- building the report then needs a copy of the first without ".0".
local a = string.rep("25.0 ", 2.4e7)
local b = a .. "b"
local c = b .. "c"
local d = c .. "d"
r.chapters = { chapter { id = "k", title = "Kapittel",
    para(a), para(b), para(c), para(d) } }
return r
