-- Synthetic eRapport export of the 186 innovation projects with regional
-- funding that reported for 2025 (innovasjonsprosjekter.csv).
--
-- Every count the report states is decided here first; the random
-- generator only chooses which projects carry which answers. Each
-- multi-choice question is laid out from a size list (how many options
-- each answering project ticked) and a total per option, so shares like
-- "26 percent chose more than one result" hold by construction.

local util = require("util")

local M = {}

local SEED = 0x1e0a2025

-- Projects per region and the health trusts they come from, with a
-- weight for how often each trust appears.
local REGIONS = {
    { "Helse Midt-Norge", 36, {
        { "St. Olavs hospital HF", 6 },
        { "Helse Møre og Romsdal HF", 3 },
        { "Helse Nord-Trøndelag HF", 2 },
    } },
    { "Helse Nord", 28, {
        { "Universitetssykehuset Nord-Norge HF", 5 },
        { "Nordlandssykehuset HF", 3 },
        { "Helgelandssykehuset HF", 1 },
        { "Finnmarkssykehuset HF", 1 },
    } },
    { "Helse Sør-Øst", 72, {
        { "Oslo universitetssykehus HF", 12 },
        { "Akershus universitetssykehus HF", 5 },
        { "Vestre Viken HF", 4 },
        { "Sykehuset Innlandet HF", 4 },
        { "Sykehuset Østfold HF", 3 },
        { "Sykehuset i Vestfold HF", 3 },
        { "Sykehuset Telemark HF", 2 },
        { "Sørlandet sykehus HF", 3 },
        { "Sunnaas sykehus HF", 1 },
    } },
    { "Helse Vest", 50, {
        { "Helse Bergen HF", 8 },
        { "Helse Stavanger HF", 5 },
        { "Helse Fonna HF", 2 },
        { "Helse Førde HF", 2 },
        { "Haraldsplass Diakonale Sykehus", 1 },
    } },
}

-- Figure 21. Thirteen projects (7 percent) have no partner; 101 of the
-- 173 with partners name two or more. Industry partners are exactly the
-- 81 projects that report industry collaboration (figure 28).
local PARTNER_NONE = 13
local PARTNER_SIZES = { { 1, 72 }, { 2, 40 }, { 3, 35 }, { 4, 18 }, { 5, 6 },
                        { 6, 2 } }
local PARTNERS = {
    { "partner_hf_egen_region", 112 },
    { "partner_hf_annen_region", 30 },
    { "partner_kommune", 40 },
    { "partner_uh", 52 },
    { "partner_forskningsinstitutt", 14 },
    { "partner_brukerorganisasjon", 24 },
    { "partner_internasjonal", 6 },
    { "partner_annet", 12 },
}

-- Figure 22. The innovation phases in order, the number of projects
-- that started in each, and how many of those moved on zero, one or two
-- phases by the time they reported.
local PHASES = { "Idé", "Konsept", "Utvikling", "Utprøving",
                 "Implementering", "Spredning" }
local PHASE_MOVES = {
    { 1, { 10, 24, 14 } },
    { 2, { 12, 28, 12 } },
    { 3, { 14, 22, 8 } },
    { 4, { 6, 14, 4 } },
    { 5, { 6, 8, 0 } },
    { 6, { 4, 0, 0 } },
}

-- Figure 24. Four projects skipped the question, 18 have no result yet
-- and 48 (26 percent) name more than one result.
local RESULT_SKIPPED = 4
local RESULT_NONE = 18
local RESULT_SIZES = { { 1, 116 }, { 2, 38 }, { 3, 10 } }
local RESULTS = {
    { "resultat_digital_losning", 68 },
    { "resultat_prototype", 30 },
    { "resultat_metode", 44 },
    { "resultat_tjeneste", 28 },
    { "resultat_organisering", 24 },
    { "resultat_produkt", 10 },
    { "resultat_annet", 18 },
}

-- Figure 23. 95 projects (51 percent) have other funding, 22 of all
-- projects (12 percent) name more than one other source, and 65 (35
-- percent) say the regional money released other funding: all 38 with
-- money from their own trust and 27 more.
local FUNDED_SIZES = { { 1, 73 }, { 2, 18 }, { 3, 4 } }
local SOURCES = {
    { "kilde_eget_hf", 38 },
    { "kilde_annet_hf", 9 },
    { "kilde_rhf", 10 },
    { "kilde_forskningsradet", 14 },
    { "kilde_innovasjon_norge", 12 },
    { "kilde_eu", 5 },
    { "kilde_naeringsliv", 13 },
    { "kilde_kommune", 6 },
    { "kilde_stiftelse", 8 },
    { "kilde_annet", 6 },
}
local RELEASED = 65
local FUNDED_NOT_RELEASED = { { "Nei", 22 }, { "Vet ikke", 8 } }
local UNFUNDED_ANSWERS = { { "Nei", 85 }, { "Vet ikke", 6 } }

-- Figure 25. 73 projects (39 percent, "nearly 40") report gains, 46 of
-- all projects (25 percent, "a quarter") name more than one.
local GAIN_SKIPPED = 8
local GAIN_NONE = 105
local GAIN_SIZES = { { 1, 27 }, { 2, 28 }, { 3, 14 }, { 4, 4 } }
local GAINS = {
    { "gevinst_kvalitet", 34 },
    { "gevinst_pasientsikkerhet", 16 },
    { "gevinst_tid_ansatte", 30 },
    { "gevinst_tid_pasienter", 18 },
    { "gevinst_kostnader", 12 },
    { "gevinst_pasienttilfredshet", 17 },
    { "gevinst_arbeidsmiljo", 8 },
    { "gevinst_annet", 6 },
}

-- Figures 28 and 29. 81 projects (44 percent) collaborate with industry;
-- nine of them with two kinds of actor.
local INDUSTRY = 81
local INDUSTRY_SIZES = { { 1, 72 }, { 2, 9 } }
local ACTORS = {
    { "industri_medtek", 21 },
    { "industri_legemiddel", 3 },
    { "industri_digitalisering", 44 },
    { "industri_andre", 22 },
}

-- Figures 38 and 39. 158 projects name a form of user participation and
-- 166 name who the users are: the 158, and eight that skipped the first
-- question. 17 have no user participation; three skipped both. Helse
-- Nord demands user participation in every application, so all of its
-- projects are among the 166.
local BOTH_ANSWERED = 158
local NO_USERS = 17
local SKIPPED_BOTH = 3
local REQUIRES_USERS = "Helse Nord"
local FORM_SIZES = { { 1, 70 }, { 2, 44 }, { 3, 28 }, { 4, 12 }, { 5, 4 } }
local FORMS = {
    { "medvirkning_behov", 82 },
    { "medvirkning_prosjektgruppe", 72 },
    { "medvirkning_utvikling", 40 },
    { "medvirkning_testing", 78 },
    { "medvirkning_styringsgruppe", 20 },
    { "medvirkning_formidling", 12 },
    { "medvirkning_annet", 6 },
}

-- Of the 166: 61 (37 percent) name health personnel alone, 63 name one
-- other group, and 42 (25 percent) more than one group.
local WHO_HEALTH_ONLY = 61
local WHO_SINGLE = {
    { "brukere_pasienter", 34 },
    { "brukere_parorende", 5 },
    { "brukere_brukerorganisasjon", 18 },
    { "brukere_andre", 6 },
}
local WHO_SIZES = { { 2, 32 }, { 3, 8 }, { 4, 2 } }
local WHO_MULTI = {
    { "brukere_pasienter", 34 },
    { "brukere_parorende", 16 },
    { "brukere_brukerorganisasjon", 14 },
    { "brukere_helsepersonell", 26 },
    { "brukere_andre", 6 },
}

local COLUMNS = {
    "prosjekt_id", "region", "helseforetak",
    "partner_hf_egen_region", "partner_hf_annen_region", "partner_kommune",
    "partner_uh", "partner_forskningsinstitutt", "partner_naeringsliv",
    "partner_brukerorganisasjon", "partner_internasjonal", "partner_annet",
    "partner_ingen",
    "fase_oppstart", "fase_rapportering",
    "resultat_digital_losning", "resultat_prototype", "resultat_metode",
    "resultat_tjeneste", "resultat_organisering", "resultat_produkt",
    "resultat_annet", "resultat_ingen_enda", "resultat_ubesvart",
    "annen_finansiering",
    "kilde_eget_hf", "kilde_annet_hf", "kilde_rhf", "kilde_forskningsradet",
    "kilde_innovasjon_norge", "kilde_eu", "kilde_naeringsliv",
    "kilde_kommune", "kilde_stiftelse", "kilde_annet",
    "utlost_finansiering",
    "gevinst_kvalitet", "gevinst_pasientsikkerhet", "gevinst_tid_ansatte",
    "gevinst_tid_pasienter", "gevinst_kostnader",
    "gevinst_pasienttilfredshet", "gevinst_arbeidsmiljo", "gevinst_annet",
    "gevinst_ingen", "gevinst_ubesvart",
    "industrisamarbeid",
    "industri_medtek", "industri_legemiddel", "industri_digitalisering",
    "industri_andre",
    "medvirkning_behov", "medvirkning_prosjektgruppe",
    "medvirkning_utvikling", "medvirkning_testing",
    "medvirkning_styringsgruppe", "medvirkning_formidling",
    "medvirkning_annet", "medvirkning_ingen", "medvirkning_ubesvart",
    "brukere_pasienter", "brukere_parorende", "brukere_brukerorganisasjon",
    "brukere_helsepersonell", "brukere_andre", "brukere_ingen",
    "brukere_ubesvart",
}

-- Returns the first n items of a shuffled copy of list, and the rest.
local function split(rng, list, n)
    local copy = {}
    for i, v in ipairs(list) do
        copy[i] = v
    end
    rng.shuffle(copy)
    local head, tail = {}, {}
    for i, v in ipairs(copy) do
        if i <= n then
            head[#head + 1] = v
        else
            tail[#tail + 1] = v
        end
    end
    assert(#head == n, "not enough rows to split off")
    return head, tail
end

-- Returns a list with each value of spec ({ value, count } pairs)
-- repeated count times.
local function expand(spec)
    local list = {}
    for _, pair in ipairs(spec) do
        for _ = 1, pair[2] do
            list[#list + 1] = pair[1]
        end
    end
    return list
end

-- Sets answer on every row of rows.
local function mark(rows, column, value)
    for _, row in ipairs(rows) do
        row[column] = value
    end
end

-- Gives the rows, in random order, the option counts of sizes, and
-- returns one slot per row: the row and how many options it still needs.
local function slots_for(rng, rows, sizes)
    local counts = rng.shuffle(expand(sizes))
    assert(#counts == #rows, "size list does not match the rows")
    local slots = {}
    for i, row in ipairs(rows) do
        slots[i] = { row = row, left = counts[i] }
    end
    return slots
end

-- Ticks options on the slots' rows so that each option goes to exactly
-- its count of rows and each row gets exactly its number of distinct
-- options. Options are placed largest first, each on the rows with the
-- most room left (Ryser's construction, which succeeds whenever any
-- placement exists); ties between rows are broken at random. The sort
-- key is total, so Lua's sort gives the same order on every run.
local function place(rng, slots, options)
    local order = {}
    for i, opt in ipairs(options) do
        order[i] = { name = opt[1], count = opt[2], pos = i }
    end
    table.sort(order, function(a, b)
        if a.count ~= b.count then
            return a.count > b.count
        end
        return a.pos < b.pos
    end)

    for _, opt in ipairs(order) do
        rng.shuffle(slots)
        for i, s in ipairs(slots) do
            s.pos = i
        end
        table.sort(slots, function(a, b)
            if a.left ~= b.left then
                return a.left > b.left
            end
            return a.pos < b.pos
        end)
        for i = 1, opt.count do
            local s = slots[i]
            assert(s and s.left > 0, "no room for " .. opt.name)
            s.row[opt.name] = true
            s.left = s.left - 1
        end
    end

    for _, s in ipairs(slots) do
        assert(s.left == 0, "a row did not get all its options")
    end
end

-- Makes the 186 rows with region and health trust filled in.
local function make_rows(rng)
    local rows = {}
    for _, region in ipairs(REGIONS) do
        local trusts = region[3]
        local total = 0
        for _, t in ipairs(trusts) do
            total = total + t[2]
        end
        for _ = 1, region[2] do
            local pick = rng.int(1, total)
            for _, t in ipairs(trusts) do
                pick = pick - t[2]
                if pick <= 0 then
                    rows[#rows + 1] = { region = region[1],
                                        helseforetak = t[1] }
                    break
                end
            end
        end
    end
    return rows
end

-- Industry collaboration (figures 28, 29) and partners (figure 21).
local function partners_and_industry(rng, rows)
    local industry, other = split(rng, rows, INDUSTRY)
    mark(industry, "industrisamarbeid", "Ja")
    mark(other, "industrisamarbeid", "Nei")
    place(rng, slots_for(rng, industry, INDUSTRY_SIZES), ACTORS)

    local alone, rest = split(rng, other, PARTNER_NONE)
    mark(alone, "partner_ingen", true)
    local with = {}
    for _, row in ipairs(industry) do
        with[#with + 1] = row
    end
    for _, row in ipairs(rest) do
        with[#with + 1] = row
    end
    local slots = slots_for(rng, with, PARTNER_SIZES)
    for _, s in ipairs(slots) do
        if s.row.industrisamarbeid == "Ja" then
            s.row.partner_naeringsliv = true
            s.left = s.left - 1
        end
    end
    place(rng, slots, PARTNERS)
end

-- Phase at start and at reporting (figure 22).
local function phases(rng, rows)
    local moves = {}
    for _, start in ipairs(PHASE_MOVES) do
        for step, count in ipairs(start[2]) do
            for _ = 1, count do
                moves[#moves + 1] = { start[1], step - 1 }
            end
        end
    end
    assert(#moves == #rows, "phase moves do not cover every project")
    rng.shuffle(moves)
    for i, row in ipairs(rows) do
        row.fase_oppstart = PHASES[moves[i][1]]
        row.fase_rapportering = PHASES[moves[i][1] + moves[i][2]]
    end
end

-- Results (figure 24).
local function results(rng, rows)
    local skipped, rest = split(rng, rows, RESULT_SKIPPED)
    mark(skipped, "resultat_ubesvart", true)
    local none, answered = split(rng, rest, RESULT_NONE)
    mark(none, "resultat_ingen_enda", true)
    place(rng, slots_for(rng, answered, RESULT_SIZES), RESULTS)
end

-- Other funding and whether the regional money released it (figure 23).
local function funding(rng, rows)
    local funded_n = 0
    for _, s in ipairs(FUNDED_SIZES) do
        funded_n = funded_n + s[2]
    end
    local funded, unfunded = split(rng, rows, funded_n)
    mark(funded, "annen_finansiering", "Ja")
    mark(unfunded, "annen_finansiering", "Nei")
    place(rng, slots_for(rng, funded, FUNDED_SIZES), SOURCES)

    local own, others = {}, {}
    for _, row in ipairs(funded) do
        if row.kilde_eget_hf then
            own[#own + 1] = row
        else
            others[#others + 1] = row
        end
    end
    local released, kept = split(rng, others, RELEASED - #own)
    mark(own, "utlost_finansiering", "Ja")
    mark(released, "utlost_finansiering", "Ja")

    local answers = rng.shuffle(expand(FUNDED_NOT_RELEASED))
    for i, row in ipairs(kept) do
        row.utlost_finansiering = answers[i]
    end
    answers = rng.shuffle(expand(UNFUNDED_ANSWERS))
    for i, row in ipairs(unfunded) do
        row.utlost_finansiering = answers[i]
    end
end

-- Gains for the health service (figure 25).
local function gains(rng, rows)
    local skipped, rest = split(rng, rows, GAIN_SKIPPED)
    mark(skipped, "gevinst_ubesvart", true)
    local none, answered = split(rng, rest, GAIN_NONE)
    mark(none, "gevinst_ingen", true)
    place(rng, slots_for(rng, answered, GAIN_SIZES), GAINS)
end

-- User participation: how (figure 38) and who (figure 39).
local function users(rng, rows)
    local free, who = {}, {}
    for _, row in ipairs(rows) do
        if row.region == REQUIRES_USERS then
            who[#who + 1] = row
        else
            free[#free + 1] = row
        end
    end
    local without, rest = split(rng, free, NO_USERS + SKIPPED_BOTH)
    local none, skipped = split(rng, without, NO_USERS)
    for _, row in ipairs(rest) do
        who[#who + 1] = row
    end
    local both, who_only = split(rng, who, BOTH_ANSWERED)

    place(rng, slots_for(rng, both, FORM_SIZES), FORMS)
    mark(who_only, "medvirkning_ubesvart", true)
    mark(none, "medvirkning_ingen", true)
    mark(none, "brukere_ingen", true)
    mark(skipped, "medvirkning_ubesvart", true)
    mark(skipped, "brukere_ubesvart", true)

    local health, rest3 = split(rng, who, WHO_HEALTH_ONLY)
    mark(health, "brukere_helsepersonell", true)
    local single_n = #expand(WHO_SINGLE)
    local single, multi = split(rng, rest3, single_n)
    local names = rng.shuffle(expand(WHO_SINGLE))
    for i, row in ipairs(single) do
        row[names[i]] = true
    end
    place(rng, slots_for(rng, multi, WHO_SIZES), WHO_MULTI)
end

-- Sorts rows by region, trust and a random draw (the order they were
-- made breaks ties), and numbers them.
local function number(rng, rows)
    for i, row in ipairs(rows) do
        row.draw = rng.int(0, 0x7fffffff)
        row.made = i
    end
    table.sort(rows, function(a, b)
        if a.region ~= b.region then
            return a.region < b.region
        end
        if a.helseforetak ~= b.helseforetak then
            return a.helseforetak < b.helseforetak
        end
        if a.draw ~= b.draw then
            return a.draw < b.draw
        end
        return a.made < b.made
    end)
    for i, row in ipairs(rows) do
        row.prosjekt_id = string.format("INN-%04d", i)
    end
end

-- Writes innovasjonsprosjekter.csv into dir.
function M.write(dir)
    local rng = util.rng(SEED)
    local rows = make_rows(rng)

    partners_and_industry(rng, rows)
    phases(rng, rows)
    results(rng, rows)
    funding(rng, rows)
    gains(rng, rows)
    users(rng, rows)
    number(rng, rows)

    local out = {}
    for i, row in ipairs(rows) do
        local cells = {}
        for j, name in ipairs(COLUMNS) do
            cells[j] = row[name]
        end
        out[i] = cells
    end
    util.write_csv(dir, "innovasjonsprosjekter.csv", COLUMNS, out)
end

return M
