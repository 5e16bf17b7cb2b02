#!/bin/sh
# Times whole builds of the report, typesetting included: runs
# "nokkel build -v" RUNS times (default 10) and prints the fastest,
# median and slowest total, and the same for the PDF step alone, in
# milliseconds. A benchmark, not a test: it asserts nothing.
# usage: bench/typeset.sh NOKKEL [SCRIPT [RUNS]]   (from the source tree)
set -eu
nokkel=$1 script=${2:-scripts/report.lua} runs=${3:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

i=0
while [ "$i" -lt "$runs" ]; do
    "$nokkel" build -v -o "$work/out" "$script" 2>> "$work/log" > /dev/null
    i=$((i + 1))
done

# summary LABEL PREFIX: min, median and max of the milliseconds that
# follow PREFIX (a sed pattern) on the log lines.
summary() {
    sed -n "s/.*$2\([0-9.]*\) ms.*/\1/p" "$work/log" | sort -n |
        awk -v label="$1" '{ v[NR] = $1 }
            END { printf "%-12s min %6.1f  median %6.1f  max %6.1f ms" \
                         " (%d runs)\n", label, v[1], v[int((NR + 1) / 2)],
                         v[NR], NR }'
}
summary "whole build" "built .* in "
summary "PDF" "PDF[a-z ]* ("
