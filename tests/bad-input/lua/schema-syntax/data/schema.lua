return {
    tall = {
        file = "tall.csv"
        source = "test",
    },
}
