#!/bin/sh
# Builds the whole 2025 report under valgrind memcheck and fails on any
# memory error or leak of nokkel's own; valgrind.supp lists the only
# library-internal leaks let through. Takes about half a minute.
# usage: valgrind.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src" || exit 1
if valgrind --error-exitcode=99 --leak-check=full --num-callers=40 \
    --suppressions="$src/tests/valgrind.supp" \
    "$nokkel" build -o "$tmp/out" scripts/report.lua > "$tmp/log" 2>&1
then
    grep 'ERROR SUMMARY' "$tmp/log"
    exit 0
fi
cat "$tmp/log" >&2
echo "valgrind.sh: the report build under memcheck failed (see above)" >&2
exit 1
