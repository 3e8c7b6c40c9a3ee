"""The window's side of a session: the runner's events as Qt signals, and a timer that ticks it.

All the work (speaking, recording, streaming, analysis, storage) is
``interview.runner.SessionRunner``'s; this adapter only turns its events into
signals the screens connect to, on the GUI thread (the runner calls back
from ``tick``, which the timer runs there).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from sobes.analysis.engine import Analyzer
from sobes.interview import events
from sobes.interview.history import History
from sobes.interview.runner import SessionRunner

logger = logging.getLogger(__name__)
TICK_MS = 50


class SessionHost(QObject):
    state_changed = Signal(str)
    question = Signal(object)  # events.QuestionAsked
    level = Signal(object)  # events.LevelChanged
    live = Signal(object)  # events.LiveChanged while the candidate speaks
    working = Signal(object)  # events.Working: what happens after the answer, and how far
    take_ready = Signal(object)  # interview.take.Take, analysed
    phone_checked = Signal(object)  # events.PhoneChecked
    summary_ready = Signal(dict)
    error = Signal(str)  # Russian, for the user

    def __init__(self, analyzer: Analyzer, history: History, recordings: Path, *, backend=None,
                 input_device=None, output_device=None, speak=True, review_each_answer=True):
        super().__init__()
        self.runner = SessionRunner(analyzer=analyzer, history=history, recordings=recordings,
                                    on_event=self._dispatch, backend=backend, input_device=input_device,
                                    output_device=output_device, speak=speak, hold_for_review=review_each_answer)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.runner.tick)

    @property
    def session(self):
        return self.runner.session

    @property
    def recorder(self):
        """The take being recorded (``interview.recording.TakeRecording``), or None."""
        return self.runner.recording

    def begin(self, plan, *, mode: str, role: str, follow_ups: bool, phone: bool, scenario=None) -> None:
        """``scenario``: a role play's (``interview.scenarios.Scenario``); ``plan`` is then empty."""
        self.runner.begin(plan, mode=mode, role=role, follow_ups=follow_ups, phone=phone, scenario=scenario)
        self.timer.start()

    def configure(self, *, input_device, output_device, speak: bool) -> None:
        """Devices and voice changed in the settings: they apply from the next question on."""
        runner = self.runner
        runner.input_device, runner.output_device, runner.speak = input_device or None, output_device or None, speak

    def time_left(self) -> float | None:
        return self.runner.time_left()

    def close(self, *, keep_answer: bool = True) -> None:
        """The window closes: everything stops, the answer being recorded is kept unless said otherwise."""
        self.timer.stop()
        self.runner.close(keep_answer=keep_answer)

    def _dispatch(self, event: events.Event) -> None:
        if isinstance(event, events.StateChanged):
            self.state_changed.emit(event.state)
        elif isinstance(event, events.QuestionAsked):
            self.question.emit(event)
        elif isinstance(event, events.LevelChanged):
            self.level.emit(event)
        elif isinstance(event, events.LiveChanged):
            self.live.emit(event)
        elif isinstance(event, events.Working):
            self.working.emit(event)
        elif isinstance(event, events.TakeAnalysed):
            self.take_ready.emit(event.take)
        elif isinstance(event, events.PhoneChecked):
            self.phone_checked.emit(event)
        elif isinstance(event, events.SessionFinished):
            self.summary_ready.emit(event.summary)
        elif isinstance(event, events.Problem):
            self.error.emit(event.message)
