"""Which questions a session asks, per mode; seeded so a session can be replayed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sobes.analysis.content.kinds import kind_of
from sobes.analysis.judge import Judge
from sobes.analysis.labels import plural
from sobes.interview.conversation import MAX_REPLIES
from sobes.interview.question_bank import Question, QuestionBank
from sobes.interview.scenarios import Scenario
from sobes.interview.session import DEBRIEF, DEBRIEF_ANSWER_S, DEBRIEF_THINK_S, REPLY_ANSWER_S

# "phone" is not «Телефонный скрининг»: that is the name of a stage of questions, and a candidate could not tell
# the mode from the stage
MODES = {"full": "Полное собеседование", "stage": "Тренировка этапа", "self_presentation": "Самопрезентация",
         "phone": "Звонок рекрутера", "retake": "Повтор вопроса", "role_play": "Ролевая игра"}
ASKED_S = 15  # the interviewer reads a question aloud
REVIEW_S = 60  # the candidate reads the review of an answer before going on
FULL_INTERVIEW = [("self_presentation", 1), ("hr", 2), ("behavioral", 2), ("stress", 1), ("motivation", 1),
                  ("manager", 1), ("offer", 1)]
PHONE_QUESTIONS = 3


def _pick(bank: QuestionBank, role: str, stage: str, n: int, rng: random.Random) -> list[Question]:
    pool = [q for q in bank.select(role=role, stage=stage) if q.answer_type != "phone_opening"]
    return rng.sample(pool, min(n, len(pool)))


def full_interview(bank: QuestionBank, role: str, *, seed: int | None = None) -> list[Question]:
    rng = random.Random(seed)
    return [q for stage, n in FULL_INTERVIEW for q in _pick(bank, role, stage, n, rng)]


def stage_drill(bank: QuestionBank, role: str, stage: str, *, n: int = 5, seed: int | None = None) -> list[Question]:
    return _pick(bank, role, stage, n, random.Random(seed))


def self_presentation(bank: QuestionBank) -> list[Question]:
    return [bank.by_id("SELF-01")]


def phone_screening(bank: QuestionBank, role: str, *, seed: int | None = None) -> list[Question]:
    """Opening ("Алло… удобно говорить?"), then a few short phone questions."""
    rng = random.Random(seed)
    opening = bank.by_id("PHN-00")
    rest = [q for q in bank.select(role=role, stage="phone_screening") if q.id != opening.id]
    return [opening] + rng.sample(rest, min(PHONE_QUESTIONS, len(rest)))


def retake(bank: QuestionBank, question_id: str) -> list[Question]:
    return [bank.by_id(question_id)]


def scenario_for(bank: QuestionBank, role: str, scenario_id: str | None = None, *,
                 seed: int | None = None) -> Scenario | None:
    """The role play a session in mode "role_play" plays: the one asked for, or one of the role's at random; None
    when the role has none (``KeyError`` for an id the bank does not hold)."""
    if scenario_id:
        return bank.scenario(scenario_id)
    scenarios = bank.scenarios_for(role)
    return random.Random(seed).choice(scenarios) if scenarios else None


def plan(bank: QuestionBank, mode: str, *, role: str, stage: str | None = None, question_id: str | None = None,
         seed: int | None = None) -> list[Question]:
    """The questions of a session in ``mode`` (one of ``MODES``); empty when the role has none there."""
    if mode == "full":
        return full_interview(bank, role, seed=seed)
    if mode == "stage":
        return stage_drill(bank, role, stage or "", seed=seed)
    if mode == "self_presentation":
        return self_presentation(bank)
    if mode == "phone":
        return phone_screening(bank, role, seed=seed)
    if mode == "retake":
        return retake(bank, question_id or "")
    if mode == "role_play":  # the client's lines come from the conversation, not from the plan
        return []
    raise ValueError(f"unknown mode {mode!r}")


@dataclass(frozen=True)
class Outline:
    """What a session will take, said before it starts."""

    questions: int
    seconds: float
    replies: int = 0  # a role play: the client's lines answered at most

    @property
    def minutes(self) -> int:
        """Whole minutes, to the nearest five from a quarter of an hour up: it is an estimate."""
        minutes = self.seconds / 60
        return max(1, round(minutes / 5) * 5 if minutes >= 15 else round(minutes))

    def text(self) -> str:
        """``"5 вопросов, около 15 минут"``; a role play: ``"до 5 ответов клиенту и 3 вопроса после игры, около 15
        минут"``."""
        asked = plural(self.questions, 'вопрос', 'вопроса', 'вопросов')
        if self.replies:
            asked = f"до {plural(self.replies, 'ответа', 'ответов', 'ответов')} клиенту и {asked} после игры"
        return f"{asked}, около {plural(self.minutes, 'минуты', 'минут', 'минут')}"



def question_seconds(question: Question, judge: Judge) -> float:
    """One question's time: asked, thought over, answered at the middle of its kind's right length (never past its
    timer), and its review read."""
    low, high = judge.length_range(kind_of(question.answer_type))
    answer = min(((low or 0.0) + high) / 2, question.answer_s)
    return ASKED_S + question.think_s + answer + REVIEW_S


def outline(bank: QuestionBank, mode: str, judge: Judge, *, role: str, stage: str | None = None,
            question_id: str | None = None) -> Outline | None:
    """How many questions a session in ``mode`` asks and about how long it takes (its follow-ups aside); None when
    the role has no questions there. A session draws its questions at random: this is one such draw."""
    if mode == "role_play":
        return role_play_outline(judge) if bank.scenarios_for(role) else None
    try:
        questions = plan(bank, mode, role=role, stage=stage, question_id=question_id, seed=0)
    except KeyError:  # a question that is not in the bank
        return None
    if not questions:
        return None
    return Outline(len(questions), sum(question_seconds(q, judge) for q in questions))


def role_play_outline(judge: Judge) -> Outline:
    """A role play at its longest: the client's lines, replies of a reply's right length, the questions after it."""
    low, high = judge.length_range(kind_of("role_play"))
    reply = min(((low or 0.0) + high) / 2, REPLY_ANSWER_S)
    debrief_low, debrief_high = judge.length_range(kind_of("short"))
    debrief = min(((debrief_low or 0.0) + debrief_high) / 2, DEBRIEF_ANSWER_S)
    conversation = (MAX_REPLIES + 1) * ASKED_S / 2 + MAX_REPLIES * reply  # a client's line is shorter than a question
    return Outline(len(DEBRIEF), conversation + len(DEBRIEF) * (ASKED_S + DEBRIEF_THINK_S + debrief + REVIEW_S),
                   replies=MAX_REPLIES)
