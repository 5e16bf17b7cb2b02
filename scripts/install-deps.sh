#!/bin/sh
# Installs the Debian 12 packages nokkel needs to build, run and test,
# skipping those already there. Runs apt-get as root, or through sudo.
set -eu

packages="cmake gcc libc6-dev make pkg-config lua5.4 liblua5.4-dev libxml2-dev
libcairo2-dev libpango1.0-dev libcsv-dev libhyphen-dev hyphen-no
libqpdf-dev libpng-dev zlib1g-dev nettle-dev
fonts-noto-core docbook5-xml libxml2-utils poppler-utils locales valgrind"

missing=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=
elif command -v sudo >/dev/null; then
    as_root=sudo
else
    echo "install-deps: need root or sudo to install:$missing" >&2
    exit 1
fi
echo "install-deps: installing$missing"
$as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq \
    --no-install-recommends $missing
