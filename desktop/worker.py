"""Run Qt-free work off the GUI thread and get its result back as signals (superqt's model).

``run(fn, *args, on_result=…, on_error=…)`` queues ``fn`` on the global
thread pool; the callbacks run on the GUI thread. Exceptions become
``on_error(exc)``; the GUI thread never waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

logger = logging.getLogger(__name__)
_alive: set = set()  # keep signal carriers alive until they have delivered


class _Signals(QObject):
    result = Signal(object)
    error = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable, args: tuple, signals: _Signals):
        super().__init__()
        self.fn, self.args, self.signals = fn, args, signals

    def run(self) -> None:
        try:
            value = self.fn(*self.args)
        except Exception as exc:  # delivered to the GUI as an error, never lost
            logger.exception("background job failed")
            self._deliver(self.signals.error, exc)
        else:
            self._deliver(self.signals.result, value)

    @staticmethod
    def _deliver(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window was closed meanwhile: nobody is waiting for the answer
            logger.info("a background result arrived after its window closed")


def run(fn: Callable, *args, on_result: Callable | None = None, on_error: Callable | None = None) -> None:
    signals = _Signals()
    _alive.add(signals)

    def finish(handler, value):
        _alive.discard(signals)
        if handler is None:
            return
        try:
            handler(value)
        except RuntimeError as exc:  # the widget it would update was closed meanwhile
            if "already deleted" not in str(exc):
                raise
            logger.info("a background result arrived after its widget closed")

    signals.result.connect(lambda value: finish(on_result, value))
    signals.error.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Job(fn, args, signals))
