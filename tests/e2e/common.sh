# Sourced by the end-to-end tests: $work, a temporary folder removed at
# exit, and fail, which reports a failure and lets the test go on; the
# test exits with $failed. start_watch and wait_for serve the tests of
# nokkel watch.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=1; }

# wait_for PATTERN COUNT: waits up to 60 seconds until watch's stdout
# ($work/stdout) has COUNT lines matching PATTERN; gives up the test
# otherwise, showing watch's stdout and stderr.
wait_for() {
    tries=0
    while [ "$(grep -c -- "$1" "$work/stdout" || true)" -lt "$2" ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 600 ]; then
            echo "FAIL timed out waiting for \"$1\" ($2 times); stdout:"
            sed 's/^/    /' "$work/stdout"
            echo "  stderr:"
            sed 's/^/    /' "$work/stderr"
            exit 1
        fi
        sleep 0.1
    done
}

# start_watch SOURCE_DIR BUILDS: copies the report of SOURCE_DIR into
# $work/r, goes there and starts nokkel ($nokkel) watch for at most
# BUILDS builds in the background, its pid in $pid, its output in
# $work/stdout and $work/stderr.
start_watch() {
    mkdir "$work/r"
    cp -R "$1/scripts" "$1/templates" "$1/data" "$work/r/"
    cd "$work/r" || exit 1
    : > "$work/stdout"
    : > "$work/stderr"
    timeout 300 "$nokkel" watch --max-builds "$2" scripts/report.lua \
        > "$work/stdout" 2> "$work/stderr" &
    pid=$!
}
