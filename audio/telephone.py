"""A telephone line in NumPy: 8 kHz, 300–3400 Hz, G.711 µ-law or A-law, light line noise.

Used both ways in the phone-screening mode: the interviewer's voice is sent
through it, and the candidate's answer is analysed as the interviewer hears
it. The G.711 coders follow the ITU-T reference (as CPython's audioop did,
which Python 3.13 removed) and are checked bit for bit against audioop.

Call-progress tones follow ITU-T E.180 for Russia: 425 Hz; ringing 0.8 s on,
3.2 s off; busy 0.4 s on, 0.4 s off.
"""

from __future__ import annotations

import numpy as np

PHONE_RATE = 8_000
BAND_HZ = (300.0, 3400.0)
TONE_HZ = 425.0

_ULAW_SEG_END = np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF])
_ALAW_SEG_END = np.array([0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF])
_ULAW_BIAS = 0x84
_ULAW_CLIP = 8159


def lin2ulaw(pcm: np.ndarray) -> np.ndarray:
    """16-bit linear PCM to G.711 µ-law bytes (uint8), as ``audioop.lin2ulaw(x, 2)``."""
    value = pcm.astype(np.int32) >> 2  # 14-bit
    negative = value < 0
    mask = np.where(negative, 0x7F, 0xFF)
    magnitude = np.minimum(np.where(negative, -value, value), _ULAW_CLIP) + (_ULAW_BIAS >> 2)
    seg = np.searchsorted(_ULAW_SEG_END, magnitude, side="left")
    code = (np.minimum(seg, 7) << 4) | ((magnitude >> (np.minimum(seg, 7) + 1)) & 0xF)
    code = np.where(seg >= 8, 0x7F, code)
    return (code ^ mask).astype(np.uint8)


def ulaw2lin(code: np.ndarray) -> np.ndarray:
    """G.711 µ-law bytes to 16-bit linear PCM (int16), as ``audioop.ulaw2lin(x, 2)``."""
    u = (~code.astype(np.int32)) & 0xFF
    t = (((u & 0x0F) << 3) + _ULAW_BIAS) << ((u & 0x70) >> 4)
    return np.where(u & 0x80, _ULAW_BIAS - t, t - _ULAW_BIAS).astype(np.int16)


def lin2alaw(pcm: np.ndarray) -> np.ndarray:
    """16-bit linear PCM to G.711 A-law bytes (uint8), as ``audioop.lin2alaw(x, 2)``."""
    value = pcm.astype(np.int32) >> 3  # 13-bit
    negative = value < 0
    mask = np.where(negative, 0x55, 0xD5)
    magnitude = np.where(negative, -value - 1, value)
    seg = np.searchsorted(_ALAW_SEG_END, magnitude, side="left")
    segc = np.minimum(seg, 7)
    quant = np.where(segc < 2, magnitude >> 1, magnitude >> segc) & 0x0F
    code = np.where(seg >= 8, 0x7F, (segc << 4) | quant)
    return (code ^ mask).astype(np.uint8)


def alaw2lin(code: np.ndarray) -> np.ndarray:
    """G.711 A-law bytes to 16-bit linear PCM (int16), as ``audioop.alaw2lin(x, 2)``."""
    a = code.astype(np.int32) ^ 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    t = np.where(seg == 0, t + 8, t + 0x108)
    t = np.where(seg > 1, t << np.maximum(seg - 1, 0), t)
    return np.where(a & 0x80, t, -t).astype(np.int16)


def telephone_channel(y: np.ndarray, sr: int = 16_000, *, law: str = "alaw", noise_dbfs: float | None = -55.0,
                      seed: int = 0) -> np.ndarray:
    """Pass a mono float signal through a phone line and back to ``sr``.

    Band-limit to 300–3400 Hz, resample to 8 kHz, add line noise
    (``noise_dbfs`` RMS, None for none), encode and decode with G.711
    (``"alaw"``, used on Russian lines, or ``"ulaw"``), resample back.
    """
    from scipy.signal import (  # 0.5 s to import: deferred
        butter,
        resample_poly,
        sosfiltfilt,
    )

    if law not in ("alaw", "ulaw"):
        raise ValueError(f"law must be 'alaw' or 'ulaw', not {law!r}")
    band = sosfiltfilt(butter(6, BAND_HZ, btype="bandpass", fs=sr, output="sos"), y)
    narrow = resample_poly(band, PHONE_RATE, sr)
    if noise_dbfs is not None:
        rng = np.random.default_rng(seed)
        narrow = narrow + 10 ** (noise_dbfs / 20) * rng.standard_normal(len(narrow))
    pcm = (np.clip(narrow, -1, 1) * 32767).astype(np.int16)
    decoded = alaw2lin(lin2alaw(pcm)) if law == "alaw" else ulaw2lin(lin2ulaw(pcm))
    back = resample_poly(decoded.astype(np.float64) / 32768, sr, PHONE_RATE)
    back = sosfiltfilt(butter(6, BAND_HZ, btype="bandpass", fs=sr, output="sos"), back)
    return back[: len(y)].astype(np.float32)


def _cadence(on_s: float, off_s: float, repeats: int, sr: int, level: float) -> np.ndarray:
    t = np.arange(int(on_s * sr)) / sr
    burst = level * np.sin(2 * np.pi * TONE_HZ * t)
    ramp = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01)  # 10 ms edges: no clicks
    period = np.concatenate([burst * ramp, np.zeros(int(off_s * sr))])
    return np.tile(period, repeats).astype(np.float32)


def ringing_tone(rings: int = 2, sr: int = 16_000, level: float = 0.25) -> np.ndarray:
    """Russian ringback: 425 Hz, 0.8 s on, 3.2 s off."""
    return _cadence(0.8, 3.2, rings, sr, level)


def busy_tone(seconds: float = 3.2, sr: int = 16_000, level: float = 0.25) -> np.ndarray:
    """Russian busy: 425 Hz, 0.4 s on, 0.4 s off."""
    return _cadence(0.4, 0.4, max(1, int(round(seconds / 0.8))), sr, level)
