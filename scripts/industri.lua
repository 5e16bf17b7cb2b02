-- Chapter: Samarbeid med industri og næringsliv (collaboration with
-- industry and business).
--
-- Indicators come from the industri plugin; sentences from
-- templates/nb/industri.txt.

local industri = plugin "industri"
local t = templates "industri"

local forskning = industri.industri_forskning()
local innovasjon = industri.industri_innovasjon()
local typer = industri.oppdragsstudier_type()
local foretak = industri.oppdragsstudier_helseforetak()
local steder = industri.oppdragsstudier_steder()
local regioner = industri.oppdragsstudier_regioner()
local nortrials = industri.nortrials()

-- The region names, in the order the legends list them; each takes its
-- colour from report.colors.
local regionnavn = { "Helse Sør-Øst", "Helse Vest", "Helse Midt-Norge",
                     "Helse Nord" }

-- A label in the middle of a sentence starts with a small letter.
local function smaa(tekst)
    return tekst:sub(1, 1):lower() .. tekst:sub(2)
end

-- The option at place nr of a multi-choice result, as the template
-- values <navn>, <navn>_antall and <navn>_andel.
local function alternativ(navn, res, nr)
    return {
        [navn] = smaa(res.columns.alternativ[nr]),
        [navn .. "_antall"] = res.columns.antall[nr],
        [navn .. "_andel"] = res.columns.andel[nr],
    }
end

-- Projects with and without industry collaboration, as donut slices.
local function samarbeid(res)
    return {
        rows = 2,
        columns = {
            svar = { "Samarbeid med industri og næringsliv",
                     "Ikke samarbeid" },
            prosjekter = { res.values.samarbeid, res.values.uten_samarbeid },
        },
    }
end

-- The kinds of partner, as the share of the collaborating research and
-- innovation projects that name each.
local aktorer = {
    rows = forskning.rows,
    columns = {
        alternativ = forskning.columns.alternativ,
        forskning = forskning.columns.andel,
        innovasjon = innovasjon.columns.andel,
    },
}

-- Studies by how many sites or regions they have, labelled in words.
local function fordeling(res, entall, flertall)
    local navn = {}

    for i, n in ipairs(res.columns.hvor_mange) do
        navn[i] = fmt.tall(n) .. " " .. (n == 1 and entall or flertall)
    end
    return { rows = res.rows,
             columns = { navn = navn, antall = res.columns.antall } }
end

-- One stacked series per region present, so each trust's bar takes its
-- region's colour.
local foretak_serier = {}
for _, navn in ipairs(regionnavn) do
    if foretak.columns[navn] then
        foretak_serier[#foretak_serier + 1] = { navn, navn }
    end
end

-- Figure 29 speaks of both kinds of project at once.
local aktor_tall = {
    f_grunnlag = forskning.values.grunnlag,
    i_grunnlag = innovasjon.values.grunnlag,
    f_flere = forskning.values.flere,
    i_flere = innovasjon.values.flere,
    source = forskning.source,
}
local i_storst = alternativ("i_storst", innovasjon,
                            innovasjon.values.storste_nr)
local f_storst = alternativ("f_storst", forskning,
                            forskning.values.storste_nr)
local f_minst = alternativ("f_minst", forskning, forskning.values.minste_nr)

-- The caption of Figure 33 names studies in three and in four regions;
-- a build with fewer regions in the data says less.
local regioner_tekst = regioner.values.antall_4 and t.oppdrag_regioner
                       or t.oppdrag_regioner_kort

-- In a build for one region, Figures 32 and 33 count the region's
-- studies with their sites in other regions too, unlike the text before
-- them; their captions say so.
local function alle_steder(tekst)
    return params.region and t.alle_steder() .. " " .. tekst or tekst
end

return chapter {
    id = "industri",
    title = "Samarbeid med industri og næringsliv",

    para(t.innledning(typer)),
    para(t.nortrials(nortrials)),
    para(t.prosjekter(), " Samarbeidet i forskningsprosjektene og i "
         .. "innovasjonsprosjektene er vist i ",
         xref "fig-industri-forskning", " og ", xref "fig-industri-innovasjon",
         ", samarbeidspartnerne etter type i ", xref "fig-industri-aktorer",
         "."),

    figure {
        id = "fig-industri-forskning",
        title = "Samarbeid med industri og næringsliv – "
            .. "forskningsprosjekter " .. fmt.aar(forskning.values.aar),
        chart = donut {
            data = samarbeid(forskning),
            x = "svar",
            series = { { "prosjekter", "Forskningsprosjekter" } },
            height = 160,
        },
        caption = params.region and t.forskning_andel_region(forskning)
            or t.forskning_andel(forskning),
        alt = t.andel_alt(forskning, { hva = "forskningsprosjekter" }),
    },

    figure {
        id = "fig-industri-innovasjon",
        title = "Samarbeid med industri og næringsliv – "
            .. "innovasjonsprosjekter " .. fmt.aar(innovasjon.values.aar),
        chart = donut {
            data = samarbeid(innovasjon),
            x = "svar",
            series = { { "prosjekter", "Innovasjonsprosjekter" } },
            height = 160,
        },
        caption = params.region and t.innovasjon_andel_region(innovasjon)
            or t.innovasjon_andel(innovasjon),
        alt = t.andel_alt(innovasjon, { hva = "innovasjonsprosjekter" }),
    },

    figure {
        id = "fig-industri-aktorer",
        title = "Typer samarbeidspartnere i industri og næringsliv "
            .. fmt.aar(forskning.values.aar),
        chart = bar {
            data = aktorer,
            x = "alternativ",
            series = {
                { "forskning", "Forskningsprosjekter ("
                    .. fmt.tall(forskning.values.grunnlag) .. ")" },
                { "innovasjon", "Innovasjonsprosjekter ("
                    .. fmt.tall(innovasjon.values.grunnlag) .. ")" },
            },
            horizontal = true,
            percent = true,
            value_labels = true,
            unit = "Andel av prosjektene med samarbeid",
        },
        caption = t.aktorer(aktor_tall, i_storst, f_storst, f_minst),
        alt = t.aktorer_alt(i_storst, f_storst),
    },

    para(t.oppdragsstudier()),
    para(t.kbs_overlapp()),
    para(t.oppdrag_omfang(typer), " Studiene etter type og foretak er "
         .. "vist i ", xref "fig-oppdrag-type", " og ",
         xref "fig-oppdrag-foretak", ", studiestedene og regionene i ",
         xref "fig-oppdrag-steder", " og ", xref "fig-oppdrag-regioner",
         "."),

    sidebar {
        title = "Kort om industrisamarbeid",
        para(t.kort_prosjekter({
            aar = forskning.values.aar,
            forskning = forskning.values.samarbeid,
            innovasjon = innovasjon.values.samarbeid,
        })),
        para(t.kort_oppdrag(typer)),
        para(t.kort_malesystem()),
    },

    figure {
        id = "fig-oppdrag-type",
        title = fmt.tall(typer.values.studier)
            .. " oppdragsstudier fordelt på type studie",
        chart = donut {
            data = typer,
            x = "alternativ",
            series = { { "antall", "Oppdragsstudier" } },
            height = 210,
        },
        caption = t.oppdrag_type(typer),
        alt = t.oppdrag_type_alt(typer),
    },

    figure {
        id = "fig-oppdrag-foretak",
        title = "Oppdragsstudier i helseforetakene",
        chart = bar {
            data = foretak,
            x = "gruppe",
            series = foretak_serier,
            horizontal = true,
            stacked = true,
            value_labels = true,
            unit = "Antall studier",
            height = math.min(440, 120 + 20 * foretak.rows),
        },
        caption = (params.region and t.oppdrag_foretak_region
                   or t.oppdrag_foretak)(foretak, {
            storst = foretak.columns.gruppe[1] }),
        alt = (params.region and t.oppdrag_foretak_alt_region
               or t.oppdrag_foretak_alt)(foretak, {
            storst = foretak.columns.gruppe[1],
            minst = foretak.columns.gruppe[foretak.rows] }),
    },

    figure {
        id = "fig-oppdrag-steder",
        title = "Antall studiesteder per oppdragsstudie",
        chart = bar {
            data = fordeling(steder, "studiested", "studiesteder"),
            x = "navn",
            series = { { "antall", "Oppdragsstudier" } },
            value_labels = true,
            unit = "Antall studier",
        },
        caption = alle_steder(steder.values.laveste_flere
            and t.oppdrag_steder(steder) or t.oppdrag_steder_ett(steder)),
        alt = t.oppdrag_steder_alt(steder),
    },

    figure {
        id = "fig-oppdrag-regioner",
        title = "Spredning av " .. fmt.tall(regioner.values.grunnlag)
            .. " oppdragsstudier mellom helseregionene",
        chart = bar {
            data = fordeling(regioner, "region", "regioner"),
            x = "navn",
            series = { { "antall", "Oppdragsstudier" } },
            value_labels = true,
            unit = "Antall studier",
        },
        caption = alle_steder(regioner_tekst(regioner)),
        alt = t.oppdrag_regioner_alt(regioner),
    },
}
