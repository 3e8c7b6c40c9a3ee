"""A real PortAudio input for tests: PulseAudio with a null sink as the default device.

What is played into the sink (``paplay``) is what the default input records
(the sink's monitor), through the same PortAudio -> ALSA -> PulseAudio path a
user's microphone takes. As root PulseAudio warns but runs.
"""

from __future__ import annotations

import shutil
import subprocess
import time

SINK = "sobes_null"


def _pactl(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, check=check, timeout=20)


def ensure_null_sink() -> None:
    """Start PulseAudio if needed and make the null sink's monitor the default input."""
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        raise RuntimeError("pulseaudio is not installed: run `bash scripts/setup.sh`")
    if _pactl("info", check=False).returncode != 0:
        subprocess.run(["pulseaudio", "-D", "--exit-idle-time=-1", "--disallow-exit"], capture_output=True,
                       timeout=30)
        for _ in range(50):
            if _pactl("info", check=False).returncode == 0:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("PulseAudio did not start")
    if SINK not in _pactl("list", "short", "sinks").stdout:
        _pactl("load-module", "module-null-sink", f"sink_name={SINK}")
    _pactl("set-default-sink", SINK)
    _pactl("set-default-source", f"{SINK}.monitor")


def play(path) -> subprocess.Popen:
    return subprocess.Popen(["paplay", "--device", SINK, str(path)])
