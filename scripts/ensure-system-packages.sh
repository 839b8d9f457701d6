#!/bin/sh
# Installs the Debian packages SimFill's tests and benchmarks need, when they are missing:
#   chromium → /usr/bin/chromium (browser tests via playwright-core; never `npx playwright install`)
#   wrk      → the load generator of `npm run bench`
# Usage: sh scripts/ensure-system-packages.sh chromium [wrk]
set -eu
missing=""
for package in "$@"; do
  command -v "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing:$missing. Install them with your package manager (Debian: apt-get install$missing)." >&2
  exit 1
fi
echo "Installing$missing (Debian packages)…" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing fonts-noto-cjk >/dev/null
