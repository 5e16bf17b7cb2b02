return {
    tall = {
        fil = "tall.csv",
        source = "test",
        columns = {
            { "navn", "text" },
            { "n", "int" },
        },
    },
}
