#!/bin/sh
# The width rule of the style guide: no line of C over 100 columns, and
# under one percent over 80. Tabs count as eight columns.
# usage: style.sh SOURCE_DIR
set -u
cd "$1" || exit 1
files=$(find core plugins tests -name '*.[ch]' | sort)
# shellcheck disable=SC2086
expand $files | awk -v files="$files" '
    { n++; w = length($0) }
    w > 80 { over80++ }
    w > 100 { over100++; print "over 100 columns: " $0 }
    END {
        printf "%d lines, %d over 80 columns (%.2f %%), %d over 100\n",
               n, over80, 100 * over80 / n, over100
        exit (over100 > 0 || over80 * 100 > n)
    }'
