-- Nasjonale nøkkeltall 2025: the key-figures part of the yearly report
-- on research and innovation in the specialist health service.
--
-- This file is the report. Change a setting, reorder or remove a
-- chapter below, and rebuild: no compiler needed. Each chapter is a
-- script of its own in this folder.

-- A report for one region (--set region="Helse Vest") says so in its
-- title, the region's name kept on one line (no-break spaces).
local region = params.region
    and (" – " .. params.region:gsub(" ", "\u{a0}")) or ""

local rapport = report {
    title = "Nasjonale nøkkeltall" .. region,
    subtitle = "Forskning og innovasjon i spesialisthelsetjenesten 2025",
    year = 2025,
    data = "data/2025",           -- input tables, see data/2025/README.md
    lang = "nb",                  -- templates come from templates/nb
    authors = { "Helse Midt-Norge RHF", "Helse Nord RHF",
                "Helse Sør-Øst RHF", "Helse Vest RHF" },
    keywords = { "forskning", "innovasjon", "spesialisthelsetjenesten",
                 "nøkkeltall", "brukermedvirkning" },

    -- One colour per series, in order: told apart by colour-blind
    -- readers and in greyscale print (the chart tests check every pair).
    palette = { "#0a3d6e", "#eda100", "#008a5e", "#a6d8f5", "#a63d00",
                "#cc79a7" },

    -- One colour per region, the same in every chart: a series, slice
    -- or bar named like a region takes its colour.
    colors = {
        ["Helse Sør-Øst"] = "#0a3d6e",
        ["Helse Vest"] = "#eda100",
        ["Helse Midt-Norge"] = "#008a5e",
        ["Helse Nord"] = "#a63d00",
    },

    style = {
        font = "Noto Serif",
        heading_font = "Noto Sans",
        body_size = 10,           -- points
        margin_inner = 22,        -- millimetres
        margin_outer = 22,
    },
}

rapport.chapters = {
    require "nokkeltall",
    require "forskning",
    require "innovasjon",
    require "industri",
    require "brukermedvirkning",
}

return rapport
