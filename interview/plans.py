"""Which questions a session asks, per mode; seeded so a session can be replayed."""

from __future__ import annotations

import random

from sobes.interview.question_bank import Question, QuestionBank

MODES = {"full": "Полное собеседование", "stage": "Тренировка этапа", "self_presentation": "Самопрезентация",
         "phone": "Телефонный скрининг", "retake": "Повтор вопроса"}
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
    raise ValueError(f"unknown mode {mode!r}")
