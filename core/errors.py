"""The one error base of Sobes.

Every error a user can cause carries a one-line message that says what went
wrong and what to do, so the command line and the window can show it as is,
without a traceback.
"""


class SobesError(Exception):
    """Base class of all errors reported to the user."""


class InputError(SobesError):
    """A file or value the user gave cannot be used (missing, a folder, a device, out of range)."""


class AudioLoadError(InputError):
    """An audio file is missing, unreadable, not audio, or empty."""


class OutputError(SobesError):
    """A file cannot be written where the user asked (a folder, read-only, no space left)."""


class Cancelled(SobesError):
    """A long job was cancelled by its caller; what it had made so far is discarded."""


def user_message(exc: BaseException, fallback: str) -> str:
    """What to tell the user about ``exc``: its own sentence when it is one of ours, else ``fallback``.

    Other exceptions are bugs or library internals, whose text is English and technical.
    """
    return str(exc) if isinstance(exc, SobesError) else fallback
