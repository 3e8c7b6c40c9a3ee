"""Audio errors with a message for the log (English) and one for the user (Russian).

PortAudio reports numeric codes (paInvalidDevice = -9996, …); these become a
sentence that says what happened and what to do.
"""

from __future__ import annotations

from analysis.errors import SobesError

# PortAudio error code -> (English, Russian)
_PORTAUDIO_MESSAGES = {
    -9996: ("the audio device was not found: choose another microphone with `sobes devices`",
            "Микрофон не найден. Выберите другой в настройках."),
    -9997: ("the device does not support this sample rate",
            "Устройство не поддерживает эту частоту дискретизации. Выберите другое устройство."),
    -9998: ("the device has no input channels: it is not a microphone",
            "У выбранного устройства нет входа: это не микрофон. Выберите другое."),
    -9985: ("the device is busy or unavailable: close other programs that use the microphone",
            "Микрофон занят другой программой или недоступен. Закройте её и попробуйте снова."),
    -9987: ("the audio device timed out: reconnect it and try again",
            "Устройство не отвечает. Переподключите микрофон и попробуйте снова."),
    -9999: ("the audio system reported an error: reconnect the device or restart the audio service",
            "Ошибка звуковой системы. Переподключите устройство или перезапустите звук."),
    -10000: ("the audio system is not available: is PortAudio installed (libportaudio2)?",
             "Звуковая система недоступна. Установите libportaudio2."),
}
_GENERIC = ("the audio device failed: reconnect it or choose another one",
            "Ошибка звукового устройства. Переподключите его или выберите другое.")


class AudioDeviceError(SobesError):
    """A device could not be opened, or failed while in use; ``message_ru`` is for the UI."""

    def __init__(self, message: str, message_ru: str):
        super().__init__(message)
        self.message_ru = message_ru


def from_portaudio(exc: Exception, *, context: str = "") -> AudioDeviceError:
    """Translate a ``sounddevice.PortAudioError`` (or similar) into an ``AudioDeviceError``."""
    code = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
    english, russian = _PORTAUDIO_MESSAGES.get(code, _GENERIC)
    detail = f" ({exc.args[0]})" if exc.args and isinstance(exc.args[0], str) else ""
    prefix = f"{context}: " if context else ""
    return AudioDeviceError(f"{prefix}{english}{detail}", russian)
