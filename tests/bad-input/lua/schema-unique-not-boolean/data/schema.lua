return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", unique = "ja" },
            { "n", "int" },
        },
    },
}
