"""Where the user's data lives: recordings, the history database, own question banks.

``$SOBES_DATA_DIR`` overrides the platform folder (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_ENV = "SOBES_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir("sobes"))


def private_folder(path: Path) -> Path:
    """Create ``path`` and its missing parents readable by their owner only: they hold a person's voice.

    A folder that already exists is left as it is (a history the user put in a shared folder must not change
    that folder), except the data folder and what is inside it, which are Sobes's own: loosened by someone
    later, they are tightened again (on POSIX; Windows keeps its ACLs).
    """
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    if not missing and os.name == "posix" and _ours(path):
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & 0o077:
            os.chmod(path, 0o700)
    return path


def _ours(path: Path) -> bool:
    """Whether ``path`` is the data folder or inside it."""
    data = data_dir().resolve()
    resolved = path.resolve()
    return resolved == data or data in resolved.parents


def owner_only(path: Path) -> None:
    """Make a file of the user's data readable and writable by its owner only (POSIX)."""
    if os.name == "posix":
        os.chmod(path, 0o600)


def scratch_wav(kind: str) -> Path:
    """A fresh path for a throw-away recording (microphone check, tempo calibration)."""
    import uuid

    folder = private_folder(data_dir() / "scratch")
    return folder / f"{kind}-{uuid.uuid4().hex[:8]}.wav"
