-- A report with many problems; check.sh expects each at its line.
local r = report { title = "Feil", year = 2025, data = "data-feil" }
local good = plugin "good"
local regional = plugin "regionl"
local ok = plugin "regional"
local t = templates "test"
local feil_sum = good.summ()
local sum = good.sum()

r.chapters = {
    require "kapittel_feil",
    chapter {
        id = "to",
        title = "To",
        para(t.feil(sum)),
        para(t.ukjent(sum)),
        figure {
            id = "fig-a",
            title = "A",
            chart = bar {
                data = sum,
                x = "sum",
                series = { { "summ", "Sum" } },
            },
        },
        figure {
            id = "fig-b",
            title = "B",
            chart = bar { data = sum, x = "sum", series = { { "sum" } } },
            alt = "Ett søylediagram over summen.",
        },
        para(t.sum(feil_sum)),
    },
}
return r
