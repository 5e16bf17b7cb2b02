local r = report { title = "Test", year = 2025, data = "data" }
package.loadlib("libc.so.6", "system")
r.chapters = { chapter { id = "k", title = "Kapittel", para "Tekst." } }
return r
