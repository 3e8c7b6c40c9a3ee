"""The tests' PulseAudio is their own: it carries their sound, and the user's daemon is never touched.

tests/pulse.py starts a private daemon for each test session and points PULSE_SERVER at it. Proven
here: PortAudio in the test process really goes through it (what the process plays comes back from its
default microphone), and with a stand-in for the user's own daemon reachable the way a desktop session
makes it reachable, two test runs side by side both pass while that daemon's default devices, modules
and speakers stay as they were.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from tests import pulse as pulse_daemon

ROOT = Path(__file__).resolve().parents[1]
RATE = 16_000
PROBE = "tests/pulse_probe.py"  # PortAudio in the run's process plays and records through its daemon


def _defaults(daemon: pulse_daemon.PrivatePulse) -> tuple[str, str, str]:
    return (daemon.pactl("get-default-sink").stdout.strip(), daemon.pactl("get-default-source").stdout.strip(),
            daemon.pactl("list", "short", "modules").stdout)


def _samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as recording:
        return np.frombuffer(recording.readframes(recording.getnframes()), np.int16)


@pytest.mark.pulse  # real-time audio, in two test runs of its own
def test_the_users_pulseaudio_is_left_alone_and_two_runs_side_by_side_pass(tmp_path):
    """A stand-in for the user's desktop daemon, with speakers and a microphone of its own, is what the test
    environment reaches (PULSE_SERVER, and $XDG_RUNTIME_DIR/pulse/native), as in a desktop session. Two test
    runs of real playback and recording at once each bring their own daemon: both pass, and the user's daemon
    ends as it began, its speakers having heard nothing."""
    user = pulse_daemon.start(tmp_path / "user", sink="user_speakers", source="user_mic",
                              extra="load-module module-null-source source_name=user_mic\n")
    try:
        before = _defaults(user)
        assert before[:2] == ("user_speakers", "user_mic")
        speakers = user.record(tmp_path / "speakers.wav", device="user_speakers.monitor")
        desktop = tmp_path / "xdg-runtime"  # where a desktop session's clients look for their daemon
        (desktop / "pulse").mkdir(parents=True)
        (desktop / "pulse" / "native").symlink_to(user.socket)
        session = {**os.environ, **user.environment, "XDG_RUNTIME_DIR": str(desktop)}
        for environment in (session, {k: v for k, v in session.items() if k != "PULSE_SERVER"}):
            reached = subprocess.run(["pactl", "info"], env=environment, capture_output=True, text=True, timeout=20)
            assert "Default Sink: user_speakers" in reached.stdout  # without the harness, clients reach it
        runs = [subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                  f"--basetemp={tmp_path / f'run{n}'}", PROBE],
                                 cwd=ROOT, env=session, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                for n in (1, 2)]
        outputs = [run.communicate(timeout=240)[0] for run in runs]
        time.sleep(0.5)  # anything played to the user's speakers has reached the recording
        speakers.terminate()
        speakers.wait(timeout=10)
        after = _defaults(user)
    finally:
        user.stop()
    for run, output in zip(runs, outputs):
        assert run.returncode == 0, output
        assert "1 passed" in output, output
    assert after == before  # default sink, default source and modules as they were
    heard = _samples(tmp_path / "speakers.wav")
    assert len(heard) > RATE  # the speakers were listened to for the whole runs (44.1 kHz stereo: > 0.2 s)
    assert np.abs(heard).max() == 0  # and heard nothing
    for n in (1, 2):  # each run stopped its own daemon
        script = (tmp_path / f"run{n}" / "pulse0" / "daemon.pa").read_text()  # the run's mktemp("pulse")
        socket = re.search(r"socket=(\S+)", script).group(1)
        assert subprocess.run(["pactl", "--server", f"unix:{socket}", "info"], capture_output=True,
                              timeout=20).returncode != 0

