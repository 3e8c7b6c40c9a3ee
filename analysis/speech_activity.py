"""Which 10 ms frames hold speech: Silero VAD for robustness, energy for exact edges.

Silero (shipped inside faster-whisper) tells speech from noise, breathing and
music, but its 32 ms windows and hangover blur boundaries by ~0.1-0.2 s.
Frame energy against the answer's own speech level and noise floor places the
edges to 10 ms. A frame is speech when both agree (Silero's decision is widened
by 150 ms so that it vetoes noise without moving the edges).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sobes.analysis.features import Features
from sobes.analysis.norms import Norms
from sobes.core.offline import disable_telemetry

_SILERO_WINDOW = 512
_SILERO_RATE = 16_000
_WIDEN_S = 0.15
_MIN_BLIP_S = 0.05
_MIN_QUIET_S = 1.0  # non-speech needed to trust a noise-floor estimate (0.3 s was too little on real voices: a
# read answer with few pauses has its word edges for "quiet", and the floor came out 8 dB under the speech)


@dataclass(frozen=True)
class SpeechActivity:
    """Per-frame speech decision and the levels it was based on (dBFS)."""

    speech: np.ndarray  # bool, shape (n_frames,)
    speech_level_db: float | None
    noise_floor_db: float | None  # None when the recording has too little non-speech to tell

    def runs(self, hop_s: float) -> list[tuple[float, float]]:
        """Speech runs as (start, end) seconds."""
        return [(a * hop_s, b * hop_s) for a, b in true_runs(self.speech)]


def silero_probabilities(y: np.ndarray, *, chunk_windows: int = 1875, context_windows: int = 32,
                         lead_windows: int = 0) -> np.ndarray:
    """Silero VAD speech probability per 32 ms window of a 16 kHz signal (``len(y) // 512 + 1`` windows).

    Run a minute (``chunk_windows``) at a time: over a whole recording at once the model's batch costs
    ~370 MB per 20 minutes. Each chunk after the first is run with ``context_windows`` (1 s) of the audio
    before it, whose outputs are dropped, so the model's state has settled where the chunk's own windows
    start. Chunks are copied, because the model writes into the array it is given. ``lead_windows``: ``y``
    begins with that many windows of context for its first chunk, whose values are not returned (a
    recording computed a part at a time then gets the values of the whole).
    """
    disable_telemetry()  # before ONNX Runtime loads, whoever calls
    from faster_whisper.vad import get_vad_model

    model = get_vad_model()
    step, context = chunk_windows * _SILERO_WINDOW, context_windows * _SILERO_WINDOW
    parts = []
    for start in range(lead_windows * _SILERO_WINDOW, len(y) + 1, step):
        lead = min(start, context)
        chunk = np.array(y[start - lead:start + step], dtype=np.float32)
        if start + step > len(y):  # the last chunk: padded to whole windows plus one, as a whole signal would be
            chunk = np.pad(chunk, (0, _SILERO_WINDOW - len(chunk) % _SILERO_WINDOW))
        parts.append(np.asarray(model(chunk), dtype=np.float32).reshape(-1)[lead // _SILERO_WINDOW:])
    return np.concatenate(parts)


def detect_speech(y: np.ndarray, features: Features, norms: Norms, *,
                  probabilities: np.ndarray | None = None) -> SpeechActivity:
    """Decide speech per frame of ``features`` for the 16 kHz signal ``y``."""
    probs = silero_probabilities(y) if probabilities is None else probabilities
    index = np.minimum((features.times * _SILERO_RATE / _SILERO_WINDOW).astype(int), len(probs) - 1)
    vad = probs[index] > norms.vad_speech_prob
    if not vad.any():
        return SpeechActivity(np.zeros_like(vad), None, None)
    widen = int(_WIDEN_S / features.hop_s)
    vad_wide = np.convolve(vad.astype(float), np.ones(2 * widen + 1), mode="same") > 0
    level = features.rms_db
    speech_db = float(np.percentile(level[vad], 90))
    quiet = level[~vad_wide]
    enough_quiet = len(quiet) * features.hop_s >= _MIN_QUIET_S
    floor_db = float(np.percentile(quiet if enough_quiet else level, 20 if enough_quiet else 5))
    cut = max(floor_db + norms.silence_above_floor_db, speech_db - norms.silence_below_speech_db)
    speech = vad_wide & (level > cut)
    speech = drop_short_runs(speech, int(_MIN_BLIP_S / features.hop_s))
    return SpeechActivity(speech, round(speech_db, 2), round(floor_db, 2) if enough_quiet else None)


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Half-open index ranges [start, end) where ``mask`` is True."""
    padded = np.concatenate([[False], mask.astype(bool), [False]])
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def drop_short_runs(mask: np.ndarray, min_frames: int) -> np.ndarray:
    out = mask.copy()
    for start, end in true_runs(mask):
        if end - start < min_frames:
            out[start:end] = False
    return out
