-- A regional report: the title and the numbers follow --set region.
local r = report {
    title = "Deltakere " .. (params.region or "i alle regioner"),
    year = 2025,
    data = "data",
}
local regional = plugin "regional"
local t = templates "test"
local deltakere = regional.deltakere()

r.chapters = {
    chapter {
        id = "deltakere",
        title = "Deltakere " .. (params.region or "i alle regioner"),
        para(t.deltakere(deltakere), " Se ", xref "tab-deltakere", "."),
        table {
            id = "tab-deltakere",
            title = "Deltakere per region",
            data = deltakere,
            columns = {
                { head = "Region", column = "region" },
                { head = "Deltakere", column = "deltakere" },
            },
        },
    },
}
return r
