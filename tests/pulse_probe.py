"""Run by tests/test_private_pulse.py in test runs of their own (the file name keeps pytest from collecting it
otherwise): PortAudio in a test process reaches that run's private PulseAudio, and nothing else is in it."""

from __future__ import annotations

import os
import threading
import time

import numpy as np
from scipy.signal import butter, correlate, sosfilt

RATE = 16_000


def similarity(recorded: np.ndarray, reference: np.ndarray) -> float:
    """How much of the recording, at its best-matching place, is the reference (1.0: nothing else)."""
    xcorr = correlate(recorded, reference, mode="valid", method="fft")
    lag = int(np.argmax(np.abs(xcorr)))
    segment = recorded[lag:lag + len(reference)]
    return float(abs(xcorr[lag]) / (np.linalg.norm(segment) * np.linalg.norm(reference) + 1e-12))


def test_this_process_plays_and_records_through_the_private_daemon(pulse):
    """sounddevice in this process (PortAudio -> ALSA's default device -> the pulse plugin) reaches the private
    daemon both ways: a noise of this run's own plays into the default output, the null sink, and comes back
    from the default input, its monitor. Any other sound in that sink (another run's, were the sink shared)
    would take the similarity of its pieces well under 0.9 (at equal loudness: 0.71)."""
    import sounddevice

    from sobes.audio.playback import play

    # this run's own noise, kept under 3.5 kHz: resampling on the way (16 -> 48 -> 44.1 -> 16 kHz) thins the top
    noise = sosfilt(butter(8, 3500, fs=RATE, output="sos"), np.random.default_rng().standard_normal(2 * RATE))
    noise = (noise / np.abs(noise).max() * 0.4).astype(np.float32)
    blocks: list[np.ndarray] = []
    heard = threading.Event()

    def collect(indata, frames, when, status):
        blocks.append(indata[:, 0].copy())
        heard.set()

    with sounddevice.InputStream(samplerate=RATE, channels=1, dtype="float32", callback=collect):
        assert heard.wait(10), "the default microphone delivered nothing"
        playback = play(noise, RATE)
        assert f'application.process.id = "{os.getpid()}"' in pulse.pactl("list", "clients").stdout
        assert playback.wait(30) and playback.error is None
        time.sleep(1.0)  # what is still on its way through the daemon
    recorded = np.concatenate(blocks)
    # a quarter of a second at a time, so that a gap in playback on a busy machine spoils one piece, not all
    pieces = [similarity(recorded, noise[start:start + RATE // 4]) for start in range(0, len(noise), RATE // 4)]
    assert np.median(pieces) > 0.9, pieces
