#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite; extra arguments go to pytest.
# With --run-slow (the packaging build and its smoke test) PyInstaller is set up too.
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=(test)
[[ " $* " == *" --run-slow "* ]] && profiles+=(package)
bash scripts/setup.sh "${profiles[@]}"
exec .venv/bin/python -m pytest "$@"
