#!/usr/bin/env bash
# Style and types: ruff over the whole tree, mypy over every product package (core, analysis, audio, interview,
# desktop, cli).
# CI runs it after the tests (.ci/run); it needs the test tools (scripts/setup.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
.venv/bin/python tools/link_tree.py "$tree" > /dev/null
(cd "$tree" && "$OLDPWD/.venv/bin/mypy" --config-file "$OLDPWD/pyproject.toml" --cache-dir "$OLDPWD/.mypy_cache")
