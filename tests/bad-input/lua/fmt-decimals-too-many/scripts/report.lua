local r = report { title = "Test", year = 2025, data = "data" }
local t = templates "test"
r.chapters = { chapter { id = "k", title = "Kapittel",
    para(fmt.tall(123456789012.5, 6)) } }
return r
