return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text", "unik" },
            { "n", "int" },
        },
    },
}
