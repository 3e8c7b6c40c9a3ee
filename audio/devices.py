"""Audio devices: which exist, which to use, at which sample rate.

The backend is the ``sounddevice`` module or anything with the same few
attributes (``query_devices``, ``check_input_settings``, ``InputStream``,
``OutputStream``, ``default``, ``PortAudioError``), so tests inject a fake
(ANCHORS model 5). ``SOBES_FAKE_INPUT=path.wav`` makes the whole app record
that file in real time instead of a microphone, for demos and tests.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from sobes.audio import alsa_quiet
from sobes.audio.errors import AudioDeviceError, from_portaudio

logger = logging.getLogger(__name__)

# 48 kHz first: it is native to nearly all hardware. 16 kHz makes the audio stack resample, and
# through PulseAudio's ALSA plugin that started 1.7 s late and lost ~40 % of the frames here.
PREFERRED_RATES = (48_000, 16_000)
FAKE_INPUT_ENV = "SOBES_FAKE_INPUT"


@dataclass(frozen=True)
class Device:
    index: int
    name: str
    inputs: int
    outputs: int
    default_rate: int
    is_default_input: bool = False
    is_default_output: bool = False


def get_backend():
    """The real sounddevice module, or a real-time fake when ``SOBES_FAKE_INPUT`` is set."""
    fake = os.environ.get(FAKE_INPUT_ENV)
    if fake:
        from sobes.audio.fake_backend import FakeBackend

        return FakeBackend(fake, realtime=True)
    alsa_quiet.silence()  # before PortAudio loads: its probing and underruns make libasound write to stderr
    try:
        import sounddevice
    except ImportError:
        raise AudioDeviceError("Не установлен модуль звука. Запустите установку заново (bash scripts/setup.sh).",
                               "the sounddevice package is not installed") from None
    except OSError as exc:  # PortAudio library missing
        raise AudioDeviceError("Звуковая система недоступна. Установите libportaudio2.",
                               f"PortAudio is not available: {exc}") from None
    return sounddevice


def list_devices(backend=None) -> list[Device]:
    backend = backend or get_backend()
    try:
        raw = backend.query_devices()
        default_in, default_out = _defaults(backend)
    except backend.PortAudioError as exc:
        raise from_portaudio(exc, context="listing devices") from None
    return [Device(i, d["name"], d["max_input_channels"], d["max_output_channels"],
                   int(d["default_samplerate"]), i == default_in, i == default_out)
            for i, d in enumerate(raw)]


def _defaults(backend) -> tuple[int, int]:
    device = backend.default.device  # sounddevice: an (input, output) pair; or one index for both
    try:
        pair = [device[0], device[1]]
    except TypeError:
        pair = [device, device]
    return (-1 if pair[0] is None else int(pair[0]), -1 if pair[1] is None else int(pair[1]))


def find_device(spec: str | int | None, *, kind: str = "input", backend=None) -> Device:
    """Pick a device by index or name substring; ``None`` is the system default."""
    devices = [d for d in list_devices(backend) if (d.inputs if kind == "input" else d.outputs) > 0]
    if not devices:
        raise AudioDeviceError("Микрофон не найден. Подключите его." if kind == "input"
                               else "Нет устройства вывода звука. Подключите наушники или колонки.",
                               f"no {kind} device")
    if spec is None:
        default = next((d for d in devices if (d.is_default_input if kind == "input" else d.is_default_output)),
                       devices[0])
        return default
    text = str(spec)
    for d in devices:
        if text.isdigit() and d.index == int(text) or not text.isdigit() and text.lower() in d.name.lower():
            return d
    raise AudioDeviceError(f"Устройство «{spec}» не найдено. Выберите другое в настройках (список: sobes devices).",
                           f"{kind} device {spec!r} not found")


def choose_input_rate(device: Device, backend=None) -> int:
    """48 or 16 kHz when the device takes them, else its own default rate."""
    backend = backend or get_backend()
    for rate in (*PREFERRED_RATES, device.default_rate):
        try:
            backend.check_input_settings(device=device.index, samplerate=rate, channels=1, dtype="int16")
            return rate
        except backend.PortAudioError as exc:
            logger.debug("%s refuses %d Hz: %s", device.name, rate, exc)
        except ValueError as exc:  # sounddevice raises ValueError for some invalid settings
            logger.debug("%s refuses %d Hz: %s", device.name, rate, exc)
    raise AudioDeviceError("Микрофон не поддерживает нужную частоту. Выберите другое устройство.",
                           f"{device.name} accepts none of {PREFERRED_RATES} Hz nor its default rate")
