-- Shared tools of the data generator: a deterministic random number
-- generator and a writer for CSV files the way survey exports look
-- (semicolon, decimal comma, LF).

local util = {}

-- A 32-bit xorshift generator. Each module makes its own with a fixed
-- seed, so adding draws in one file never shifts another.
function util.rng(seed)
    local state = seed & 0xffffffff
    assert(state ~= 0, "seed must not be zero")
    local r = {}

    -- Returns a whole number in [lo, hi].
    function r.int(lo, hi)
        state = state ~ ((state << 13) & 0xffffffff)
        state = state ~ (state >> 17)
        state = state ~ ((state << 5) & 0xffffffff)
        return lo + state % (hi - lo + 1)
    end

    -- Returns a float in [0, 1).
    function r.float()
        return r.int(0, 0xfffffff) / 0x10000000
    end

    -- Shuffles a list in place (Fisher–Yates) and returns it.
    function r.shuffle(list)
        for i = #list, 2, -1 do
            local j = r.int(1, i)
            list[i], list[j] = list[j], list[i]
        end
        return list
    end

    return r
end

-- Formats one cell: nil and false as empty, true as 1, whole numbers
-- without decimals, other numbers with a decimal comma.
local function cell(v)
    if v == nil or v == false then
        return ""
    elseif v == true then
        return "1"
    elseif math.type(v) == "integer" then
        return tostring(v)
    elseif type(v) == "number" then
        if v == math.floor(v) then
            return string.format("%d", v)
        end
        return (string.format("%.4f", v):gsub("0+$", ""):gsub("%.", ","))
    end
    local s = tostring(v)
    if s:find('[;"\n]') then
        s = '"' .. s:gsub('"', '""') .. '"'
    end
    return s
end

-- Writes rows (lists of values, in columns order) to dir/file with a
-- header row of column names.
function util.write_csv(dir, file, columns, rows)
    local f = assert(io.open(dir .. "/" .. file, "wb"))
    f:write(table.concat(columns, ";"), "\n")
    for _, row in ipairs(rows) do
        local cells = {}
        for i = 1, #columns do
            cells[i] = cell(row[i])
        end
        f:write(table.concat(cells, ";"), "\n")
    end
    f:close()
end

return util
