"""One running app per data folder: a second window would write the same history and recordings.

An OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``sobes.lock`` beside the history: the OS drops it when the process ends
however it ends, so a crash never leaves a stale lock behind (unlike a PID
file). The command line asks the same lock for any history it is pointed at
(``--db``), so it never changes a history the window has open.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sobes.core.errors import SobesError
from sobes.interview.disk_faults import folder_fault
from sobes.interview.paths import data_dir, private_folder

LOCK_NAME = "sobes.lock"


class AlreadyRunning(SobesError):
    """Another Sobes window uses this data folder."""


class DataFolderUnusable(SobesError, OSError):
    """The data folder cannot hold the lock file (read-only, full, no rights, failing disk); the message says
    what to do. An ``OSError`` too, for callers that catch the OS's own."""


class InstanceLock:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or data_dir()
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        """Take the lock or raise ``AlreadyRunning``; held until ``release`` or the process ends."""
        try:
            private_folder(self.folder)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DataFolderUnusable(folder_fault(self.folder, exc.errno)) from None
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyRunning("Собес уже открыт с этой папкой данных: переключитесь на его окно") from None
        self._fd = fd
        return self

    def held_elsewhere(self) -> bool:
        """True when another process holds the lock; creates nothing (no lock file means nobody holds it)."""
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return False
        try:
            _lock(fd)
        except OSError:
            return True
        finally:
            os.close(fd)  # closing the descriptor drops a lock we took
        return False

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
