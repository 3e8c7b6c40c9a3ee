"""One running app per data folder: a second window would write the same history and recordings.

An OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``<data folder>/sobes.lock``: the OS drops it when the process ends however it
ends, so a crash never leaves a stale lock behind (unlike a PID file).
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis.errors import SobesError
from interview.paths import data_dir, private_folder


class AlreadyRunning(SobesError):
    """Another Sobes window uses this data folder."""


class InstanceLock:
    def __init__(self, folder: Path | None = None):
        self.path = private_folder(folder or data_dir()) / "sobes.lock"
        self._fd: int | None = None

    def acquire(self) -> "InstanceLock":
        """Take the lock or raise ``AlreadyRunning``; held until ``release`` or the process ends."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyRunning(f"Sobes is already running with the data folder {self.path.parent}: "
                                 "switch to its window") from None
        self._fd = fd
        return self

    def held_elsewhere(self) -> bool:
        """True when another process holds the lock (checked by taking and dropping it)."""
        try:
            self.acquire()
        except AlreadyRunning:
            return True
        self.release()
        return False

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


def _lock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
