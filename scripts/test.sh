#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite; extra arguments go to pytest.
# --fast: only the tests that do not load the speech model (pytest -m "not model"), in about a minute.
# With --run-slow (the packaging build and its smoke test) PyInstaller is set up too.
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=(test)
args=()
for arg in "$@"; do
    case "$arg" in
        --fast) args+=(-m "not model") ;;
        --run-slow) profiles+=(package); args+=("$arg") ;;
        *) args+=("$arg") ;;
    esac
done
bash scripts/setup.sh "${profiles[@]}"
exec .venv/bin/python -m pytest "${args[@]}"
