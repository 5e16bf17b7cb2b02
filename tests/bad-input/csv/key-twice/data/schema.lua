return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", unique = true },
            { "n", "int" },
        },
    },
}
