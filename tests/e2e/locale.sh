#!/bin/sh
# The process locale never changes how numbers are read or printed: the
# real report built under LC_ALL=nb_NO.UTF-8 (decimal comma, grouping by
# space) is byte for byte the one built under LC_ALL=C. The Norwegian
# locale is compiled into a temporary folder with localedef, so the
# machine needs only the locales package's sources, not a generated
# locale.
# usage: locale.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
. "$(dirname "$0")/common.sh"

mkdir "$work/loc"
localedef -i nb_NO -f UTF-8 "$work/loc/nb_NO.UTF-8" 2> "$work/localedef" ||
    { echo "FAIL localedef: $(cat "$work/localedef")"; exit 1; }
export LOCPATH="$work/loc"
[ "$(LC_ALL=nb_NO.UTF-8 locale decimal_point 2>&1)" = "," ] ||
    { echo "FAIL the nb_NO.UTF-8 locale does not have a decimal comma"; exit 1; }

# build LOCALE: builds a copy of the real report under LOCALE into
# $work/LOCALE/out.
build() {
    mkdir "$work/$1"
    cp -R "$src/scripts" "$src/templates" "$src/data" "$work/$1/"
    (cd "$work/$1" && LC_ALL=$1 SOURCE_DATE_EPOCH=1767225600 \
        "$nokkel" build scripts/report.lua) 2> "$work/$1.err" ||
        fail "$1: the build failed: $(cat "$work/$1.err")"
}

build C
build nb_NO.UTF-8
[ -s "$work/nb_NO.UTF-8.err" ] &&
    fail "nb_NO.UTF-8: the build printed: $(cat "$work/nb_NO.UTF-8.err")"
for f in nokkeltall-2025.xml nokkeltall-2025.pdf; do
    cmp -s "$work/C/out/$f" "$work/nb_NO.UTF-8/out/$f" ||
        fail "$f differs between LC_ALL=C and LC_ALL=nb_NO.UTF-8"
done
diff -r "$work/C/out/figurer" "$work/nb_NO.UTF-8/out/figurer" > /dev/null ||
    fail "the figures differ between LC_ALL=C and LC_ALL=nb_NO.UTF-8"
# A number the report prints with decimals, to show both builds print
# them the Norwegian way and not with a locale's point.
grep -q '56,9' "$work/C/out/nokkeltall-2025.xml" ||
    fail "no decimal comma in the report"
[ "$failed" = 0 ] && echo "ok   the locale changes nothing"
exit $failed
