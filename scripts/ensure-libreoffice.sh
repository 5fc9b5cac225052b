#!/usr/bin/env bash
# The fidelity test (test/xlsx/fidelity.test.ts) opens every workbook the CLI writes in LibreOffice (headless) and
# converts it to PDF; pdftotext (poppler-utils) reads the PDF back. Installs both when missing and we may (root
# with apt-get), else says how.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing LibreOffice Calc and poppler-utils for the fidelity test (apt-get install libreoffice-calc poppler-utils)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libreoffice-calc poppler-utils >/dev/null
  exit 0
fi
echo "The fidelity test needs LibreOffice (soffice) and pdftotext: run 'sudo apt-get install -y libreoffice-calc poppler-utils' and try again." >&2
exit 1
