"""Crash-safe recording of an answer.

The PortAudio callback only copies into a preallocated ring buffer and counts
overflows (Friture's model). A writer thread drains the ring every 50 ms into
a WAV file whose header is rewritten every 0.5 s (``StreamingWavWriter``), so
a process killed mid-answer leaves a readable file missing at most the last
half second, and ``recover_wav`` gives back even that. The same thread keeps
the live level (RMS and peak in dBFS, clipping, too quiet) that a meter polls.

A device that vanishes, and a full disk, end the take cleanly: what was
recorded is kept and ``RecordingResult.error`` says what happened.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sobes.audio.devices import Device, choose_input_rate, find_device, get_backend
from sobes.audio.errors import AudioDeviceError, from_portaudio
from sobes.audio.ring_buffer import RingBuffer
from sobes.audio.wav_file import StreamingWavWriter, recover_wav

logger = logging.getLogger(__name__)

DRAIN_INTERVAL_S = 0.05
HEADER_INTERVAL_S = 0.5
SYNC_INTERVAL_S = 2.0
STALL_TIMEOUT_S = 2.0
FIRST_AUDIO_TIMEOUT_S = 5.0
CLIP_LEVEL = 32_500  # |sample| at or above this counts as clipped (int16)
SPEECH_WINDOW_S = 5.0  # the speech level is measured over the last 5 s


@dataclass(frozen=True)
class Level:
    """Live level for a meter, measured only (``analysis.judge.Judge.level`` says what it means).

    ``speech_dbfs`` is the level of the loud part of the last 5 s (the 90th percentile of its blocks'
    RMS): the voice, not the pauses between words; ``clipped_ratio`` the share of clipped samples over the
    same 5 s (judged by the rule the answer's report is judged by); ``seconds`` is how much has been recorded.
    """

    rms_dbfs: float
    peak_dbfs: float
    clipped_ratio: float
    speech_dbfs: float
    seconds: float


@dataclass(frozen=True)
class RecordingResult:
    path: Path
    seconds: float
    sample_rate: int
    device: str
    overflows: int  # callbacks that reported an input overflow (PortAudio lost samples)
    dropped_samples: int  # samples lost because the writer fell a whole ring behind
    clipped_ratio: float
    peak_dbfs: float
    error: str | None = None  # what went wrong, for the user (Russian); what was recorded is kept


def _dbfs(value: float) -> float:
    """int16 amplitude to dBFS, floored at -120 (digital silence)."""
    return round(max(20 * float(np.log10(max(value, 1e-9) / 32768)), -120.0), 1)


class Recorder:
    """Record mono 16-bit audio from an input device into ``path``.

    Parameters
    ----------
    path : where the WAV goes (written while recording)
    device : index or name substring; None for the system default
    backend : sounddevice or a fake (see audio.devices)
    ring_seconds : capacity of the ring between the callback and the writer
    on_block : called from the writer thread with each int16 block once it is on disk
        (streaming transcription listens here)
    """

    def __init__(self, path: str | Path, *, device: str | int | None = None, backend=None,
                 ring_seconds: float = 10.0, on_block=None):
        self.path = Path(path)
        self._backend = backend or get_backend()
        self._device_spec = device
        self._ring_seconds = ring_seconds
        self._on_block = on_block
        self.device: Device | None = None
        self.rate = 0
        # made by start(): the ring between the callback and the writer, the stream, the file
        self._ring = RingBuffer(1)
        self._stream: Any = None
        self._writer: StreamingWavWriter | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._device_finished = threading.Event()
        self._first_audio = threading.Event()
        self.done = threading.Event()  # set when writing ended: stopped, device lost or disk full
        self._overflows = 0
        self._last_data = 0.0
        self._error: AudioDeviceError | None = None
        self._level = Level(-120.0, -120.0, 0.0, -120.0, 0.0)
        self._clipped = 0
        self._peak = 0
        self._recent: list[tuple[int, float, int]] = []  # (samples, RMS dBFS, clipped) of the blocks of the last 5 s

    # --- lifecycle -----------------------------------------------------------------
    def start(self) -> None:
        """Open the device; return once audio flows, so the caller can say "speak now".

        Some stacks take seconds to deliver the first block (PulseAudio's ALSA
        plugin: ~2 s for a process's first stream here); a take that started
        before that would silently lose the beginning of the answer.
        Raises ``AudioDeviceError`` if the device cannot be opened or stays mute.
        """
        self.device = find_device(self._device_spec, kind="input", backend=self._backend)
        self.rate = choose_input_rate(self.device, self._backend)
        self._ring = RingBuffer(int(self._ring_seconds * self.rate))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = StreamingWavWriter(self.path, self.rate)
        try:
            self._stream = self._backend.InputStream(
                device=self.device.index, samplerate=self.rate, channels=1, dtype="int16",
                callback=self._on_audio, finished_callback=self._device_finished.set)
            self._stream.start()
        except self._backend.PortAudioError as exc:
            self._file.close()
            raise from_portaudio(exc, context=f"opening {self.device.name}") from None
        if not self._first_audio.wait(FIRST_AUDIO_TIMEOUT_S):
            self._stream.close()
            self._file.close()
            raise AudioDeviceError("Микрофон не передаёт звук. Переподключите его или выберите другой.",
                                   f"{self.device.name} sent no audio within {FIRST_AUDIO_TIMEOUT_S:.0f} s")
        self._last_data = time.monotonic()
        self._thread = threading.Thread(target=self._write_loop, name="recorder-writer", daemon=True)
        self._thread.start()
        logger.info("recording from %s at %d Hz into %s", self.device.name, self.rate, self.path)

    def stop(self) -> RecordingResult:
        """Stop, write everything still buffered, close the file; never loses what was recorded."""
        self._stopping.set()
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except self._backend.PortAudioError as exc:  # device already gone
                logger.warning("closing the input stream: %s", exc)
        if self._thread is not None:
            self._thread.join()
        self._drain()
        try:
            self._file.close()  # always closed; a full disk may refuse even the last bytes: said, file kept
        except OSError as exc:
            self._write_failed(exc)
        seconds = self._file.seconds
        error = self._error
        if error is not None:  # a refused write may have left more on disk than counted: the header follows it
            try:
                seconds = recover_wav(self.path)
            except (OSError, ValueError) as exc:
                logger.warning("could not repair the header of %s: %s", self.path.name, exc)
        return RecordingResult(
            path=self.path, seconds=round(seconds, 3), sample_rate=self.rate,
            device=self.device.name if self.device else "", overflows=self._overflows,
            dropped_samples=self._ring.dropped,
            clipped_ratio=round(self._clipped / max(self._file.frames, 1), 5),
            peak_dbfs=_dbfs(self._peak), error=str(error) if error else None)

    @property
    def _file(self) -> StreamingWavWriter:
        """The file being written (start() made it)."""
        if self._writer is None:
            raise RuntimeError("the recorder has not been started")
        return self._writer

    @property
    def failed(self) -> bool:
        """True once the device or the disk failed; the caller should ``stop()``."""
        return self._error is not None

    def level(self) -> Level:
        return self._level

    # --- audio thread ----------------------------------------------------------------
    def _on_audio(self, indata, frames, time_info, status) -> None:
        """PortAudio callback: copy and count, nothing else."""
        if status and getattr(status, "input_overflow", False):
            self._overflows += 1
        self._ring.write(indata[:, 0])
        self._first_audio.set()

    # --- writer thread ---------------------------------------------------------------
    def _write_loop(self) -> None:
        try:
            self._write_until_stopped()
        finally:
            self.done.set()

    def _write_until_stopped(self) -> None:
        last_header = last_sync = time.monotonic()
        while not self._stopping.wait(DRAIN_INTERVAL_S):
            now = time.monotonic()
            if not self._drain():
                break
            if now - last_header >= HEADER_INTERVAL_S:
                sync = now - last_sync >= SYNC_INTERVAL_S
                if not self._guard(lambda sync=sync: self._file.flush(sync=sync)):
                    break
                last_header = now
                last_sync = now if sync else last_sync
            if self._device_lost(now):
                break

    def _drain(self) -> bool:
        block = self._ring.read()
        if len(block) == 0:
            return True
        self._last_data = time.monotonic()
        self._update_level(block)
        written = self._guard(lambda: self._file.append(block))
        if written and self._on_block is not None:
            self._on_block(block)
        return written

    def _guard(self, write) -> bool:
        """Run a disk write; a full disk or I/O error ends the take with a message."""
        if self._error is not None:
            return False
        try:
            write()
            return True
        except OSError as exc:
            self._write_failed(exc)
            return False

    def _write_failed(self, exc: OSError) -> None:
        """The disk refused: the take ends here, what was written is kept, and the user is told why."""
        logger.error("writing %s failed: %s", self.path, exc)
        if self._error is None:
            saved = f"Сохранено {self._file.seconds:.0f} с записи."
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            self._error = AudioDeviceError(
                f"На диске нет места. {saved} Освободите место и повторите." if full
                else f"Не удалось записать файл ответа. {saved} Проверьте диск и права на папку и повторите.",
                f"writing {self.path} failed: {exc}")
        self._stopping.set()

    def _device_lost(self, now: float) -> bool:
        finished = self._device_finished.is_set() and not self._stopping.is_set()
        stalled = now - self._last_data > STALL_TIMEOUT_S
        if not (finished or stalled):
            return False
        name = self.device.name if self.device else "the microphone"
        self._error = AudioDeviceError(
            f"Микрофон перестал передавать звук (отключён?). Сохранено {self._file.seconds:.0f} с записи. "
            "Подключите его или выберите другой и повторите.", f"{name} stopped delivering audio")
        logger.error("%s", self._error.detail)
        self._stopping.set()
        return True

    def _update_level(self, block: np.ndarray) -> None:
        as_float = block.astype(np.float64)
        peak = int(np.abs(as_float).max())
        rms = float(np.sqrt(np.mean(as_float ** 2)))
        clipped = int(np.count_nonzero(np.abs(as_float) >= CLIP_LEVEL))
        self._peak = max(self._peak, peak)
        self._clipped += clipped
        self._recent.append((len(block), _dbfs(rms), clipped))
        while sum(n for n, _, _ in self._recent) > SPEECH_WINDOW_S * self.rate + len(block):
            self._recent.pop(0)
        speech = float(np.percentile([level for _, level, _ in self._recent], 90))
        clipped_ratio = sum(c for _, _, c in self._recent) / max(sum(n for n, _, _ in self._recent), 1)
        seconds = (self._file.frames + len(block)) / self.rate
        self._level = Level(_dbfs(rms), _dbfs(peak), round(clipped_ratio, 5), round(speech, 1), round(seconds, 2))
