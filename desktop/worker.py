"""Run Qt-free work off the GUI thread: progress, cancel, and the end come back as signals (superqt's model).

``run(fn, *args, on_result=…, on_error=…)`` queues ``fn`` on the global
thread pool and returns its ``Job``; the callbacks run on the GUI thread.
With ``on_progress`` the function is called with ``progress=`` (a callable
taking a fraction 0…1) and ``should_cancel=`` (polled; the engine's long jobs
take both and raise ``Cancelled``). ``Job.cancel()`` asks one job to stop,
``cancel_all()`` every job (the window does it when it closes, then waits for
the threads). Exceptions become ``on_error(exc)``; the GUI thread never waits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from sobes.core.errors import Cancelled

logger = logging.getLogger(__name__)
_running: set[Job] = set()  # also keeps each job's signal carrier alive until it has delivered
_running_lock = threading.Lock()


class _Signals(QObject):
    progress = Signal(float)
    result = Signal(object)
    error = Signal(object)
    cancelled = Signal()
    finished = Signal()


class Job(QRunnable):
    """One piece of work on the pool; ``cancel`` asks it to stop (it ends with ``cancelled``)."""

    def __init__(self, fn: Callable, args: tuple, *, controlled: bool):
        super().__init__()
        self.setAutoDelete(False)  # the Python object owns it: Qt must not delete it under us
        self.fn, self.args, self.controlled = fn, args, controlled
        self.signals = _Signals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        kwargs = {"progress": self._progress, "should_cancel": self._cancel.is_set} if self.controlled else {}
        try:
            value = self.fn(*self.args, **kwargs)
        except Cancelled:
            self._deliver(self.signals.cancelled)
        except Exception as exc:  # delivered to the GUI as an error, never lost
            logger.exception("background job failed")
            self._deliver(self.signals.error, exc)
        else:
            self._deliver(*((self.signals.cancelled,) if self.cancelled else (self.signals.result, value)))
        finally:
            self._deliver(self.signals.finished)
            with _running_lock:
                _running.discard(self)

    def _progress(self, fraction: float) -> None:
        self._deliver(self.signals.progress, float(fraction))

    @staticmethod
    def _deliver(signal, *value) -> None:
        try:
            signal.emit(*value)
        except RuntimeError:  # the window was closed meanwhile: nobody is waiting for the answer
            logger.info("a background result arrived after its window closed")


def run(fn: Callable, *args, on_result: Callable | None = None, on_error: Callable | None = None,
        on_progress: Callable[[float], None] | None = None, on_cancelled: Callable[[], None] | None = None,
        on_finished: Callable[[], None] | None = None) -> Job:
    job = Job(fn, args, controlled=on_progress is not None)
    for signal, handler in ((job.signals.result, on_result), (job.signals.error, on_error),
                            (job.signals.progress, on_progress), (job.signals.cancelled, on_cancelled),
                            (job.signals.finished, on_finished)):
        if handler is not None:
            signal.connect(_guarded(handler))
    with _running_lock:
        _running.add(job)
    QThreadPool.globalInstance().start(job)
    return job


def cancel_all(*, wait_ms: int = 10_000) -> None:
    """Ask every running job to stop and wait (at most ``wait_ms``) for the pool's threads to end."""
    with _running_lock:
        jobs = list(_running)
    for job in jobs:
        job.cancel()
    QThreadPool.globalInstance().waitForDone(wait_ms)


def _guarded(handler: Callable) -> Callable:
    def call(*value) -> None:
        try:
            handler(*value)
        except RuntimeError as exc:  # the widget it would update was closed meanwhile
            if "already deleted" not in str(exc):
                raise
            logger.info("a background result arrived after its widget closed")

    return call
