"""Loudness: level of speech, loudness in LUFS, dynamics, clipping and background noise.

Levels are taken over speech frames only, so pauses do not make a loud speaker
look quiet. LUFS is ITU-R BS.1770-4 integrated loudness (analysis/k_weighting.py); the
signal-to-noise estimate compares speech frames with the non-speech frames of
the same recording.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from sobes.analysis.features import Features
from sobes.analysis.k_weighting import k_weighted

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
    snr_db: float | None = None
    envelope: list[list[float]] = field(default_factory=list)  # [time, dBFS] every 0.1 s
    reason: str | None = None


def measure_loudness(y: np.ndarray, sr: int, features: Features, speech: np.ndarray,
                     noise_floor_db: float | None) -> LoudnessSection:
    """Loudness of the speech frames; ``noise_floor_db`` (from speech activity) gives the SNR."""
    # no np.abs(y): a temporary copy of the whole recording (230 MB for an hour)
    clipping = (np.count_nonzero(y >= _CLIP_LEVEL) + np.count_nonzero(y <= -_CLIP_LEVEL)) / len(y) if len(y) else 0.0
    peak = max(float(y.max()), -float(y.min())) if len(y) else 0.0
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
    section.lufs = _lufs(y, sr)
    if noise_floor_db is not None:
        section.snr_db = round(float(min(rms - noise_floor_db, _MAX_SNR_DB)), 1)
    return section


def _lufs(y: np.ndarray, sr: int, *, chunk_s: float = 60.0) -> float | None:
    """ITU-R BS.1770-4 integrated loudness of a mono signal, filtered a minute at a time.

    The K-weighted signal's energy in 100 ms bins, 400 ms blocks of four bins (75 % overlap), then the absolute
    (-70 LUFS) and relative (-10 LU) gates. Filtering in blocks keeps memory flat: a whole hour at once would be
    460 MB of float64.
    """
    if len(y) < int(0.4 * sr) or sr % 10:
        return None  # BS.1770 gates over 400 ms blocks, here built from 100 ms bins
    bin_size = sr // 10
    bins, pending = [], np.zeros(0)
    for block in k_weighted(y, sr, chunk_s=chunk_s):
        squares = np.concatenate([pending, np.square(block)])
        whole = len(squares) // bin_size * bin_size
        bins.append(squares[:whole].reshape(-1, bin_size).sum(axis=1))
        pending = squares[whole:]
    if len(pending):
        bins.append(np.array([pending.sum()]))
    power = np.concatenate(bins)
    blocks = int(np.round((len(y) / sr - 0.4) / 0.1)) + 1
    cumulative = np.concatenate([[0.0], np.cumsum(power)])
    starts = np.arange(blocks)
    z = (cumulative[np.minimum(starts + 4, len(power))] - cumulative[starts]) / (0.4 * sr)
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(z)
        gated = z[loudness >= -70.0]
        if gated.size == 0:
            return None
        relative = -0.691 + 10 * np.log10(gated.mean()) - 10.0
        kept = z[(loudness > relative) & (loudness > -70.0)]
        value = -0.691 + 10 * np.log10(kept.mean()) if kept.size else -np.inf
    return round(float(value), 2) if np.isfinite(value) else None


def _envelope(features: Features) -> list[list[float]]:
    step = max(int(round(_ENVELOPE_STEP_S / features.hop_s)), 1)
    n = len(features.rms_db) // step * step
    if n == 0:
        return []
    power = 10 ** (features.rms_db[:n] / 10)
    levels = 10 * np.log10(power.reshape(-1, step).mean(axis=1))
    return [[round(float(t), 2), round(float(v), 1)] for t, v in zip(features.times[:n:step], levels)]
