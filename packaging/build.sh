#!/usr/bin/env bash
# Build the one-folder app (run after scripts/setup.sh):  bash packaging/build.sh [OUT_DIR]
# The app lands in OUT_DIR/sobes (default dist/sobes); prints the time taken and the size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
started=$(date +%s)
# PyInstaller reads the `sobes` package from a tree of links, not through the editable install's import hook
SOBES_SOURCE_TREE=$(.venv/bin/python tools/link_tree.py "$out/.source") \
    .venv/bin/python -m PyInstaller --noconfirm --clean --log-level ERROR \
    --distpath "$out" --workpath "$out/.build" packaging/sobes.spec
rm -rf "$out/.source"
rm -rf "$out/.build"
echo "built $out/sobes in $(( $(date +%s) - started )) s; size $(du -sh "$out/sobes" | cut -f1)"
