"""Short sounds of a session: the start beep, the think time's end, the end-of-time tone, and the phone's tones."""

from __future__ import annotations

import numpy as np

from sobes.audio.telephone import busy_tone, ringing_tone  # noqa: F401  (re-exported for the session)


def tone(freq_hz: float, seconds: float, *, sr: int = 16_000, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    ramp = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01)
    return (level * ramp * np.sin(2 * np.pi * freq_hz * t)).astype(np.float32)


def start_beep(sr: int = 16_000) -> np.ndarray:
    """One short high beep: "speak now"."""
    return tone(880, 0.15, sr=sr)


def think_over(sr: int = 16_000) -> np.ndarray:
    """Three rising beeps, louder and longer than ``start_beep`` (0.7 s): the think time ran out and the
    recording has started by itself — heard by a candidate who looked away from the screen."""
    gap = np.zeros(int(0.07 * sr), np.float32)
    beeps = [tone(freq, 0.16, sr=sr, level=0.45) for freq in (660, 880, 1100)]
    return np.concatenate([beeps[0], gap, beeps[1], gap, beeps[2]])


def end_of_time(sr: int = 16_000) -> np.ndarray:
    """Two falling beeps: the answer's time is up."""
    gap = np.zeros(int(0.08 * sr), np.float32)
    return np.concatenate([tone(660, 0.18, sr=sr), gap, tone(440, 0.3, sr=sr)])
