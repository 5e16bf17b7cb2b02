return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text" },
            { "n", "int", values = { "1", "2" } },
        },
    },
}
