return {
    tall = "tall.csv",
}
