"""A stand-in for the ``sounddevice`` module that replays a file as the microphone.

Two uses: unit tests (``realtime=False``: blocks are fed as fast as the
callback takes them, deterministically, with no sleeps) and demos or
subprocess tests without a microphone (``SOBES_FAKE_INPUT``: real-time pace,
or ``speed`` times faster, and silence after the file ends). ``fail_after_s`` makes the device vanish
mid-recording, as an unplugged USB microphone does (``output_fail_after_s``:
the output alone, mid-prompt). Output streams collect what is played in
``played``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np


class PortAudioError(Exception):
    """Same shape as sounddevice's: args are (message, code)."""


class CallbackStop(Exception):
    """Mirrors ``sounddevice.CallbackStop``."""


@dataclass
class _Flags:
    input_overflow: bool = False
    output_underflow: bool = False

    def __bool__(self) -> bool:
        return self.input_overflow or self.output_underflow


class _Default:
    device = [0, 1]


class FakeBackend:
    PortAudioError = PortAudioError
    CallbackStop = CallbackStop

    def __init__(self, source, *, realtime: bool = False, speed: float = 1.0, fail_after_s: float | None = None,
                 rates: tuple[int, ...] = (16_000, 48_000, 44_100), overflow_every: int = 0,
                 output_fail_after_s: float | None = None):
        # a path or a float32 array at 16 kHz; or a list of them, one for each microphone stream opened in turn
        self.source = source
        self.realtime = realtime
        self.speed = speed  # with realtime: how many times faster than real time
        self.fail_after_s = fail_after_s
        self.output_fail_after_s = fail_after_s if output_fail_after_s is None else output_fail_after_s
        self.rates = rates
        self.overflow_every = overflow_every
        self.default = _Default()
        self.played: list[np.ndarray] = []
        self.streams: list = []

    def query_devices(self):
        return [
            {"name": "Fake microphone", "max_input_channels": 1, "max_output_channels": 0,
             "default_samplerate": float(self.rates[0] if self.rates else 44_100)},
            {"name": "Fake speakers", "max_input_channels": 0, "max_output_channels": 2,
             "default_samplerate": 48_000.0},
        ]

    def check_input_settings(self, device=None, samplerate=None, channels=None, dtype=None):
        if samplerate not in self.rates:
            raise PortAudioError("Invalid sample rate", -9997)

    def check_output_settings(self, device=None, samplerate=None, channels=None, dtype=None):
        return None

    def InputStream(self, **kwargs):  # noqa: N802 (mirrors sounddevice)
        opened = sum(isinstance(s, _FakeInputStream) for s in self.streams)
        source = self.source[min(opened, len(self.source) - 1)] if isinstance(self.source, list) else self.source
        stream = _FakeInputStream(self, source=source, **kwargs)
        self.streams.append(stream)
        return stream

    def OutputStream(self, **kwargs):  # noqa: N802
        stream = _FakeOutputStream(self, **kwargs)
        self.streams.append(stream)
        return stream

    def samples_at(self, rate: int, source=None) -> np.ndarray:
        """A source (the first, by default) as int16 at ``rate``."""
        source = source if source is not None else self.source[0] if isinstance(self.source, list) else self.source
        if isinstance(source, np.ndarray):
            from sobes.core.resample import resample

            audio = source if rate == 16_000 else resample(source, 16_000, rate)
        else:
            from sobes.core.audio_file import load_audio

            audio = load_audio(source, sample_rate=rate).samples
        return (np.clip(audio, -1, 1) * 32767).astype(np.int16)


class _FakeInputStream:
    def __init__(self, backend: FakeBackend, *, source, samplerate, channels=1, dtype="int16", callback=None,
                 device=None, blocksize=0, finished_callback=None, **_):
        self.source = source
        self.backend = backend
        self.samplerate = int(samplerate)
        self.callback = callback
        self.finished_callback = finished_callback
        self.blocksize = blocksize or self.samplerate // 100
        self.active = False
        self.closed = False
        self._stop = threading.Event()
        self.fed = threading.Event()  # set once the whole source has been delivered
        self._thread: threading.Thread | None = None

    def start(self):
        self.active = True
        self._thread = threading.Thread(target=self._feed, name="fake-microphone", daemon=True)
        self._thread.start()

    def _feed(self):
        data = self.backend.samples_at(self.samplerate, self.source)
        limit = self.backend.fail_after_s
        n_blocks = 0
        started = time.monotonic()
        position = 0
        while not self._stop.is_set():
            if limit is not None and position >= limit * self.samplerate:
                self.active = False
                if self.finished_callback:
                    self.finished_callback()
                return
            if position >= len(data):
                self.fed.set()
                if not self.backend.realtime:
                    self._stop.wait()  # file done: the device stays open, silent, until stopped
                    return
            block = data[position:position + self.blocksize]
            if len(block) < self.blocksize:
                block = np.concatenate([block, np.zeros(self.blocksize - len(block), np.int16)])
            n_blocks += 1
            overflow = bool(self.backend.overflow_every) and n_blocks % self.backend.overflow_every == 0
            self.callback(block.reshape(-1, 1), self.blocksize, None, _Flags(input_overflow=overflow))
            position += self.blocksize
            if self.backend.realtime:
                delay = started + position / (self.samplerate * self.backend.speed) - time.monotonic()
                if delay > 0:
                    self._stop.wait(delay)

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join()
        self.active = False

    def close(self):
        self.stop()
        self.closed = True

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()


class _FakeOutputStream:
    def __init__(self, backend: FakeBackend, *, samplerate, channels=1, dtype="float32", callback=None,
                 device=None, blocksize=0, finished_callback=None, **_):
        self.backend = backend
        self.samplerate = int(samplerate)
        self.channels = channels
        self.callback = callback
        self.finished_callback = finished_callback
        self.blocksize = blocksize or 1024
        self.active = False
        self.closed = False

    def start(self):
        """Pull every block the callback gives until it raises CallbackStop (no real time)."""
        self.active = True
        collected: list[np.ndarray] = []
        limit = self.backend.output_fail_after_s
        while True:
            if limit is not None and len(collected) * self.blocksize >= limit * self.samplerate:
                break  # the device vanished mid-prompt: finished without CallbackStop
            out = np.zeros((self.blocksize, self.channels), np.float32)
            try:
                self.callback(out, self.blocksize, None, _Flags())
            except CallbackStop:
                collected.append(out.copy())
                break
            collected.append(out.copy())
        self.backend.played.append(np.concatenate(collected) if collected else np.zeros((0, self.channels)))
        self.active = False
        if self.finished_callback:
            self.finished_callback()

    def stop(self):
        self.active = False

    def close(self):
        self.active = False
        self.closed = True
