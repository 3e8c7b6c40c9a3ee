"""The thread that transcribes an answer while it is recorded, and what a candidate sees while waiting at the end.

``StreamingWorker`` runs ``StreamingTranscriber.step`` on its own thread while
audio arrives; ``stop`` finishes the answer and reports, twice a second, how
far the transcription got.
"""

from __future__ import annotations

import logging
import threading
import time

from sobes.analysis.streaming import Streamed, StreamingTranscriber
from sobes.analysis.transcribe import ProgressCallback

logger = logging.getLogger(__name__)


class StreamingWorker:
    """Runs ``step`` on a thread while audio arrives; ``stop`` returns the finished transcript."""

    tick_s = 0.5  # how often a waiting candidate hears how far transcription got

    def __init__(self, transcriber: StreamingTranscriber, *, poll_s: float = 0.1):
        self.transcriber = transcriber
        self._stop = threading.Event()
        self._poll = poll_s
        self.busy_s = 0.0  # seconds spent transcribing while audio still arrived
        self.error: Exception | None = None  # why streaming stopped early (the answer is then analysed whole)
        self._thread = threading.Thread(target=self._run, name="streaming-asr", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                did = self.transcriber.step()
            except Exception as exc:  # the model failed: the recording goes on, the answer is analysed whole
                logger.exception("streaming transcription stopped")
                self.error = exc
                return
            self.busy_s += time.perf_counter() - started if did else 0.0
            if not did:
                self._stop.wait(self._poll)

    def stop(self, progress: ProgressCallback | None = None) -> Streamed:
        """The finished answer; raises what stopped streaming, if something did.

        ``progress`` gets the share of the answer transcribed, from now until the end, at least every
        ``tick_s``: on a busy machine the worker may be pieces behind, and the candidate is waiting (it read
        "Сохраняем ответ…" for 20 s, and "Распознаём ответ… 0 %" for 28 s while one piece was decoded)."""
        started = time.perf_counter()
        transcriber = self.transcriber
        finished = threading.Event()
        if progress is not None:
            total = max(transcriber.fed_s, 0.1)
            report = _never_back(progress)
            transcriber.reached = lambda seconds: report(min(seconds / total, 1.0))
            threading.Thread(target=self._tick, args=(report, total, finished), name="streaming-progress",
                             daemon=True).start()
        self._stop.set()
        try:
            self._thread.join()
            joined = time.perf_counter()
            if self.error is not None:
                raise self.error
            result = self.transcriber.result(stopped_at=started)
        finally:
            finished.set()
        logger.debug("stop: %.2f s waiting for the step under way, %.2f s for the tail and the last features",
                     joined - started, time.perf_counter() - joined)
        return result

    def _tick(self, progress: ProgressCallback, total: float, finished: threading.Event) -> None:
        """Tell ``progress`` how far transcription got, twice a second, until the answer is finished."""
        while not finished.is_set():
            progress(min(self.transcriber.reached_s() / total, 1.0))
            finished.wait(self.tick_s)


def _never_back(progress: ProgressCallback) -> ProgressCallback:
    """``progress`` told only shares larger than before: the estimate of a decoding under way and the decoder's own
    reports come from two threads and may cross."""
    lock, shown = threading.Lock(), [0.0]

    def report(share: float) -> None:
        with lock:
            if share > shown[0] or shown[0] == 0.0:
                shown[0] = max(share, shown[0])
                progress(shown[0])

    return report
