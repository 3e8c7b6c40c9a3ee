"""Intonation: pitch level, variation in semitones, and monotony over the answer.

Pitch comes from the YIN track of ``analysis.features`` (librosa.pyin was
~10x slower for the same decisions here; see bench/analysis_speed.py).
Variation is measured in semitones around the speaker's own median, so a low
and a high voice are judged alike; octave jumps (YIN's classic error) are
dropped before the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sobes.analysis.features import Features
from sobes.analysis.norms import Norms

_MIN_VOICED_S = 1.0
_OCTAVE_JUMP_ST = 9.0
_TRACK_STEP_S = 0.1


@dataclass
class PitchSection:
    median_hz: float | None = None
    sd_semitones: float | None = None
    range_semitones: float | None = None  # 5th to 95th percentile
    windows: list[list[float]] = field(default_factory=list)  # [start, end, SD in semitones], half-overlapping
    track: list[list[float | None]] = field(default_factory=list)  # [time, hz or null] every 0.1 s
    reason: str | None = None


def measure_pitch(features: Features, speech: np.ndarray, norms: Norms) -> PitchSection:
    """Pitch statistics over voiced speech frames (``speech`` is the per-frame speech mask)."""
    f0 = np.where(speech, features.f0_hz, np.nan)
    voiced = ~np.isnan(f0)
    if voiced.sum() * features.hop_s < _MIN_VOICED_S:
        return PitchSection(reason="less than 1 s of voiced speech")
    median = float(np.median(f0[voiced]))
    semitones = 12 * np.log2(f0 / median)
    semitones[np.abs(semitones) > _OCTAVE_JUMP_ST] = np.nan
    valid = ~np.isnan(semitones)
    values = semitones[valid]
    windows = _window_sds(semitones, features.hop_s, norms.pitch_window_s)
    return PitchSection(
        median_hz=round(float(np.median(f0[valid])), 1),
        sd_semitones=round(float(np.std(values)), 2),
        range_semitones=round(float(np.percentile(values, 95) - np.percentile(values, 5)), 2),
        windows=[[round(a, 2), round(b, 2), round(sd, 2)] for a, b, sd in windows if sd is not None],
        track=_track(f0, features.times),
    )


def _window_sds(semitones: np.ndarray, hop_s: float, window_s: float):
    """SD of pitch per window (half-overlapping); None where under 1 s is voiced."""
    size = int(window_s / hop_s)
    step = max(size // 2, 1)
    out = []
    for start in range(0, max(len(semitones) - size // 2, 1), step):
        chunk = semitones[start:start + size]
        chunk = chunk[~np.isnan(chunk)]
        sd = float(np.std(chunk)) if len(chunk) * hop_s >= _MIN_VOICED_S else None
        out.append((start * hop_s, min(start + size, len(semitones)) * hop_s, sd))
    return out


def _track(f0: np.ndarray, times: np.ndarray) -> list[list[float | None]]:
    """Median pitch per 0.1 s, for plotting; unvoiced stretches are null."""
    step = max(int(round(_TRACK_STEP_S / (times[1] - times[0]))), 1) if len(times) > 1 else 1
    track = []
    for start in range(0, len(f0), step):
        chunk = f0[start:start + step]
        chunk = chunk[~np.isnan(chunk)]
        track.append([round(float(times[start]), 2), round(float(np.median(chunk)), 1) if len(chunk) else None])
    return track
