#!/bin/sh
# Variants from the command line. --set region=... reaches plugins
# through host->param and the script as params.region: a regional build
# holds only that region's numbers. --set year and --set data build
# another year from another data folder. A parameter nothing reads is a
# warning, which --strict turns into an error.
# usage: variants.sh NOKKEL SOURCE_DIR TEST_PLUGIN_DIR TEST_REPORT_DIR
set -u
nokkel=$1 src=$2 plugins=$3 report=$4
. "$(dirname "$0")/common.sh"

# regional NAME [ARGS...]: builds the test report's regional.lua into
# $work/NAME with the test plugins; returns nokkel's exit code.
regional() {
    name=$1
    shift
    NOKKEL_PLUGIN_PATH=$plugins "$nokkel" build "$@" -o "$work/$name" \
        "$work/t/scripts/regional.lua" 2> "$work/$name.err"
}

cp -R "$report" "$work/t"
regional all || fail "all regions: $(cat "$work/all.err")"
xml=$work/all/nokkeltall-2025.xml
grep -q 'Prosjektene har 45 deltakere i 4 regioner' "$xml" ||
    fail "all regions: the total is not 45 in 4 regions"
grep -q 'Helse Nord' "$xml" || fail "all regions: Helse Nord is missing"

regional vest --set region="Helse Vest" ||
    fail "Helse Vest: $(cat "$work/vest.err")"
xml=$work/vest/nokkeltall-2025.xml
grep -q 'Prosjektene har 15 deltakere i 1 regioner' "$xml" ||
    fail "Helse Vest: the total is not 15 in 1 region"
grep -q '<title>Deltakere Helse Vest</title>' "$xml" ||
    fail "Helse Vest: the script did not see params.region"
for other in 'Helse Nord' 'Helse Sør-Øst' 'Helse Midt-Norge'; do
    grep -q "$other" "$xml" && fail "Helse Vest: $other is in the report"
done
[ -s "$work/vest.err" ] && fail "Helse Vest: stderr: $(cat "$work/vest.err")"

regional none --set region="Helse Øst" &&
    fail "an unknown region built"
grep -q 'no records for region "Helse Øst" (plugin regional' \
    "$work/none.err" || fail "unknown region: $(cat "$work/none.err")"

# --variant: the national report and two regions in one run, each in
# its own folder, each with only its own numbers; a bad variant stops
# the run with exit 1 and names itself.
regional multi --variant region="Helse Vest" --variant region="Helse Sør-Øst" ||
    fail "--variant: $(cat "$work/multi.err")"
grep -q 'Prosjektene har 45 deltakere i 4 regioner' \
    "$work/multi/nokkeltall-2025.xml" || fail "--variant: the national total"
grep -q 'Prosjektene har 15 deltakere i 1 regioner' \
    "$work/multi/helse-vest/nokkeltall-2025.xml" ||
    fail "--variant: Helse Vest's total is not in multi/helse-vest"
grep -q '<title>Deltakere Helse Sør-Øst</title>' \
    "$work/multi/helse-sor-ost/nokkeltall-2025.xml" ||
    fail "--variant: no report in multi/helse-sor-ost"
grep -q 'Helse Nord' "$work/multi/helse-vest/nokkeltall-2025.xml" &&
    fail "--variant: Helse Nord in the Helse Vest report"
# A run is all or nothing: a failing variant, even after good ones,
# leaves every earlier output as it was.
cp -R "$work/multi" "$work/before"
regional multi --variant region="Helse Vest" --variant region="Helse Øst" &&
    fail "--variant with an unknown region built"
grep -q '^nokkel: variant region=Helse Øst (nothing written): .*no records for region' \
    "$work/multi.err" || fail "bad variant: $(cat "$work/multi.err")"
diff -r "$work/before" "$work/multi" > /dev/null ||
    fail "a failed --variant run changed the earlier outputs"
[ -z "$(find "$work/multi" -name '*.tmp*')" ] ||
    fail "a failed --variant run left temporary files"
# Into a folder not there before, such a run makes none.
regional fresh --variant region="Helse Vest" --variant region="Helse Øst" &&
    fail "--variant with an unknown region built"
[ -e "$work/fresh" ] && fail "a failed --variant run left folders: $(
    find "$work/fresh" | head -3)"
regional novalue --variant region=-- && fail "--variant region=-- built"
# A variant by a parameter nothing reads would be the national report
# under a region's name.
regional typo --variant regoin="Helse Vest" &&
    fail "--variant with a misspelt parameter built"
grep -q 'variant regoin=Helse Vest (nothing written): --variant regoin: neither the script nor a plugin reads parameter "regoin" (did you mean "region"?)' \
    "$work/typo.err" || fail "--variant regoin: $(cat "$work/typo.err")"
[ -e "$work/typo" ] && fail "--variant regoin: folders were left"
grep -q 'the value has no letter or digit' "$work/novalue.err" ||
    fail "--variant region=--: $(cat "$work/novalue.err")"

# A parameter nothing reads: a warning, and with --strict an error that
# writes nothing.
regional unread --set farge=rosa || fail "an unread parameter failed"
grep -q 'warning: --set farge: neither the script nor a plugin reads' \
    "$work/unread.err" || fail "no warning for an unread parameter"
regional strict --strict --set farge=rosa &&
    fail "--strict built with a warning"
grep -q '1 warning, and --strict makes warnings errors' \
    "$work/strict.err" || fail "--strict: $(cat "$work/strict.err")"
[ -e "$work/strict/nokkeltall-2025.pdf" ] &&
    fail "--strict wrote a PDF despite the warning"

# Another year: a copy of the 2025 data as data/2024 with one number
# changed, built with --set year and --set data.
mkdir "$work/r"
cp -R "$src/scripts" "$src/templates" "$src/data" "$work/r/"
cp -R "$work/r/data/2025" "$work/r/data/2024"
sed -i '$s/,[0-9]*$/,12345/' "$work/r/data/2024/artikler.csv"
(cd "$work/r" && "$nokkel" build --set year=2024 --set data=data/2024 \
    scripts/report.lua) 2> "$work/year.err" ||
    fail "2024: $(cat "$work/year.err")"
xml=$work/r/out/nokkeltall-2024.xml
[ -s "$work/r/out/nokkeltall-2024.pdf" ] || fail "2024: no nokkeltall-2024.pdf"
grep -q '<pubdate>2024</pubdate>' "$xml" || fail "2024: the year is not 2024"
grep -q '12.345' "$xml" || fail "2024: the number from data/2024 is missing"
grep -q '"data/2024/artikler.csv"' "$work/r/out/manifest.json" ||
    fail "2024: the manifest does not list data/2024/artikler.csv"
exit $failed
