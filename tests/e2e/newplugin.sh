#!/bin/sh
# An analyst's new plugin, end to end: nokkel is installed into a
# temporary prefix; new-plugin writes a project; it builds outside the
# source tree against the installed plugin.h and nokkel-plugin.pc and
# passes its own test; cmake --install puts it where the installed
# nokkel finds it; `indicators` lists it; a copy of the report gets its
# chapter in Lua and the PDF holds its figure.
# usage: newplugin.sh NOKKEL SOURCE_DIR BUILD_DIR
set -u
nokkel=$1 src=$2 build=$3
. "$(dirname "$0")/common.sh"
# run STEP COMMAND...: runs a step quietly; shows its output on failure.
run() {
    step=$1
    shift
    "$@" > "$work/log" 2>&1 || { echo "FAIL $step:"; cat "$work/log"; exit 1; }
}

prefix=$work/prefix
run install cmake --install "$build" --prefix "$prefix"
inst=$prefix/bin/nokkel
[ -x "$inst" ] || fail "no installed nokkel"
[ -f "$prefix/include/nokkel/plugin.h" ] || fail "no installed plugin.h"
pc=$(find "$prefix" -name nokkel-plugin.pc)
[ -n "$pc" ] || { fail "no installed nokkel-plugin.pc"; exit 1; }
export PKG_CONFIG_PATH="${pc%/*}"

cd "$work" || exit 1
run new-plugin "$inst" new-plugin hjerte
for f in hjerte.c CMakeLists.txt README.md test/run.sh \
         example/scripts/report.lua example/scripts/hjerte.lua \
         example/templates/nb/hjerte.txt example/data/schema.lua \
         example/data/hjerte.csv; do
    [ -s "hjerte/$f" ] || fail "new-plugin did not write $f"
done
"$inst" new-plugin hjerte 2> "$work/again" && fail "new-plugin overwrote"
grep -q 'hjerte already exists' "$work/again" ||
    fail "new-plugin over an existing folder: $(cat "$work/again")"
ls -d hjerte.tmp* 2> /dev/null && fail "new-plugin left a temporary folder"

run configure cmake -S hjerte -B hb -DCMAKE_C_FLAGS=-Werror
run compile cmake --build hb
run plugin-test ctest --test-dir hb --output-on-failure
run plugin-install cmake --install hb
[ -f "$prefix/lib/nokkel/plugins/hjerte.so" ] ||
    fail "the plugin is not installed beside nokkel's own"

"$inst" indicators > "$work/list" 2> "$work/list.err" ||
    fail "indicators: $(cat "$work/list.err")"
grep -q '^hjerte 0\.1\.0 (plugin ABI [0-9.]*): ' "$work/list" ||
    fail "indicators does not list plugin hjerte"
grep -q '^  hjerte_per_aar: Antall per år' "$work/list" ||
    fail "indicators does not describe hjerte_per_aar"
grep -q '^    inputs: hjerte.aar, hjerte.region, hjerte.antall$' \
    "$work/list" || fail "indicators does not list the inputs"
grep -q '^forskning 2025\.[0-9]* (plugin ABI' "$work/list" ||
    fail "indicators does not list the installed forskning plugin"
grep -q '^    inputs: doktorgrader.aar, ' "$work/list" ||
    fail "indicators does not list forskning's inputs"

# The analyst's steps from the project's README, on a copy of the
# report: chapter, template, data, schema entry; a wrapper script adds
# the chapter to the report's own list.
mkdir r
cp -R "$src/scripts" "$src/templates" "$src/data" r/
cp hjerte/example/scripts/hjerte.lua r/scripts/
cp hjerte/example/templates/nb/hjerte.txt r/templates/nb/
cp hjerte/example/data/hjerte.csv r/data/2025/
sed '1,/^return {$/d; $d' hjerte/example/data/schema.lua > entry.lua
sed -i '/^return {$/r entry.lua' r/data/2025/schema.lua
cat > r/scripts/med_hjerte.lua <<'LUA'
local rapport = require "report"
table.insert(rapport.chapters, require "hjerte")
return rapport
LUA
(cd r && "$inst" build scripts/med_hjerte.lua) 2> "$work/build.err" ||
    { fail "the report with hjerte: $(cat "$work/build.err")"; exit 1; }
pdftotext r/out/nokkeltall-2025.pdf - | sed 's/\xc2\xad//g' > text
grep -Eq 'Figur [0-9]+: Antall per år \(hjerte\)' text ||
    fail "the PDF lacks the plugin's figure"
grep -q 'I 2025 var antallet 17, mot 14' text ||
    fail "the PDF lacks the plugin's sentence"
[ -s r/out/figurer/fig-hjerte.svg ] || fail "no chart file for fig-hjerte"
grep -q '"name": "hjerte"' r/out/manifest.json ||
    fail "the manifest does not list plugin hjerte"
(cd r && "$inst" build --set region="Helse Vest" -o vest \
    scripts/med_hjerte.lua) 2> "$work/vest.err" ||
    fail "the Helse Vest build: $(cat "$work/vest.err")"
grep -q 'I 2025 var antallet 12, mot 9' r/vest/nokkeltall-2025.xml ||
    fail "the Helse Vest build does not hold Helse Vest's numbers"
exit $failed
