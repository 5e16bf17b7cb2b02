return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", values = { "Helse Sør-Øst", "Helse Nord" } },
            { "n", "int" },
        },
    },
}
