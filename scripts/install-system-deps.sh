#!/usr/bin/env bash
# System packages the test suite needs beyond Python: PostgreSQL (store tests), Chromium
# (report rendering test), poppler-utils (pdftotext) and pango (WeasyPrint's PDF backend);
# wrk, the C load generator of benchmarks/service_load_wrk.py.
# Idempotent: skips the install when everything is already there.
set -euo pipefail
packages=(postgresql postgresql-contrib chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core wrk)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
