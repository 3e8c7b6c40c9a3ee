"""Loudness: level of speech, loudness in LUFS, dynamics, clipping and background noise.

Levels are taken over speech frames only, so pauses do not make a loud speaker
look quiet. LUFS is ITU-R BS.1770-4 integrated loudness (pyloudnorm); the
signal-to-noise estimate compares speech frames with the non-speech frames of
the same recording.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from analysis.config import Thresholds
from analysis.features import Features

logger = logging.getLogger(__name__)

_CLIP_LEVEL = 0.99
_ENVELOPE_STEP_S = 0.1
_MAX_SNR_DB = 60.0  # digital silence would give ~100 dB; beyond 60 the number means nothing


@dataclass
class LoudnessSection:
    rms_dbfs: float | None = None
    lufs: float | None = None
    peak_dbfs: float | None = None
    dynamics_db: float | None = None  # spread (10th to 90th percentile) of speech frame levels
    clipping_ratio: float = 0.0
    too_quiet: bool | None = None
    too_loud: bool | None = None
    snr_db: float | None = None
    envelope: list[list[float]] = field(default_factory=list)  # [time, dBFS] every 0.1 s
    reason: str | None = None


def measure_loudness(y: np.ndarray, sr: int, features: Features, speech: np.ndarray,
                     noise_floor_db: float | None, thresholds: Thresholds = Thresholds()) -> LoudnessSection:
    """Loudness of the speech frames; ``noise_floor_db`` (from speech activity) gives the SNR."""
    clipping = float(np.mean(np.abs(y) >= _CLIP_LEVEL)) if len(y) else 0.0
    peak = float(np.max(np.abs(y))) if len(y) else 0.0
    section = LoudnessSection(clipping_ratio=round(clipping, 5),
                              peak_dbfs=round(20 * np.log10(max(peak, 1e-6)), 2),
                              envelope=_envelope(features))
    if not speech.any():
        section.reason = "no speech found in the recording"
        return section
    levels = features.rms_db[speech]
    rms = 10 * np.log10(np.mean(10 ** (levels / 10)))
    section.rms_dbfs = round(float(rms), 2)
    section.dynamics_db = round(float(np.percentile(levels, 90) - np.percentile(levels, 10)), 2)
    section.too_quiet = bool(rms < thresholds.too_quiet_dbfs)
    section.too_loud = bool(rms > thresholds.too_loud_dbfs or clipping > thresholds.clipping_ratio_max)
    section.lufs = _lufs(y, sr)
    if noise_floor_db is not None:
        section.snr_db = round(float(min(rms - noise_floor_db, _MAX_SNR_DB)), 1)
    return section


def _lufs(y: np.ndarray, sr: int) -> float | None:
    if len(y) < int(0.4 * sr):
        return None  # BS.1770 gates over 400 ms blocks
    import pyloudnorm

    with np.errstate(divide="ignore"):
        value = pyloudnorm.Meter(sr).integrated_loudness(y.astype(np.float64))
    return round(float(value), 2) if np.isfinite(value) else None


def _envelope(features: Features) -> list[list[float]]:
    step = max(int(round(_ENVELOPE_STEP_S / features.hop_s)), 1)
    n = len(features.rms_db) // step * step
    if n == 0:
        return []
    power = 10 ** (features.rms_db[:n] / 10)
    levels = 10 * np.log10(power.reshape(-1, step).mean(axis=1))
    return [[round(float(t), 2), round(float(v), 1)] for t, v in zip(features.times[:n:step], levels)]
