local r = report { title = "Test", year = 2025, data = "data" }
error(string.rep("x", 1e7))
return r
