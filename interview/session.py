"""The interview session as a state machine driven by events and a clock.

intro → question (spoken) → think → answer (recording) → analysis →
[follow-up question from the content analysis] → next … → summary.

The engine does no I/O itself: it asks its host for effects (speak this, play
that cue, start or stop recording, analyse that file) through ``on_effect``,
and the host reports back with events (``prompt_finished``,
``answer_recorded``, ``analysis_done``…). ``tick(now)`` advances the timers;
tests drive it with a fake clock and no sleeps, the desktop app with a
QTimer and worker threads. Every recorded answer goes to the history before
it is analysed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sobes.analysis.content.section import QuestionContext
from sobes.analysis.report import Report
from sobes.interview.history import History
from sobes.interview.paths import private_folder
from sobes.interview.question_bank import Question
from sobes.interview.summary import summarize

logger = logging.getLogger(__name__)

FOLLOW_UP_ANSWER_S = 90


# --- effects the host performs -----------------------------------------------------------
@dataclass(frozen=True)
class Speak:
    text: str
    phone: bool = False  # through the telephone channel


@dataclass(frozen=True)
class PlayCue:
    name: str  # ring | start | end_of_time


@dataclass(frozen=True)
class StartRecording:
    path: Path
    limit_s: float


@dataclass(frozen=True)
class StopRecording:
    pass


@dataclass(frozen=True)
class Analyze:
    answer_id: int
    path: Path
    question: QuestionContext


@dataclass(frozen=True)
class ShowSummary:
    summary: dict


@dataclass
class Step:
    """One question to ask: from the bank, or a follow-up made from the previous answer."""

    question_id: str
    text: str
    answer_type: str
    think_s: float
    answer_s: float
    is_follow_up: bool = False
    reason: str | None = None


@dataclass
class Session:
    plan: list[Question]
    history: History
    recordings: Path
    on_effect: object  # callable(effect)
    mode: str = "full"
    role: str = "client_manager"
    follow_ups: bool = True
    phone: bool = False
    state: str = "idle"
    session_id: int | None = None
    current: Step | None = None
    reports: list[tuple[Step, Report]] = field(default_factory=list)
    _queue: list[Step] = field(default_factory=list)
    _deadline: float | None = None
    _paused_left: float | None = None
    _paused_state: str | None = None
    _answer_id: int | None = None
    _pending: int = 0

    # --- events from the host ----------------------------------------------------------
    def start(self, now: float) -> None:
        self.session_id = self.history.start_session(self.mode, self.role)
        private_folder(self.recordings)
        self._queue = [self._step(q) for q in self.plan]
        self.state = "intro"
        if self.phone:
            self.on_effect(PlayCue("ring"))
        self._next(now)

    def prompt_finished(self, now: float) -> None:
        """The question has been spoken: think time starts."""
        if self.state != "question":
            return
        self.state = "think"
        self._deadline = now + self.current.think_s
        if self.current.think_s <= 0:
            self.tick(now)

    def tick(self, now: float) -> None:
        if self._deadline is None or now < self._deadline:
            return
        if self.state == "think":
            self._begin_answer(now)
        elif self.state == "answer":
            self.on_effect(PlayCue("end_of_time"))
            self.stop_answer(now)

    def start_answer_now(self, now: float) -> None:
        """The candidate is ready before the think time is over."""
        if self.state == "think":
            self._begin_answer(now)

    def stop_answer(self, now: float) -> None:
        if self.state == "answer":
            self.state = "saving"
            self._deadline = None
            self.on_effect(StopRecording())

    def answer_recorded(self, path: Path, duration_s: float, now: float, error: str | None = None) -> None:
        """The recording is on disk: store it at once, then ask for its analysis."""
        if self.state not in ("saving", "skipping", "retrying"):
            return
        self._answer_id = self.history.add_answer(self.session_id, self.current.question_id, self.current.text,
                                                  str(path), duration_s)
        if self.state != "saving":  # skipped or retried: kept in the history, not analysed now
            if self.state == "retrying":
                self._queue.insert(0, self.current)
            self._next(now)
            return
        if error:
            logger.warning("answer %s recorded with an error: %s", self._answer_id, error)
        self.state = "analysis"
        self._pending += 1
        self.on_effect(Analyze(self._answer_id, Path(path),
                               QuestionContext(self.current.text, self.current.answer_type, self.current.answer_s)))

    def analysis_done(self, answer_id: int, report: Report, now: float) -> None:
        self.history.add_report(answer_id, report)
        self._pending -= 1
        step = self.current
        self.reports.append((step, report))
        if self.follow_ups and not step.is_follow_up and report.content and report.content.follow_ups:
            follow = report.content.follow_ups[0]
            self._queue.insert(0, Step(f"{step.question_id}-F", follow.question, "short", 5, FOLLOW_UP_ANSWER_S,
                                       is_follow_up=True, reason=follow.reason))
        self._next(now)

    def analysis_failed(self, answer_id: int, error: str, now: float) -> None:
        """Keep the recording; it can be analysed later from the history."""
        self.history.mark_failed(answer_id, error)
        self._pending -= 1
        self._next(now)

    def skip(self, now: float) -> None:
        if self.state in ("question", "think"):
            self._deadline = None
            self._next(now)
        elif self.state == "answer":
            self.state = "skipping"
            self.on_effect(StopRecording())

    def retry(self, now: float) -> None:
        """Ask the current question again (after its answer, or instead of it)."""
        if self.state == "answer":
            self.state, self._deadline = "retrying", None
            self.on_effect(StopRecording())
        elif self.current is not None and self.state in ("think", "summary"):
            self._queue.insert(0, self.current)
            self._deadline = None
            self._next(now)

    def retake_last(self, now: float) -> None:
        """After a review: ask the question just answered once more, before the next one."""
        if self.state == "question" and self.reports:
            self._queue.insert(0, self.current)
            self.current = self.reports[-1][0]
            self.on_effect(Speak(self.current.text, phone=self.phone))

    def pause(self, now: float) -> None:
        if self.state in ("think", "answer") and self._deadline is not None:
            self._paused_left, self._paused_state = self._deadline - now, self.state
            self._deadline, self.state = None, "paused"

    def resume(self, now: float) -> None:
        if self.state == "paused":
            self.state, self._deadline = self._paused_state, now + self._paused_left

    def abort(self, now: float) -> None:
        if self.state == "answer":
            self.on_effect(StopRecording())
        self.state = "aborted"
        self.history.end_session(self.session_id, "aborted")

    def time_left(self, now: float) -> float | None:
        """Seconds until the running think or answer timer ends; None when none runs."""
        return None if self._deadline is None else max(0.0, self._deadline - now)

    # --- internals ---------------------------------------------------------------------
    def _step(self, question: Question) -> Step:
        return Step(question.id, question.text, question.answer_type, question.think_s, question.answer_s)

    def _next(self, now: float) -> None:
        if not self._queue:
            self.state = "summary"
            summary = summarize(self.history, self.session_id, self.reports)
            self.history.end_session(self.session_id, "completed", summary)
            self.on_effect(ShowSummary(summary))
            return
        self.current = self._queue.pop(0)
        self.state = "question"
        self.on_effect(Speak(self.current.text, phone=self.phone))

    def _begin_answer(self, now: float) -> None:
        self.state = "answer"
        self._deadline = now + self.current.answer_s
        self.on_effect(PlayCue("start"))
        index = len(self.reports) + 1
        path = self.recordings / f"session{self.session_id}-{index:02d}-{self.current.question_id}.wav"
        self.on_effect(StartRecording(path, self.current.answer_s))
