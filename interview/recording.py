"""A take being recorded: the microphone into the take's file, and transcription while the candidate speaks.

The recorder's writer thread hands every block it has written to disk to a
``StreamingTranscriber`` (at the device's rate, resampled there), whose
worker thread transcribes pieces as they come; when the take stops, the
take gets its length, its device rate, what went wrong if anything, and
what streaming made of it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import numpy as np

from sobes.analysis.engine import Analyzer
from sobes.analysis.live import LiveIndicators
from sobes.analysis.streaming import StreamingTranscriber
from sobes.analysis.streaming_worker import StreamingWorker
from sobes.audio.recorder import Level, Recorder
from sobes.core.errors import Cancelled
from sobes.interview.take import Take

logger = logging.getLogger(__name__)


class TakeRecording:
    def __init__(self, take: Take, *, analyzer: Analyzer | None, device=None, backend=None):
        """``analyzer`` is None when the model is not loaded yet: the take is then transcribed after it ends."""
        self.take = take
        self._transcriber: StreamingTranscriber | None = analyzer.new_stream() if analyzer is not None else None
        self._worker: StreamingWorker | None = None
        self.recorder = Recorder(take.path, device=device, backend=backend,
                                 on_block=self._feed if self._transcriber is not None else None)
        # start and stop run on different threads: a stop pressed while the microphone opens (the think time ran
        # out, and "Пропустить" came at once) waits for it, and a start that comes after a stop opens nothing
        self._lock = threading.Lock()
        self._opened = self._stopped = False

    def _feed(self, block: np.ndarray) -> None:
        if self._transcriber is not None:
            self._transcriber.feed(block, rate=self.recorder.rate)

    def start(self) -> None:
        """Open the microphone; returns once audio flows (``AudioDeviceError`` if it does not; ``Cancelled``
        if the take was stopped first)."""
        with self._lock:
            if self._stopped:
                raise Cancelled("запись остановлена до начала")
            self.recorder.start()
            self._opened = True
            if self._transcriber is not None:
                self._worker = StreamingWorker(self._transcriber)

    def stop(self, progress: Callable[[float], None] | None = None) -> Take:
        """Stop and close the file (nothing recorded is lost), finish streaming (``progress``: the share of the
        answer transcribed); the take, filled in (nothing recorded when the microphone never opened)."""
        take = self.take
        with self._lock:
            self._stopped = True
            if not self._opened:
                return take
            result = self.recorder.stop()
        take.seconds, take.rate, take.error = result.seconds, result.sample_rate, result.error
        if self._worker is not None:
            try:
                take.streamed = self._worker.stop(progress)
            except Exception:  # the take is on disk; it is analysed whole instead
                logger.exception("streaming failed; the take will be transcribed after it ends")
        return take

    @property
    def failed(self) -> bool:
        """The device or the disk failed: the take should be stopped (what was written is kept)."""
        return self.recorder.failed

    def level(self) -> Level:
        return self.recorder.level()

    def live(self, pause_s: float) -> LiveIndicators | None:
        """What the candidate sees while speaking; ``pause_s``: the shortest pause that counts."""
        return self._transcriber.live(pause_s) if self._transcriber is not None else None
