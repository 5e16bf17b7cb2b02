local r = report { title = "Test", year = 2025, data = "data" }
local s = fmt.tall("mange")
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
