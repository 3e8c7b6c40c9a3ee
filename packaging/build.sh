#!/usr/bin/env bash
# Build the one-folder app:  bash packaging/build.sh [OUT_DIR]
# Sets up what the build needs first (scripts/setup.sh package: the app's packages, .venv, PyInstaller, the
# model; quick when all is there), so it works straight after ./scripts/run.sh or on a fresh clone.
# The app lands in OUT_DIR/sobes (default dist/sobes); prints the time taken and the size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
started=$(date +%s)
bash scripts/setup.sh package
# PyInstaller reads the `sobes` package from a tree of links, not through the editable install's import hook
SOBES_SOURCE_TREE=$(.venv/bin/python tools/link_tree.py "$out/.source") \
    .venv/bin/python -m PyInstaller --noconfirm --clean --log-level ERROR \
    --distpath "$out" --workpath "$out/.build" packaging/sobes.spec
rm -rf "$out/.source"
rm -rf "$out/.build"
echo "built $out/sobes in $(( $(date +%s) - started )) s; size $(du -sh "$out/sobes" | cut -f1)"
