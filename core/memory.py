"""Hand memory the process has freed back to the system, where the C library allows it.

Why: glibc keeps freed heap for reuse, so a transcription's working buffers
(~80 MB for a 40 s answer) stay in the process's resident size after it ends,
and the analysis that follows piles its own memory on top: `sobes analyze`
peaked at 1.4× plain faster-whisper's memory, and the window grew with every
answer (docs/performance.md). ``malloc_trim`` returns the free pages at the
top of every heap; it costs a few milliseconds and changes no result.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys


def release_freed_memory() -> bool:
    """Return freed heap pages to the system; whether the C library could (glibc on Linux)."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


@functools.cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return None
