"""Progress a candidate can read: a figure over dates against its norm, and attempts at one question side by side.

Qt-free: the history screen and the command line draw what this decides. One unit per metric, the same as the
review's (analysis.labels); the norm band of each metric and what counts as a change are the judge's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sobes.analysis.judge import Judge
from sobes.analysis.labels import pace
from sobes.core.numbers import ru_number
from sobes.interview.history import History
from sobes.interview.labels import local_time


@dataclass(frozen=True)
class Tracked:
    """A figure followed over time, as a candidate reads it: its name, unit and rounding (the judge gives its
    norm band)."""

    name: str
    unit: str
    digits: int


TRACKED = {
    "fillers_per_100_words": Tracked("Слова-паразиты", "на 100 слов", 1),
    "words_per_min": Tracked("Темп", "слов в минуту", 0),
    "long_pauses": Tracked("Длинные паузы", "за ответ", 0),
    "response_latency_s": Tracked("Пауза перед ответом", "с", 1),
    "star_parts": Tracked("Части рассказа (STAR)", "из 4", 0),
    "pitch_sd_st": Tracked("Разброс интонации", "полутона", 1),
}


@dataclass(frozen=True)
class Series:
    """Points (seconds since the epoch, value) of one figure for one kind of answer, and its norm band."""

    metric: str
    points: list[tuple[float, float]]
    norm: tuple[float, float]

    @property
    def enough(self) -> bool:
        """One answer is no trend: a chart needs two points at least."""
        return len(self.points) >= 2


def series(history: History, metric: str, answer_type: str | None, judge: Judge) -> Series:
    points = [(datetime.fromisoformat(stamp).timestamp(), float(value))
              for stamp, value in history.progress(metric, answer_type)]
    return Series(metric, points, judge.band(metric))


def shown(metric: str, value: float | None) -> str:
    """A tracked figure with its unit, rounded for people."""
    if value is None:
        return "—"
    if metric == "words_per_min":
        return pace(value)  # "101 слово в минуту"
    tracked = TRACKED[metric]
    return f"{ru_number(value, tracked.digits)} {tracked.unit}"


CHANGE_NAMES = {"better": "✓ лучше", "worse": "✗ хуже", "same": "= без изменений", "in_norm": "✓ в норме"}
_SIDE_BY_SIDE = ("fillers_per_100_words", "words_per_min", "long_pauses", "response_latency_s", "star_parts")


@dataclass(frozen=True)
class Attempts:
    """Every analysed attempt at one question: a column each; a row per figure with what changed."""

    question: str
    headers: list[str]  # "Попытка 1, 27.11.2026, 19:04"
    answer_ids: list[int]
    rows: list[tuple[str, list[str], str]]  # (figure, values per attempt, change from the first to the last)


def attempts(history: History, question_id: str, judge: Judge) -> Attempts | None:
    """The attempts at ``question_id`` side by side, or None when it was answered once. An attempt with no speech
    in it (nothing was judged) is no attempt to compare: "0 длинных пауз → 3 ✗ хуже" said otherwise."""
    tries = _judged_attempts(history, question_id)
    if len(tries) < 2:
        return None
    headers = [f"Попытка {i}, {local_time(row['recorded_at'])}" for i, row in enumerate(tries, 1)]
    return Attempts(tries[-1]["question_text"] or "", headers, [row["id"] for row in tries], _rows(tries, judge))


def against_previous(history: History, question_id: str, answer_id: int, judge: Judge) -> Attempts | None:
    """This answer beside the attempt at the same question just before it (a retake, a «Повтор вопроса»
    session, the question met again): the same figures and changes as the history's comparison, or None when
    there is no earlier judged attempt or this one was not judged."""
    tries = _judged_attempts(history, question_id)
    at = next((i for i, row in enumerate(tries) if row["id"] == answer_id), None)
    if not at:  # not judged (nothing said), or the first attempt
        return None
    pair = tries[at - 1:at + 1]
    headers = [f"Попытка {at}, {local_time(pair[0]['recorded_at'])}", f"Эта попытка ({at + 1}-я)"]
    return Attempts(pair[-1]["question_text"] or "", headers, [row["id"] for row in pair], _rows(pair, judge))


def _judged_attempts(history: History, question_id: str) -> list[dict]:
    return [row for row in history.attempts(question_id) if row["status"] == "analyzed" and row["overall"]]


def _rows(tries: list[dict], judge: Judge) -> list[tuple[str, list[str], str]]:
    """A row per figure measured in any attempt, with the change from the first to the last."""
    first, last = tries[0], tries[-1]
    rows = []
    for metric in _SIDE_BY_SIDE:
        if all(row[metric] is None for row in tries):  # not measured for this kind of answer (STAR for a greeting)
            continue
        before, now = first[metric], last[metric]
        change = CHANGE_NAMES[judge.compare(metric, before, now)] if before is not None and now is not None else ""
        rows.append((TRACKED[metric].name, [shown(metric, row[metric]) for row in tries], change))
    return rows
