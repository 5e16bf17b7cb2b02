-- Et kapittel med en feil.
local tall = { 1, 2 }
local sum = tall[1] + tall[3]
return chapter { id = "k", title = "Kapittel", para "Tekst." }
