#!/bin/sh
# Drives nokkel against the test plugins: each case loads one plugin and
# computes one indicator, then checks the exit code and the message.
# usage: run.sh NOKKEL PLUGIN_DIR REPORT_DIR
set -u
nokkel=$1 plugins=$2 report=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# matches PATTERN FILE: an extended regex found in FILE; "-" means FILE
# must be empty.
matches() {
    if [ "$1" = - ]; then [ ! -s "$2" ]; else grep -Eq -- "$1" "$2"; fi
}

# expect CODE PATTERN PLUGIN INDICATOR: runs the case, checks the exit
# code and that stderr matches the extended regular expression.
expect() {
    code=$1 pattern=$2 plugin=$3 indicator=$4
    rm -rf "$work/r" && cp -R "$report" "$work/r"
    sed -e "s/@PLUGIN@/$plugin/" -e "s/@INDICATOR@/$indicator/" \
        "$report/scripts/plugin.lua.in" > "$work/r/scripts/case.lua"
    NOKKEL_PLUGIN_PATH=$plugins "$nokkel" build -o "$work/out" \
        "$work/r/scripts/case.lua" 2> "$work/err"
    got=$?
    if [ "$got" -ne "$code" ] || ! matches "$pattern" "$work/err"; then
        echo "FAIL $plugin.$indicator: exit $got (want $code), stderr:"
        cat "$work/err"
        echo "  wanted: $pattern"
        failed=1
    else
        echo "ok   $plugin.$indicator"
    fi
}

expect 0 - good sum
grep -q 'Summen er 42' "$work/out/nokkeltall-2025.xml" ||
    { echo "FAIL good.sum: the sum is not in the DocBook"; failed=1; }
expect 1 'wrong_abi\.so: plugin ABI 2\.0 does not fit this nokkel \(ABI 1\.1\)' \
    wrong_abi any
expect 1 'newer_minor\.so: plugin ABI 1\.2 does not fit this nokkel \(ABI 1\.1\)' \
    newer_minor any
expect 0 - older_minor sum
grep -q 'Summen er 42' "$work/out/nokkeltall-2025.xml" ||
    { echo "FAIL older_minor.sum: the sum is not in the DocBook"; failed=1; }
expect 1 'no_symbol\.so: not a nokkel plugin: it does not export nokkel_plugin_describe' \
    no_symbol any
expect 1 'unresolved\.so: cannot load plugin: .*nokkel_test_missing_function' \
    unresolved missing
expect 1 'data/tall\.csv:4:2: n: -7 is not allowed here \(plugin failing, indicator fails\)' \
    failing fails
expect 1 'data/tall\.csv:4: too few rows \(3\); needs at least 5 \(plugin failing, indicator table\)' \
    failing table
expect 1 'failed without saying why \(plugin failing, indicator silent\)' \
    failing silent
expect 1 'reads tall\.secret, which it does not declare among its inputs' \
    failing undeclared
expect 1 'no plugin "absent": no absent\.so in the plugin path' absent any
expect 1 'small_struct\.so: indicator "small" has size 8, ABI 1\.0 needs at least' \
    small_struct any
expect 0 - extra extra_sum
grep -q 'Summen er 42' "$work/out/nokkeltall-2025.xml" ||
    { echo "FAIL extra.extra_sum: the sum is not in the DocBook"; failed=1; }

# Results the host must refuse, each named with the plugin; NaN is a
# missing value and passes.
expect 0 - garbage nan
expect 1 'scripts/case\.lua:6: column n, row 2: an infinite value \(a division by zero\?\) \(plugin garbage, indicator infinite\)' \
    garbage infinite
expect 1 'column andel, row 2: 104\.5 is a share outside 0 to 100 % \(plugin garbage, indicator share\)' \
    garbage share
expect 1 'column n, row 1: -3 is negative in a count \(unit "Antall prosjekter"\) \(plugin garbage, indicator count\)' \
    garbage count
expect 1 'column navn, row 1: the text is not valid UTF-8 \(plugin garbage, indicator text\)' \
    garbage text
expect 1 'adds column n twice \(plugin garbage, indicator twice\)' \
    garbage twice
expect 1 'the denominator of andel is -10; it counts, so it must be 0 or more \(plugin garbage, indicator denominator\)' \
    garbage denominator
expect 1 'scripts/case\.lua:6: plugin "good" has no indicator "nosuch"' \
    good nosuch

# indicators lists what a plugin offers, and says why one does not load.
NOKKEL_PLUGIN_PATH=$plugins "$nokkel" indicators good regional \
    > "$work/list" 2> "$work/err" ||
    { echo "FAIL indicators good regional: $(cat "$work/err")"; failed=1; }
for line in 'good 1.0 (plugin ABI 1.1): A correct test plugin' \
            '  sum: Sum of column n' '    inputs: tall.n' \
            '  deltakere: Deltakere per region, for én region med --set region' \
            '    inputs: prosjekter.region, prosjekter.deltakere'; do
    grep -qxF "$line" "$work/list" ||
        { echo "FAIL indicators: no line \"$line\""; failed=1; }
done
NOKKEL_PLUGIN_PATH=$plugins "$nokkel" indicators > "$work/list" \
    2> "$work/err" && { echo "FAIL indicators: broken plugins pass"; failed=1; }
grep -q 'wrong_abi\.so: plugin ABI 2\.0 does not fit' "$work/err" ||
    { echo "FAIL indicators: no ABI error"; failed=1; }
grep -q '^slow 1.0 ' "$work/list" ||
    { echo "FAIL indicators: the good plugins are not all listed"; failed=1; }
exit $failed
