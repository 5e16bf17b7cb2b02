-- Writes the synthetic record-level input of the 2025 report: research
-- projects, innovation projects and commissioned studies, calibrated so
-- that every number the published report states comes out of them.
--
--     lua5.4 scripts/generate-data.lua data/2025
--
-- The output is the same bytes on every run; tests/data/regenerate.sh
-- checks that it matches what is committed.

local here = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/gen/?.lua;" .. package.path

local out = arg[1]
if not out then
    io.stderr:write("usage: lua5.4 scripts/generate-data.lua OUTDIR\n")
    os.exit(2)
end

for _, name in ipairs { "forskningsprosjekter", "innovasjonsprosjekter",
                        "oppdragsstudier" } do
    require(name).write(out)
end
