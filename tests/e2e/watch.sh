#!/bin/sh
# nokkel watch on a copy of the report: a one-line Lua edit rebuilds the
# PDF and reuses every computed indicator; an edit that breaks the
# script shows the error and keeps the last good PDF; the fix builds
# again; a changed data file computes its indicators afresh; a file
# rewritten slowly is read only when its writer is done.
# usage: watch.sh NOKKEL SOURCE_DIR
set -u
nokkel=$1 src=$2
. "$(dirname "$0")/common.sh"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# text FILE: the PDF's text without soft hyphens.
text() { pdftotext "$1" - | sed 's/\xc2\xad//g'; }

start_watch "$src" 7
pdf=out/nokkeltall-2025.pdf

wait_for '^nokkel: watching .*scripts' 1
[ -s "$pdf" ] || fail "no PDF after the first build"
grep -q '^nokkel: built out/nokkeltall-2025.pdf in [0-9]* ms' \
    "$work/stdout" || fail "the first build did not say how long it took"

# 1. A one-line Lua edit.
sed -i '/^return chapter {/a\    para "Endret mens nokkel watch kjører.",' \
    scripts/forskning.lua
wait_for '^nokkel: built' 2
grep -q '^nokkel: changed: scripts/forskning.lua$' "$work/stdout" ||
    fail "watch did not say which file changed"
text "$pdf" | grep -q 'Endret mens nokkel watch kjører' ||
    fail "the rebuilt PDF lacks the new paragraph"
sed -n '/^nokkel: built/p' "$work/stdout" | sed -n 2p |
    grep -q '(0 indicators computed, [1-9][0-9]* reused)' ||
    fail "a Lua edit computed indicators again: $(cat "$work/stdout")"

# 2. An edit that breaks the script.
good=$(cksum < "$pdf")
cp scripts/forskning.lua "$work/forskning.lua"
sed -i 's/^return chapter {/return chapter {{/' scripts/forskning.lua
wait_for '^nokkel: build failed; the last good output stays' 1
grep -Eq 'scripts/forskning\.lua:[0-9]+: ' "$work/stderr" ||
    fail "the error does not say where: $(cat "$work/stderr")"
[ "$(cksum < "$pdf")" = "$good" ] || fail "the failed build changed the PDF"

# 3. The fix.
cp "$work/forskning.lua" scripts/forskning.lua
wait_for '^nokkel: built' 3

# 4. A data file changes: its indicators are computed again.
sed -i '$s/,\([0-9]*\)$/,1\1/' data/2025/artikler.csv
wait_for '^nokkel: built' 4
grep -q '^nokkel: changed: data/2025/artikler.csv$' "$work/stdout" ||
    fail "watch did not see the data file change"
sed -n '/^nokkel: built/p' "$work/stdout" | sed -n 4p |
    grep -Eq '\([1-9][0-9]* indicators? computed' ||
    fail "a data change reused stale results: $(cat "$work/stdout")"

# 5. A template rewritten in place, slowly, while a script changes: the
# build waits until the template is closed and never reads it half
# written.
cp templates/nb/kvinnehelse.txt "$work/kvinnehelse.txt"
{ head -n 5 "$work/kvinnehelse.txt"; sleep 2
  tail -n +6 "$work/kvinnehelse.txt"; } > templates/nb/kvinnehelse.txt &
writer=$!
sleep 0.5
printf '\n' >> scripts/kvinnehelse.lua
wait "$writer"
wait_for '^nokkel: built' 5
[ "$(grep -c '^nokkel: build failed' "$work/stdout")" -eq 1 ] ||
    fail "a build read a file half written: $(cat "$work/stderr")"

# 6. A template edit; the seventh build ends the watch.
printf '\n[watch_test]\nEn mal bare testen bruker.\n' \
    >> templates/nb/forskning.txt
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 0 ] || fail "watch exited with $rc"
[ "$(grep -c '^nokkel: built' "$work/stdout")" -eq 6 ] ||
    fail "not six good builds: $(cat "$work/stdout")"
grep -q '^nokkel: changed: templates/nb/forskning.txt$' "$work/stdout" ||
    fail "watch did not see the template change"
exit $failed
