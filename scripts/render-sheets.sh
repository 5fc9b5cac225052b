#!/usr/bin/env bash
# Renders a workbook as LibreOffice prints it, so the generated sheets (looks, print setup, charts) can be looked at
# without Excel: WORKBOOK.xlsx → OUTDIR/<name>.pdf and OUTDIR/<name>-<page>.png.
#
#   scripts/render-sheets.sh out/sample-budget.aligned.xlsx            # → out/render/sample-budget.aligned/
#   scripts/render-sheets.sh book.xlsx /tmp/look 110                    # output folder, PNG resolution (dpi)
#
# Needs LibreOffice Calc and poppler-utils (pdftoppm):
#   sudo apt-get install -y --no-install-recommends libreoffice-calc poppler-utils fonts-crosextra-carlito
# Every sheet with cells prints (LibreOffice prints hidden sheets too), each with its own page setup (orientation, fit to width, title rows,
# footer). The output folder is under out/ by default, which git ignores: do not commit rendered images.
set -euo pipefail

if [ $# -lt 1 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 1
fi

input="$1"
if [ ! -f "$input" ]; then
  echo "The file \"$input\" does not exist." >&2
  exit 1
fi
name="$(basename "${input%.*}")"
outdir="${2:-out/render/$name}"
dpi="${3:-80}"

soffice="$(command -v soffice || command -v libreoffice || true)"
if [ -z "$soffice" ]; then
  echo "LibreOffice is not installed: run 'sudo apt-get install -y --no-install-recommends libreoffice-calc' and try again." >&2
  exit 1
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  echo "pdftoppm is not installed: run 'sudo apt-get install -y poppler-utils' and try again." >&2
  exit 1
fi

mkdir -p "$outdir"
# A private LibreOffice profile: runs do not wait on (or disturb) a LibreOffice someone already has open.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

"$soffice" -env:UserInstallation="file://$profile" --headless --norestore \
  --convert-to pdf --outdir "$outdir" "$input" >/dev/null 2>"$profile/convert.log" || {
  echo "LibreOffice could not convert \"$input\":" >&2
  cat "$profile/convert.log" >&2
  exit 1
}
pdf="$outdir/$name.pdf"
if [ ! -s "$pdf" ]; then
  echo "LibreOffice wrote no PDF for \"$input\" (it may not be a workbook it can open):" >&2
  cat "$profile/convert.log" >&2
  exit 1
fi

rm -f "$outdir/$name"-*.png
pdftoppm -png -r "$dpi" "$pdf" "$outdir/$name"
pages="$(find "$outdir" -maxdepth 1 -name "$name-*.png" | wc -l)"
echo "$pdf"
echo "$pages page(s) as PNG in $outdir/ ($dpi dpi)"
