"""PyInstaller runtime hook: let sounddevice find the PortAudio library shipped inside the app.

On Linux sounddevice looks PortAudio up with ``ctypes.util.find_library``,
which only searches the system; the packaged app carries its own copy.
"""

import ctypes.util
import os
import sys

_shipped = os.path.join(sys._MEIPASS, "libportaudio.so.2")
_find_library = ctypes.util.find_library


def _find_shipped_portaudio(name):
    if name == "portaudio" and os.path.exists(_shipped):
        return _shipped
    return _find_library(name)


ctypes.util.find_library = _find_shipped_portaudio
