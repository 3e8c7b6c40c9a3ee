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

from sobes.analysis.features import Features

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

    pyloudnorm's K-weighting filters (``IIRfilter``, as its ``Meter`` defines them) and its gating, with
    the filter state carried from one chunk to the next so the result is the same: ``Meter`` itself
    copies the whole recording to float64 and filters it at once, ~500 MB per 20 minutes.
    """
    if len(y) < int(0.4 * sr) or sr % 10:
        return None  # BS.1770 gates over 400 ms blocks, here built from 100 ms bins
    from pyloudnorm.iirfilter import IIRfilter
    from scipy.signal import lfilter

    stages = [IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, sr, "high_shelf"), IIRfilter(0.0, 0.5, 38.0, sr, "high_pass")]
    states = [np.zeros(max(len(stage.a), len(stage.b)) - 1) for stage in stages]
    bin_size, step = sr // 10, int(chunk_s * sr) // (sr // 10) * (sr // 10)
    bins = []
    for start in range(0, len(y), step):
        chunk = y[start:start + step].astype(np.float64)
        for i, stage in enumerate(stages):
            chunk, states[i] = lfilter(stage.b, stage.a, chunk, zi=states[i])
            chunk *= stage.passband_gain
        squares = np.square(chunk)
        bins.append(np.add.reduceat(squares, np.arange(0, len(squares), bin_size)))
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
