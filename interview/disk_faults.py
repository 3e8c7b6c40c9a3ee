"""What to tell the user when a folder of theirs cannot be written: each cause has its own advice.

A full disk needs space freed, a read-only one remounting or another folder, missing rights a change of
rights, a failing disk a check. SQLite does not always say which: on a full disk it may report an I/O
error (its shared-memory file could not grow) and on a read-only one a generic failure, so the folder
itself is asked as well.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

NEARLY_FULL_BYTES = 1_000_000  # less than this free, an I/O error while writing is the full disk
_IO_ERRNOS = (errno.EIO,)
_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
_RIGHTS_ERRNOS = (errno.EACCES, errno.EPERM)
OTHER_FOLDER = "укажите другую папку данных (переменная SOBES_DATA_DIR)"


def _existing(folder: Path) -> Path:
    """``folder`` or its nearest parent that exists: the disk a folder yet to be made would be on."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return folder


def is_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(_existing(folder)).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def is_read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(_existing(folder)).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return False


def folder_fault(folder: Path, error_number: int | None, *, io_error: bool = False, what: str = "") -> str:
    """One Russian line that says what is wrong with ``folder`` and what to do.

    ``error_number`` is the OS's (``errno``) when known; ``io_error`` says the writer reported an I/O
    error without one (SQLite); ``what`` names what was being written there (for the full-disk line).
    """
    failing = io_error or error_number in _IO_ERRNOS
    if error_number in _FULL_ERRNOS or (failing and is_nearly_full(folder)):
        return f"на диске нет места{' для ' + what if what else ''} ({folder}): освободите место и повторите"
    if error_number == errno.EROFS or is_read_only(folder):
        return f"диск с папкой {folder} подключён только для чтения: подключите его для записи или {OTHER_FOLDER}"
    if failing:
        return f"диск с папкой {folder} не читается: проверьте его и повторите"
    if error_number in _RIGHTS_ERRNOS or not os.access(_existing(folder), os.W_OK):
        return f"нет прав на запись в папку {folder}: проверьте права на неё или {OTHER_FOLDER}"
    return f"папка {folder} недоступна для записи: проверьте права на неё или {OTHER_FOLDER}"
