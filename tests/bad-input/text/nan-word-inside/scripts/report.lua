local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    para("Nanna og infeksjoner i Nan-tal, info: nan1 og inf_a.") } }
return r
