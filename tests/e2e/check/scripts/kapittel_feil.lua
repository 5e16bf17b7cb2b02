-- A chapter script that fails when it runs; check leaves it out and
-- goes on with the next chapter.
local mangler = nil
return chapter {
    id = "en",
    title = "En",
    para(mangler.tekst),
}
