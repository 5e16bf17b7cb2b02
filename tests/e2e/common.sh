# Sourced by the end-to-end tests: $work, a temporary folder removed at
# exit, and fail, which reports a failure and lets the test go on; the
# test exits with $failed. wait_for serves the tests of nokkel watch.
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
