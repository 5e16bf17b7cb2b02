local r = report { title = "Test", year = 2025, data = "data" }
local p = plugin "regional"
local d = p.deltakere()
r.chapters = { chapter { id = "k", title = "Kapittel <b>",
    para { "Se ", xref "tab-a", "." },
    table { id = "tab-a", title = "Deltakere & <i>regioner</i>", data = d,
        columns = { { head = "Region", column = "region" },
                    { head = "Deltakere", column = "deltakere" } } } } }
return r
