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


def scratch_wav(kind: str) -> Path:
    """A fresh path for a throw-away recording (microphone check, tempo calibration)."""
    import uuid

    folder = data_dir() / "scratch"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{uuid.uuid4().hex[:8]}.wav"
