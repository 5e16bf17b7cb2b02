return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", values = { "a", "b " } },
            { "n", "int" },
        },
    },
}
