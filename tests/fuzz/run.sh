#!/bin/sh
# Builds the libFuzzer targets with clang (in build-fuzz/, or $FUZZ_BUILD)
# and runs each in turn for SECONDS (default 60), one process at a time.
# Inputs that find new code go to BUILD/corpus/<target>/, beside the
# committed corpus that seeds them; an input that breaks a property or
# crashes is saved as BUILD/findings/<target>/crash-* and the script
# fails. Keep such an input in tests/fuzz/regressions/<target>/ once the
# code is fixed: ctest replays it in every build.
#
# The targets run under a Norwegian locale (a decimal comma) when
# localedef can make one, so the process locale is fuzzed too.
#
# --update-corpus merges the committed corpus with what the run found
# into the smallest set that keeps the coverage, and writes it back to
# tests/fuzz/corpus/; --seed DIR merges raw seeds (from seeds.sh) in.
# Naming targets (csvin, fmt, tmpl) runs only those.
# usage: run.sh [SECONDS] [TARGET...] [--update-corpus] [--seed DIR]
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-$src/build-fuzz}
seconds=60
update=
seeds=
targets=
while [ $# -gt 0 ]; do
    case $1 in
    --update-corpus) update=1 ;;
    --seed) seeds=$2; update=1; shift ;;
    [0-9]*) seconds=$1 ;;
    csvin | fmt | tmpl) targets="$targets $1" ;;
    *) echo "usage: run.sh [SECONDS] [TARGET...] [--update-corpus]" \
            "[--seed DIR]" >&2
       exit 2 ;;
    esac
    shift
done
targets=${targets:-csvin fmt tmpl}

CC=${CC:-clang} cmake -S "$src" -B "$build" -DNOKKEL_FUZZ=ON > /dev/null
cmake --build "$build" -j2 --target fuzz_csvin fuzz_fmt fuzz_tmpl > /dev/null

if [ ! -d "$build/locale/nb_NO.UTF-8" ] && command -v localedef > /dev/null
then
    mkdir -p "$build/locale"
    localedef -i nb_NO -f UTF-8 "$build/locale/nb_NO.UTF-8" 2> /dev/null ||
        rm -rf "$build/locale/nb_NO.UTF-8"
fi
if [ -d "$build/locale/nb_NO.UTF-8" ]; then
    LOCPATH=$build/locale LC_ALL=nb_NO.UTF-8
    export LOCPATH LC_ALL
fi

failed=
for t in $targets; do
    corpus=$src/tests/fuzz/corpus/$t
    work=$build/corpus/$t
    findings=$build/findings/$t
    mkdir -p "$corpus" "$work" "$findings"
    echo "run.sh: fuzzing $t for $seconds s (${LC_ALL:-default} locale)"
    if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 \
        -artifact_prefix="$findings/" "$work" "$corpus" \
        ${seeds:+"$seeds/$t"} > "$build/fuzz_$t.log" 2>&1; then
        failed="$failed $t"
        grep -aE "ERROR|property broken|Test unit written" \
            "$build/fuzz_$t.log" >&2 || tail -n 20 "$build/fuzz_$t.log" >&2
        continue
    fi
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' \
        "$build/fuzz_$t.log" || true

    if [ -n "$update" ]; then
        rm -rf "$corpus.new"
        mkdir "$corpus.new"
        "$build/tests/fuzz/fuzz_$t" -merge=1 "$corpus.new" "$corpus" "$work" \
            ${seeds:+"$seeds/$t"} > "$build/merge_$t.log" 2>&1
        rm -rf "$corpus"
        mv "$corpus.new" "$corpus"
        echo "run.sh: tests/fuzz/corpus/$t has $(ls "$corpus" | wc -l) inputs"
    fi
done

if [ -n "$failed" ]; then
    echo "run.sh: findings in:$failed (see $build/findings/)" >&2
    exit 1
fi
