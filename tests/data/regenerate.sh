#!/bin/sh
# Runs the data generator twice into fresh folders and checks that both
# runs write the same bytes and that every file matches the committed
# copy in data/2025/. Run from the source tree.
set -u

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/a" "$tmp/b"

for run in a b; do
    if ! lua5.4 scripts/generate-data.lua "$tmp/$run"; then
        echo "FAIL generator run $run exited with an error"
        exit 1
    fi
done

status=0
count=0
for path in "$tmp"/a/*; do
    name=$(basename "$path")
    count=$((count + 1))
    if ! cmp -s "$path" "$tmp/b/$name"; then
        echo "FAIL $name: two runs differ"
        status=1
    elif ! cmp -s "$path" "data/2025/$name"; then
        echo "FAIL $name: differs from data/2025/$name"
        status=1
    else
        echo "ok   $name"
    fi
done
for path in "$tmp"/b/*; do
    name=$(basename "$path")
    if [ ! -e "$tmp/a/$name" ]; then
        echo "FAIL $name: written by the second run only"
        status=1
    fi
done

if [ "$count" -eq 0 ]; then
    echo "FAIL the generator wrote no files"
    status=1
fi
exit $status
