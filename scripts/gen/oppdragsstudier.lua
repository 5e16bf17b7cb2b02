-- Synthetic merged list of commissioned (industry-funded) studies in
-- 2025 as the health trusts and technology transfer offices deliver it:
-- one row per study site (oppdragsstudier.csv). 433 studies, 752 sites.
--
-- The shape of every study (which regions, how many sites in each) is
-- fixed by the tables below, so the published counts of single-site
-- studies and of studies spanning one, three or four regions hold by
-- construction. The random generator picks the health trust of each
-- site, the study type and phase of each study, and the study ids.

local util = require("util")

local M = {}

local SEED = 0x0dd52025

local HMN, HN, HSO, HV = "Helse Midt-Norge", "Helse Nord", "Helse Sør-Øst",
                         "Helse Vest"

-- The 17 health trusts and hospitals with commissioned studies, with a
-- weight for how often each is chosen as a site within its region.
local TRUSTS = {
    [HMN] = {
        { "St. Olavs hospital HF", 30 },
        { "Helse Møre og Romsdal HF", 6 },
        { "Helse Nord-Trøndelag HF", 3 },
    },
    [HN] = {
        { "Universitetssykehuset Nord-Norge HF", 20 },
        { "Nordlandssykehuset HF", 5 },
        { "Finnmarkssykehuset HF", 2 },
    },
    [HSO] = {
        { "Oslo universitetssykehus HF", 60 },
        { "Akershus universitetssykehus HF", 14 },
        { "Vestre Viken HF", 6 },
        { "Sykehuset i Vestfold HF", 5 },
        { "Sykehuset Østfold HF", 5 },
        { "Sørlandet sykehus HF", 5 },
        { "Sykehuset Innlandet HF", 4 },
    },
    [HV] = {
        { "Helse Bergen HF", 30 },
        { "Helse Stavanger HF", 12 },
        { "Helse Fonna HF", 3 },
        { "Haraldsplass Diakonale Sykehus", 3 },
    },
}

-- Study shapes: the number of sites in each region the study covers,
-- and how many studies have that shape. 250 single-site studies; 287 in
-- one region; 27 in two; 117 in three; 2 in all four; 752 sites.
local SHAPES = {
    { { [HSO] = 1 }, 125 },
    { { [HV] = 1 }, 54 },
    { { [HMN] = 1 }, 43 },
    { { [HN] = 1 }, 28 },
    { { [HSO] = 2 }, 24 },
    { { [HSO] = 3 }, 1 },
    { { [HV] = 2 }, 6 },
    { { [HMN] = 2 }, 4 },
    { { [HN] = 2 }, 2 },
    { { [HSO] = 1, [HV] = 1 }, 9 },
    { { [HSO] = 2, [HV] = 1 }, 1 },
    { { [HSO] = 1, [HMN] = 1 }, 8 },
    { { [HSO] = 1, [HN] = 1 }, 4 },
    { { [HV] = 1, [HMN] = 1 }, 3 },
    { { [HMN] = 1, [HN] = 1 }, 2 },
    { { [HSO] = 1, [HV] = 1, [HMN] = 1 }, 63 },
    { { [HSO] = 2, [HV] = 1, [HMN] = 1 }, 6 },
    { { [HSO] = 3, [HV] = 2, [HMN] = 1 }, 1 },
    { { [HSO] = 1, [HV] = 1, [HN] = 1 }, 20 },
    { { [HSO] = 1, [HMN] = 1, [HN] = 1 }, 17 },
    { { [HV] = 1, [HMN] = 1, [HN] = 1 }, 10 },
    { { [HSO] = 3, [HV] = 2, [HMN] = 1, [HN] = 1 }, 1 },
    { { [HSO] = 2, [HV] = 1, [HMN] = 1, [HN] = 1 }, 1 },
}

-- Figure 30: study types, and the phases of the 357 drug studies (314
-- in phase 2 or 3, 88 percent).
local DRUG = "Legemiddelstudie"
local TYPES = {
    { DRUG, 357 },
    { "Ikke-intervensjonsstudie/observasjonsstudie", 38 },
    { "Medisinsk utstyr", 21 },
    { "Registerstudie", 10 },
    { "Annen klinisk behandlingsstudie", 7 },
}
local DRUG_PHASES = {
    { "Fase 1", 18 },
    { "Fase 2", 96 },
    { "Fase 3", 218 },
    { "Fase 4", 25 },
}

-- Studies that closed during 2025 but still count as active that year.
local CLOSED = 61

local COLUMNS = { "studie_id", "region", "helseforetak", "studietype",
                  "fase", "avsluttet_2025" }

local REGION_ORDER = { HMN, HN, HSO, HV }

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

-- Returns n different trusts of region, drawn by weight.
local function draw_trusts(rng, region, n)
    local pool = {}
    for i, t in ipairs(TRUSTS[region]) do
        pool[i] = t
    end
    assert(n <= #pool, "more sites than trusts in " .. region)
    local chosen = {}
    for _ = 1, n do
        local total = 0
        for _, t in ipairs(pool) do
            total = total + t[2]
        end
        local pick = rng.int(1, total)
        for i, t in ipairs(pool) do
            pick = pick - t[2]
            if pick <= 0 then
                chosen[#chosen + 1] = t[1]
                table.remove(pool, i)
                break
            end
        end
    end
    return chosen
end

-- Makes the 433 studies, each with its list of sites.
local function make_studies(rng)
    local studies = {}
    for _, shape in ipairs(SHAPES) do
        for _ = 1, shape[2] do
            local sites = {}
            for _, region in ipairs(REGION_ORDER) do
                local n = shape[1][region] or 0
                for _, trust in ipairs(draw_trusts(rng, region, n)) do
                    sites[#sites + 1] = { region = region,
                                          helseforetak = trust }
                end
            end
            studies[#studies + 1] = { sites = sites }
        end
    end
    return studies
end

-- Gives the studies their type, phase, closing flag and id.
local function describe(rng, studies)
    local types = rng.shuffle(expand(TYPES))
    local phases = rng.shuffle(expand(DRUG_PHASES))
    local closed = rng.shuffle(expand({ { true, CLOSED },
                                        { false, #studies - CLOSED } }))
    assert(#types == #studies, "type counts do not match the studies")
    local next_phase = 1
    for i, study in ipairs(studies) do
        study.type = types[i]
        study.closed = closed[i]
        if study.type == DRUG then
            study.phase = phases[next_phase]
            next_phase = next_phase + 1
        end
    end
    assert(next_phase == #phases + 1, "phase counts do not match")

    rng.shuffle(studies)
    for i, study in ipairs(studies) do
        study.id = string.format("OS-%04d", i)
    end
end

-- Returns one row per site, ordered the way a merged list is: by
-- region, trust and study id.
local function site_rows(studies)
    local rows = {}
    for _, study in ipairs(studies) do
        for _, site in ipairs(study.sites) do
            rows[#rows + 1] = { site.region, site.helseforetak, study.id,
                                study.type, study.phase, study.closed }
        end
    end
    table.sort(rows, function(a, b)
        if a[1] ~= b[1] then
            return a[1] < b[1]
        end
        if a[2] ~= b[2] then
            return a[2] < b[2]
        end
        return a[3] < b[3]
    end)

    local out = {}
    for i, r in ipairs(rows) do
        out[i] = { r[3], r[1], r[2], r[4], r[5], r[6] }
    end
    return out
end

-- Writes oppdragsstudier.csv into dir.
function M.write(dir)
    local rng = util.rng(SEED)
    local studies = make_studies(rng)

    describe(rng, studies)

    util.write_csv(dir, "oppdragsstudier.csv", COLUMNS, site_rows(studies))
end

return M
