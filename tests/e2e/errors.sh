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

# fresh: a clean copy of the report in $work/r, built once into
# $work/r/out so there are previous outputs to protect.
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
# survived and no temporary file is left.
broken() {
    name=$1 pattern=$2 file=$3 script=$4
    fresh
    (cd "$work/r" && "$nokkel" build scripts/report.lua) ||
        { echo "FAIL $name: the clean copy does not build"; failed=1; return; }
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
expect missing-script 1 'cannot open nope\.lua' build nope.lua
expect help 0 - --help
grep -q 'usage\|nokkel build' "$work/stdout" || { echo "FAIL help text"; failed=1; }

broken lua-syntax 'scripts/forskning\.lua:[0-9]+: .*expected' \
    scripts/forskning.lua 's/^return chapter {/return chapter {{/'
broken lua-runtime 'scripts/forskning\.lua:[0-9]+: attempt to perform arithmetic.*
  scripts/forskning\.lua:[0-9]+: in main chunk|scripts/forskning\.lua:[0-9]+: attempt to perform arithmetic' \
    scripts/forskning.lua 's/^local fag = .*/local fag = {} + 1/'
broken lua-error-table 'scripts/forskning\.lua:.*error with a table value' \
    scripts/forskning.lua 's/^local fag = .*/error({})/'
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
broken unknown-indicator "scripts/forskning\.lua:[0-9]+: attempt to call a nil value \(field 'nosuch'\)" \
    scripts/forskning.lua 's/forskning\.doktorgrader_fag()/forskning.nosuch()/'
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
fresh
rm "$work/r/data/2025/artikler.csv"
expect csv-missing-file 1 'data/2025/artikler\.csv: cannot open' \
    build scripts/report.lua
exit $failed
