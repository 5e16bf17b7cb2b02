return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = { { "navn", "text" }, { "n", "int" } },
    },
    prosjekter = {
        file = "prosjekter.csv",
        source = "test",
        columns = {
            { "prosjekt", "text" },
            { "region", "text" },
            { "deltakere", "int" },
        },
    },
}
