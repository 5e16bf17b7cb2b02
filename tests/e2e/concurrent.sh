#!/bin/sh
# Two builds of different data started at once into the same folder:
# each ends with 0 or 1, and afterwards the folder holds the outputs of
# one build only: every output has the SHA-256 the manifest gives it.
# Then the ways a build waits for another: after one that fails in a
# folder it made (and removes), after one that is killed (whose
# temporary files go), while Ctrl-C stops it, and never for itself
# through a link.
# usage: concurrent.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
. "$(dirname "$0")/common.sh"
export SOURCE_DATE_EPOCH=1767225600

mkdir "$work/r"
cp -R "$src/scripts" "$src/templates" "$src/data" "$work/r/"
cd "$work/r" || exit 1
# data/halv: the research projects cut to their first half.
cp -R data/2025 data/halv
rows=$(wc -l < data/2025/forskningsprosjekter.csv)
head -n $((rows / 2)) data/2025/forskningsprosjekter.csv \
    > data/halv/forskningsprosjekter.csv

# consistent: every output listed in out/manifest.json has its hash.
consistent() {
    sed -n 's/^ *"path": "\(.*\)",$/\1/p; s/^ *"sha256": "\(.*\)"$/\1/p' \
        out/manifest.json | sed -n '/^figurer\/\|^nokkeltall/{N;s/\n/ /p}' |
        while read -r path sum; do
            [ "$(sha256sum < "out/$path" | cut -c1-64)" = "$sum" ] ||
                echo "$path"
        done
}

round=1
while [ "$round" -le 20 ]; do
    "$nokkel" build -o out scripts/report.lua 2> "$work/a.err" &
    a=$!
    "$nokkel" build --set data=data/halv -o out scripts/report.lua \
        2> "$work/b.err" &
    b=$!
    wait "$a"
    ra=$?
    wait "$b"
    rb=$?
    [ "$ra" -le 1 ] && [ "$rb" -le 1 ] ||
        fail "round $round: exit codes $ra and $rb"
    [ "$ra" -eq 0 ] || [ "$rb" -eq 0 ] ||
        fail "round $round: both builds failed: $(cat "$work/a.err")"
    [ -e out/manifest.json ] || { fail "round $round: no manifest"; break; }
    bad=$(consistent | tr '\n' ' ')
    [ -z "$bad" ] ||
        fail "round $round: outputs that differ from the manifest: $bad"
    left=$(find out -name '*.tmp*')
    [ -z "$left" ] || fail "round $round: temporary files left: $left"
    round=$((round + 1))
done

# A build that fails in a folder it made removes the folder; the build
# that waited for it makes it again and builds.
for delay in 0.03 0.08 0.15; do
    rm -rf fresh
    "$nokkel" build --strict --set foo=1 -o fresh scripts/report.lua \
        2> /dev/null &
    a=$!
    sleep "$delay"
    "$nokkel" build -o fresh scripts/report.lua 2> "$work/b.err" ||
        fail "after a failed build into a new folder: $(cat "$work/b.err")"
    wait "$a"
    [ -f fresh/nokkeltall-2025.pdf ] ||
        fail "after a failed build into a new folder: no PDF"
done

# The build that waited for a killed one removes what that one left.
for delay in 0.1 0.15 0.2; do
    "$nokkel" build --set data=data/halv -o out scripts/report.lua \
        2> /dev/null &
    a=$!
    sleep 0.03
    "$nokkel" build -o out scripts/report.lua 2> "$work/b.err" &
    b=$!
    sleep "$delay"
    kill -KILL "$a" 2> /dev/null
    wait "$b" || fail "after a killed build: $(cat "$work/b.err")"
    wait "$a"
    left=$(find out -name '*.tmp*')
    [ -z "$left" ] || fail "after a killed build: temporary files: $left"
done

# Ctrl-C stops a build that waits for the folder; the wait says so.
flock out sleep 30 &
holder=$!
sleep 0.3
"$nokkel" build -o out scripts/report.lua 2> "$work/wait.err" &
b=$!
sleep 0.5
kill -INT "$b"
wait "$b"
code=$?
kill "$holder"
[ "$code" -eq 130 ] || fail "Ctrl-C while waiting: exit $code"
grep -q '^nokkel: out: another build writes here; waiting for it$' \
    "$work/wait.err" || fail "no word of the wait: $(cat "$work/wait.err")"
grep -q '^nokkel: out: stopped while waiting for the other build$' \
    "$work/wait.err" || fail "Ctrl-C while waiting: $(cat "$work/wait.err")"

# A variant folder that is a link to the report's own folder is an
# error, not a build waiting for itself.
ln -s . out/helse-vest
timeout 60 "$nokkel" build --variant region="Helse Vest" -o out \
    scripts/report.lua 2> "$work/link.err"
code=$?
[ "$code" -eq 1 ] || fail "a variant folder linked to out: exit $code"
grep -q 'out/helse-vest: this run writes another report into the same folder' \
    "$work/link.err" || fail "a variant folder linked to out: $(
        cat "$work/link.err")"
exit $failed
