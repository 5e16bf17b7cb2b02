#!/bin/sh
# Numbers come from data, never from literals: change a value in a copy
# of data/2025 and the report follows, the word for the direction of the
# change included.
# usage: datachange.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# text DIR: the built PDF's text on one line, no-break spaces plain.
text() {
    pdftotext "$1/out/nokkeltall-2025.pdf" - |
        sed 's/\xc2\xad//g; s/\xc2\xa0/ /g' | tr -s '\n ' '  '
}

# expect DIR WORDS...: each phrase must be in the PDF of DIR.
expect() {
    dir=$1
    shift
    text "$dir" > "$work/text"
    for phrase in "$@"; do
        if grep -qF "$phrase" "$work/text"; then
            echo "ok   $phrase"
        else
            echo "FAIL \"$phrase\" not in the PDF"
            failed=1
        fi
    done
}

for d in before after; do
    mkdir "$work/$d"
    cp -R "$src/scripts" "$src/templates" "$src/data" "$work/$d/"
done
# 2025 patients from 16259 (a fall from 17907) to 18000 (a rise).
sed -i 's/^2025,476,16259$/2025,476,18000/' \
    "$work/after/data/2025/kbs_inklusjon.csv"
grep -q '^2025,476,18000$' "$work/after/data/2025/kbs_inklusjon.csv" ||
    { echo "FAIL the 2025 row was not found to change"; exit 1; }

# Last year's share of "annen klinisk forskning" from 16 (this year's 24
# is a rise) to 30 (a fall); the hospitals' research costs from 5,4 to
# 6,1 milliarder kroner.
sed -i 's/^forskning_annen_klinisk_andel,2024,16,/forskning_annen_klinisk_andel,2024,30,/' \
    "$work/after/data/2025/forrige_aar.csv"
sed -i 's/^forskningskostnader_sykehus,2023,5400000000,/forskningskostnader_sykehus,2023,6100000000,/' \
    "$work/after/data/2025/fakta.csv"

for d in before after; do
    (cd "$work/$d" && "$nokkel" build scripts/report.lua) ||
        { echo "FAIL the $d copy does not build"; exit 1; }
done
expect "$work/before" "16 259" "en nedgang på 1648"
expect "$work/after" "18 000" "en økning på 93"
expect "$work/before" "økte fra 16 prosent i 2024 til 24 prosent" "på 5,4"
expect "$work/after" "falt fra 30 prosent i 2024 til 24 prosent" "på 6,1"
if grep -qF "16 259" "$work/text"; then
    echo "FAIL the old value 16 259 is still in the changed report"
    failed=1
fi
exit $failed
