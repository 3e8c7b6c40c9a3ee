"""The real PortAudio path (the private PulseAudio's null sink) and crash safety of `sobes record`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from scipy.signal import correlate

from sobes.audio.wav_file import recover_wav
from sobes.core.audio_file import load_audio


def start_recording(out, *args):
    """Start `sobes record`; return the process once it says audio is flowing."""
    process = subprocess.Popen([sys.executable, "-m", "sobes.cli.main", "record", str(out), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    line = process.stderr.readline()  # printed after the first audio block arrived
    if "Запись" not in line:
        _, rest = process.communicate(timeout=30)  # reap it and close its pipes before failing
        pytest.fail(f"sobes record did not start: {line}{rest}")
    return process


def test_recording_contains_what_was_played(tmp_path, fixtures_dir, pulse):
    clip = fixtures_dir / "intro.wav"
    recorder = start_recording(tmp_path / "rec.wav", "--seconds", "15")
    pulse.play(clip).wait(timeout=30)
    out, err = recorder.communicate(timeout=30)
    assert recorder.returncode == 0, err
    assert "Сохранено" in out
    recorded = load_audio(tmp_path / "rec.wav").samples
    reference = load_audio(clip).samples
    assert len(recorded) / 16_000 == pytest.approx(15, abs=0.3)
    xcorr = correlate(recorded, reference, mode="valid", method="fft")
    lag = int(np.argmax(np.abs(xcorr)))
    segment = recorded[lag:lag + len(reference)]
    similarity = abs(xcorr[lag]) / (np.linalg.norm(segment) * np.linalg.norm(reference))
    assert similarity > 0.8, similarity


def test_sigkill_loses_at_most_a_second(tmp_path, fixtures_dir, pulse):
    out = tmp_path / "killed.wav"
    recorder = start_recording(out)
    started = time.monotonic()
    player = pulse.play(fixtures_dir / "pauses.wav")
    time.sleep(4)
    recorder.send_signal(signal.SIGKILL)
    elapsed = time.monotonic() - started
    recorder.communicate(timeout=10)  # reaps it and closes its pipes
    player.kill()
    player.wait(timeout=10)
    as_left = load_audio(out).duration_s  # readable without any repair
    assert elapsed - 1.0 <= as_left <= elapsed + 0.2, (as_left, elapsed)
    recovered = recover_wav(out)
    print(f"\nSIGKILL after {elapsed:.2f} s: file readable as left with {as_left:.2f} s, "
          f"{recovered:.2f} s after recovery")
    assert elapsed - 0.5 <= recovered <= elapsed + 0.2, (recovered, elapsed)
    assert load_audio(out).duration_s == pytest.approx(recovered, abs=0.01)


def test_devices_command_lists_the_pulse_device(pulse):
    result = subprocess.run([sys.executable, "-m", "sobes.cli.main", "devices"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "по умолчанию" in result.stdout


def test_real_playback_reaches_the_device(tmp_path, fixtures_dir, pulse):
    """Play through PortAudio into the null sink while recording its monitor."""
    from sobes.audio.playback import play as play_samples

    clip = load_audio(fixtures_dir / "fillers.wav")
    recorder = start_recording(tmp_path / "played.wav", "--seconds", "13")
    playback = play_samples(clip.samples, clip.sample_rate)
    assert playback.wait(30) and playback.error is None
    recorder.communicate(timeout=30)
    recorded = load_audio(tmp_path / "played.wav").samples
    xcorr = correlate(recorded, clip.samples, mode="valid", method="fft")
    lag = int(np.argmax(np.abs(xcorr)))
    segment = recorded[lag:lag + len(clip.samples)]
    assert abs(xcorr[lag]) / (np.linalg.norm(segment) * np.linalg.norm(clip.samples)) > 0.8
