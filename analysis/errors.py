"""One error hierarchy for the engine.

Every error carries a one-line, user-facing message that says what went wrong
and what to do, so the CLI and the UI can show it as is, without a traceback.
"""


class SobesError(Exception):
    """Base class of all errors the engine reports to the user."""


class AudioLoadError(SobesError):
    """An input file is missing, unreadable, not audio, or empty."""


class ModelError(SobesError):
    """The speech recognition model is missing, corrupt or cannot be fetched."""


class Cancelled(SobesError):
    """A long job was cancelled by the caller; partial results are discarded."""
