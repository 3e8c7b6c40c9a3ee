"""Resampling a signal that arrives in blocks, with the same result as resampling it whole.

Why: ``resample_poly`` treats the signal as zero outside the array it is
given, so resampling each 0.1 s block of a recording on its own puts an error
at every block edge, ten times a second (about -50 dB on a low tone, more on
speech), and the analysed signal is no longer the recorded one. Here each
block is resampled with enough of the audio before it, and the last few
output samples wait for the next block.
"""

from __future__ import annotations

from math import ceil, gcd

import numpy as np


class StreamResampler:
    """``push`` blocks at ``source_rate``, get the signal at ``target_rate``; ``flush`` at the end."""

    def __init__(self, source_rate: int, target_rate: int):
        g = gcd(source_rate, target_rate)
        self.up, self.down = target_rate // g, source_rate // g
        # resample_poly's filter reaches 10 * max(up, down) upsampled samples each way (its default window).
        self.margin = ceil(10 * max(self.up, self.down) / self.up) + 2
        self._raw = np.zeros(0, np.float32)
        self._raw_start = 0  # input index of _raw[0]
        self._emitted = 0  # output samples given out so far

    def push(self, block: np.ndarray) -> np.ndarray:
        """Resampled output that later input can no longer change."""
        self._raw = np.concatenate([self._raw, block.astype(np.float32, copy=False)])
        available = self._raw_start + len(self._raw)
        return self._emit((available - self.margin) * self.up // self.down)

    def flush(self) -> np.ndarray:
        """The rest of the output, as ``resample_poly`` of the whole signal would end."""
        return self._emit(ceil((self._raw_start + len(self._raw)) * self.up / self.down))

    def _emit(self, until: int) -> np.ndarray:
        """Output samples ``[emitted, until)``, from the input kept since ``_raw_start``.

        ``_raw_start`` is always a multiple of ``down``, so it maps to a whole output sample, and lies at
        least ``margin`` input samples before the first output still to come (or is 0, where the signal's
        own start is).
        """
        if until <= self._emitted:
            return np.zeros(0, np.float32)
        if self.up == self.down:
            out = self._raw[self._emitted - self._raw_start: until - self._raw_start]
        else:
            from scipy.signal import resample_poly  # deferred: 0.5 s to import

            first_out = self._raw_start * self.up // self.down
            out = resample_poly(self._raw, self.up, self.down)[self._emitted - first_out: until - first_out]
        self._emitted += len(out)
        keep_from = (self._emitted * self.down // self.up - self.margin) // self.down * self.down
        if keep_from > self._raw_start:
            self._raw, self._raw_start = self._raw[keep_from - self._raw_start:], keep_from
        return out.astype(np.float32, copy=False)
