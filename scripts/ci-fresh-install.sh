#!/usr/bin/env bash
# A plain user install, checked: fresh venv, its own pip, `pip install .`, `marsad demo --no-serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
echo "fresh install with $("$work/venv/bin/pip" --version | cut -d' ' -f1-2)"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$repo"
# run from an empty folder: no checkout, no ../shared, no MARSAD_SHARED
cd "$work"
env -u MARSAD_SHARED "$work/venv/bin/marsad" demo --no-serve --db "$work/demo.db" | tee "$work/demo.out"
if ! grep -q "Marsad demo: 5 articles" "$work/demo.out"; then
    echo "scripts/ci-fresh-install.sh: the demo did not analyse the 5 seed articles" >&2
    exit 1
fi
echo "fresh install: marsad demo --no-serve works"
# the runtime install leaves out the eval extra; `marsad eval` says so in one line
if "$work/venv/bin/marsad" eval ner > "$work/eval.out" 2>&1 || ! grep -q "pip install 'marsad\[eval\]'" "$work/eval.out"; then
    echo "scripts/ci-fresh-install.sh: marsad eval without its extra did not name the extra:" >&2
    cat "$work/eval.out" >&2
    exit 1
fi
echo "fresh install: marsad eval names its extra ($(cat "$work/eval.out"))"
