#!/bin/sh
# nokkel check: a clean report passes; a report with many problems gets
# every one of them, each where it is, and exit code 1; nothing is ever
# written; the real report passes, and a bad cell in it is one error.
# usage: check.sh NOKKEL SOURCE_DIR TEST_PLUGIN_DIR
set -u
nokkel=$1 src=$2 plugins=$3
. "$(dirname "$0")/common.sh"

# check NAME CODE ARGS...: runs nokkel check in the fixture copy with
# the test plugins; stderr goes to $work/NAME.
check() {
    name=$1 code=$2
    shift 2
    (cd "$work/c" && NOKKEL_PLUGIN_PATH=$plugins "$nokkel" check "$@") \
        2> "$work/$name"
    got=$?
    [ "$got" -eq "$code" ] ||
        { fail "$name: exit $got (want $code)"; cat "$work/$name"; }
}

# has NAME TEXT: the fixed string TEXT is one line of $work/NAME.
has() {
    grep -qxF -- "$2" "$work/$1" || fail "$1: no line \"$2\""
}

cp -R "$src/tests/e2e/check" "$work/c"
cp -R "$work/c" "$work/pristine"

check good 0 scripts/good.lua
has good "nokkel: check: 0 errors, 0 warnings"
check unread 0 --set farge=rosa scripts/good.lua
has unread 'nokkel: warning: --set farge: neither the script nor a plugin reads parameter "farge"'
check strict 1 --strict --set farge=rosa scripts/good.lua
has strict "nokkel: check: 0 errors, 1 warning (--strict makes warnings errors)"

check broken 1 scripts/broken.lua
has broken 'nokkel: scripts/broken.lua:7: plugin "good" has no indicator "summ" (did you mean "sum"?)'
grep -q '^nokkel: scripts/broken.lua:4: no plugin "regionl": .* (did you mean "regional"?)$' \
    "$work/broken" || fail "broken: no \"did you mean\" for the plugin"
has broken "nokkel: scripts/kapittel_feil.lua:7: attempt to index a nil value (local 'mangler')"
has broken 'nokkel: templates/nb/test.txt:7: template feil: unknown value "summ" (template used at scripts/broken.lua:15)'
has broken 'nokkel: templates/nb/test.txt:8: template feil: unknown value "antal" (template used at scripts/broken.lua:15)'
has broken 'nokkel: scripts/broken.lua:16: no template "ukjent" in templates/nb/test.txt'
has broken 'nokkel: scripts/broken.lua:17: figure fig-a has no alt text: alt = "..." says what the chart shows, for readers who cannot see it'
has broken 'nokkel: scripts/broken.lua:17: figure fig-a: no column "summ" in indicator sum (it has sum)'
has broken 'nokkel: warning: scripts/broken.lua:26: figure fig-b is never referenced: no xref points at it'
has broken 'nokkel: data-feil/feil.csv:2: row has 3 fields, the header has 2: quote a field that holds ","'
grep -q '^nokkel: data-feil/mangler.csv: cannot open' "$work/broken" ||
    fail "broken: the missing data file is not reported"
has broken 'nokkel: data-feil/schema.lua: table "prosjekter" has no column "region", which indicator deltakere of plugin regional reads'
has broken "nokkel: check: 11 errors, 1 warning"

diff -r "$work/pristine" "$work/c" > "$work/diff" ||
    { fail "check changed or wrote files:"; cat "$work/diff"; }

# The real report: no errors, and no output folder made.
mkdir "$work/r"
cp -R "$src/scripts" "$src/templates" "$src/data" "$work/r/"
(cd "$work/r" && "$nokkel" check scripts/report.lua) 2> "$work/real" ||
    { fail "the report does not pass check:"; cat "$work/real"; }
grep -q '^nokkel: check: 0 errors' "$work/real" ||
    fail "check of the report: $(cat "$work/real")"
[ -e "$work/r/out" ] && fail "check of the report made out/"

# A bad cell is one error: the chapters that then get stand-in results
# for the indicators reading its file do not fail on them in turn.
sed -i '3s/^\([^;]*;[^;]*;[^;]*;\)1;/\1x2;/' \
    "$work/r/data/2025/innovasjonsprosjekter.csv"
(cd "$work/r" && "$nokkel" check scripts/report.lua) 2> "$work/cell"
has cell 'nokkel: data/2025/innovasjonsprosjekter.csv:3:4: "x2" is not 1, x, 0 or empty (column "partner_hf_egen_region", flag)'
has cell "nokkel: check: 1 error, 0 warnings"

# A bad fact that four indicators read, some of them twice, is one error
# too, told as the file's and not as an indicator's.
cp "$src/data/2025/innovasjonsprosjekter.csv" "$work/r/data/2025/"
sed -i '2s/,5400000000,/,-5,/' "$work/r/data/2025/fakta.csv"
(cd "$work/r" && "$nokkel" check scripts/report.lua) 2> "$work/fact"
has fact 'nokkel: data/2025/fakta.csv:2:3: "-5" is less than 0, the least the schema allows (column "verdi", int)'
[ "$(grep -c 'fakta\.csv' "$work/fact")" -eq 1 ] ||
    fail "the bad fact is told more than once: $(cat "$work/fact")"
# The list the innovation chapter makes from a stand-in result is empty;
# that follow-on is not told.
has fact "nokkel: check: 1 error, 0 warnings"

# A misspelt region in the commissioned studies: one error, not a second
# one for a chart a script made from the stand-in results.
cp "$src/data/2025/fakta.csv" "$work/r/data/2025/"
sed -i '2s/Helse Midt-Norge/Helse Midt-Noreg/' \
    "$work/r/data/2025/oppdragsstudier.csv"
(cd "$work/r" && "$nokkel" check scripts/report.lua) 2> "$work/studies"
grep -q '^nokkel: data/2025/oppdragsstudier\.csv:2:2: "Helse Midt-Noreg" is not one of' \
    "$work/studies" || fail "studies: $(cat "$work/studies")"
has studies "nokkel: check: 1 error, 0 warnings"
exit $failed
