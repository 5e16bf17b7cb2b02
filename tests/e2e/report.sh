#!/bin/sh
# Builds the 2025 report as a user would and inspects what came out: the
# DocBook validates, the PDF holds Table 1 as published with its fonts
# embedded, and two builds give the same bytes.
# usage: report.sh NOKKEL SOURCE_DIR DOCBOOK_RNG
set -u
nokkel=$1 src=$2 rng=$3
. "$(dirname "$0")/common.sh"

cd "$src" || exit 1
export SOURCE_DATE_EPOCH=1767225600
"$nokkel" build -o "$work/a" scripts/report.lua || { echo "FAIL build"; exit 1; }
"$nokkel" build -o "$work/b" scripts/report.lua || { echo "FAIL rebuild"; exit 1; }
pdf=$work/a/nokkeltall-2025.pdf xml=$work/a/nokkeltall-2025.xml

xmllint --noout --relaxng "$rng" "$xml" 2> "$work/valid" ||
    { cat "$work/valid"; fail "DocBook does not validate"; }
cmp -s "$pdf" "$work/b/nokkeltall-2025.pdf" || fail "PDFs differ"
cmp -s "$xml" "$work/b/nokkeltall-2025.xml" || fail "DocBook files differ"
for f in "$work"/a/figurer/*; do
    cmp -s "$f" "$work/b/figurer/${f##*/}" || fail "${f##*/} differs"
done

# pdftotext keeps soft hyphens; no-break spaces become plain spaces here.
pdftotext -layout "$pdf" - | sed 's/\xc2\xad//g; s/\xc2\xa0/ /g' \
    > "$work/text"
while IFS="|" read -r label number; do
    grep -F "$label" "$work/text" | grep -qF "$number" ||
        fail "table row \"$label $number\" not in the PDF"
done <<ROWS
2020 (497 studier)|13 783
2021 (485 studier)|15 066
2022 (507 studier)|19 449
2023 (504 studier)|20 943
2024 (509 studier)|17 907
2025 (476 studier)|16 259
ROWS
for want in "Figur 1:" "Figur 2:" "Figur 3:" "Tabell 1:" "5524" \
            "49 prosent"; do
    grep -q "$want" "$work/text" || fail "\"$want\" not in the PDF"
done

pdffonts "$pdf" | awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 }
                        END { exit bad }' || fail "a font is not embedded"
[ -s "$work/a/figurer/fig-doktorgrader.svg" ] || fail "no chart SVG"
[ -s "$work/a/figurer/fig-doktorgrader.png" ] || fail "no chart PNG"
grep -q 'fileref="figurer/fig-doktorgrader.svg"' "$xml" ||
    fail "the DocBook does not point at the chart image"
# The PDF says what made it, and -v lists the hyphenated words beside it.
pdfinfo "$pdf" | grep -q '^Creator: *nokkel .*forskning 2025' ||
    fail "the PDF's Creator lacks the nokkel and plugin versions"
"$nokkel" build -v -o "$work/v" scripts/report.lua 2> /dev/null ||
    fail "the -v build failed"
grep -Eq '^side [0-9]+: [^ ]+-[^ ]+$' "$work/v/nokkeltall-2025-orddeling.txt" ||
    fail "-v wrote no list of hyphenated words"
[ -e "$work/a/nokkeltall-2025-orddeling.txt" ] &&
    fail "the list of hyphenated words was written without -v"

# A report for one region validates, and its section on the regions
# speaks of that region alone: no comparison between regions.
"$nokkel" build -o "$work/vest" --set region="Helse Vest" scripts/report.lua ||
    fail "the Helse Vest report does not build"
xmllint --noout --relaxng "$rng" "$work/vest/nokkeltall-2025.xml" \
    2> "$work/valid" || { cat "$work/valid"; fail "Helse Vest: invalid"; }
sed -n '/<section xml:id="regioner">/,/<\/section>/p' \
    "$work/vest/nokkeltall-2025.xml" > "$work/vest.regioner"
grep -q 'Regionens forskningsmidler per forskningsaktivitet' \
    "$work/vest.regioner" || fail "Helse Vest: Table 3 speaks of regions"
for bad in "alle regionene" "hver region" "de én" "minst to regioner"; do
    grep -q "$bad" "$work/vest.regioner" &&
        fail "Helse Vest: \"$bad\" in the section on the regions"
done
grep -q 'Helse Vest' "$work/vest.regioner" ||
    fail "Helse Vest: the region is not named in its section"
# Last year's numbers are national: a region is not compared with them.
grep -oE "(mot|enn i|opp fra|ned fra)[^.<]{0,40} 2024" \
    "$work/vest/nokkeltall-2025.xml" > "$work/vest.compared" &&
    fail "Helse Vest compared with the country: $(cat "$work/vest.compared")"
grep -q "Regionale forskningsmidler i 2025 for Helse Vest," \
    "$work/vest/nokkeltall-2025.xml" ||
    fail "Helse Vest: the HRCS captions speak of all regions"
grep -q "Denne utgaven gjelder Helse Vest\." "$work/vest/nokkeltall-2025.xml" ||
    fail "Helse Vest: the report does not say which numbers are national"
grep -q "telles her med alle studiestedene sine" \
    "$work/vest/nokkeltall-2025.xml" ||
    fail "Helse Vest: Figures 32-33 do not say they count all sites"
# How far the region's commissioned studies spread counts their sites in
# other regions too: not every study is in one region alone.
grep -q "(100 prosent) studiesteder i bare én region" \
    "$work/vest/nokkeltall-2025.xml" &&
    fail "Helse Vest: every study counted in one region"

# An editor turns the PhD line chart into bars in the script alone; the
# same binary builds the changed report.
mkdir "$work/edit"
cp -R scripts templates data "$work/edit/"
sed -i 's/chart = line {/chart = bar {/' "$work/edit/scripts/forskning.lua"
(cd "$work/edit" && "$nokkel" build -o out scripts/report.lua) ||
    fail "the edited report does not build"
cmp -s "$pdf" "$work/edit/out/nokkeltall-2025.pdf" &&
    fail "turning the line chart into bars did not change the PDF"
cmp -s "$work/a/figurer/fig-doktorgrader.svg" \
    "$work/edit/out/figurer/fig-doktorgrader.svg" &&
    fail "turning the line chart into bars did not change the chart"
exit $failed
