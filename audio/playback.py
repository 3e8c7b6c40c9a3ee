"""Play a prompt or a cue through an output device, and tell when it ended.

The output callback copies the next block of a prepared array, nothing more;
``Playback.done`` is set when the last block has played (the session starts
the think-time or answer timer on it) or when the device failed.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sobes.audio.devices import find_device, get_backend
from sobes.audio.errors import AudioDeviceError, from_portaudio
from sobes.core.resample import resample

logger = logging.getLogger(__name__)

OUTPUT_RATE = 48_000


@dataclass(eq=False)  # one playback is one object: kept in sets while it plays
class Playback:
    """A running playback; ``wait`` for its end, or ``stop`` it; ``error`` is set if the device failed.

    Both close the output stream: an open stream keeps a PortAudio thread and about seven file handles
    (a window that spoke 50 questions had 350 handles open). The stream cannot be closed from its own
    finished callback, which runs on PortAudio's thread.
    """

    done: threading.Event = field(default_factory=threading.Event)
    error: AudioDeviceError | None = None
    underflows: int = 0  # callbacks that reported an output underflow (an audible gap)
    _stream: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def stop(self) -> None:
        """End the playback now (if still playing) and release the device."""
        self._close(stop=True)
        self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until it has played; True when it ended (and its stream is closed)."""
        ended = self.done.wait(timeout)
        if ended:
            self._close(stop=False)
        return ended

    def _close(self, *, stop: bool) -> None:
        with self._lock:
            stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            if stop:
                stream.stop()
            stream.close()
        except Exception as exc:  # the device may already be gone; nothing is left to release then
            logger.debug("closing an output stream: %r", exc)


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
        data = resample(data, sr, rate)
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
