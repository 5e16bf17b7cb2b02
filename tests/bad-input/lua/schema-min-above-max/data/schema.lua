return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text" },
            { "n", "int", min = 10, max = 1 },
        },
    },
}
