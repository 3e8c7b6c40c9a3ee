"""Progress a candidate can read: a figure over dates against its norm, and attempts at one question side by side.

Qt-free: the history screen and the command line draw what this decides. One unit per metric, the same as the
review's (analysis.labels); the norm band of each metric comes from the thresholds the answers are judged by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sobes.analysis.config import Thresholds
from sobes.analysis.labels import ru_number
from sobes.interview.history import History
from sobes.interview.labels import local_time
from sobes.interview.summary import COMPARED, compare


@dataclass(frozen=True)
class Tracked:
    """A figure followed over time: its name, unit, rounding and the band that is the norm."""

    name: str
    unit: str
    digits: int
    norm: Callable[[Thresholds], tuple[float, float]]


TRACKED = {
    "fillers_per_100_words": Tracked("Слова-паразиты", "на 100 слов", 1,
                                     lambda t: (0.0, t.fillers_per_100_attention)),
    "words_per_min": Tracked("Темп", "слов в минуту", 0, lambda t: (t.slow_words_per_min, t.fast_words_per_min)),
    "long_pauses": Tracked("Длинные паузы", "за ответ", 0, lambda t: (0.0, 0.0)),
    "response_latency_s": Tracked("Пауза перед ответом", "с", 1, lambda t: (0.0, t.latency_attention_s)),
    "star_parts": Tracked("Части STAR", "из 4", 0, lambda t: (4.0, 4.0)),
    "pitch_sd_st": Tracked("Разброс интонации", "полутона", 1, lambda t: (t.flat_sd_st, float("inf"))),
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


def series(history: History, metric: str, answer_type: str | None,
           thresholds: Thresholds = Thresholds()) -> Series:
    points = [(datetime.fromisoformat(stamp).timestamp(), float(value))
              for stamp, value in history.progress(metric, answer_type)]
    return Series(metric, points, TRACKED[metric].norm(thresholds))


def shown(metric: str, value: float | None) -> str:
    """A tracked figure with its unit, rounded for people."""
    if value is None:
        return "—"
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


def attempts(history: History, question_id: str, thresholds: Thresholds = Thresholds()) -> Attempts | None:
    """The attempts at ``question_id`` side by side, or None when it was answered once."""
    tries = [row for row in history.attempts(question_id) if row["status"] == "analyzed"]
    if len(tries) < 2:
        return None
    first, last = tries[0], tries[-1]
    rows = []
    for metric in _SIDE_BY_SIDE:
        before, now = first[metric], last[metric]
        change = ""
        if metric in COMPARED and before is not None and now is not None:
            change = CHANGE_NAMES[compare(metric, before, now, thresholds)]
        elif metric == "star_parts" and before is not None and now is not None and now != before:
            change = CHANGE_NAMES["better" if now > before else "worse"]
        rows.append((TRACKED[metric].name, [shown(metric, row[metric]) for row in tries], change))
    headers = [f"Попытка {i}, {local_time(row['recorded_at'])}" for i, row in enumerate(tries, 1)]
    return Attempts(last["question_text"] or "", headers, [row["id"] for row in tries], rows)
