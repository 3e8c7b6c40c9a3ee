"""The per-user cache folder: the assembled speech model and the interviewer's rendered prompts. Nothing in it is
the user's own data (that is the data folder, ``interview.paths``): it can be deleted and is made again."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

CACHE_ENV = "SOBES_CACHE_DIR"


def cache_dir() -> Path:
    """Per-user cache root; ``$SOBES_CACHE_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("sobes"))
