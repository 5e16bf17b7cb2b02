#!/bin/sh
# Two builds of different data started at once into the same folder:
# each ends with 0 or 1, and afterwards the folder holds the outputs of
# one build only: every output has the SHA-256 the manifest gives it.
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
exit $failed
