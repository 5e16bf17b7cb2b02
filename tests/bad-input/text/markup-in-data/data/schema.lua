return {
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
