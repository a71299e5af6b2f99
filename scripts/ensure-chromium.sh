#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (found by path, never downloaded by Playwright).
# Installs it when missing and we may (root); otherwise says what to do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$chromium" ]]; then exit 0; fi
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No Chromium at $chromium: install Debian's chromium package or set CHROMIUM_PATH." >&2
exit 1
