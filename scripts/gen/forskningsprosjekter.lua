-- Research projects with regional funding in 2025, one row per project,
-- the way an eRapport export looks: the project's region, health trust
-- and funds, its HRCS classification with shares, and one column per
-- option of every multi-choice question.
--
-- The records are synthetic. They are built in two passes. First every
-- answer is laid out with exact counts: each answer combination
-- ("pattern") goes to as many projects as the published numbers need,
-- picked by a random key nudged towards projects where the answer is
-- plausible. Then the funds: a plausible amount per project, fitted by
-- iterative scaling so that every published sum in kroner (Table 3
-- cells, the subsets the text names, cancer per region, the five largest
-- health categories) comes out at a chosen point inside its rounding
-- window. See data/2025/README.md for the published numbers.

local util = require("util")

local M = {}

local FILE = "forskningsprosjekter.csv"
local SEED = 0x2025f0a1

local REGIONS = { "Helse Midt-Norge", "Helse Nord", "Helse Sør-Øst",
                  "Helse Vest" }
local PROJECTS_PER_REGION = { 360, 190, 780, 305 }

-- Health trusts of each region, with a weight for how many projects
-- they hold (the university hospitals hold most).
local TRUSTS = {
    { { "St. Olavs hospital HF", 70 }, { "Helse Møre og Romsdal HF", 18 },
      { "Helse Nord-Trøndelag HF", 12 } },
    { { "Universitetssykehuset Nord-Norge HF", 64 },
      { "Nordlandssykehuset HF", 20 }, { "Finnmarkssykehuset HF", 8 },
      { "Helgelandssykehuset HF", 8 } },
    { { "Oslo universitetssykehus HF", 46 },
      { "Akershus universitetssykehus HF", 12 },
      { "Vestre Viken HF", 6 }, { "Sykehuset Innlandet HF", 6 },
      { "Sykehuset i Vestfold HF", 5 }, { "Sørlandet sykehus HF", 5 },
      { "Sykehuset Østfold HF", 4 }, { "Sunnaas sykehus HF", 4 },
      { "Diakonhjemmet Sykehus", 4 }, { "Sykehuset Telemark HF", 3 },
      { "Lovisenberg Diakonale Sykehus", 3 },
      { "Martina Hansens Hospital", 2 } },
    { { "Helse Bergen HF", 60 }, { "Helse Stavanger HF", 22 },
      { "Helse Fonna HF", 6 }, { "Helse Førde HF", 6 },
      { "Haraldsplass Diakonale Sykehus", 6 } },
}

local ACTIVITIES = {
    "Underbyggende forskning", "Årsaksforhold", "Forebygging",
    "Påvisning og diagnose", "Utvikling av behandling",
    "Evaluering av behandling", "Håndtering av sykdom og tilstander",
    "Helsetjenesteforskning",
}
local A_DIAGNOSIS, A_HEALTH_SERVICES, A_MANAGEMENT = 4, 8, 7

-- Table 3 of the report: funds per region (rows here) and research
-- activity (columns), in tenths of a million kroner, and the region
-- totals the table prints.
local TABLE3 = {
    { 268, 310, 256, 655, 323, 401, 175, 165 },
    { 129, 109, 118, 294, 165, 218, 86, 142 },
    { 792, 813, 331, 1022, 1145, 1106, 360, 322 },
    { 129, 160, 137, 576, 415, 387, 230, 182 },
}
local TABLE3_TOTALS = { 2552, 1260, 5891, 2216 }

-- The 21 HRCS health categories. The weight is how often a category is
-- a project's main one (for projects outside mental health), so the
-- national totals come out in a plausible order; all weights but the
-- published sums are illustrative.
local CATEGORIES = {
    { "Kreft", 30 }, { "Nevrologi", 13 }, { "Hjerte og kar", 12 },
    { "Generell helserelevans", 11 }, { "Infeksjoner", 6 },
    { "Betennelse og immunsystem", 5.5 }, { "Muskel og skjelett", 5 },
    { "Munn og mage-tarm", 4.5 }, { "Reproduktiv helse og fødsel", 3.5 },
    { "Metabolske og endokrine sykdommer", 4 }, { "Luftveier", 3 },
    { "Nyre og urogenitale sykdommer", 2.5 }, { "Hjerneslag", 2.2 },
    { "Skader og ulykker", 1.8 }, { "Blod", 1.4 }, { "Øye", 1.2 },
    { "Medfødte sykdommer", 0.9 }, { "Hud", 0.9 },
    { "Omstridt etiologi og annet", 0.7 }, { "Øre", 0.7 },
    { "Psykisk helse", 0 },
}
local C_CANCER, C_MENTAL = "Kreft", "Psykisk helse"
local TOP_FIVE = { "Kreft", "Psykisk helse", "Nevrologi", "Hjerte og kar",
                   "Generell helserelevans" }

-- How much more (or less) often a category is the main one in each
-- region, so the regions' five largest fields differ somewhat: Helse
-- Sør-Øst spends a larger part of its funds on cancer.
local REGION_WEIGHTS = {
    { Kreft = 0.62, ["Hjerte og kar"] = 1.3, ["Muskel og skjelett"] = 1.9,
      Luftveier = 1.5 },
    { Kreft = 0.8, Infeksjoner = 3.2, ["Generell helserelevans"] = 1.3,
      ["Hjerte og kar"] = 0.7, ["Muskel og skjelett"] = 2.0 },
    { Kreft = 1.38 },
    { Kreft = 0.95, ["Betennelse og immunsystem"] = 2.2,
      ["Metabolske og endokrine sykdommer"] = 1.6, Nevrologi = 1.2,
      ["Hjerte og kar"] = 0.8 },
}

-- Main categories of projects that answered only "conditions that
-- mainly affect women": breast cancer and gynaecology lead.
local WOMEN_CATEGORIES = {
    { "Kreft", 35 }, { "Reproduktiv helse og fødsel", 30 },
    { "Betennelse og immunsystem", 10 }, { "Muskel og skjelett", 7 },
    { "Metabolske og endokrine sykdommer", 6 }, { "Nevrologi", 6 },
    { "Generell helserelevans", 6 },
}

-- Number of health categories a project gives, with weights.
local CATEGORY_COUNTS = { { 1, 40 }, { 2, 30 }, { 3, 17 }, { 4, 8 },
                          { 5, 5 } }

-- Main-category share (percent) a project with n categories may give.
local MAIN_SHARES = { { 100 }, { 50, 60, 70, 80 }, { 40, 50, 60 },
                      { 40, 50 }, { 30, 40 } }

-- Every multi-choice question: its column prefix, its options in column
-- order, and the answer patterns with the exact number of projects that
-- give each. Patterns come in the order they are handed out.
local QUESTIONS = {
    type = {
        prefix = "type_",
        options = { "legemiddelstudie", "annen_behandlingsstudie",
                    "observasjonsstudie", "annen_klinisk", "preklinisk",
                    "annen_forskning" },
        patterns = {
            { 60, "observasjonsstudie", "annen_klinisk" },
            { 25, "legemiddelstudie", "preklinisk" },
            { 50, "annen_behandlingsstudie", "observasjonsstudie" },
            { 40, "observasjonsstudie", "preklinisk" },
            { 20, "annen_klinisk", "annen_forskning" },
            { 12, "annen_behandlingsstudie", "annen_klinisk" },
            { 15, "observasjonsstudie", "preklinisk", "annen_forskning" },
            { 23, "legemiddelstudie", "observasjonsstudie" },
            { 240, "preklinisk" },
            { 120, "legemiddelstudie" },
            { 120, "annen_forskning" },
            { 230, "annen_behandlingsstudie" },
            { 300, "annen_klinisk" },
            { 380, "observasjonsstudie" },
        },
    },
    alder = {
        prefix = "alder_",
        options = { "barn", "ungdom", "voksne", "eldre", "ikke_relevant" },
        patterns = {
            { 249, "ikke_relevant" },
            { 55, "barn" },
            { 26, "ungdom" },
            { 50, "barn", "ungdom" },
            { 60, "ungdom", "voksne" },
            { 25, "barn", "ungdom", "voksne" },
            { 25, "barn", "ungdom", "voksne", "eldre" },
            { 85, "eldre" },
            { 420, "voksne" },
            { 640, "voksne", "eldre" },
        },
    },
    kjonn = {
        prefix = "kjonn_",
        options = { "analyser", "kvinner", "menn", "annet", "nei" },
        patterns = {
            { 90, "analyser", "kvinner" },
            { 25, "analyser", "menn" },
            { 8, "analyser", "annet" },
            { 4, "analyser", "kvinner", "menn" },
            { 3, "kvinner", "annet" },
            { 1, "kvinner", "menn" },
            { 169, "kvinner" },
            { 45, "menn" },
            { 40, "annet" },
            { 383, "analyser" },
            { 867, "nei" },
        },
    },
    rus = {
        prefix = "rus_",
        options = { "alkohol", "narkotika", "legemidler", "tobakk", "spill",
                    "annet", "nei" },
        patterns = {
            { 14, "alkohol", "narkotika" },
            { 8, "alkohol", "narkotika", "legemidler" },
            { 6, "narkotika", "legemidler" },
            { 4, "alkohol", "tobakk" },
            { 2, "alkohol", "spill" },
            { 22, "alkohol" },
            { 20, "narkotika" },
            { 10, "legemidler" },
            { 8, "tobakk" },
            { 5, "spill" },
            { 3, "annet" },
            { 1533, "nei" },
        },
    },
    psyk = {
        prefix = "psyk_",
        options = { "angst", "depresjon", "psykose", "spiseforstyrrelser",
                    "personlighetsforstyrrelser", "nevroutvikling",
                    "traume", "annet", "nei" },
        patterns = {
            { 40, "angst", "depresjon" },
            { 12, "depresjon", "psykose" },
            { 10, "angst", "traume" },
            { 6, "depresjon", "traume" },
            { 4, "angst", "depresjon", "traume" },
            { 15, "angst", "nevroutvikling" },
            { 8, "depresjon", "spiseforstyrrelser" },
            { 6, "psykose", "annet" },
            { 10, "depresjon", "personlighetsforstyrrelser" },
            { 30, "angst" },
            { 55, "depresjon" },
            { 50, "psykose" },
            { 20, "spiseforstyrrelser" },
            { 12, "personlighetsforstyrrelser" },
            { 30, "nevroutvikling" },
            { 9, "traume" },
            { 42, "annet" },
            { 1276, "nei" },
        },
    },
    ki = {
        prefix = "ki_",
        options = { "hyllevare", "utvikler", "nei" },
        patterns = {
            { 51, "hyllevare", "utvikler" },
            { 171, "utvikler" },
            { 250, "hyllevare" },
            { 1163, "nei" },
        },
    },
    industri = {
        prefix = "industri_",
        options = { "medtek", "legemiddel", "digitalisering", "andre",
                    "nei" },
        patterns = {
            { 15, "medtek", "digitalisering" },
            { 8, "legemiddel", "andre" },
            { 10, "medtek", "legemiddel" },
            { 7, "digitalisering", "andre" },
            { 95, "legemiddel" },
            { 85, "medtek" },
            { 55, "digitalisering" },
            { 56, "andre" },
            { 1304, "nei" },
        },
    },
    bm = {
        prefix = "bm_",
        options = { "planlegging", "gjennomforing", "analyse", "formidling",
                    "referansegruppe", "annet", "nei" },
        patterns = {
            { 140, "planlegging", "referansegruppe" },
            { 115, "planlegging", "referansegruppe", "formidling" },
            { 75, "planlegging", "gjennomforing", "analyse", "formidling" },
            { 85, "referansegruppe", "formidling" },
            { 60, "planlegging", "gjennomforing" },
            { 45, "gjennomforing", "referansegruppe" },
            { 30, "planlegging", "referansegruppe", "analyse" },
            { 160, "referansegruppe" },
            { 112, "planlegging" },
            { 75, "gjennomforing" },
            { 55, "formidling" },
            { 20, "analyse" },
            { 20, "annet" },
        },
    },
    bruker = {
        prefix = "bruker_",
        options = { "pasienter", "parorende", "organisasjoner",
                    "helsepersonell", "andre" },
        patterns = {
            { 90, "pasienter", "parorende" },
            { 38, "pasienter", "organisasjoner" },
            { 24, "pasienter", "helsepersonell" },
            { 10, "pasienter", "parorende", "organisasjoner" },
            { 8, "parorende", "helsepersonell" },
            { 50, "helsepersonell" },
            { 48, "parorende" },
            { 170, "organisasjoner" },
            { 28, "andre" },
            { 526, "pasienter" },
        },
    },
}

-- Column order of the multi-choice questions in the file.
local QUESTION_ORDER = { "type", "alder", "kjonn", "rus", "psyk" }
local QUESTION_ORDER_2 = { "ki", "industri", "bm", "bruker" }

-- Projects with user participation, in clinical research and in the
-- rest: clinical research has the larger share, and the shares of funds
-- carry on the 2014-2024 series in brukermedvirkning_midler.csv.
local USER_PARTICIPATION = { clinical = 855, other = 137 }

-- The single-choice question on personnel saving, split by use of AI
-- so that Table 2 comes out; "ubesvart" is a skipped question, written
-- as an empty answer and a flag.
local PERSONNEL_ANSWERS = { "formaal", "effekt", "nei", "vet_ikke",
                            "ubesvart" }
local PERSONNEL = {
    ai = { { 40, "formaal" }, { 181, "effekt" }, { 154, "nei" },
           { 97, "vet_ikke" } },
    no_ai = { { 60, "formaal" }, { 180, "effekt" }, { 610, "nei" },
              { 240, "vet_ikke" }, { 73, "ubesvart" } },
}

-- Published sums in kroner, each the centre of its rounding window:
-- 56,9 MNOK is hit at 56 900 000.
local SUMS = {
    rus = 56900000,
    psyk = 256000000,
    kjonn = 592000000,
    personell = 385000000,
    ki = 407000000,
    kreft_midt = 44600000,
    kreft_sorost = 144300000,
    top_five = 764000000,
    clinical_share = 0.78,
}

-- Bands of a project's yearly funds in kroner, with weights: most get
-- half a million to a million, a few large projects get up to three.
local AMOUNT_BANDS = {
    { 140000, 270000, 12 }, { 270000, 450000, 22 }, { 450000, 720000, 30 },
    { 720000, 1080000, 22 }, { 1080000, 1800000, 11 },
    { 1800000, 2900000, 3 },
}

-- Returns the first element of list whose weight (element[2], or
-- element[3] with band lists) a weighted draw lands on.
local function pick(rng, list, windex)
    windex = windex or 2
    local total = 0
    for _, e in ipairs(list) do
        total = total + e[windex]
    end
    local x = rng.float() * total
    for _, e in ipairs(list) do
        x = x - e[windex]
        if x < 0 then
            return e
        end
    end
    return list[#list]
end

-- Returns a set (option -> true) of the options in a pattern.
local function pattern_set(pattern)
    local set = {}
    for i = 2, #pattern do
        set[pattern[i]] = true
    end
    return set
end

-- Hands each pattern of a question to exactly its count of projects
-- from list that have no answer yet, preferring those with the highest
-- affinity(project, set) plus a random key in [0, 1). The answer is
-- stored as project[field] = set of options.
local function hand_out(rng, list, field, patterns, affinity)
    local total = 0
    for _, pat in ipairs(patterns) do
        total = total + pat[1]
    end
    assert(total == #list, field .. ": patterns do not cover the projects")

    for _, pat in ipairs(patterns) do
        local set = pattern_set(pat)
        local free = {}
        for i, p in ipairs(list) do
            if p[field] == nil then
                free[#free + 1] = { p = p, i = i,
                                    key = affinity(p, set) + rng.float() }
            end
        end
        table.sort(free, function(a, b)
            if a.key ~= b.key then
                return a.key > b.key
            end
            return a.i < b.i
        end)
        for j = 1, pat[1] do
            free[j].p[field] = set
        end
    end
end

-- Returns whether a project answered any clinical type of research.
local function is_clinical(p)
    local t = p.type
    return t.legemiddelstudie or t.annen_behandlingsstudie or
        t.observasjonsstudie or t.annen_klinisk or false
end

-- How often a type of research goes with each main activity (in the
-- order of ACTIVITIES), from 0 (rarely) to 1 (typically).
local TYPE_AFFINITY = {
    legemiddelstudie = { 0, 0, 0, 0.1, 0.9, 0.8, 0.3, 0 },
    annen_behandlingsstudie = { 0, 0, 0.2, 0.1, 0.7, 0.9, 0.6, 0.1 },
    observasjonsstudie = { 0, 0.5, 0.3, 0.8, 0, 0.3, 0.4, 0.2 },
    annen_klinisk = { 0, 0.6, 0.5, 0.3, 0, 0.3, 0.3, 0.7 },
    preklinisk = { 0.9, 0.6, 0, 0.2, 0.5, 0, 0, 0 },
    annen_forskning = { 0.5, 0.1, 0.3, 0, 0.1, 0, 0.3, 0.9 },
}

-- Returns the mean affinity of a type pattern's options for a project's
-- main activity. Options are walked in column order, never with pairs(),
-- whose order changes from run to run.
local function type_affinity(p, set)
    local sum, n = 0, 0
    for _, option in ipairs(QUESTIONS.type.options) do
        if set[option] then
            sum = sum + TYPE_AFFINITY[option][p.activities[1]]
            n = n + 1
        end
    end
    return sum / n
end

-- The affinities below say how well an answer pattern (a set of
-- options) fits a project, from about -1 (unlikely) to 1.5 (typical);
-- hand_out adds them to a random key in [0, 1).

local function age_affinity(p, set)
    if set.ikke_relevant then
        return is_clinical(p) and 0 or 1.5
    end
    return 0
end

local function sex_affinity(p, set)
    if set.analyser and (p.type.observasjonsstudie or p.type.annen_klinisk)
    then
        return 0.3
    end
    return 0
end

local function rus_affinity(p, set)
    if set.nei then
        return 0
    end
    local a = is_clinical(p) and 0.5 or 0
    if p.alder.ikke_relevant or p.alder.barn and not p.alder.ungdom then
        a = a - 1
    end
    return a
end

local function psyk_affinity(p, set)
    if set.nei then
        return 0
    end
    local a = (p.rus.nei and 0 or 0.6) + (is_clinical(p) and 0.3 or 0)
    if p.alder.ikke_relevant then
        a = a - 1
    end
    if (set.nevroutvikling or set.spiseforstyrrelser) and
        (p.alder.barn or p.alder.ungdom) then
        a = a + 0.5
    end
    return a
end

local function ai_affinity(p, set)
    if set.nei then
        return 0
    end
    local a = p.activities[1] == A_DIAGNOSIS and 0.7 or 0
    if p.type.observasjonsstudie or p.type.annen_klinisk then
        a = a + 0.2
    end
    return a
end

local function industry_affinity(p, set)
    if set.nei then
        return 0
    end
    local a = 0
    if set.legemiddel and p.type.legemiddelstudie then
        a = a + 1
    end
    if set.medtek and (p.activities[1] == A_DIAGNOSIS or
                       p.type.annen_behandlingsstudie) then
        a = a + 0.5
    end
    if set.digitalisering and not p.ki.nei then
        a = a + 0.8
    end
    return a
end

local function user_affinity(p, set)
    local a = 0
    if set.helsepersonell and p.activities[1] == A_HEALTH_SERVICES then
        a = a + 0.8
    end
    if set.parorende and (p.alder.barn or p.alder.eldre) then
        a = a + 0.4
    end
    return a
end

local function no_affinity()
    return 0
end

-- Returns the projects of list for which test(p) holds.
local function filter(list, test)
    local out = {}
    for _, p in ipairs(list) do
        if test(p) then
            out[#out + 1] = p
        end
    end
    return out
end

-- Returns whole numbers that add up to total, in proportion to weights
-- (largest remainders get the leftover units).
local function apportion(total, weights)
    local sum = 0
    for _, w in ipairs(weights) do
        sum = sum + w
    end
    local out, rest = {}, {}
    local given = 0
    for i, w in ipairs(weights) do
        local exact = total * w / sum
        out[i] = math.floor(exact)
        given = given + out[i]
        rest[i] = { i = i, frac = exact - out[i] }
    end
    table.sort(rest, function(a, b)
        if a.frac ~= b.frac then
            return a.frac > b.frac
        end
        return a.i < b.i
    end)
    for j = 1, total - given do
        out[rest[j].i] = out[rest[j].i] + 1
    end
    return out
end

-- Returns the projects of one region with their health trust and their
-- one or two research activities with shares. Main activities are
-- spread in proportion to the region's Table 3 row.
local function make_region(rng, r)
    local counts = apportion(PROJECTS_PER_REGION[r], TABLE3[r])
    local list = {}
    for k, n in ipairs(counts) do
        for _ = 1, n do
            list[#list + 1] = {
                region = r,
                trust = pick(rng, TRUSTS[r])[1],
                activities = { k },
                activity_shares = { 100 },
            }
        end
    end
    for _, p in ipairs(list) do
        if rng.float() < 0.35 then
            local weights = {}
            for k = 1, #ACTIVITIES do
                weights[k] = { k, k == p.activities[1] and 0 or TABLE3[r][k] }
            end
            local main = 40 + 10 * rng.int(1, 4)
            p.activities[2] = pick(rng, weights)[1]
            p.activity_shares = { main, 100 - main }
        end
    end
    return list
end

-- Returns the category list of names with weights for a project's main
-- category: mental health for projects that answered mental health or
-- addiction research, women's conditions for those that answered only
-- that, otherwise the general list weighted by region.
local function main_category_weights(p)
    if not p.psyk.nei or not p.rus.nei then
        return { { C_MENTAL, 1 } }
    end
    local k = p.kjonn
    if k.kvinner and not (k.analyser or k.menn or k.annet) then
        return WOMEN_CATEGORIES
    end
    local list = {}
    for _, c in ipairs(CATEGORIES) do
        local w = c[2] * (REGION_WEIGHTS[p.region][c[1]] or 1)
        list[#list + 1] = { c[1], w }
    end
    return list
end

-- Returns n shares in percent adding up to 100: the first is the main
-- category's, the others at least 5, in steps of 5 and never above it.
local function category_shares(rng, n)
    local choices = MAIN_SHARES[n]
    local main = choices[rng.int(1, #choices)]
    local shares = { main }
    for i = 2, n do
        shares[i] = 5
    end
    local left = 100 - main - 5 * (n - 1)
    while left > 0 do
        local i = rng.int(2, n)
        if shares[i] + 5 <= main then
            shares[i] = shares[i] + 5
            left = left - 5
        end
    end
    for i = 2, n do
        for j = i + 1, n do
            if shares[j] > shares[i] then
                shares[i], shares[j] = shares[j], shares[i]
            end
        end
    end
    return shares
end

-- Gives a project one to five distinct health categories with shares.
-- Mental health appears only on projects that answered mental health
-- or addiction research.
local function set_categories(rng, p)
    local n = pick(rng, CATEGORY_COUNTS)[1]
    local names = { pick(rng, main_category_weights(p))[1] }
    local taken = { [names[1]] = true }
    taken[C_MENTAL] = true
    while #names < n do
        local c = pick(rng, CATEGORIES)[1]
        if not taken[c] then
            names[#names + 1] = c
            taken[c] = true
        end
    end
    p.categories = names
    p.category_shares = category_shares(rng, n)
end

-- Returns the affinity of a project for a personnel-saving answer:
-- health services research and disease management lean to yes.
local function personnel_affinity(p, set)
    if not (set.formaal or set.effekt) then
        return 0
    end
    local k = p.activities[1]
    if k == A_HEALTH_SERVICES or k == A_MANAGEMENT then
        return 0.6
    end
    return k == A_DIAGNOSIS and 0.3 or 0
end

-- Sets the single-choice answer on personnel saving, by use of AI.
local function set_personnel(rng, list)
    local groups = {
        ai = filter(list, function(p) return not p.ki.nei end),
        no_ai = filter(list, function(p) return p.ki.nei end),
    }
    for _, g in ipairs { "ai", "no_ai" } do
        hand_out(rng, groups[g], "personell_set", PERSONNEL[g],
                 personnel_affinity)
    end
    for _, p in ipairs(list) do
        for _, answer in ipairs(PERSONNEL_ANSWERS) do
            if p.personell_set[answer] then
                p.personell = answer
            end
        end
        p.personell_set = nil
    end
end

-- Chooses the projects with user participation (more in clinical
-- research) and gives them forms of participation and user groups; the
-- others answer "no".
local function set_participation(rng, list)
    local clinical = filter(list, is_clinical)
    local other = filter(list, function(p) return not is_clinical(p) end)
    local chosen = {}
    for _, g in ipairs { { clinical, USER_PARTICIPATION.clinical },
                         { other, USER_PARTICIPATION.other } } do
        local patterns = { { g[2], "ja" }, { #g[1] - g[2], "nei" } }
        hand_out(rng, g[1], "bm_gate", patterns, no_affinity)
    end
    for _, p in ipairs(list) do
        if p.bm_gate.ja then
            chosen[#chosen + 1] = p
        else
            p.bm = { nei = true }
            p.bruker = {}
        end
        p.bm_gate = nil
    end
    hand_out(rng, chosen, "bm", QUESTIONS.bm.patterns, no_affinity)
    hand_out(rng, chosen, "bruker", QUESTIONS.bruker.patterns, user_affinity)
end

-- Lays out every answer of every project, with exact counts.
local function set_answers(rng, list)
    local q = QUESTIONS
    hand_out(rng, list, "type", q.type.patterns, type_affinity)
    hand_out(rng, list, "alder", q.alder.patterns, age_affinity)
    hand_out(rng, list, "kjonn", q.kjonn.patterns, sex_affinity)
    hand_out(rng, list, "rus", q.rus.patterns, rus_affinity)
    hand_out(rng, list, "psyk", q.psyk.patterns, psyk_affinity)
    hand_out(rng, list, "ki", q.ki.patterns, ai_affinity)
    hand_out(rng, list, "industri", q.industri.patterns, industry_affinity)
    set_personnel(rng, list)
    set_participation(rng, list)
    for _, p in ipairs(list) do
        set_categories(rng, p)
    end
end

-- Returns a plausible yearly amount in kroner, whole thousands. Projects
-- on addiction get somewhat less, those using AI or aiming at personnel
-- saving somewhat more, as the published sums show.
local function draw_amount(rng, p)
    local band = pick(rng, AMOUNT_BANDS, 3)
    local amount = 1000 * rng.int(band[1] // 1000, band[2] // 1000 - 1)
    if not p.rus.nei then
        amount = amount * 4 // 5
    end
    if not p.ki.nei then
        amount = amount * 9 // 8
    end
    if p.personell == "formaal" or p.personell == "effekt" then
        amount = amount * 11 // 10
    end
    return amount
end

-- Returns the share (0 to 1) of a project's funds that goes to the
-- health categories in names (a set).
local function category_weight(p, names)
    local w = 0
    for i, c in ipairs(p.categories) do
        if names[c] then
            w = w + p.category_shares[i] / 100
        end
    end
    return w
end

-- Returns the target of each Table 3 cell in kroner. Cells in a region
-- whose printed cells do not add up to its printed total are moved by
-- the same amount so that both round to what the table prints.
local function cell_targets()
    local targets = {}
    for r = 1, #REGIONS do
        local sum = 0
        for _, v in ipairs(TABLE3[r]) do
            sum = sum + v
        end
        local shift = (TABLE3_TOTALS[r] - sum) * 100000 // #ACTIVITIES
        assert(math.abs(shift) < 25000, "Table 3 cannot round right")
        targets[r] = {}
        for k, v in ipairs(TABLE3[r]) do
            targets[r][k] = v * 100000 + shift
        end
    end
    return targets
end

-- Returns the constraint list the funds are fitted to: for each, a
-- name, the target in kroner and its members as { project, weight }.
local function constraints(list)
    local out = {}
    local function add(name, target, weight)
        local members = {}
        for _, p in ipairs(list) do
            local w = weight(p)
            if w > 0 then
                members[#members + 1] = { p, w }
            end
        end
        out[#out + 1] = { name = name, target = target, members = members }
    end

    local grand = 0
    local targets = cell_targets()
    for r = 1, #REGIONS do
        for k = 1, #ACTIVITIES do
            grand = grand + targets[r][k]
            add(("cell %d/%d"):format(r, k), targets[r][k], function(p)
                if p.region ~= r then
                    return 0
                end
                for i, a in ipairs(p.activities) do
                    if a == k then
                        return p.activity_shares[i] / 100
                    end
                end
                return 0
            end)
        end
    end

    for r = 1, #REGIONS do
        add("region " .. r, TABLE3_TOTALS[r] * 100000, function(p)
            return p.region == r and 1 or 0
        end)
    end

    local function flag(test)
        return function(p) return test(p) and 1 or 0 end
    end
    add("rus", SUMS.rus, flag(function(p) return not p.rus.nei end))
    add("psyk", SUMS.psyk, flag(function(p) return not p.psyk.nei end))
    add("kjonn", SUMS.kjonn, flag(function(p) return not p.kjonn.nei end))
    add("personell", SUMS.personell, flag(function(p)
        return p.personell == "formaal" or p.personell == "effekt"
    end))
    add("ki", SUMS.ki, flag(function(p) return not p.ki.nei end))
    add("clinical", grand * SUMS.clinical_share, flag(is_clinical))

    local cancer = { [C_CANCER] = true }
    add("kreft midt", SUMS.kreft_midt, function(p)
        return p.region == 1 and category_weight(p, cancer) or 0
    end)
    add("kreft sorost", SUMS.kreft_sorost, function(p)
        return p.region == 3 and category_weight(p, cancer) or 0
    end)
    local top = {}
    for _, c in ipairs(TOP_FIVE) do
        top[c] = true
    end
    add("top five", SUMS.top_five, function(p)
        return category_weight(p, top)
    end)
    return out
end

-- Returns the weighted sum of a constraint's members' funds.
local function current(c)
    local s = 0
    for _, m in ipairs(c.members) do
        s = s + m[1].amount * m[2]
    end
    return s
end

-- Scales the projects' amounts until every constraint is met within
-- half a krone: each pass moves every member of a constraint towards its
-- target in proportion to its weight. Only + - * / are used, so the
-- result is the same bytes on every IEEE machine.
local function fit(cons)
    for _ = 1, 20000 do
        local worst = 0
        for _, c in ipairs(cons) do
            local s = current(c)
            worst = math.max(worst, math.abs(s - c.target))
            local f = c.target / s
            for _, m in ipairs(c.members) do
                m[1].amount = m[1].amount * (1 + (f - 1) * m[2])
            end
        end
        if worst < 0.5 then
            return
        end
    end
    error("research project funds: the fit did not converge")
end

-- Returns the published window [lo, hi) a constraint's sum must lie
-- in: cells and the 0,1-precision sums within 50 000 kroner, the whole
-- millions within 500 000, the clinical share within half a percent.
local function window(c, grand)
    local name = c.name
    if name == "clinical" then
        return 0.775 * grand, 0.785 * grand
    elseif name:match("^cell") or name:match("^region") or name == "rus"
        or name:match("^kreft") then
        local hi = c.target // 100000 * 100000 + 50000
        if c.target % 100000 >= 50000 then
            hi = hi + 100000
        end
        return hi - 100000, hi
    end
    return c.target - 500000, c.target + 500000
end

-- Gives every project its funds: a plausible draw, fitted to the
-- published sums, then rounded to whole kroner and checked.
local function set_amounts(rng, list)
    for _, p in ipairs(list) do
        p.amount = draw_amount(rng, p)
    end
    local cons = constraints(list)
    fit(cons)

    local grand = 0
    for _, p in ipairs(list) do
        p.amount = math.floor(p.amount + 0.5)
        grand = grand + p.amount
    end
    for _, c in ipairs(cons) do
        local lo, hi = window(c, grand)
        local s = current(c)
        assert(s >= lo and s < hi, c.name .. " misses its published value")
    end
end

-- Returns the national total of each health category and the name of
-- the category ranked sixth, checking that the five largest are the
-- ones the report's Figure 18 needs, with room to spare.
local function check_top_five(list)
    local totals = {}
    for _, p in ipairs(list) do
        for i, c in ipairs(p.categories) do
            totals[c] = (totals[c] or 0) + p.amount * p.category_shares[i]
                / 100
        end
    end
    local ranked = {}
    for _, c in ipairs(CATEGORIES) do
        ranked[#ranked + 1] = { c[1], totals[c[1]] or 0 }
    end
    table.sort(ranked, function(a, b)
        if a[2] ~= b[2] then
            return a[2] > b[2]
        end
        return a[1] < b[1]
    end)
    local top = {}
    for _, c in ipairs(TOP_FIVE) do
        top[c] = true
    end
    for i = 1, 5 do
        assert(top[ranked[i][1]], "top five health categories changed")
    end
    assert(ranked[5][2] - ranked[6][2] > 5e6,
           "fifth and sixth health category too close")
end

-- Returns the file's column names in order.
local function header()
    local cols = { "prosjekt_id", "region", "helseforetak", "midler_2025" }
    for i = 1, 5 do
        cols[#cols + 1] = "hrcs_kategori_" .. i
    end
    for i = 1, 5 do
        cols[#cols + 1] = "hrcs_kategori_andel_" .. i
    end
    for i = 1, 2 do
        cols[#cols + 1] = "hrcs_aktivitet_" .. i
    end
    for i = 1, 2 do
        cols[#cols + 1] = "hrcs_aktivitet_andel_" .. i
    end
    local function questions(order)
        for _, name in ipairs(order) do
            local q = QUESTIONS[name]
            for _, o in ipairs(q.options) do
                cols[#cols + 1] = q.prefix .. o
            end
        end
    end
    questions(QUESTION_ORDER)
    cols[#cols + 1] = "personell"
    cols[#cols + 1] = "personell_ubesvart"
    questions(QUESTION_ORDER_2)
    return cols
end

-- Returns a project's row, in header order.
local function row(p)
    local cells = { p.id, REGIONS[p.region], p.trust, p.amount }
    for i = 1, 5 do
        cells[#cells + 1] = p.categories[i] or false
    end
    for i = 1, 5 do
        cells[#cells + 1] = p.category_shares[i] or false
    end
    for i = 1, 2 do
        cells[#cells + 1] = p.activities[i] and ACTIVITIES[p.activities[i]]
            or false
    end
    for i = 1, 2 do
        cells[#cells + 1] = p.activity_shares[i] or false
    end
    local function questions(order)
        for _, name in ipairs(order) do
            for _, o in ipairs(QUESTIONS[name].options) do
                cells[#cells + 1] = p[name][o] or false
            end
        end
    end
    questions(QUESTION_ORDER)
    cells[#cells + 1] = p.personell ~= "ubesvart" and p.personell or false
    cells[#cells + 1] = p.personell == "ubesvart"
    questions(QUESTION_ORDER_2)
    return cells
end

-- Writes forskningsprosjekter.csv into outdir.
function M.write(outdir)
    local rng = util.rng(SEED)
    local list = {}
    for r = 1, #REGIONS do
        for _, p in ipairs(make_region(rng, r)) do
            list[#list + 1] = p
        end
    end
    rng.shuffle(list)
    for i, p in ipairs(list) do
        p.id = ("F%04d"):format(i)
    end

    set_answers(rng, list)
    set_amounts(rng, list)
    check_top_five(list)

    local rows = {}
    for i, p in ipairs(list) do
        rows[i] = row(p)
    end
    util.write_csv(outdir, FILE, header(), rows)
end

return M
