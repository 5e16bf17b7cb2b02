-- Kapittel a bruker b, som bruker a igjen.
local b = require "b"
return chapter { id = "k", title = "Kapittel", para(b) }
