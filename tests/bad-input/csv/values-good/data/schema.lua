return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", values = { "a", "b" }, unique = true },
            { "n", "int" },
        },
    },
}
