-- Chapter: Innovasjon (innovation).
--
-- Indicators come from the innovasjon plugin; sentences from
-- templates/nb/innovasjon.txt. The regional innovation projects answer
-- the same questions in eRapport every year; the commercialisation
-- figures come from the Research Council's statistics on the TTOs.

local innovasjon = plugin "innovasjon"
local t = templates "innovasjon"

local partnere = innovasjon.innovasjon_partnere()
local faser = innovasjon.innovasjon_faser()
local resultater = innovasjon.innovasjon_resultater()
local finansiering = innovasjon.innovasjon_finansiering()
local gevinster = innovasjon.innovasjon_gevinster()
local midler = innovasjon.innovasjon_midler()
local tto = innovasjon.kommersialisering()

local aar = fmt.aar(partnere.values.aar)
local forrige_aar = fmt.aar(partnere.values.forrige_aar)

-- Decimals for an amount in millions: none when it is a whole million.
local function desimaler(kroner)
    return kroner % 1e6 == 0 and 0 or 1
end

-- "a", "a og b", "a, b og c".
local function opplisting(ord)
    if #ord < 2 then
        return ord[1] or ""
    end
    return table.concat(ord, ", ", 1, #ord - 1) .. " og " .. ord[#ord]
end

-- How each region's call works, by region.
local utlysning = {
    ["Helse Midt-Norge"] = t.utlysning_helse_midt_norge,
    ["Helse Nord"] = t.utlysning_helse_nord,
    ["Helse Sør-Øst"] = t.utlysning_helse_sor_ost,
    ["Helse Vest"] = t.utlysning_helse_vest,
}

-- Helse Vest's yearly call runs from one amount (in millions, written
-- without the unit) to another (written with it).
local vest_fra = midler.values.helse_vest_innovasjonsmidler_aarlig_min
local vest = { fra = fmt.tall(vest_fra / 1e6, desimaler(vest_fra)) }

-- One item per region in the data, in the data's order: a build for
-- one region describes that region only.
local function regionene()
    local punkter, sett = {}, {}
    for _, region in ipairs(midler.columns.region) do
        if not sett[region] then
            sett[region] = true
            punkter[#punkter + 1] = utlysning[region](midler, partnere, vest)
        end
    end
    return punkter
end

-- One item per award: money, projects, idea transfers where given, and
-- the note that says what the counts cover.
local function tildelinger()
    local punkter = {}
    for i = 1, midler.rows do
        local kroner = midler.columns.tildelt_kr[i]
        local ideer = midler.columns.ideoverforinger[i]
        local rad = {
            region = midler.columns.region[i],
            tildeling = midler.columns.tildeling[i],
            belop = fmt.kroner(kroner, desimaler(kroner)),
            prosjekter = midler.columns.prosjekter[i],
            ideer = ideer,
            merknad = midler.columns.merknad[i],
        }
        -- A missing number arrives as NaN, the one value unequal to
        -- itself.
        local tekst = ideer == ideer and t.tildeling_med_ideer(rad)
            or t.tildeling(rad)
        if rad.merknad ~= "" then
            tekst = tekst .. " " .. t.merknad(rad)
        end
        punkter[#punkter + 1] = tekst
    end
    return punkter
end

-- The years whose licence numbers were corrected afterwards.
local function korrigerte_aar()
    local liste = {}
    for i = 1, tto.rows do
        if tto.columns.korrigert[i] == 1 then
            liste[#liste + 1] = fmt.aar(tto.columns.aar[i])
        end
    end
    return opplisting(liste)
end

-- Figure 21 compares with last year only when last year's shares apply
-- (not in a build for one region: they are national).
local med_forrige = partnere.values.har_forrige == 1
local partner_serier = { { "andel", aar } }
if med_forrige then
    partner_serier = { { "andel_forrige", forrige_aar }, { "andel", aar } }
end

-- The option most projects chose and its share, for an alt text.
local function storst(resultat)
    local nr = resultat.values.storste_nr
    return {
        storst = resultat.columns.alternativ[nr],
        storst_andel = resultat.columns.andel[nr],
    }
end

local kilde = {
    kilde = finansiering.columns.alternativ[
        finansiering.values.utlost_storste_nr],
}

local fase = {
    start_fase = faser.columns.fase[faser.values.storste_start_nr],
    naa_fase = faser.columns.fase[faser.values.storste_naa_nr],
}

return chapter {
    id = "innovasjon",
    title = "Innovasjon",

    para(t.innovasjon()),
    para(t.malesystemer()),
    para(t.datagrunnlag()),

    section {
        id = "regionale-innovasjonsprosjekter",
        title = "Regionale innovasjonsprosjekter",

        para(t.prosjekter(partnere)),
        para(params.region and t.utlysning_en { region = params.region }
             or t.utlysninger()),
        list(regionene()),

        sidebar {
            title = "Regionale innovasjonsmidler tildelt i " .. aar,
            list(tildelinger()),
        },

        para(faser.values.andel_tidlig > 50 and t.tidlig_flertall(faser)
             or t.tidlig_mindretall(faser),
             " Samarbeidspartnerne er vist i ", xref "fig-innovasjon-partnere",
             " og fasene i ", xref "fig-innovasjon-faser",
             ". Resultatene, finansieringen og gevinstene er vist i ",
             xref "fig-innovasjon-resultater", ", ",
             xref "fig-innovasjon-finansiering", " og ",
             xref "fig-innovasjon-gevinster", "."),

        figure {
            id = "fig-innovasjon-partnere",
            title = "Samarbeidspartnere i innovasjonsprosjektene",
            chart = bar {
                data = partnere,
                x = "alternativ",
                series = partner_serier,
                horizontal = true,
                percent = true,
                value_labels = true,
                unit = partnere.unit,
                height = 400,
            },
            caption = med_forrige and t.partnere(partnere)
                or t.partnere_uten_forrige(partnere),
            alt = med_forrige and t.partnere_alt(partnere)
                or t.partnere_uten_forrige_alt(partnere),
        },

        figure {
            id = "fig-innovasjon-faser",
            title = "Hvor i innovasjonsløpet prosjektene er",
            chart = bar {
                data = faser,
                x = "fase",
                series = {
                    { "andel_oppstart", "Ved oppstart" },
                    { "andel_rapportering", "Ved rapportering" },
                },
                percent = true,
                value_labels = true,
                unit = faser.unit,
            },
            caption = t.faser(faser),
            alt = t.faser_alt(faser, fase),
        },

        -- The published report puts the results before the funding, so
        -- they take the lower figure number here too.
        figure {
            id = "fig-innovasjon-resultater",
            title = "Resultater av innovasjonsprosjektene",
            chart = bar {
                data = resultater,
                x = "alternativ",
                series = { { "andel", "Andel av prosjektene" } },
                horizontal = true,
                percent = true,
                value_labels = true,
                unit = resultater.unit,
                height = 260,
            },
            caption = t.resultater(resultater),
            alt = t.resultater_alt(resultater, storst(resultater)),
        },

        figure {
            id = "fig-innovasjon-finansiering",
            title = "Finansiering i tillegg til de regionale "
                .. "innovasjonsmidlene",
            chart = bar {
                data = finansiering,
                x = "alternativ",
                series = { { "andel", "Andel av prosjektene" } },
                horizontal = true,
                percent = true,
                value_labels = true,
                unit = finansiering.unit,
                height = 300,
            },
            caption = t.finansiering(finansiering, kilde),
            alt = t.finansiering_alt(finansiering, storst(finansiering)),
        },

        figure {
            id = "fig-innovasjon-gevinster",
            title = "Gevinster for helsetjenesten",
            chart = bar {
                data = gevinster,
                x = "alternativ",
                series = { { "andel", "Andel av prosjektene" } },
                horizontal = true,
                percent = true,
                value_labels = true,
                unit = gevinster.unit,
                height = 260,
            },
            caption = t.gevinster(gevinster),
            alt = t.gevinster_alt(gevinster, storst(gevinster)),
        },

        sidebar {
            title = "Resultater og gevinster",
            para(t.resultater_og_gevinster()),
        },
    },

    section {
        id = "innovasjonsindikatorer",
        title = "Innovasjonsindikatorer",

        sidebar {
            title = "Ny nasjonal innovasjonsindikator",
            para(t.ny_indikator()),
            para(t.delindikatorer()),
            list {
                numbered = true,
                t.delindikator_midler(),
                t.delindikator_spredning(),
                t.delindikator_kommersialisering(),
            },
            para(t.rapporteringsinstruks()),
            para(t.proverapportering()),
        },

        para(t.kommersialisering_innledning(), " Utviklingen er vist i ",
             xref "fig-kommersialisering", "."),

        figure {
            id = "fig-kommersialisering",
            title = "Kommersialisering gjennom TTO-ene "
                .. fmt.periode(tto.values.forste_aar, tto.values.siste_aar),
            chart = bar {
                data = tto,
                x = "aar",
                facet = "maal",
                series = { { "antall", "Antall" } },
                value_labels = true,
                columns = 1,
                -- the three measures differ twentyfold: each its own axis
                scales = "free",
                unit = tto.unit,
                height = 420,
            },
            caption = tto.values.korrigert > 0
                and t.kommersialisering(tto, { korrigerte = korrigerte_aar() })
                or t.kommersialisering_ukorrigert(tto),
            alt = t.kommersialisering_alt(tto),
        },
    },
}
