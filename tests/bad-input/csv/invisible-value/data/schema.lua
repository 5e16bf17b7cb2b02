return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", values = { "Helse Vest", "Helse Nord" } },
            { "n", "int" },
        },
    },
}
