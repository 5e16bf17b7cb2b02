return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", uniqe = true },
            { "n", "int" },
        },
    },
}
