-- The base report of the bad-input cases: one chapter with one sentence
-- that sums column n of data/tall.csv through the test plugin "good".
local r = report { title = "Test", year = 2025, data = "data", name = "../x" }
local good = plugin "good"
local t = templates "test"

r.chapters = {
    chapter {
        id = "k",
        title = "Kapittel",
        para(t.sum(good.sum())),
    },
}
return r
