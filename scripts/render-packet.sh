#!/usr/bin/env bash
# Render one court packet, page by page, as a person would print it: the 要素式 起诉状, the
# 证据清单 and the 送达地址确认书 of a golden case, each written as .docx by the CLI, converted by
# LibreOffice and rendered to PNG. Usage: scripts/render-packet.sh [CASE_DIR] [OUT_DIR]
#   (default: the 杭州 buyer of a 淘宝 company → docs/court-packet/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case_dir=${1:-$root/tests/unit/golden/company-taobao-hangzhou}
out=${2:-$root/docs/court-packet}
python=${PYTHON:-$root/.venv/bin/python}
"$root/scripts/ensure-office.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.png
n=0
for kind in complaint-elements evidence-list service-address; do
  n=$((n + 1))
  PYTHONPATH="$root/py" "$python" -m weiquan draft "$case_dir/case.json" --letter "$kind" \
    --today 2026-11-24 --docx "$work/$n-$kind.docx" >/dev/null 2>&1
done
soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$work" \
  "$work"/*.docx >/dev/null 2>&1
for pdf in "$work"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftoppm -r 72 -gray -png "$pdf" "$out/$name"
done
ls "$out"
