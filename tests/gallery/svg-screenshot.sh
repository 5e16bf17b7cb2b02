#!/bin/sh
# Shows chart SVG files as a web browser does, to compare them with the
# PNG files written beside them: headless Chromium (Debian's chromium
# package) screenshots each SVG at the PNG's size, on white.
#
# usage: svg-screenshot.sh [--scale PIXELS_PER_POINT] OUTDIR CHART.svg...
# writes OUTDIR/NAME.chromium.png for each CHART.svg, at 2 pixels per
# point unless told otherwise (as nokkel writes its PNG files). Exits 77
# when chromium is missing, so that a test runner can count it skipped.
set -eu

scale=2
if [ "${1:-}" = --scale ]; then
    scale=$2
    shift 2
fi
if [ $# -lt 2 ]; then
    echo "usage: svg-screenshot.sh [--scale N] OUTDIR CHART.svg..." >&2
    exit 2
fi
if ! command -v chromium >/dev/null 2>&1; then
    echo "svg-screenshot: chromium is not installed" \
         "(apt-get install chromium)" >&2
    exit 77
fi
mkdir -p "$1"
outdir=$(cd "$1" && pwd)
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pixels SVG: the chart's width and height in pixels at the scale, from
# the points on the svg element cairo writes (width="430pt").
pixels() {
    pt='\([0-9.]*\)pt'
    sed -n "s/.*<svg[^>]* width=\"$pt\" height=\"$pt\".*/\\1 \\2/p" "$1" |
        head -n 1 |
        awk -v s="$scale" '{
            for (i = 1; i <= 2; i++) {
                x = $i * s
                printf "%d ", x == int(x) ? x : int(x) + 1
            }
        }'
}

for svg in "$@"; do
    read -r w h <<SIZE
$(pixels "$svg")
SIZE
    if [ -z "${h:-}" ]; then
        echo "svg-screenshot: $svg: no width and height in points" >&2
        exit 1
    fi
    name=$(basename "$svg" .svg)
    cp "$svg" "$work/$name.svg"
    cat > "$work/$name.html" <<HTML
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; background: #fff; }
img { display: block; width: ${w}px; height: ${h}px; }
</style></head><body><img src="$name.svg" alt=""></body></html>
HTML
    if ! chromium --headless --no-sandbox --disable-gpu \
            --disable-background-networking --hide-scrollbars \
            --force-device-scale-factor=1 --window-size="$w,$h" \
            --screenshot="$outdir/$name.chromium.png" \
            "file://$work/$name.html" > "$work/log" 2>&1 ||
       [ ! -s "$outdir/$name.chromium.png" ]; then
        echo "svg-screenshot: chromium could not show $svg:" >&2
        cat "$work/log" >&2
        exit 1
    fi
    echo "$outdir/$name.chromium.png"
done
