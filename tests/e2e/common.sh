# Sourced by the end-to-end tests: $work, a temporary folder removed at
# exit, and fail, which reports a failure and lets the test go on; the
# test exits with $failed.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=1; }
