#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite; extra arguments go to pytest.
# --fast: only the tests that do not load the speech model (pytest -m "not model"), in about a minute: the
#   tests that play and record real-time audio (marker pulse) run in a second pytest beside the rest, each
#   run with a PulseAudio of its own.
# With --run-slow (the packaging build and its smoke test) PyInstaller is set up too.
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=(test)
fast=no
args=()
for arg in "$@"; do
    case "$arg" in
        --fast) fast=yes ;;
        --run-slow) profiles+=(package); args+=("$arg") ;;
        *) args+=("$arg") ;;
    esac
done
bash scripts/setup.sh "${profiles[@]}"
pytest=(.venv/bin/python -m pytest)
if [ "$fast" = no ]; then
    exec "${pytest[@]}" "${args[@]}"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"${pytest[@]}" -m "not model and pulse" -p no:cacheprovider "${args[@]}" >"$log" 2>&1 &
audio=$!
status=0
"${pytest[@]}" -m "not model and not pulse" "${args[@]}" || status=$?
audio_status=0
wait "$audio" || audio_status=$?
echo "--- the tests with real-time audio (marker pulse), run beside the rest:"
cat "$log"
# 5: no test selected in that half (e.g. -k matched only the other): not a failure while the other half ran
if [ "$status" -eq 5 ] && [ "$audio_status" -ne 5 ]; then status=0; fi
if [ "$audio_status" -eq 5 ] && [ "$status" -ne 5 ]; then audio_status=0; fi
[ "$status" -ne 0 ] && exit "$status"
exit "$audio_status"
