"""A growing signal without quadratic copying: appended in blocks, read as one array.

Used where audio arrives piece by piece (a file being decoded, a microphone
being recorded): concatenating the whole signal at every block costs time
proportional to its square, and a list of blocks joined at the end doubles
peak memory on an hour-long file.
"""

from __future__ import annotations

import numpy as np


class SampleBuffer:
    """float32 samples; ``append`` a block, ``samples()`` gives a view of everything so far."""

    def __init__(self, capacity: int = 16_000 * 60):
        self._data = np.zeros(max(capacity, 1), np.float32)
        self._length = 0

    def append(self, block: np.ndarray) -> None:
        needed = self._length + len(block)
        if needed > len(self._data):
            grown = np.zeros(max(needed, 2 * len(self._data)), np.float32)
            grown[:self._length] = self._data[:self._length]
            self._data = grown
        self._data[self._length:needed] = block
        self._length = needed

    def samples(self) -> np.ndarray:
        """Everything appended so far (a view: valid until the next ``append``)."""
        return self._data[:self._length]

    def __len__(self) -> int:
        return self._length
