"""The engine's errors, under the project-wide base in ``core.errors``."""

from sobes.core.errors import InputError, SobesError


class AudioLoadError(InputError):
    """An input file is missing, unreadable, not audio, or empty."""


class ModelError(SobesError):
    """The speech recognition model is missing, corrupt or cannot be fetched."""
