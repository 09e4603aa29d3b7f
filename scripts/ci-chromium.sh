#!/usr/bin/env bash
# Install Debian's chromium for the web end-to-end tests when it is missing (needs root or
# sudo). Playwright drives it with executable_path; `playwright install` is never run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "scripts/ci-chromium.sh: no /usr/bin/chromium and no apt-get; the e2e tests will skip" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
