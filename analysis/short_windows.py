"""Whisper's encoder may read the audio a window holds, not 30 seconds of padding.

faster-whisper pads every window's features to 30 s (3000 frames) before the
encoder, as Whisper was trained, so a 4 s glimpse for the live counters cost as
much encoder time as a 30 s piece (0.6 s of the 0.8 s it took quiet, twice
that on a busy machine). CTranslate2 accepts shorter inputs (since 3.20,
"Relax shape checks for Whisper input features"), and the padding is plain
zeros (faster_whisper.audio.pad_or_trim), which real features never are
(silence reads about -1.5 after Whisper's normalisation).

It is not free: on the real voice's held-out recordings beam search made
0.220 word errors with a second of padding and 0.204 with three, against
0.197 padded to 30 s, and a piece could come out with its last clause twice
(docs/transcription.md). So only the decodings that give way to speed ask
for it (``TranscribeOptions.fast``: glimpses, and pieces and tails on a busy
machine); the transcript of a quiet machine is decoded as trained.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

FRAMES_PER_S = 100  # Whisper's features: one frame every 10 ms


def trimmed(features: np.ndarray, margin_frames: int) -> np.ndarray:
    """``features`` (…, mels, frames) without the zero padding more than ``margin_frames`` after the last frame
    that is not padding; an even number of frames (the encoder halves them)."""
    frame_axes = tuple(range(features.ndim - 1))
    filled = np.flatnonzero(np.any(features != 0, axis=frame_axes))
    keep = min(features.shape[-1], (int(filled[-1]) + 1 if len(filled) else 0) + margin_frames)
    keep = max(2, keep + keep % 2)
    return features if keep >= features.shape[-1] else features[..., :keep]


class _Margin(threading.local):
    """The padding frames the encoder reads in this thread's decoding (None: all of it)."""

    frames: int | None = None


def short_window_model(model_class: type) -> type:
    """A subclass of faster-whisper's ``WhisperModel`` whose encoder reads only as much of a window's padding as
    the decoding under way in the calling thread asked for (``encoder_margin``); the model is shared by threads."""

    class ShortWindowWhisper(model_class):
        margin = _Margin()

        def encode(self, features: np.ndarray):
            frames = self.margin.frames
            return super().encode(features if frames is None else trimmed(features, frames))

    return ShortWindowWhisper


@contextmanager
def encoder_margin(model, margin_s: float | None) -> Iterator[None]:
    """Within this block, ``model`` (if a ``short_window_model``) encodes ``margin_s`` seconds of each window's
    padding in this thread (None: all of it, as trained)."""
    holder = getattr(model, "margin", None)
    if not isinstance(holder, _Margin):
        yield
        return
    previous = holder.frames
    holder.frames = None if margin_s is None else int(round(margin_s * FRAMES_PER_S))
    try:
        yield
    finally:
        holder.frames = previous
