#!/bin/sh
# Finds every number the published 2025 key-figures text states in the
# built PDF, formatted the Norwegian way, in the caption or table it
# belongs to. published.txt lists them as "PLACE|TEXT", PLACE being
# "Figur N", "Tabell N" or "tekst" (anywhere in the running text).
# usage: published.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$src" || exit 1
"$nokkel" build -o "$work" scripts/report.lua || exit 1

# One line of text: soft hyphens at line ends joined, no-break spaces
# made plain, all white space single.
pdftotext "$work/nokkeltall-2025.pdf" - |
    sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' |
    awk '{ if (sub(/\xc2\xad$/, "")) printf "%s", $0; else printf "%s ", $0 }' |
    sed 's/\xc2\xad//g' | tr -s ' \t' '  ' > "$work/text"

awk -v textfile="$work/text" -F'|' '
BEGIN {
    getline text < textfile
}
# The caption of figure or table N: from "Figur N:" to the next caption;
# a table also owns the 3000 characters before its caption (its cells).
function segment(place,    start, rest, stop, m) {
    start = index(text, place ":")
    if (start == 0)
        return ""
    rest = substr(text, start + length(place) + 1)
    stop = length(rest) + 1
    if (match(rest, /(Figur|Tabell) [0-9]+:/))
        stop = RSTART
    if (place ~ /^Tabell/) {
        m = start > 3000 ? start - 3000 : 1
        return substr(text, m, start - m) substr(rest, 1, stop - 1)
    }
    return substr(rest, 1, stop - 1)
}
/^#/ || NF < 2 { next }
{
    where = $1 == "tekst" ? text : segment($1)
    if (index(where, $2) > 0) {
        printf "ok   %s: %s\n", $1, $2
    } else {
        printf "FAIL %s: %s not found\n", $1, $2
        failed = 1
    }
}
END { exit failed }
' "$src/tests/e2e/published.txt"
