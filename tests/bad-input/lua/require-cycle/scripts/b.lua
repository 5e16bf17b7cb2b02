-- Tekst til kapittel a, men den ber om a.
local a = require "a"
return "Tekst."
