"""Play a prompt or a cue through an output device, and tell when it ended.

The output callback copies the next block of a prepared array, nothing more;
``Playback.done`` is set when the last block has played (the session starts
the think-time or answer timer on it) or when the device failed.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import numpy as np

from audio.devices import find_device, get_backend
from audio.errors import AudioDeviceError, from_portaudio

logger = logging.getLogger(__name__)

OUTPUT_RATE = 48_000


@dataclass
class Playback:
    """A running playback; wait on ``done``; ``error`` is set if the device failed."""

    done: threading.Event = field(default_factory=threading.Event)
    error: AudioDeviceError | None = None
    underflows: int = 0  # callbacks that reported an output underflow (an audible gap)
    _stream: object = None

    def stop(self) -> None:
        if self._stream is not None:
            try:
                self._stream.stop()
            finally:
                self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)


def _output_rate(device, backend) -> int:
    """48 kHz when the device takes it (low rates through PulseAudio's ALSA plugin underrun), else its own."""
    try:
        backend.check_output_settings(device=device.index, samplerate=OUTPUT_RATE, channels=1, dtype="float32")
        return OUTPUT_RATE
    except (backend.PortAudioError, ValueError):
        return device.default_rate


def play(samples: np.ndarray, sr: int, *, device: str | int | None = None, backend=None,
         on_done=None) -> Playback:
    """Start playing mono float32 ``samples`` at ``sr`` (resampled for the device); returns at once."""
    backend = backend or get_backend()
    target = find_device(device, kind="output", backend=backend)
    rate = _output_rate(target, backend)
    data = np.asarray(samples, dtype=np.float32).reshape(-1)
    if rate != sr:
        from scipy.signal import resample_poly  # 0.5 s to import: deferred

        data = resample_poly(data, rate, sr).astype(np.float32)
    position = 0
    playback = Playback()

    def callback(outdata, frames, time_info, status):
        nonlocal position
        if status and getattr(status, "output_underflow", False):
            playback.underflows += 1
        chunk = data[position:position + frames]
        outdata[: len(chunk), 0] = chunk
        outdata[len(chunk):, 0] = 0
        position += frames
        if position >= len(data):
            raise backend.CallbackStop

    def finished():
        if position < len(data) and playback.error is None:
            playback.error = AudioDeviceError("Устройство вывода звука отключилось. Выберите другое в настройках.",
                                              f"{target.name} stopped during playback")
        playback.done.set()
        if on_done is not None:
            on_done(playback)

    try:
        stream = backend.OutputStream(device=target.index, samplerate=rate, channels=1, dtype="float32",
                                      callback=callback, finished_callback=finished)
        playback._stream = stream
        stream.start()
    except backend.PortAudioError as exc:
        raise from_portaudio(exc, context=f"playing on {target.name}") from None
    return playback
