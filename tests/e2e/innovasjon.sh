#!/bin/sh
# The innovation chapter on its own: a report of that one chapter built
# from a copy of the repository, with the 2025 numbers in its text, a
# changed 2024 share that flips "gikk ned" to "økte", a build for one
# region, and each bad input the plugin checks stopping the build with
# its file and line.
# usage: innovasjon.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# fresh: a copy of the report in $work/r whose only chapter is
# Innovasjon.
fresh() {
    rm -rf "$work/r" && mkdir "$work/r"
    cp -R "$src/scripts" "$src/templates" "$src/data" "$work/r/"
    awk '/^rapport\.chapters = \{/ { print; print "    require \"innovasjon\","
                                     skip = 1; next }
         skip && /^\}/ { skip = 0 }
         !skip' "$src/scripts/report.lua" > "$work/r/scripts/report.lua"
}

# setcell FILE LINE COLUMN VALUE: sets the cell of the named column on
# line LINE (the header is line 1) of a CSV file in the copy.
setcell() {
    f=$work/r/data/2025/$1
    sep=$(head -1 "$f" | grep -q ';' && echo ';' || echo ',')
    awk -F"$sep" -v OFS="$sep" -v line="$2" -v col="$3" -v val="$4" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) k = i }
        NR == line { $k = val }
        { print }' "$f" > "$f.new" && mv "$f.new" "$f"
}

# build [ARGS...]: builds the copy; stderr goes to $work/err and the
# PDF's text, on one line, to $work/text.
build() {
    (cd "$work/r" && "$nokkel" build "$@" scripts/report.lua) \
        2> "$work/err" || return 1
    pdftotext "$work/r/out/nokkeltall-2025.pdf" - |
        sed 's/\xc2\xad$//; s/\xc2\xad//g; s/\xc2\xa0/ /g' |
        awk '{ printf "%s ", $0 }' | tr -s ' ' ' ' > "$work/text"
}

# has NAME PHRASE...: each phrase must be in the built text.
has() {
    name=$1
    shift
    for phrase in "$@"; do
        if grep -qF -- "$phrase" "$work/text"; then
            echo "ok   $name: $phrase"
        else
            echo "FAIL $name: \"$phrase\" not in the PDF"
            failed=1
        fi
    done
}

# lacks NAME PHRASE: the phrase must not be in the built text.
lacks() {
    if grep -qF -- "$2" "$work/text"; then
        echo "FAIL $1: \"$2\" is in the PDF"
        failed=1
    else
        echo "ok   $1: no \"$2\""
    fi
}

# refused NAME PATTERN [ARGS...]: the build must fail with exit code 1
# and a message matching PATTERN (extended regex).
refused() {
    name=$1 pattern=$2
    shift 2
    (cd "$work/r" && "$nokkel" build "$@" scripts/report.lua) \
        2> "$work/err"
    code=$?
    if [ "$code" -eq 1 ] && grep -Eq -- "$pattern" "$work/err"; then
        echo "ok   $name"
    else
        echo "FAIL $name: exit $code, stderr:"
        sed 's/^/    /' "$work/err"
        echo "    wanted: $pattern"
        failed=1
    fi
}

fresh
if build; then
    has 2025 "leverte 186" "sju prosent" "54 prosent oppga to eller flere" \
        "økte fra 52 prosent til 60 prosent" \
        "gikk ned fra 29 prosent til 22 prosent" \
        "26 prosent valgte mer enn ett" \
        "«Eget helseforetak» (38 av 65 prosjekter)" \
        "39 prosent av prosjektene oppgir minst én gevinst" \
        "54 prosent av dem var på idé- eller konseptstadiet" \
        "16,1 millioner kroner til 28 prosjekter" "2023 og 2024"
else
    echo "FAIL 2025: $(cat "$work/err")"
    failed=1
fi

# Municipal partners in 2024 from 29 to 15 percent: 22 is now up.
fresh
setcell forrige_aar.csv 14 verdi 15
build && has change "økte fra 15 prosent til 22 prosent" ||
    { echo "FAIL change: $(cat "$work/err")"; failed=1; }

# No corrected licence numbers: the caption says nothing of them.
fresh
setcell kommersialisering.csv 10 lisensavtaler_korrigert ""
setcell kommersialisering.csv 11 lisensavtaler_korrigert ""
build && lacks uncorrected "er rettet etter" ||
    { echo "FAIL uncorrected: $(cat "$work/err")"; failed=1; }

# One region: its own projects and call, no comparison with the
# national 2024 shares, no other region.
fresh
if build --set region="Helse Vest"; then
    has vest "leverte 50" "rundt 50 innovasjonsprosjekter" \
        "finnes bare for landet samlet"
    lacks vest "Helse Nord"
    lacks vest "Helse Sør-Øst"
else
    echo "FAIL vest: $(cat "$work/err")"
    failed=1
fi
refused no-region '"Helse Øst": the data has no such region; it has "Helse Midt' \
    --set region="Helse Øst"

prosjekter='data/2025/innovasjonsprosjekter\.csv'
fresh
setcell innovasjonsprosjekter.csv 3 fase_rapportering "Idé"
refused phase-back \
    "$prosjekter:3: fase_rapportering \"Idé\" comes before fase_oppstart \"Utvikling\""

fresh
setcell innovasjonsprosjekter.csv 3 fase_oppstart "Ferdig"
refused phase-unknown \
    "$prosjekter:3:14: fase_oppstart: \"Ferdig\" is not one of the answers"

fresh
setcell innovasjonsprosjekter.csv 2 partner_ingen 1
refused partner-none \
    "$prosjekter:2: partner_ingen and partner_hf_egen_region are both ticked"

fresh
setcell innovasjonsprosjekter.csv 2 gevinst_ingen 1
setcell innovasjonsprosjekter.csv 2 gevinst_kvalitet 1
refused gain-none \
    "$prosjekter:2: gevinst_ingen and gevinst_kvalitet are both ticked"

fresh
setcell innovasjonsprosjekter.csv 2 kilde_eu 1
refused source-without-funding \
    "$prosjekter:2: kilde_eu is ticked, but annen_finansiering is \"Nei\""

fresh
setcell innovasjonsprosjekter.csv 2 utlost_finansiering "Kanskje"
refused released-unknown \
    "$prosjekter:2:36: utlost_finansiering: \"Kanskje\" is not one of the answers"

fresh
setcell kommersialisering.csv 3 aar 2015
refused tto-years \
    'data/2025/kommersialisering\.csv:3:1: aar: 2015 follows 2015; the years must increase'

fresh
setcell kommersialisering.csv 2 bedriftsetableringer -3
refused tto-count \
    'data/2025/kommersialisering\.csv:2:3: bedriftsetableringer: -3 is not a count'

fresh
grep -v '^innovasjon_partner_uh,' "$src/data/2025/forrige_aar.csv" \
    > "$work/r/data/2025/forrige_aar.csv"
refused prior-missing 'indikator: no row "innovasjon_partner_uh"'

exit $failed
