#!/usr/bin/env bash
# Set up (if needed) and start Sobes. Until the desktop window lands, this
# analyses the bundled demo answer with the bundled model, offline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/sobes analyze assets/demo/answer.wav "$@"
