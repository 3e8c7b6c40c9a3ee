#!/usr/bin/env bash
# Set up (if needed) and open Sobes. Without a screen (no DISPLAY or WAYLAND_DISPLAY), it analyses the
# bundled demo answer on the command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec .venv/bin/sobes desktop "$@"
fi
echo "run: no screen found (DISPLAY is not set); analysing the demo answer instead" >&2
exec .venv/bin/sobes analyze assets/demo/answer.wav
