-- Nasjonale nøkkeltall 2025: the key-figures part of the yearly report
-- on research and innovation in the specialist health service.
--
-- This file is the report. Change a setting, reorder or remove a
-- chapter below, and rebuild: no compiler needed. Each chapter is a
-- script of its own in this folder.

local rapport = report {
    title = "Nasjonale nøkkeltall",
    subtitle = "Forskning og innovasjon i spesialisthelsetjenesten 2025",
    year = 2025,
    data = "data/2025",           -- input tables, see data/2025/README.md
    lang = "nb",                  -- templates come from templates/nb

    -- One colour per series, in order; colour-blind safe and apart in
    -- greyscale print.
    palette = { "#0b4f8a", "#e69f00", "#009e73", "#56b4e9", "#d55e00",
                "#cc79a7" },

    style = {
        font = "Noto Serif",
        heading_font = "Noto Sans",
        body_size = 10,           -- points
        margin_inner = 22,        -- millimetres
        margin_outer = 22,
    },
}

rapport.chapters = {
    require "forskning",
}

return rapport
