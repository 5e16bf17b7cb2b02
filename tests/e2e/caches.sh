#!/bin/sh
# What a build keeps for the next (chart images and sums, laid-out
# charts and paragraphs) never changes a byte: each report of a run
# with --variant is the same, file for file, as the report built alone.
# The variants' first build warms every cache the later ones use, and
# the last one (year=2025, the national report again) is built from
# caches alone.
# usage: caches.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
. "$(dirname "$0")/common.sh"

export SOURCE_DATE_EPOCH=1767225600
cd "$src" || exit 1
"$nokkel" build -o "$work/run" --variant region="Helse Vest" \
    --variant region="Helse Nord" --variant year=2025 \
    scripts/report.lua 2> "$work/err" || fail "variants: $(cat "$work/err")"
"$nokkel" build -o "$work/alone" scripts/report.lua 2> "$work/err" ||
    fail "alone: $(cat "$work/err")"
"$nokkel" build -o "$work/vest" --set region="Helse Vest" \
    scripts/report.lua 2> "$work/err" || fail "Helse Vest: $(cat "$work/err")"

# same A B: every file but the manifest (timings) is the same in A and B.
same() {
    (cd "$1" && find . -type f ! -name manifest.json | sort) > "$work/a"
    (cd "$2" && find . -type f ! -name manifest.json | sort) > "$work/b"
    cmp -s "$work/a" "$work/b" || { fail "$1 and $2 hold other files"; return; }
    while read -r f; do
        cmp -s "$1/$f" "$2/$f" || fail "$f differs between $1 and $2"
    done < "$work/a"
}

# The national report of the run (its own files only) and the one alone.
mkdir "$work/national"
(cd "$work/run" && tar cf - --exclude='./helse-*' --exclude=./2025 .) |
    tar xf - -C "$work/national"
same "$work/national" "$work/alone"
same "$work/run/2025" "$work/alone"
same "$work/run/helse-vest" "$work/vest"
cmp -s "$work/vest/nokkeltall-2025.pdf" "$work/alone/nokkeltall-2025.pdf" &&
    fail "the Helse Vest PDF is the national one"
exit $failed
