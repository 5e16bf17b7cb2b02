#!/bin/sh
# The chart options of the report scripts, end to end: the chapter
# galleri.lua (every chart kind and option) is added to a copy of the
# 2025 report and built; the figures must be written, in the colours the
# report gives its regions. Then each way of getting a chart wrong is
# built and must fail with exit code 1 and its message.
# usage: lua.sh NOKKEL SOURCE_DIR
set -u
nokkel=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

fail() {
    echo "FAIL $*"
    failed=1
}

# fresh: a copy of the report in $work/r with the gallery chapter added.
fresh() {
    rm -rf "$work/r" && mkdir "$work/r"
    cp -R "$src/scripts" "$src/templates" "$src/data" "$work/r/"
    cp "$here/galleri.lua" "$work/r/scripts/"
    sed -i 's/^    require "forskning",$/&\n    require "galleri",/' \
        "$work/r/scripts/report.lua"
}

# build: builds the copy; stderr in $work/err. Returns nokkel's code.
build() {
    (cd "$work/r" && "$nokkel" build scripts/report.lua) 2> "$work/err"
}

fresh
grep -q 'require "galleri"' "$work/r/scripts/report.lua" ||
    fail "report.lua has no chapter list to add the gallery to"
if build; then
    echo "ok   gallery builds"
else
    fail "the gallery does not build:"
    sed 's/^/    /' "$work/err"
fi
for id in kake ring sortert andel fasetter regioner regionserier; do
    for ext in svg png; do
        [ -s "$work/r/out/figurer/fig-gal-$id.$ext" ] ||
            fail "no fig-gal-$id.$ext"
    done
done

# colour FIGURE HEX NAME: the figure's SVG fills with the colour (cairo
# writes rgb() in percent, six decimals, trailing zeros dropped).
colour() {
    pct=
    for i in 2 4 6; do
        byte=$(printf '%d' "0x$(printf '%s' "$2" | cut -c"$i-$((i + 1))")")
        pct="$pct${pct:+,}$(awk -v b="$byte" 'BEGIN {
            s = sprintf("%f", 100 * b / 255)
            sub(/0+$/, "", s)
            sub(/\.$/, "", s)
            printf "%s%%", s
        }')"
    done
    if grep -q "fill:rgb($pct)" "$work/r/out/figurer/$1.svg"; then
        echo "ok   $1 in the colour of $3"
    else
        fail "$1 lacks the colour of $3, $2 (rgb($pct))"
    fi
}
colour fig-gal-regioner "#eda100" "Helse Vest"
colour fig-gal-regioner "#a63d00" "Helse Nord"
colour fig-gal-regionserier "#008a5e" "Helse Midt-Norge"
colour fig-gal-regionserier "#0a3d6e" "Helse Sør-Øst"
colour fig-gal-kake "#a63d00" "the fifth slice (the palette's fifth)"

# broken NAME PATTERN SED...: breaks galleri.lua with the sed scripts
# and expects exit code 1 and PATTERN (extended regex) in stderr.
broken() {
    name=$1 pattern=$2
    shift 2
    fresh
    for script in "$@"; do
        sed -i "$script" "$work/r/scripts/galleri.lua"
    done
    build
    code=$?
    if [ "$code" -ne 1 ] || ! grep -Eq -- "$pattern" "$work/err"; then
        fail "$name: exit $code (want 1), stderr:"
        sed 's/^/    /' "$work/err"
        echo "    wanted: $pattern"
    else
        echo "ok   $name"
    fi
}

# The pie of fields turned into a pie of the regions' table.
kake='/id = "fig-gal-kake"/,/},$/ {
    s/data = fag,/data = regioner,/
    s/x = "fag",/x = "region",/
    s/{ "antall", "Kandidater" }/{ "prosjekter", "Prosjekter" }/
}'
gal='scripts/galleri\.lua:[0-9]+'

broken unknown-option "$gal: bar\{\} has no field \"sortt\" \(did you mean \"sort\"\?\)" \
    's/ sort = "descending",/ sortt = "descending",/'
broken bad-sort \
    "$gal: sort must be \"descending\" or \"ascending\", not \"down\"" \
    's/ sort = "descending",/ sort = "down",/'
broken bad-stacked "$gal: stacked must be true or \"percent\", not \"yes\"" \
    's/ stacked = "percent",/ stacked = "yes",/'
broken pie-zero \
    "$gal: figure fig-gal-kake: slice \"Helse Nord\" is 0; every slice" \
    "$kake" 's/prosjekter = { 360, 190,/prosjekter = { 360, 0,/'
broken pie-negative 'figure fig-gal-kake: slice "Helse Nord" is -190' \
    "$kake" 's/prosjekter = { 360, 190,/prosjekter = { 360, -190,/'
broken pie-two-series 'figure fig-gal-ring: a pie shows one series, not 2' \
    '/id = "fig-gal-ring"/,/},$/ s/{ "antall", "Kandidater" }/&, &/'
broken infinite \
    'fig-gal-regioner: series "Prosjekter", category "Helse Vest": .*infinite' \
    's/prosjekter = { 360, 190, 780, 305 },/prosjekter = { 1, 1, 1, 1 \/ 0 },/'
broken text-value \
    'figure fig-gal-sortert: series "Fag", row 1 holds a string, not a' \
    '/id = "fig-gal-sortert"/,/},$/ s/{ "antall", "Kandidater" }/{ "fag", "Fag" }/'
broken unknown-facet 'has no column "kjonnn"' \
    's/facet = "kjonn",/facet = "kjonnn",/'
broken unknown-kind \
    'figure fig-gal-kake: chart must be line\{\.\.\.\}, bar\{\.\.\.\}, pie' \
    's/chart = pie {/chart = table {/'
exit $failed
