local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    para("Et privat tegn \u{E000} i teksten.") } }
return r
