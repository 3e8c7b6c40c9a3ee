"""What a running session tells its user interface (the window, or the terminal)."""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.live import LiveIndicators
from sobes.audio.recorder import Level
from sobes.interview.phone_check import PhoneCheck
from sobes.interview.session import DEBRIEF, Step
from sobes.interview.take import Take

DEBRIEF_QUESTIONS = len(DEBRIEF)


@dataclass(frozen=True)
class StateChanged:
    state: str  # one of interview.session's states


@dataclass(frozen=True)
class QuestionAsked:
    step: Step
    phone: bool  # on the phone the question is heard, not read
    number: int  # "Вопрос 2 из 5": the place in the plan (a follow-up keeps its question's)
    total: int

    @property
    def where(self) -> str:
        """"Вопрос 2 из 5", "… · уточняющий" for a follow-up; empty for a session of one question; in a role play
        "Клиент · реплика 2" and "Вопрос после ролевой игры 1 из 3"."""
        if self.step.turn:
            return "Клиент" if self.step.listen_only else f"Клиент · реплика {self.step.turn}"
        if self.step.debrief:
            return f"Вопрос после ролевой игры {self.step.debrief} из {DEBRIEF_QUESTIONS}"
        if self.total <= 1:
            return "Уточняющий вопрос" if self.step.is_follow_up else ""
        return f"Вопрос {self.number} из {self.total}" + (" · уточняющий" if self.step.is_follow_up else "")


@dataclass(frozen=True)
class LevelChanged:
    level: Level
    judged: str  # silent | quiet | ok | loud (analysis.judge.Judge.level)


@dataclass(frozen=True)
class LiveChanged:
    live: LiveIndicators
    pace: str | None  # slow | ok | fast by the tempo norm (analysis.judge.Judge.tempo); None before there is a pace
    breathless: bool = False  # talking without a pause for too long (analysis.judge.Judge.breathless)


@dataclass(frozen=True)
class Working:
    """Something takes a moment after the answer: what, and how far (0…1) when it is known."""

    what: str
    fraction: float | None = None


@dataclass(frozen=True)
class TakeAnalysed:
    take: Take  # with its report and its audio


@dataclass(frozen=True)
class PhoneChecked:
    take: Take
    check: PhoneCheck


@dataclass(frozen=True)
class SessionFinished:
    session_id: int
    summary: dict


@dataclass(frozen=True)
class Problem:
    message: str  # Russian, one sentence or two, says what to do


Event = (StateChanged | QuestionAsked | LevelChanged | LiveChanged | Working | TakeAnalysed | PhoneChecked
         | SessionFinished | Problem)
