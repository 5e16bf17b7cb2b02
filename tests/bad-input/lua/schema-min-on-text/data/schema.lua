return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", min = 0 },
            { "n", "int" },
        },
    },
}
