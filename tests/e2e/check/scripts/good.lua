-- A report without problems: check finds nothing, not even a warning.
local r = report { title = "Riktig", year = 2025, data = "data" }
local good = plugin "good"
local t = templates "test"
local sum = good.sum()

r.chapters = {
    chapter {
        id = "k",
        title = "Kapittel",
        para(t.sum(sum), " Se ", xref "tab-sum", "."),
        table {
            id = "tab-sum",
            title = "Summen",
            data = sum,
            columns = { { head = "Sum", column = "sum" } },
        },
    },
}
return r
