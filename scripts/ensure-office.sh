#!/usr/bin/env bash
# Make sure the Word-file tests have LibreOffice (to convert each .docx to PDF the way a court
# clerk's office suite would read it) and poppler's pdftoppm (to render the pages to PNG). On a
# machine that has both this does nothing; otherwise it installs the distribution's packages,
# like ensure-browser.sh does for the browser and fonts.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "need root to run: $*" >&2; return 1; fi; }
apt_install() {
  command -v apt-get >/dev/null || { echo "no apt-get: install $* by hand" >&2; return 1; }
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if ! fc-list 2>/dev/null | grep -i "CJK" >/dev/null; then missing+=(fonts-noto-cjk fontconfig); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing for the Word-file tests: ${missing[*]}" >&2
  apt_install "${missing[@]}"
fi
