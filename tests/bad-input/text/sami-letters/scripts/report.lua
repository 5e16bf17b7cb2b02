local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { chapter { id = "k", title = "Kapittel",
    para("Sámegiella: ŋ ŧ đ č š ž Ŋ Ŧ Đ Č Š Ž") } }
return r
