#!/bin/sh
# The bad-input suite: every case is a small report folder that nokkel
# must either build correctly or refuse with one exact message, and a
# refused build must leave the earlier outputs as they were. The case
# format is described in README.md beside this script.
# usage: run.sh NOKKEL SOURCE_DIR PLUGIN_DIR [CASE...]
#   CASE is a folder under tests/bad-input such as csv/bom; without one,
#   every case runs.
set -u
nokkel=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd) plugins=$(cd "$3" && pwd)
shift 3
suite=$src/tests/bad-input
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0 case_failed=0

# fail CASE WHAT: reports one failure of a case.
fail() {
    echo "FAIL $1: $2"
    failed=1 case_failed=1
}

# seed DIR: writes the sentinel "previous outputs" into DIR/out, but
# not over what the case has there itself.
seed() {
    mkdir -p "$1/out"
    [ -e "$1/out/figurer" ] || mkdir "$1/out/figurer"
    for f in nokkeltall-2025.pdf nokkeltall-2025.xml manifest.json \
             figurer/fig-tidligere.svg; do
        [ -e "$1/out/$f" ] || [ ! -d "$(dirname "$1/out/$f")" ] ||
            printf 'earlier output %s\n' "$f" > "$1/out/$f"
    done
}

# snapshot DIR: every file under DIR/out with its checksum, sorted.
snapshot() {
    (cd "$1" && find out -type f -exec cksum {} + 2> /dev/null | sort -k 3)
}

# prepare CASE DIR: copies the base report (file "base") and then the
# case's own files into DIR; the suite's control files are left out.
prepare() {
    mkdir -p "$2"
    if [ -f "$suite/$1/base" ]; then
        base=$(sed -n 1p "$suite/$1/base")
        cp -R "$src/$base/." "$2/"
    fi
    cp -R "$suite/$1/." "$2/"
    rm -f "$2/expect" "$2/args" "$2/env" "$2/base" "$2/check" "$2/setup"
}

# invoke CASE DIR: runs nokkel in DIR with the case's arguments (one a
# line, an empty line an empty argument) and environment (NAME=VALUE a
# line); stdout and stderr go to DIR.out and DIR.err. Returns the exit
# code.
invoke() {
    (
        case=$suite/$1
        cd "$2" || exit 125
        export NOKKEL_PLUGIN_PATH="$plugins"
        if [ -f "$case/env" ]; then
            while IFS= read -r kv; do
                [ -n "$kv" ] && export "${kv?}"
            done < "$case/env"
        fi
        if [ -f "$case/args" ]; then
            set --
            while IFS= read -r a; do
                set -- "$@" "$a"
            done < "$case/args"
        else
            set -- build -o out scripts/report.lua
        fi
        exec "$nokkel" "$@"
    ) > "$2.out" 2> "$2.err"
}

# check_case CASE: runs one case and reports ok or FAIL.
check_case() {
    name=$1 dir=$work/$(echo "$1" | tr / _)
    case_failed=0

    if [ ! -f "$suite/$name/expect" ]; then
        fail "$name" "no expect file"
        return
    fi
    prepare "$name" "$dir"
    if [ -f "$suite/$name/setup" ] &&
       ! (cd "$dir" && sh "$suite/$name/setup") > "$dir.setup" 2>&1; then
        fail "$name" "the setup failed: $(cat "$dir.setup")"
        return
    fi
    seed "$dir"
    snapshot "$dir" > "$dir.before"

    invoke "$name" "$dir"
    got=$?

    want=$(sed -n 1p "$suite/$name/expect")
    sed -e 1d -e "s|@DIR@|$dir|g" -e "s|@PLUGINS@|$plugins|g" \
        "$suite/$name/expect" > "$dir.want"
    if [ "$got" != "$want" ]; then
        fail "$name" "exit $got, want $want"
    fi
    if ! cmp -s "$dir.want" "$dir.err"; then
        fail "$name" "stderr differs (- wanted, + got):"
        diff -u "$dir.want" "$dir.err" | sed -e '1,2d' -e 's/^/    /'
    fi
    if [ "$got" != 0 ]; then
        snapshot "$dir" > "$dir.after"
        cmp -s "$dir.before" "$dir.after" ||
            fail "$name" "the failed build changed out/: $(
                diff "$dir.before" "$dir.after" | grep '^[<>]' |
                tr '\n' ' ')"
    fi
    leftovers=$(find "$dir" -name '*.tmp*' | sed "s|^$dir/||")
    [ -z "$leftovers" ] ||
        fail "$name" "temporary files left behind: $leftovers"
    if [ -f "$suite/$name/check" ] &&
       ! (cd "$dir" && sh "$suite/$name/check") > "$dir.check" 2>&1; then
        fail "$name" "the check failed: $(cat "$dir.check")"
    fi
    [ "$case_failed" = 0 ] && echo "ok   $name"
}

if [ $# -eq 0 ]; then
    set -- $(cd "$suite" && find . -name expect | sed -e 's|^\./||' \
                 -e 's|/expect$||' | sort)
fi
for c in "$@"; do
    check_case "$c"
done
exit $failed
