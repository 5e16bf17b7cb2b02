-- Et kapittel som ber om seg selv.
local selv = require "kapittel"
return chapter { id = "k", title = "Kapittel", para "Tekst." }
