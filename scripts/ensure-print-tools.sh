#!/usr/bin/env bash
# The print test (test/print) renders the generated sheets with LibreOffice Calc and reads the PDF back with
# poppler's pdftotext; Carlito is Calibri's metric twin, so text sets as wide as in Excel.
# Installs them when they are missing and we may (root with apt-get), else says how.
set -euo pipefail
missing=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# (grep reads all of fc-list: with -q it would stop early, and pipefail would count the broken pipe as missing)
fc-list 2>/dev/null | grep -i carlito >/dev/null || missing+=(fonts-crosextra-carlito)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the print test (apt-get install)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "The print test needs ${missing[*]}: run 'sudo apt-get install -y --no-install-recommends ${missing[*]}' and try again." >&2
exit 1
