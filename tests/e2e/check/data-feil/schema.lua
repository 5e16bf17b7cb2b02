-- Every table but tall is wrong in some way; check reads them all.
return {
    tall = {
        file = "tall.csv",
        source = "test",
        columns = { { "navn", "text" }, { "n", "int" } },
    },
    prosjekter = {
        file = "prosjekter.csv",
        source = "test",
        columns = { { "prosjekt", "text" }, { "deltakere", "int" } },
    },
    feil = {
        file = "feil.csv",
        source = "test",
        columns = { { "aar", "year" }, { "verdi", "number" } },
    },
    mangler = {
        file = "mangler.csv",
        source = "test",
        columns = { { "aar", "year" } },
    },
}
