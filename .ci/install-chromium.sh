#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (test/support/browser.ts); does nothing when the
# Chromium they use is there (CHROMIUM_PATH, else /usr/bin/chromium). `npm test` runs it when it can
# (scripts/ensure-chromium.js); by hand: `sudo bash .ci/install-chromium.sh`.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
