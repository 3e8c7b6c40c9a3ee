"""Reading the files a user names, and writing files, so that nothing hangs, half-writes or reaches the network.

Reading: a path is opened as a plain local file (never handed to a library
that would read ``tcp:…`` or ``http:…`` as an address) and refused at once
when it is not a regular file: a FIFO would block forever, a device would
never end, a folder is not a file.

Writing: an output is written under a temporary name in its folder and
renamed over the target only when complete, so a full disk or a killed
process never leaves a partial file behind; every failure becomes one line
that says what to do.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sobes.core.errors import InputError, OutputError


def open_regular_file(path: str | os.PathLike, *, what: str = "файл") -> BinaryIO:
    """Open ``path`` for reading if it is a regular file; ``InputError`` (one line) otherwise.

    The file is opened without blocking and checked on the open descriptor, so a FIFO cannot hang the
    call and nothing can be swapped in between the check and the read.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(_cannot_read(name, exc, what)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name} — это папка, а не {what}: укажите сам файл")
        if not stat.S_ISREG(mode):
            raise InputError(f"{name} — не обычный файл (канал или устройство): укажите {what} на диске")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _cannot_read(name: str, exc: OSError, what: str) -> str:
    if exc.errno == errno.ENOENT:
        return f"{what} не найден: {name}"
    if exc.errno == errno.ELOOP:
        return f"{name}: символические ссылки указывают друг на друга по кругу; укажите сам {what}"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"нет прав на чтение {name}: проверьте права доступа к файлу"
    if exc.errno == errno.EISDIR:
        return f"{name} — это папка, а не {what}: укажите сам файл"
    return f"не удалось открыть {name}: {exc.strerror or exc}"


def check_output_path(path: str | os.PathLike) -> Path:
    """Refuse, before any work, an output path that can never be written: a folder, a missing or
    read-only folder. Returns the path."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target} — это папка: укажите имя файла, например {target / 'ответ.wav'}")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"папки {folder} нет: создайте её или укажите другую")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"нет прав на запись в папку {folder}: укажите другую")
    return target


def output_error(path: str | os.PathLike, exc: OSError) -> OutputError:
    """One line for a failed write of ``path``: no space, no permission, a folder, a missing folder."""
    name = os.fspath(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"на диске нет места для {name}: освободите место и повторите")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"нет прав на запись {name}: укажите другую папку")
    if exc.errno == errno.EISDIR:
        return OutputError(f"{name} — это папка: укажите имя файла")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return OutputError(f"папки для {name} нет: создайте её или укажите другую")
    return OutputError(f"не удалось записать {name}: {exc.strerror or exc}")


@contextmanager
def replaced_atomically(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without error it replaces ``path``.

    On any error the temporary file is removed and ``path`` is left as it was. ``OSError`` becomes an
    ``OutputError`` with one line.
    """
    target = check_output_path(path)
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        os.close(fd)
    except OSError as exc:
        raise output_error(target, exc) from None
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        raise output_error(target, exc) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_atomically(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replaced_atomically(path) as temporary:
        with open(temporary, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
