"""Keep libasound's own error lines off the terminal.

ALSA's library writes its errors straight to stderr («ALSA lib
pcm.c:8570:(snd_pcm_recover) underrun occurred», «Unknown PCM cards.pcm.rear»
while PortAudio probes devices): English lines with file names and line
numbers in the middle of `sobes interview`'s Russian, about things PortAudio
already handles or reports itself. ``silence()`` gives libasound an error
handler that drops them (logged at debug level), once per process, before
PortAudio is loaded. Where there is no libasound (macOS, Windows) it does
nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

logger = logging.getLogger(__name__)

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...): the fixed
# arguments are read; the variadic ones are left alone (the caller cleans up the stack on every ABI ALSA runs on)
_HANDLER_TYPE = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
_installed: list = []  # the handler, kept alive for as long as libasound may call it


def _drop(file: bytes | None, line: int, function: bytes | None, err: int, fmt: bytes | None) -> None:
    logger.debug("ALSA: %s:%d (%s) %s", (file or b"").decode(errors="replace"), line,
                 (function or b"").decode(errors="replace"), (fmt or b"").decode(errors="replace"))


def silence() -> bool:
    """Install the quiet handler; True when libasound is there and takes it (also when already installed)."""
    if _installed:
        return True
    name = ctypes.util.find_library("asound")
    if not name:
        return False
    try:
        library = ctypes.CDLL(name)
        handler = _HANDLER_TYPE(_drop)
        if library.snd_lib_error_set_handler(handler) != 0:
            return False
    except (OSError, AttributeError) as exc:
        logger.debug("ALSA's error handler not set: %r", exc)
        return False
    _installed.append(handler)
    return True
