#!/bin/sh
# What a newcomer to the report stumbled on, one case each: the stock
# report checks clean under --strict, a paragraph takes several pieces,
# and each mistake is told once, at its own line, with a way out.
# usage: newcomer.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
. "$(dirname "$0")/common.sh"

# fresh: a clean copy of the report in $work/r.
fresh() {
    rm -rf "$work/r" "$work/o" && mkdir "$work/r"
    cp -R "$src/scripts" "$src/templates" "$src/data" "$work/r/"
}

# run NAME CODE ARGS...: runs nokkel in $work/r; stderr goes to
# $work/NAME and the exit code must be CODE.
run() {
    name=$1 code=$2
    shift 2
    (cd "$work/r" && "$nokkel" "$@") > /dev/null 2> "$work/$name"
    got=$?
    [ "$got" -eq "$code" ] ||
        { fail "$name: exit $got (want $code)"; sed 's/^/    /' "$work/$name"; }
}

# has NAME TEXT: the fixed string TEXT is one whole line of $work/NAME.
has() {
    grep -qxF -- "$2" "$work/$1" ||
        { fail "$1: no line \"$2\""; sed 's/^/    /' "$work/$1"; }
}

# count NAME N TEXT: the fixed string TEXT is in exactly N lines.
count() {
    n=$(grep -cF -- "$3" "$work/$1")
    [ "$n" -eq "$2" ] ||
        { fail "$1: \"$3\" in $n lines (want $2)"; sed 's/^/    /' "$work/$1"; }
}

# edit FILE SED-SCRIPT: edits a file of the copy, which must change.
edit() {
    cp "$work/r/$1" "$work/before"
    sed -i "$2" "$work/r/$1"
    cmp -s "$work/before" "$work/r/$1" && fail "edit $1: \"$2\" changed nothing"
}

# The stock report refers to every figure and table, so check and a
# release build agree that it is clean.
fresh
run stock-check 0 check --strict scripts/report.lua
has stock-check "nokkel: check: 0 errors, 0 warnings"
run stock-build 0 build --strict -o "$work/o" scripts/report.lua
count stock-build 0 "never referenced"

# A figure nothing refers to: check warns, a build warns the same, and
# --strict fails both.
edit scripts/forskning.lua 's/xref "tab-kbs",/"tabellen",/'
line=$(grep -n '^ *table {' "$work/r/scripts/forskning.lua" | cut -d: -f1)
want="nokkel: warning: scripts/forskning.lua:$line: table tab-kbs is never referenced: no xref points at it"
run unref-check 0 check scripts/report.lua
has unref-check "$want"
run unref-build 0 build -o "$work/o" scripts/report.lua
has unref-build "$want"
run unref-strict 1 build --strict -o "$work/o2" scripts/report.lua
[ -e "$work/o2/nokkeltall-2025.pdf" ] && fail "unref-strict wrote a PDF"

# A paragraph of several pieces keeps them all, in order.
fresh
edit scripts/forskning.lua 's/para(t.kbs_definisjon()),/para("Første setning.", " Andre setning. Se ", xref "fig-doktorgrader", "."),/'
run para 0 build -o "$work/o" scripts/report.lua
pdftotext "$work/o/nokkeltall-2025.pdf" - | tr '\n' ' ' |
    grep -qF "Første setning. Andre setning. Se figur 1." ||
    fail "para: the pieces of a paragraph are not all in the PDF"
edit scripts/forskning.lua 's/para("Første setning.", /para("Første setning.", nil, /'
run para-nil 1 build -o "$work/o" scripts/report.lua
grep -q '^nokkel: scripts/forskning.lua:[0-9]*: para: piece 2 is nil' \
    "$work/para-nil" || fail "para-nil: $(cat "$work/para-nil")"

# Colours and style values are reported at the line that writes them.
fresh
edit scripts/report.lua 's/\["Helse Vest"\] = "#eda100"/["Helse Vest"] = "#eda10g"/'
line=$(grep -n '#eda10g' "$work/r/scripts/report.lua" | cut -d: -f1)
run region-colour 1 build -o "$work/o" scripts/report.lua
has region-colour "nokkel: scripts/report.lua:$line: colour \"#eda10g\" must be written #rrggbb"
fresh
edit scripts/report.lua 's/"#cc79a7" }/"#cc79a" }/'
line=$(grep -n '#cc79a"' "$work/r/scripts/report.lua" | cut -d: -f1)
run palette 1 check scripts/report.lua
has palette "nokkel: scripts/report.lua:$line: colour \"#cc79a\" must be written #rrggbb"
fresh
edit scripts/report.lua 's/body_size = 10/body_size = "11pt"/'
line=$(grep -n 'body_size' "$work/r/scripts/report.lua" | cut -d: -f1)
run body-size 1 build -o "$work/o" scripts/report.lua
has body-size "nokkel: scripts/report.lua:$line: body_size must be a number, not \"11pt\""

# A misspelt chart option gets a "did you mean", at its own line.
fresh
edit scripts/forskning.lua 's/^\( *\)markers = true,/\1markers = true,\n\1stacket = true,/'
line=$(grep -n 'stacket' "$work/r/scripts/forskning.lua" | head -1 | cut -d: -f1)
run option 1 build -o "$work/o" scripts/report.lua
has option "nokkel: scripts/forskning.lua:$line: line{} has no field \"stacket\" (did you mean \"stacked\"?)"

# A region the data does not have: one error that names those it has,
# in a build and in a check.
fresh
regions='"Helse Midt-Norge", "Helse Nord", "Helse Sør-Øst", "Helse Vest"'
want="nokkel: --set region=\"Helse Øst\": the data has no such region; it has $regions"
run region-build 1 build --set "region=Helse Øst" -o "$work/o" scripts/report.lua
has region-build "$want"
count region-build 1 "Helse Øst"
run region-check 1 check --set "region=Helse Øst" scripts/report.lua
has region-check "$want"
has region-check "nokkel: check: 1 error, 0 warnings"

# An endless loop in a chapter is told once, at its line, not again at
# the require that comes next.
edit scripts/forskning.lua 's/^local t = templates "forskning"$/&\nwhile true do end/'
line=$(grep -n '^while true do end' "$work/r/scripts/forskning.lua" | cut -d: -f1)
run loop 1 check scripts/report.lua
count loop 1 "was stopped"
grep -q "^nokkel: scripts/forskning.lua:$line: the script ran over" \
    "$work/loop" || fail "loop: not told at its line: $(cat "$work/loop")"
has loop "nokkel: check: 1 error, 0 warnings"

# One bad cell in a data file several indicators read is told once, as
# it is; the figures left out for it raise nothing more.
fresh
edit data/2025/artikler.csv '3s/^\([0-9]*\),/\1,x/'
run cell-check 1 check scripts/report.lua
count cell-check 1 "artikler.csv:3:2"
has cell-check "nokkel: check: 1 error, 0 warnings"
run cell-build 1 build -o "$work/o" scripts/report.lua
count cell-build 1 "artikler.csv:3:2"
grep -q '^nokkel: data/2025/artikler.csv:3:2: .* is not a number' \
    "$work/cell-build" || fail "cell-build: $(cat "$work/cell-build")"

# Templates: a misspelt template or filter gets a "did you mean", and a
# bad filter does not hide an unknown value on the same line.
fresh
edit scripts/forskning.lua 's/caption = t.artikler(artikler),/caption = t.artikle(artikler),/'
line=$(grep -n 't.artikle(artikler)' "$work/r/scripts/forskning.lua" | cut -d: -f1)
run template-name 1 build -o "$work/o" scripts/report.lua
has template-name "nokkel: scripts/forskning.lua:$line: no template \"artikle\" in templates/nb/forskning.txt (did you mean \"artikler\"?)"
fresh
edit templates/nb/forskning.txt '/^\[artikler\]/,/^$/s/^{forste_aar|aar}–{siste_aar|aar}/{forste_aar|tal}–{sist_aar|aar}/'
line=$(grep -n '{forste_aar|tal}' "$work/r/templates/nb/forskning.txt" | cut -d: -f1)
run template-line 1 check scripts/report.lua
grep -q "^nokkel: templates/nb/forskning.txt:$line: template artikler: unknown filter \"tal\" (did you mean \"tall\"?); the filters are tall, " \
    "$work/template-line" || fail "template-line: no filter hint"
grep -q "^nokkel: templates/nb/forskning.txt:$line: template artikler: unknown value \"sist_aar\"" \
    "$work/template-line" || fail "template-line: the unknown value is not told"

# A misspelt chart kind names the kind meant and the kinds there are.
fresh
edit scripts/forskning.lua '0,/chart = line {/s//chart = bars {/'
line=$(grep -n 'chart = bars {' "$work/r/scripts/forskning.lua" | cut -d: -f1)
run kind 1 build -o "$work/o" scripts/report.lua
has kind "nokkel: scripts/forskning.lua:$line: attempt to call a nil value (global 'bars') (did you mean \"bar\"?); a chart is line, bar, pie or donut"

# A region's report says which region in its title.
fresh
run vest 0 build --set "region=Helse Vest" -o "$work/o" scripts/report.lua
pdftotext -l 1 "$work/o/nokkeltall-2025.pdf" - | tr '\n' ' ' |
    grep -q "Nasjonale nøkkeltall – Helse Vest" ||
    fail "vest: the title does not name the region"

exit $failed
