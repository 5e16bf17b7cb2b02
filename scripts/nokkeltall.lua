-- Chapter: Nasjonale nøkkeltall, the opening of the key-figures part:
-- what the hospitals spend on research and where this report's numbers
-- come from.
--
-- Numbers come from the nokkeltall indicator of the forskning plugin;
-- sentences from templates/nb/nokkeltall.txt.

local forskning = plugin "forskning"
local t = templates "nokkeltall"

local tall = forskning.nokkeltall()

-- The text rounds the eRapport funds; "nesten" when the true sum lies
-- below the rounded one, "drøyt" when above.
local omtrent = { omtrent = tall.values.midler_avvik < 0 and "nesten"
                  or tall.values.midler_avvik > 0 and "drøyt" or "" }

-- A report for one region says which numbers are the region's own and
-- which exist for the whole country only.
local region_merknad = params.region
    and " " .. t.region_merknad { region = params.region } or ""

return chapter {
    id = "nokkeltall",
    title = "Nasjonale nøkkeltall",

    section {
        id = "ressursbruk",
        title = "Ressursbruk til forskning i sykehusene",

        para(t.ressursbruk(tall)),
    },

    section {
        id = "datagrunnlag",
        title = "Datagrunnlag for denne rapporten",

        para(t.erapport(tall, omtrent), region_merknad),
        para(t.malesystem()),
        para(t.andre_kilder()),
        list {
            t.kilde_nva(),
            t.kilde_nifu(),
            t.kilde_oppdrag(),
            t.kilde_forskningsradet(),
        },

        sidebar {
            title = t.klinbeforsk_tittel(),
            para(t.klinbeforsk(tall)),
        },
    },
}
