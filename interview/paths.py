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
    """Create ``path`` (and parents) readable by its owner only: it holds recordings of a person's voice.

    An existing folder of ours that others can read is tightened too (on POSIX; Windows keeps its ACLs).
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


def owner_only(path: Path) -> None:
    """Make a file of the user's data readable and writable by its owner only (POSIX)."""
    if os.name == "posix":
        os.chmod(path, 0o600)


def scratch_wav(kind: str) -> Path:
    """A fresh path for a throw-away recording (microphone check, tempo calibration)."""
    import uuid

    folder = private_folder(data_dir() / "scratch")
    return folder / f"{kind}-{uuid.uuid4().hex[:8]}.wav"
