#!/usr/bin/env bash
# Set up what Sobes needs on a Debian/Ubuntu machine; safe to run again.
#   scripts/setup.sh              the app: PortAudio, Festival with the Russian voice, Qt's X11 libraries,
#                                 a .venv with Sobes, the bundled speech model (no network at run time)
#   scripts/setup.sh test         also the test tools: PulseAudio (a virtual microphone), Xvfb, sox,
#                                 espeak-ng, strace; pytest, ruff, mypy
#   scripts/setup.sh test package also PyInstaller (the desktop build), as CI needs it
#   scripts/setup.sh bench        also librosa (compared against in bench/)
# Debian packages are installed when run as root or with passwordless sudo; otherwise the apt-get line
# to run is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PACKAGES=(python3 python3-venv libportaudio2 festival festvox-ru
              # Qt's xcb platform (a real window)
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1
              libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libegl1 libgl1 libfontconfig1
              libdbus-1-3 fonts-dejavu-core)
TEST_PACKAGES=(pulseaudio libasound2-plugins xvfb sox espeak-ng strace)

packages=("${APP_PACKAGES[@]}")
extras=()
for profile in "$@"; do
    case "$profile" in
        test) packages+=("${TEST_PACKAGES[@]}"); extras+=(test) ;;
        package|bench) extras+=("$profile") ;;
        *) echo "setup: unknown profile '$profile' (test, package, bench)" >&2; exit 2 ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
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

# Reinstall only when the project's requirements or the wanted extras changed; extras once installed stay.
stamp=.venv/.setup-stamp
installed=$(sed -n 2p "$stamp" 2>/dev/null || true)
wanted_extras=$(printf '%s\n' ${installed//,/ } "${extras[@]}" | sort -u | grep -v '^$' | paste -sd, - || true)
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(sed -n 1p "$stamp" 2>/dev/null)" != "$wanted" ] || [ "$installed" != "$wanted_extras" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".${wanted_extras:+[$wanted_extras]}"
    printf '%s\n%s\n' "$wanted" "$wanted_extras" > "$stamp"
fi

.venv/bin/sobes model prepare
