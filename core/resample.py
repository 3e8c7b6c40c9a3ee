"""One resampler for every signal: a recorded file, a live microphone, a prompt to play.

FFmpeg's resampler (through PyAV, already a dependency of faster-whisper)
keeps its filter state between blocks, so a signal fed in 0.1 s blocks while
it is recorded comes out sample for sample equal to the same signal resampled
whole after the fact (tested at 8 to 48 kHz). That is why a report made
while recording and a re-analysis of the saved file agree.
"""

from __future__ import annotations

import numpy as np


class Resampler:
    """``push`` mono float32 blocks at ``source_rate``, get them at ``target_rate``; ``flush`` at the end."""

    def __init__(self, source_rate: int, target_rate: int):
        if source_rate <= 0 or target_rate <= 0:
            raise ValueError(f"sample rates must be positive, not {source_rate} and {target_rate}")
        self.source_rate, self.target_rate = int(source_rate), int(target_rate)
        self._swr = None
        if self.source_rate != self.target_rate:
            import av

            self._swr = av.AudioResampler(format="flt", layout="mono", rate=self.target_rate)

    def push(self, block: np.ndarray) -> np.ndarray:
        """Resampled output for ``block`` (what the filter can already give; the rest comes later)."""
        samples = np.ascontiguousarray(block, dtype=np.float32).reshape(-1)
        if self._swr is None:
            return samples.copy()
        if samples.size == 0:
            return np.zeros(0, np.float32)
        import av

        frame = av.AudioFrame.from_ndarray(samples[None, :], format="flt", layout="mono")
        frame.sample_rate = self.source_rate
        frame.pts = None
        return _joined(self._swr.resample(frame))

    def flush(self) -> np.ndarray:
        """The last samples the filter held back."""
        if self._swr is None:
            return np.zeros(0, np.float32)
        return _joined(self._swr.resample(None))


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """A whole mono signal from ``source_rate`` to ``target_rate``."""
    resampler = Resampler(source_rate, target_rate)
    return np.concatenate([resampler.push(samples), resampler.flush()])


def _joined(frames) -> np.ndarray:
    parts = [frame.to_ndarray().reshape(-1) for frame in frames]
    if not parts:
        return np.zeros(0, np.float32)
    return np.concatenate(parts).astype(np.float32, copy=False)
