#!/bin/sh
# Every way a build can fail ends the same way: a message that says
# where, exit code 1 (2 for usage), and the previous outputs untouched.
# Each case copies the real report, breaks one thing and builds it.
# usage: errors.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# matches PATTERN FILE: an extended regex found in FILE; "-" means FILE
# must be empty.
matches() {
    if [ "$1" = - ]; then [ ! -s "$2" ]; else grep -Eq -- "$1" "$2"; fi
}

# fresh: a clean copy of the report in $work/r.
fresh() {
    rm -rf "$work/r" && mkdir "$work/r"
    cp -R "$src/scripts" "$src/templates" "$src/data" "$work/r/"
}

# expect NAME CODE PATTERN [ARGS...]: runs nokkel in $work/r and checks
# the exit code and that stderr matches PATTERN (extended regex).
expect() {
    name=$1 code=$2 pattern=$3
    shift 3
    (cd "$work/r" && "$nokkel" "$@") > "$work/stdout" 2> "$work/err"
    got=$?
    if [ "$got" -ne "$code" ] || ! matches "$pattern" "$work/err"; then
        echo "FAIL $name: exit $got (want $code), stderr:"
        sed 's/^/    /' "$work/err"
        echo "    wanted: $pattern"
        failed=1
    else
        echo "ok   $name"
    fi
}

# broken NAME PATTERN FILE SED: breaks FILE of a fresh copy with a sed
# script, expects exit 1 with PATTERN, and checks the earlier outputs
# (those of the clean build, copied in) survived and no temporary file
# is left.
broken() {
    name=$1 pattern=$2 file=$3 script=$4
    fresh
    cp -R "$work/clean" "$work/r/out"
    sum=$(cksum < "$work/r/out/nokkeltall-2025.pdf")
    sed -i "$script" "$work/r/$file"
    expect "$name" 1 "$pattern" build scripts/report.lua
    [ "$(cksum < "$work/r/out/nokkeltall-2025.pdf")" = "$sum" ] ||
        { echo "FAIL $name: the previous PDF changed"; failed=1; }
    if find "$work/r/out" -name '*.tmp*' | grep -q .; then
        echo "FAIL $name: temporary files left behind"
        failed=1
    fi
}

fresh
expect usage-none 2 'no command'
expect usage-unknown 2 'unknown command' frobnicate
expect usage-no-script 2 'build needs a report script' build
expect usage-extra 2 'unexpected argument "-x"' build -x scripts/report.lua
expect usage-set 2 '--set "region": write NAME=VALUE' \
    build --set region scripts/report.lua
expect usage-set-name 2 'a parameter name is lowercase' \
    build --set Region=x scripts/report.lua
expect usage-set-twice 2 '--set region is given twice' \
    build --set region=a --set region=b scripts/report.lua
expect usage-option 2 '-o does not apply to this command' \
    check -o x scripts/report.lua
expect usage-max-builds 2 '--max-builds "0": a count of 1 or more' \
    watch --max-builds 0 scripts/report.lua
expect usage-new-plugin 2 'new-plugin needs the plugin' new-plugin
expect usage-plugin-name 2 '"Ny-plugin" cannot name a plugin' \
    new-plugin Ny-plugin
expect bad-year 1 '--set year=abc: a year is written like 2024' \
    build --set year=abc scripts/report.lua
expect set-typo 0 'warning: --set yaer: neither the script nor a plugin reads parameter "yaer" \(did you mean "year"\?\)' \
    check --set yaer=2024 scripts/report.lua
expect year-without-data 1 'scripts/report\.lua:[0-9]+: --set year=2024: the script.s data are those of 2025; give the data of 2024 too \(--set data=data/2024\)' \
    build --set year=2024 scripts/report.lua
SOURCE_DATE_EPOCH=soon expect bad-date 1 \
    'SOURCE_DATE_EPOCH="soon": it must be a whole number' build scripts/report.lua
expect missing-script 1 'cannot open nope\.lua' build nope.lua
expect help 0 - --help
grep -q 'usage\|nokkel build' "$work/stdout" || { echo "FAIL help text"; failed=1; }

# The outputs of one clean build are the earlier outputs of every case.
fresh
(cd "$work/r" && "$nokkel" build scripts/report.lua) ||
    { echo "FAIL the clean copy does not build"; exit 1; }
mv "$work/r/out" "$work/clean"

broken lua-syntax 'scripts/forskning\.lua:[0-9]+: .*expected' \
    scripts/forskning.lua 's/^return chapter {/return chapter {{/'
broken lua-runtime 'scripts/forskning\.lua:[0-9]+: attempt to perform arithmetic.*
  scripts/forskning\.lua:[0-9]+: in main chunk|scripts/forskning\.lua:[0-9]+: attempt to perform arithmetic' \
    scripts/forskning.lua 's/^local fag = .*/local fag = {} + 1/'
broken lua-error-table 'scripts/forskning\.lua:.*error with a table value' \
    scripts/forskning.lua 's/^local fag = .*/error({})/'
# A chart label no font can draw: a warning, an error with --strict.
fresh
sed -i 's/{ "kvinner", "Kvinner" }/{ "kvinner", "Kvin\\u{E000}ner" }/' \
    "$work/r/scripts/forskning.lua"
expect chart-label-glyph 1 'warning: no font has a glyph for U\+E000, so it is drawn as a box, in "Kvin.*ner"' \
    build --strict scripts/report.lua
broken parameter-typo 'scripts/forskning\.lua:[0-9]+: has no parameter "fraa" \(did you mean "fra"\?\); it reads fra \(plugin forskning, indicator publiserende_forskere\)' \
    scripts/forskning.lua 's/publiserende_forskere { fra = /publiserende_forskere { fraa = /'
broken lua-endless-loop 'scripts/forskning\.lua:[0-9]+: the script ran over .* instructions' \
    scripts/forskning.lua 's/^local fag = .*/while true do end/'
broken sandbox-os "scripts/forskning\.lua:[0-9]+: attempt to index a nil value \(global 'os'\)" \
    scripts/forskning.lua 's/^local fag = .*/os.execute("true")/'
broken sandbox-io "scripts/forskning\.lua:[0-9]+: attempt to index a nil value \(global 'io'\)" \
    scripts/forskning.lua 's/^local fag = .*/io.open("x", "w")/'
broken sandbox-require 'require "\.\./x": a script name is lowercase' \
    scripts/forskning.lua 's/^local fag = .*/require "..\/x"/'
broken sandbox-data 'data and templates must be folders inside' \
    scripts/report.lua 's|"data/2025"|"../data/2025"|'
broken unknown-indicator 'scripts/forskning\.lua:[0-9]+: plugin "forskning" has no indicator "nosuch"' \
    scripts/forskning.lua 's/forskning\.doktorgrader_fag()/forskning.nosuch()/'
broken indicator-typo 'scripts/forskning\.lua:[0-9]+: plugin "forskning" has no indicator "doktorgrader_fg" \(did you mean "doktorgrader_fag"\?\)' \
    scripts/forskning.lua 's/forskning\.doktorgrader_fag()/forskning.doktorgrader_fg()/'
broken plugin-typo 'scripts/forskning\.lua:[0-9]+: no plugin "forsknig": .*\(did you mean "forskning"\?\)' \
    scripts/forskning.lua 's/plugin "forskning"/plugin "forsknig"/'
broken params-read-only 'scripts/forskning\.lua:[0-9]+: params is read-only' \
    scripts/forskning.lua 's/^local fag = .*/params.region = "x"/'
broken missing-alt 'scripts/forskning\.lua:[0-9]+: figure fig-artikler needs alt' \
    scripts/forskning.lua 's/alt = t\.artikler_alt(artikler),//'
broken template-unknown-value 'templates/nb/forskning\.txt:[0-9]+: .*nosuch' \
    templates/nb/forskning.txt 's/{siste_studier|tall}/{nosuch|tall}/'
broken csv-not-a-number 'data/2025/kbs_inklusjon\.csv:3:3: "abc" is not a number' \
    data/2025/kbs_inklusjon.csv '3s/,[0-9]*$/,abc/'
broken csv-field-count 'data/2025/kbs_inklusjon\.csv:4: row has 4 fields, the header has 3' \
    data/2025/kbs_inklusjon.csv '4s/$/,9/'
broken csv-unknown-column 'data/2025/artikler\.csv:1:3: unknown column "ekstra"' \
    data/2025/artikler.csv '1s/$/,ekstra/;2,$s/$/,1/'
broken csv-invalid-byte 'data/2025/kbs_inklusjon\.csv:5:[0-9]+: invalid byte 0x81' \
    data/2025/kbs_inklusjon.csv '5s/^/\x81/'
# The research chapter's inputs (forskning plugin and nkstat).
broken value-missing 'data/2025/doktorgrader\.csv:3:2: kvinner: value is missing' \
    data/2025/doktorgrader.csv '3s/^2008,106,/2008,\.\.,/'
broken year-gap 'data/2025/doktorgrader\.csv:7:1: aar: 2015 follows 2011; a series has a row for every year, and some are missing' \
    data/2025/doktorgrader.csv '/^2012/d;/^2013/d;/^2014/d'
broken year-order 'data/2025/artikler\.csv:3:1: aar: [0-9]+ follows [0-9]+; the years must increase' \
    data/2025/artikler.csv '3s/^[0-9]*/2000/'
broken year-swapped 'data/2025/doktorgrader\.csv:4:1: aar: 2008 comes after 2009; the years must increase' \
    data/2025/doktorgrader.csv '3{h;d};4G'
broken region-misspelt 'data/2025/oppdragsstudier\.csv:2:2: "Helse Vst" is not one of the column.s values .*did you mean "Helse Vest"' \
    data/2025/oppdragsstudier.csv '2s/Helse Midt-Norge/Helse Vst/'
broken project-id-twice 'data/2025/forskningsprosjekter\.csv:3:1: "F0001" is there twice .*line 2 has it already' \
    data/2025/forskningsprosjekter.csv '3s/^F0002;/F0001;/'
broken fakta-twice 'data/2025/fakta\.csv:[0-9]+:1: "forskningskostnader_sykehus" is there twice' \
    data/2025/fakta.csv '$s/$/\nforskningskostnader_sykehus,2023,7700000000,kr,SSB/'
broken fakta-negative 'data/2025/fakta\.csv:2:3: "-5400000000" is less than 0, the least the schema allows' \
    data/2025/fakta.csv '2s/,5400000000,/,-5400000000,/'
broken fag-twice 'data/2025/doktorgrader_fag\.csv:7:1: fag: "Leger" appears twice' \
    data/2025/doktorgrader_fag.csv '$a\\Leger,1'
broken hrcs-unknown-category 'forskningsprosjekter\.csv:2:6: hrcs_kategori_2: "Nevrolgi" is not one of the 21 known values' \
    data/2025/forskningsprosjekter.csv '2s/;Nevrologi;Kreft;/;Nevrolgi;Kreft;/'
broken hrcs-shares 'forskningsprosjekter\.csv:2: the shares in hrcs_kategori_andel_1 to hrcs_kategori_andel_5 add up to 95, not 100' \
    data/2025/forskningsprosjekter.csv '2s/;60;25;15;;;/;60;25;10;;;/'
broken hrcs-gap 'forskningsprosjekter\.csv:2:11: hrcs_kategori_andel_2: a share without a value in hrcs_kategori_2' \
    data/2025/forskningsprosjekter.csv '2s/;Hjerte og kar;Nevrologi;/;Hjerte og kar;;/'
broken fakta-missing 'indikator: no row "malesystem_andel_kbs" in fakta' \
    data/2025/fakta.csv '/^malesystem_andel_kbs,/d'
broken samarbeid-regioner 'publikasjonssamarbeid\.csv:2:1: regioner: 5 is not 1 to 4' \
    data/2025/publikasjonssamarbeid.csv '2s/^1,/5,/'
broken samarbeid-alle 'publikasjonssamarbeid\.csv:2:3: alle_regioner_begge_sektorer: set on a row without all 4 regions' \
    data/2025/publikasjonssamarbeid.csv '2s/^1,0,0,0,/1,0,1,0,/'
broken ekstern-negative 'ekstern_finansiering\.csv:2:2: eu_kr: -6214000 is negative' \
    data/2025/ekstern_finansiering.csv '2s/,6214000,/,-6214000,/'
broken forskere-no-authors 'publiserende_forskere\.csv:2: first authors: no women and no men' \
    data/2025/publiserende_forskere.csv '2s/,1801,1662,/,0,0,/'
# The industry and user-participation chapters' inputs (industri and
# brukermedvirkning plugins, nkstat).
broken oppdrag-type-differs 'oppdragsstudier\.csv:710:4: studietype: "Registerstudie", but "Legemiddelstudie" on line 304' \
    data/2025/oppdragsstudier.csv \
    '710s/;Legemiddelstudie;Fase 2;/;Registerstudie;;/'
broken oppdrag-twice-at-trust 'oppdragsstudier\.csv:710: studie_id "OS-0001" with helseforetak "Oslo universitetssykehus HF" is on line 304' \
    data/2025/oppdragsstudier.csv \
    '710s/;Helse Vest;Helse Stavanger HF;/;Helse Sør-Øst;Oslo universitetssykehus HF;/'
broken oppdrag-no-phase 'oppdragsstudier\.csv:42:5: fase: a drug study needs its phase' \
    data/2025/oppdragsstudier.csv '42s/;Fase 3;/;;/'
broken industri-answer 'innovasjonsprosjekter\.csv:2:47: industrisamarbeid: "Kanskje" is not one' \
    data/2025/innovasjonsprosjekter.csv '2s/;Ja;/;Kanskje;/'
broken bm-none-and-form 'forskningsprosjekter\.csv:3: bm_nei and bm_planlegging are both ticked' \
    data/2025/forskningsprosjekter.csv '3s/;;;;;;;1;;;;;$/;1;;;;;;1;;;;;/'
broken bm-series-pair 'brukermedvirkning_midler\.csv:8: andel_klinisk and andel_annen go together' \
    data/2025/brukermedvirkning_midler.csv '8s/,30$/,/'
# Women's health, addiction and mental health, personnel saving and AI,
# research per region (kvinnehelse, psykisk_helse_rus and forskning
# plugins, nkstat).
broken personell-skip-set 'forskningsprosjekter\.csv:2: personell_ubesvart is set, yet personell has an answer' \
    data/2025/forskningsprosjekter.csv '2s/;nei;;1;/;nei;1;1;/'
broken personell-skip-missing 'forskningsprosjekter\.csv:2: personell_ubesvart is not set, yet personell is empty' \
    data/2025/forskningsprosjekter.csv \
    '2s/^\(\([^;]*;\)\{50\}\)[^;]*;[^;]*;/\1;;/'
broken personell-answer 'forskningsprosjekter\.csv:2:51: personell: "kanskje" is not one of the answers' \
    data/2025/forskningsprosjekter.csv '2s/;nei;;1;/;kanskje;;1;/'
broken ki-none-and-use 'forskningsprosjekter\.csv:2: ki_nei and ki_hyllevare are both ticked' \
    data/2025/forskningsprosjekter.csv \
    '2s/^\(\([^;]*;\)\{54\}\)[^;]*/\11/'
broken kjonn-none-and-kind 'forskningsprosjekter\.csv:2: kjonn_nei and kjonn_analyser are both ticked' \
    data/2025/forskningsprosjekter.csv \
    '2s/^\(\([^;]*;\)\{29\}\)[^;]*/\11/'
broken psyk-none-and-group 'forskningsprosjekter\.csv:2: psyk_nei and psyk_annet are both ticked' \
    data/2025/forskningsprosjekter.csv \
    '2s/^\(\([^;]*;\)\{48\}\)[^;]*/\11/'
broken regioner-topp 'topp="30": give a whole number from 1 to 21 \(plugin forskning, indicator fagomrader_regioner\)' \
    scripts/regioner.lua 's/fagomrader_regioner { topp = 5 }/fagomrader_regioner { topp = 30 }/'
broken regioner-variabler 'variabler: "forsking" is not one of them' \
    scripts/regioner.lua 's/"klinisk,brukermedvirkning,industri"/"klinisk,forsking"/'
broken regioner-resten 'resten="kanskje": give ja or nei' \
    scripts/regioner.lua 's/resten = "nei"/resten = "kanskje"/'
fresh
rm "$work/r/data/2025/artikler.csv"
expect csv-missing-file 1 'data/2025/artikler\.csv: cannot open' \
    build scripts/report.lua
exit $failed
