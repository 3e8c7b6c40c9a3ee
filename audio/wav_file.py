"""A WAV file that is valid while it is being written, and its recovery after a crash.

The recorder appends 16-bit PCM and rewrites the two size fields of the header
at every flush, so a process killed mid-answer leaves a readable file holding
everything up to the last flush. ``recover_wav`` then sets the sizes from the
file length, which gives back the rest: the data written after that flush is on
disk already (the kernel keeps written pages when a process dies).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

from sobes.core.files import write_atomically

_HEADER = 44


def _header(rate: int, channels: int, data_bytes: int) -> bytes:
    block_align = channels * 2
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block_align, block_align, 16)
            + b"data" + struct.pack("<I", data_bytes))


class StreamingWavWriter:
    """Append-only 16-bit PCM WAV writer with a header that follows the data."""

    def __init__(self, path: str | os.PathLike, rate: int, channels: int = 1):
        self.path = Path(path)
        self.rate, self.channels = rate, channels
        self.frames = 0
        # A recording of a person's voice: readable by its owner only (POSIX modes; ignored on Windows);
        # created anew, never over an existing file: no path ever overwrites a recording.
        self._file = open(self.path, "xb", opener=lambda name, flags: os.open(name, flags, 0o600))
        self._file.write(_header(rate, channels, 0))

    def append(self, pcm: np.ndarray) -> None:
        """Write int16 samples, shape (n,) or (n, channels); goes to the OS at once."""
        data = np.ascontiguousarray(pcm, dtype="<i2").tobytes()
        self._file.write(data)
        self._file.flush()
        self.frames += len(data) // (2 * self.channels)

    def flush(self, *, sync: bool = False) -> None:
        """Make the header match the data written so far; ``sync`` also forces it to the disk."""
        data_bytes = self.frames * 2 * self.channels
        end = self._file.tell()
        self._file.seek(4)
        self._file.write(struct.pack("<I", 36 + data_bytes))
        self._file.seek(40)
        self._file.write(struct.pack("<I", data_bytes))
        self._file.seek(end)
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())

    @property
    def seconds(self) -> float:
        return self.frames / self.rate

    def close(self) -> None:
        """Write the final header and close; the file is closed even when the disk refuses the last bytes
        (the error is raised after, and what reached the disk stays readable)."""
        if self._file.closed:
            return
        try:
            self.flush(sync=True)
        finally:
            try:
                self._file.close()
            except OSError:
                pass  # the buffer that could not be written is what the error above is about


def recover_wav(path: str | os.PathLike) -> float:
    """Fix the header of a WAV cut short by a crash; returns the seconds it now holds.

    Only files written by ``StreamingWavWriter`` (plain 44-byte PCM header) are
    touched; a trailing half sample is dropped.
    """
    path = Path(path)
    with open(path, "r+b") as fh:
        header = fh.read(_HEADER)
        if len(header) < _HEADER or header[:4] != b"RIFF" or header[36:40] != b"data":
            raise ValueError(f"{path} is not a recording made by Sobes")
        channels, rate = struct.unpack("<HI", header[22:28])
        size = path.stat().st_size
        data_bytes = (size - _HEADER) // (2 * channels) * (2 * channels)
        fh.truncate(_HEADER + data_bytes)
        fh.seek(0)
        fh.write(_header(rate, channels, data_bytes))
    return data_bytes / (2 * channels) / rate


def write_wav(path: str | os.PathLike, samples: np.ndarray, rate: int) -> None:
    """Write a float signal in [-1, 1] as a 16-bit mono WAV, whole or not at all (``OutputError``)."""
    data = np.ascontiguousarray((np.clip(samples, -1, 1) * 32767).astype("<i2")).tobytes()
    write_atomically(path, _header(rate, 1, len(data)) + data)
