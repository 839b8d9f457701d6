#!/bin/sh
# Installs the Debian packages SimFill's tests and benchmarks need, when their command is missing:
#   chromium  → /usr/bin/chromium (browser tests via playwright-core; never `npx playwright install`)
#   pdftotext → poppler-utils (the receipt PDF tests read the text back)
#   zbarimg   → zbar-tools (the browser tests decode the WeChat Pay QR code read off the screen)
#   wrk       → the load generator of `npm run bench`
# Usage: sh scripts/ensure-system-packages.sh chromium [pdftotext] [zbarimg] [wrk]
set -eu
package_of() {
  case "$1" in
    pdftotext) echo poppler-utils ;;
    zbarimg) echo zbar-tools ;;
    *) echo "$1" ;;
  esac
}
missing=""
for command in "$@"; do
  command -v "$command" >/dev/null 2>&1 || missing="$missing $(package_of "$command")"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing:$missing. Install them with your package manager (Debian: apt-get install$missing)." >&2
  exit 1
fi
echo "Installing$missing (Debian packages)…" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing fonts-noto-cjk >/dev/null
