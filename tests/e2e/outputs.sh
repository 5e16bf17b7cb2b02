#!/bin/sh
# The output folder over several builds: a chart whose figure was
# renamed goes away with the next build (only files the previous
# manifest lists are removed), a build killed at any moment leaves the
# previous outputs as they were, its temporary files removed by the
# next build (a build stopped by SIGINT, SIGTERM or SIGHUP removes its
# own), and a chart file that already holds its bytes stays as it is.
# usage: outputs.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
. "$(dirname "$0")/common.sh"
r=$work/r
mkdir "$r"
cp -R "$src/scripts" "$src/templates" "$src/data" "$r/"

# build [ENV...]: builds the report in $r; returns nokkel's exit code.
build() {
    (cd "$r" && env "$@" "$nokkel" build scripts/report.lua) 2> "$work/err"
}

build SOURCE_DATE_EPOCH=1767225600 || fail "first build: $(cat "$work/err")"
[ -f "$r/out/figurer/fig-artikler.svg" ] || fail "no fig-artikler.svg"
echo 'the editor keeps notes here' > "$r/out/figurer/notater.txt"

sed -i "s/fig-artikler/fig-publikasjoner/g" \
    "$r/scripts/forskning.lua"
build SOURCE_DATE_EPOCH=1767225600 || fail "renamed: $(cat "$work/err")"
[ -f "$r/out/figurer/fig-publikasjoner.svg" ] ||
    fail "renamed: no fig-publikasjoner.svg"
for f in fig-artikler.svg fig-artikler.png; do
    [ -e "$r/out/figurer/$f" ] && fail "renamed: the stale $f is left"
done
[ -f "$r/out/figurer/notater.txt" ] ||
    fail "renamed: a file nokkel did not write was removed"
cp -R "$r/out" "$work/before"

# Kill builds at moments spread over a build's run time; each must leave
# the previous outputs (another date changes every byte of the new
# ones). A build killed while renaming could leave a mix; renaming takes
# microseconds of the tenths of a second to seconds a build takes here
# (more under the sanitizers), which the delays span.
killed=0 leftover=0
for delay in 0.05 0.1 0.15 0.2 0.3 0.4 0.6 0.8 1.1 1.4 1.7 2.0; do
    (cd "$r" && SOURCE_DATE_EPOCH=1798761600 exec timeout -s KILL \
        "$delay" "$nokkel" build scripts/report.lua) 2> /dev/null
    [ $? -eq 137 ] || continue
    killed=$((killed + 1))
    find "$r/out" -name '*.tmp*' | grep -q . && leftover=$((leftover + 1))
    # The manifest is renamed last: when it is new, the build had
    # committed everything before the kill, and the PDF must be new too.
    if ! cmp -s "$work/before/manifest.json" "$r/out/manifest.json"; then
        cmp -s "$work/before/nokkeltall-2025.pdf" \
            "$r/out/nokkeltall-2025.pdf" &&
            fail "killed after ${delay}s: a new manifest, the old PDF"
        rm -rf "$r/out" && cp -R "$work/before" "$r/out"
        continue
    fi
    for f in nokkeltall-2025.pdf nokkeltall-2025.xml; do
        cmp -s "$work/before/$f" "$r/out/$f" ||
            fail "killed after ${delay}s: $f changed"
    done
done
[ "$killed" -gt 0 ] || fail "no build was killed midway"
echo "killed $killed builds, $leftover left temporary files"

# Ctrl-C, kill and a closed terminal stop a build at its commit: no new
# output, and no temporary file left even before the next build. (Without
# --foreground, timeout signals the build twice, and a second signal
# ends a build at once, as a second Ctrl-C does.)
rm -rf "$r/out" && cp -R "$work/before" "$r/out"
stopped=0
for sig in INT TERM HUP; do
    for delay in 0.05 0.1 0.2; do
        (cd "$r" && SOURCE_DATE_EPOCH=1798761600 exec timeout \
            --foreground --preserve-status -s "$sig" "$delay" "$nokkel" \
            build scripts/report.lua) 2> "$work/err"
        code=$?
        if [ "$code" -eq 0 ]; then
            rm -rf "$r/out" && cp -R "$work/before" "$r/out"
            continue
        fi
        stopped=$((stopped + 1))
        [ "$code" -gt 128 ] ||
            fail "SIG$sig after ${delay}s: exit $code: $(cat "$work/err")"
        find "$r/out" -name '*.tmp*' | grep -q . &&
            fail "SIG$sig after ${delay}s: temporary files left: $(
                find "$r/out" -name '*.tmp*' | head -3)"
        for f in manifest.json nokkeltall-2025.pdf nokkeltall-2025.xml; do
            cmp -s "$work/before/$f" "$r/out/$f" ||
                fail "SIG$sig after ${delay}s: $f changed"
        done
    done
done
[ "$stopped" -gt 0 ] || fail "no build was stopped by a signal"

build SOURCE_DATE_EPOCH=1767225600 || fail "after kills: $(cat "$work/err")"
find "$r/out" -name '*.tmp*' > "$work/tmp"
[ -s "$work/tmp" ] && fail "temporary files survive the next build: $(
    cat "$work/tmp")"
cmp -s "$work/before/nokkeltall-2025.pdf" "$r/out/nokkeltall-2025.pdf" ||
    fail "the build after the kills differs from the one before"

# A chart file that holds the new bytes already is left as it is: same
# inode, same time. One edited by hand, one deleted and one replaced by
# a link get the right bytes again, as regular files.
fig=$r/out/figurer
stat -c '%n %i %Y.%y' "$fig"/*.svg "$fig"/*.png > "$work/stat1"
cp "$fig/fig-doktorgrader.svg" "$work/doktorgrader.svg"
cp "$fig/fig-doktorgrader.png" "$work/doktorgrader.png"
cp "$fig/fig-publikasjoner.svg" "$work/publikasjoner.svg"
sleep 1
build SOURCE_DATE_EPOCH=1767225600 || fail "again: $(cat "$work/err")"
stat -c '%n %i %Y.%y' "$fig"/*.svg "$fig"/*.png > "$work/stat2"
cmp -s "$work/stat1" "$work/stat2" ||
    fail "unchanged charts were written again: $(diff "$work/stat1" \
        "$work/stat2" | head -4)"
echo '<!-- edited -->' >> "$fig/fig-doktorgrader.svg"
rm "$fig/fig-doktorgrader.png"
rm "$fig/fig-publikasjoner.svg"
ln -s "$work/publikasjoner.svg" "$fig/fig-publikasjoner.svg"
build SOURCE_DATE_EPOCH=1767225600 || fail "mended: $(cat "$work/err")"
cmp -s "$fig/fig-doktorgrader.svg" "$work/doktorgrader.svg" ||
    fail "a chart edited by hand is not written again"
cmp -s "$fig/fig-doktorgrader.png" "$work/doktorgrader.png" ||
    fail "a deleted chart is not written again"
[ -f "$fig/fig-publikasjoner.svg" ] && [ ! -L "$fig/fig-publikasjoner.svg" ] ||
    fail "a link in a chart's place is kept"
cmp -s "$fig/fig-publikasjoner.svg" "$work/publikasjoner.svg" ||
    fail "the chart in a link's place has other bytes"
[ "$failed" = 0 ] && echo "ok   outputs over several builds"
exit $failed
