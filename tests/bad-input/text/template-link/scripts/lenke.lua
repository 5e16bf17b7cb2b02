-- The base report with its templates in t2, where test.txt is a link
-- to a file outside the report's folder.
local r = report {
    title = "Test", year = 2025, data = "data", templates = "t2",
}
local t = templates "test"
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
