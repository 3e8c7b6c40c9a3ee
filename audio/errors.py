"""Audio errors: a Russian sentence for the user, the technical detail for the log.

PortAudio reports numeric codes (paInvalidDevice = -9996, …); these become a
sentence that says what happened and what to do.
"""

from __future__ import annotations

from sobes.core.errors import SobesError

# PortAudio error code -> what the user reads
_PORTAUDIO_MESSAGES = {
    -9996: "Микрофон или динамик не найден. Выберите другое устройство в настройках (список: sobes devices).",
    -9997: "Устройство не поддерживает эту частоту дискретизации. Выберите другое устройство.",
    -9998: "У выбранного устройства нет входа: это не микрофон. Выберите другое.",
    -9985: "Устройство занято другой программой или недоступно. Закройте её и попробуйте снова.",
    -9987: "Устройство не отвечает. Переподключите его и попробуйте снова.",
    -9999: "Ошибка звуковой системы. Переподключите устройство или перезапустите звук.",
    -10000: "Звуковая система недоступна. Установите libportaudio2.",
}
_GENERIC = "Ошибка звукового устройства. Переподключите его или выберите другое."


class AudioDeviceError(SobesError):
    """A device could not be opened, or failed while in use.

    ``str()`` is the Russian sentence for the user; ``detail`` is the technical cause, for the log.
    """

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


def from_portaudio(exc: Exception, *, context: str = "") -> AudioDeviceError:
    """Translate a ``sounddevice.PortAudioError`` (or similar) into an ``AudioDeviceError``."""
    code = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else 0
    detail = exc.args[0] if exc.args and isinstance(exc.args[0], str) else repr(exc)
    return AudioDeviceError(_PORTAUDIO_MESSAGES.get(code, _GENERIC), f"{context}: {detail}" if context else detail)
