#!/bin/sh
# Chart files over the rebuilds of nokkel watch: a chart whose bytes do
# not change stays as it is (same inode, same time); a chart whose
# spec changes is written anew; a chart deleted or edited by hand
# between rebuilds (even to the same size and time) is written again; a
# failed build touches none; and the folder then holds the bytes a
# fresh build of the same sources writes.
# usage: keptcharts.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
. "$(dirname "$0")/common.sh"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600

# snap NAME: inode, time and name of every chart file, into $work/NAME.
snap() {
    (cd out/figurer && stat -c '%i %.9Y %n' -- *.svg *.png) > "$work/$1"
}

# moved A B: the names of the chart files whose inode or time differ
# between the snapshots A and B, one line.
moved() {
    diff "$work/$1" "$work/$2" | sed -n 's/^> .* //p' | sort | tr '\n' ' '
}

# count DIR: the number of files in DIR.
count() { find "$1" -type f | wc -l; }

# para TEXT: adds a paragraph to the research chapter; no chart changes.
para() {
    sed -i "/^return chapter {/a\\    para \"$1\"," scripts/forskning.lua
}

start_watch "$src" 5
wait_for '^nokkel: watching ' 1
wait_for '^nokkel: built' 1
[ "$(count out/figurer)" -gt 20 ] || fail "too few charts: $(ls out/figurer)"
snap 1
cp out/figurer/fig-artikler.svg "$work/artikler.svg"
# Times are kept to the nanosecond, but a coarse clock could give a
# file written again the time it had; a second apart it cannot.
sleep 1

# 1. A paragraph and the unit of one chart change: that chart alone is
# written again.
para "Første endring."
sed -i 's/unit = "Antall artikler",/unit = "Artikler i alt",/' \
    scripts/forskning.lua
grep -q 'Artikler i alt' scripts/forskning.lua || fail "no unit to edit"
wait_for '^nokkel: built' 2
snap 2
[ "$(moved 1 2)" = "fig-artikler.png fig-artikler.svg " ] ||
    fail "rebuild 1 wrote other charts than fig-artikler: $(moved 1 2)"
cmp -s "$work/artikler.svg" out/figurer/fig-artikler.svg &&
    fail "fig-artikler.svg was renamed into place with its old bytes"

# 2. Between rebuilds, one chart is deleted, one edited by hand, and
# one changed to other bytes of the same size and time; a paragraph
# edit rebuilds.
cp out/figurer/fig-doktorgrader.svg out/figurer/fig-doktorgrader.png \
    out/figurer/fig-kbs-faser.svg "$work/"
rm out/figurer/fig-doktorgrader.png
echo '<!-- edited -->' >> out/figurer/fig-doktorgrader.svg
sed 's/<svg /<SVG /' "$work/fig-kbs-faser.svg" > out/figurer/fig-kbs-faser.svg
touch -r "$work/fig-kbs-faser.svg" out/figurer/fig-kbs-faser.svg
cmp -s "$work/fig-kbs-faser.svg" out/figurer/fig-kbs-faser.svg &&
    fail "fig-kbs-faser.svg was not changed for the test"
snap 2b
sleep 1
para "Andre endring."
wait_for '^nokkel: built' 3
snap 3
for f in fig-doktorgrader.svg fig-doktorgrader.png fig-kbs-faser.svg; do
    cmp -s "$work/$f" "out/figurer/$f" || fail "$f is not written again"
done
[ "$(moved 2b 3)" = "fig-doktorgrader.png fig-doktorgrader.svg \
fig-kbs-faser.svg " ] || fail "rebuild 2 wrote: $(moved 2b 3)"

# 3. A build that fails leaves every chart file as it was.
cp scripts/forskning.lua "$work/forskning.lua"
sed -i 's/unit = "Artikler i alt",/unit = "Artikler",, /' \
    scripts/forskning.lua
wait_for '^nokkel: build failed' 1
snap 4
[ -z "$(moved 3 4)" ] || fail "a failed build wrote: $(moved 3 4)"
find out -name '*.tmp*' | grep -q . && fail "a failed build left temp files"

# 4. The fix; then the folder is what a fresh build writes.
cp "$work/forskning.lua" scripts/forskning.lua
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 0 ] || fail "watch exited with $rc: $(cat "$work/stderr")"
[ "$(grep -c '^nokkel: built' "$work/stdout")" -eq 4 ] ||
    fail "not four good builds: $(cat "$work/stdout")"
"$nokkel" build -o "$work/fresh" scripts/report.lua 2> "$work/err" ||
    fail "fresh build: $(cat "$work/err")"
for f in "$work"/fresh/figurer/* "$work"/fresh/*.pdf "$work"/fresh/*.xml; do
    cmp -s "$f" "out/${f#"$work"/fresh/}" ||
        fail "${f#"$work"/fresh/} differs from a fresh build"
done
[ "$(count out/figurer)" -eq "$(count "$work/fresh/figurer")" ] ||
    fail "out/figurer holds other files than a fresh build"
sed '/"timings_ms"/,$d' out/manifest.json > "$work/m1"
sed '/"timings_ms"/,$d' "$work/fresh/manifest.json" > "$work/m2"
cmp -s "$work/m1" "$work/m2" ||
    fail "the manifest differs from a fresh build's: $(diff "$work/m1" \
        "$work/m2" | head -4)"
[ "$failed" = 0 ] && echo "ok   chart files kept over watch rebuilds"
exit $failed
