#!/bin/sh
# What a publication build needs: quiet unless something is wrong;
# -v shows each phase and chapter with its time; a progress bar on a
# terminal only; a manifest whose hashes are those of the files, the
# same for two builds of the same input but for its timings.
# usage: ci.sh NOKKEL SOURCE_DIR TEST_PLUGIN_DIR TEST_REPORT_DIR
set -u
nokkel=$1 src=$2 plugins=$3 report=$4
. "$(dirname "$0")/common.sh"

# hashes MANIFEST SECTION: prints "sha256  path" for each file listed
# in one section of a manifest, the way sha256sum prints them.
hashes() {
    awk -v want="$2" '
        /^  "[a-z_]+": [\[{]/ { section = $1; gsub(/[":]/, "", section) }
        section == want && /"(path|name)": / { split($0, f, "\""); p = f[4] }
        section == want && /"sha256": / {
            split($0, f, "\""); print f[4] "  " p }' "$1"
}

cd "$src" || exit 1
export SOURCE_DATE_EPOCH=1767225600
"$nokkel" build -o "$work/a" scripts/report.lua 2> "$work/quiet" ||
    { fail "build"; cat "$work/quiet"; exit 1; }
[ -s "$work/quiet" ] && fail "a good build is not quiet: $(cat "$work/quiet")"
"$nokkel" build -v -o "$work/b" scripts/report.lua 2> "$work/verbose" ||
    fail "build -v"

# -v: every phase and each chapter script, with times.
for line in '^nokkel: \[1/7\] script and indicators \([0-9.]+ ms\)$' \
            '^nokkel:   forskning: [0-9.]+ ms, [0-9]+ indicators computed, 0 reused$' \
            '^nokkel:   indicators: [0-9.]+ ms of it, [0-9]+ computed, 0 reused$' \
            '^nokkel: \[2/7\] DocBook \([0-9.]+ ms\)$' \
            '^nokkel: \[3/7\] PDF layout \([0-9.]+ ms\)$' \
            '^nokkel: \[4/7\] PDF pages \([0-9.]+ ms\)$' \
            '^nokkel: \[5/7\] PDF tags and metadata \([0-9.]+ ms\)$' \
            '^nokkel: \[6/7\] charts \([0-9.]+ ms\)$' \
            '^nokkel: \[7/7\] manifest \([0-9.]+ ms\)$' \
            '^nokkel: built .*/b/nokkeltall-2025.pdf in [0-9.]+ ms$'; do
    grep -Eq "$line" "$work/verbose" || fail "-v lacks a line like $line"
done
grep -Eq '^nokkel:   nokkeltall: [0-9.]+ ms, 1 indicator computed, ' \
    "$work/verbose" || fail "-v lacks one indicator in the singular"
grep -q ' 1 indicators ' "$work/verbose" && fail "-v says 1 indicators"
grep -q '\[' "$work/quiet" && fail "a progress bar without a terminal"

# The manifest: outputs and inputs with the hashes of the files.
m=$work/a/manifest.json
hashes "$m" outputs > "$work/outputs"
(cd "$work/a" && sha256sum -c --quiet "$work/outputs") ||
    fail "an output's hash in the manifest is wrong"
(cd "$work/a" && find . -type f ! -name manifest.json | sed 's|^\./||' |
    sort) > "$work/files"
awk '{ print $2 }' "$work/outputs" | sort | cmp -s - "$work/files" ||
    fail "the manifest does not list exactly the files written"
hashes "$m" inputs > "$work/inputs"
sha256sum -c --quiet "$work/inputs" || fail "an input's hash is wrong"
for input in scripts/report.lua scripts/forskning.lua \
             templates/nb/forskning.txt data/2025/schema.lua \
             data/2025/artikler.csv; do
    grep -q "  $input\$" "$work/inputs" || fail "$input is not an input"
done
hashes "$m" plugins > "$work/plugins"
grep -q '  forskning$' "$work/plugins" || fail "no plugin forskning"
grep -q '"version": "2025\.[0-9]*"' "$m" || fail "no plugin version"
grep -q '"family": "Noto Serif"' "$m" || fail "no font Noto Serif"
grep -q '"file": "NotoSerif-' "$m" || fail "no font file for Noto Serif"
grep -q '"date": 1767225600,' "$m" || fail "no SOURCE_DATE_EPOCH"
sed '/"timings_ms"/,$d' "$m" > "$work/m1"
# -v adds the hyphenation list to b; a second quiet build must match.
"$nokkel" build -o "$work/c" scripts/report.lua || fail "second build"
sed '/"timings_ms"/,$d' "$work/c/manifest.json" > "$work/m2"
cmp -s "$work/m1" "$work/m2" || fail "two manifests differ before timings"
grep -q '"total": [0-9.]*$' "$m" || fail "no total time"

# README's second line, the one .ci/run runs, checks and builds the
# report too, both with --strict.
awk '/^```/ { fence++; next } fence == 1 && ++n == 2' README.md |
    grep -q 'ctest .*&& build/nokkel check --strict scripts/report.lua && build/nokkel build --strict scripts/report.lua' ||
    fail "README's test line does not check and build the report"

# A slow build on a terminal shows a bar; `script` gives it one.
if command -v script > /dev/null; then
    cp -R "$report" "$work/t"
    cat > "$work/t/scripts/slow.lua" <<'LUA'
local r = report { title = "Sakte", year = 2025, data = "data" }
local res = plugin("slow").slow_sum()
r.chapters = {
    chapter { id = "k", title = "K", para(templates("test").sum(res)) },
}
return r
LUA
    NOKKEL_PLUGIN_PATH=$plugins script -qec \
        "'$nokkel' build -o '$work/slow' '$work/t/scripts/slow.lua'" \
        /dev/null > "$work/tty" || fail "the slow build failed"
    grep -aEq 'nokkel: \[#+\.+\] [0-9]/7 ' "$work/tty" ||
        fail "no progress bar on a terminal: $(cat -v "$work/tty")"
    NOKKEL_PLUGIN_PATH=$plugins "$nokkel" build -o "$work/slow2" \
        "$work/t/scripts/slow.lua" 2> "$work/notty"
    [ -s "$work/notty" ] && fail "output without a terminal: $(cat "$work/notty")"
else
    echo "skip the progress bar: no script(1)"
fi
exit $failed
