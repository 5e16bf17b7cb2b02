local r = report { title = "Test", year = 2025, data = "data" }
local function f(n) return 1 + f(n + 1) end
f(1)
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
