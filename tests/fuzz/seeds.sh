#!/bin/sh
# Writes the raw seed inputs of the fuzz targets into OUT/<target>/,
# from the real data: the 2025 tables (their first lines, after a line
# of column types read from data/2025/schema.lua), the CSV test
# fixtures, numbers as the tables and the report write them, and the
# Norwegian templates. run.sh --seed merges them into the committed
# corpus with libFuzzer's -merge=1, which keeps only inputs that add
# coverage.
# usage: seeds.sh SOURCE_DIR OUT
set -eu
src=$1
out=$2
mkdir -p "$out/csvin" "$out/fmt" "$out/tmpl"

# One line per table: file name, then one type letter per column.
lua5.4 - "$src/data/2025/schema.lua" <<'LUA' |
local schema = dofile(arg[1])
local letter = { int = "i", number = "n", year = "y", text = "t",
                 flag = "f" }
for _, t in pairs(schema) do
    local types = {}
    for _, c in ipairs(t.columns) do
        types[#types + 1] = letter[c[2]]
    end
    print(t.file .. " " .. table.concat(types))
end
LUA
while read -r file types; do
    { echo "$types"; head -n 10 "$src/data/2025/$file"; } \
        > "$out/csvin/${file%.csv}"
done
for f in "$src"/tests/unit/csv/*.csv; do
    { echo "ttyinf"; cat "$f"; } > "$out/csvin/unit_$(basename "$f" .csv)"
done

# Numbers as the data and the report write them (U+00A0, U+202F and
# U+2212 as bytes), and every distinct numeric cell of two tables.
n=0
for s in 0 2025 16259 '16 259' '16\302\240259' '16\342\200\257259' \
    '56,9' '56.9' '\342\210\2224' '-0,5' '+3' '1 191,9' '1,5E+3' \
    '2.5e-3' '999 999 999,999' '0,000001' '1E4' '12,50'; do
    n=$((n + 1))
    printf -- "$s" > "$out/fmt/number_$n"
done
tr ',;' '\n\n' < "$src/data/2025/ekstern_finansiering.csv" |
    cat - "$src/data/2025/kbs_inklusjon.csv" | tr ',' '\n' |
    grep -E '^[0-9]' | sort -u | head -n 40 |
while read -r s; do
    printf '%s' "$s" > "$out/fmt/data_$s"
done

for f in "$src"/templates/nb/*.txt "$src"/tests/unit/tmpl/*.txt; do
    head -n 60 "$f" > "$out/tmpl/$(basename "$(dirname "$f")")_$(basename "$f")"
done
