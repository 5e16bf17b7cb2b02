-- The base report with its templates in t3, where the hyphenation
-- exception list orddeling.txt is a link to a file outside the report's
-- folder.
local r = report {
    title = "Test", year = 2025, data = "data", templates = "t3",
}
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
