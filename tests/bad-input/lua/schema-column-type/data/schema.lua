return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text" },
            { "n", "integer" },
        },
    },
}
