local r = report { title = "Test", year = 2025, data = "data" }
r.chapters = { require "kapittel" }
return r
