"""A preallocated single-producer, single-consumer ring of int16 samples.

The PortAudio callback is the only writer and the recorder's writer thread
the only reader; each side moves only its own counter, so neither takes a
lock and the callback never allocates (Friture's model; buzz's ``np.append``
in the callback is the counter-example in ANCHORS.md).
"""

from __future__ import annotations

import numpy as np


class RingBuffer:
    def __init__(self, capacity: int):
        self._data = np.zeros(capacity, dtype=np.int16)
        self.capacity = capacity
        self._written = 0  # total samples ever written (producer's counter)
        self._read = 0  # total samples ever read (consumer's counter)
        self.dropped = 0  # samples lost because the reader fell a whole ring behind

    def write(self, block: np.ndarray) -> None:
        """Copy ``block`` (int16, shape (n,)) in; called from the audio callback."""
        n = len(block)
        free = self.capacity - (self._written - self._read)
        if n > free:
            self.dropped += n - free
            block, n = block[:free], free
        start = self._written % self.capacity
        first = min(n, self.capacity - start)
        self._data[start:start + first] = block[:first]
        self._data[: n - first] = block[first:]
        self._written += n

    def read(self) -> np.ndarray:
        """Everything written since the last read, as a new array."""
        written = self._written
        n = written - self._read
        start = self._read % self.capacity
        first = min(n, self.capacity - start)
        out = np.concatenate([self._data[start:start + first], self._data[: n - first]])
        self._read = written
        return out
