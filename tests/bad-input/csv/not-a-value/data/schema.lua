return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", values = { "alfa", "beta", "gamma" } },
            { "n", "int" },
        },
    },
}
