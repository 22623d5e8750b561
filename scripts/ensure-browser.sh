#!/usr/bin/env bash
# Make sure the browser tests have a Chromium and a CJK font. On a machine that has both this
# does nothing. Otherwise it tries Playwright's own download first, then the distribution's
# chromium package (Playwright drives it through its executable path).
set -euo pipefail
python=${1:-python3}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "need root to run: $*" >&2; return 1; fi; }
apt_install() {
  command -v apt-get >/dev/null || { echo "no apt-get: install $* by hand" >&2; return 1; }
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

have_chromium() {
  [ -n "${WEIQUAN_CHROMIUM:-}" ] && [ -x "$WEIQUAN_CHROMIUM" ] && return 0
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null && return 0
  ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium*/chrome-linux*/chrome >/dev/null 2>&1
}

if ! have_chromium; then
  echo "no Chromium found: trying Playwright's download, then the chromium package" >&2
  timeout 180 "$python" -m playwright install chromium >/dev/null 2>&1 || apt_install chromium
fi
# grep reads all of fc-list (no -q): quitting early would SIGPIPE fc-list, and pipefail would
# then report a missing font on a machine that has it (and reinstall it on every run).
if ! fc-list 2>/dev/null | grep -i "CJK" >/dev/null; then
  echo "no CJK font found: installing fonts-noto-cjk" >&2
  apt_install fonts-noto-cjk fontconfig
fi
