"""libasound's own error lines («ALSA lib pcm.c:…») never reach the candidate's terminal.

A PCM name that does not exist makes libasound print such a line at once,
without opening any device; the check runs in a child process, whose
stderr is the one libasound writes to.
"""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
import types

import pytest

from sobes.audio import alsa_quiet, devices

pytestmark = pytest.mark.skipif(not ctypes.util.find_library("asound"), reason="no libasound here")

OPEN_UNKNOWN_PCM = """
import ctypes, sys
{before}
library = ctypes.CDLL("libasound.so.2")
pcm = ctypes.c_void_p()
sys.exit(0 if library.snd_pcm_open(ctypes.byref(pcm), b"no-such-pcm-sobes", 0, 0) < 0 else 1)
"""


def _stderr_of(before: str) -> str:
    done = subprocess.run([sys.executable, "-c", OPEN_UNKNOWN_PCM.format(before=before)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0  # the open failed, as it should
    return done.stderr


def test_libasound_writes_its_errors_to_stderr_by_default():
    assert "ALSA lib" in _stderr_of("")  # what the candidate saw in `sobes interview`


def test_silenced_libasound_writes_nothing():
    assert _stderr_of("from sobes.audio import alsa_quiet; assert alsa_quiet.silence()") == ""


def test_silence_twice_is_harmless():
    assert alsa_quiet.silence() and alsa_quiet.silence()


def test_portaudio_is_loaded_after_the_handler(monkeypatch):
    """Every way to sound (devices, recorder, playback) gets sounddevice from ``get_backend``: it silences first."""
    order = []
    monkeypatch.setattr(alsa_quiet, "silence", lambda: order.append("silence"))
    fake = types.ModuleType("sounddevice")
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    monkeypatch.delenv(devices.FAKE_INPUT_ENV, raising=False)
    assert devices.get_backend() is fake and order == ["silence"]
