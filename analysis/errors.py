"""The engine's errors, under the project-wide base in ``core.errors``."""

from sobes.core.errors import SobesError


class ModelError(SobesError):
    """The speech recognition model is missing, corrupt or cannot be fetched."""
