"""Sentences and clauses with times, from the timed words.

Whisper's punctuation marks most sentence ends; run-on stretches are also cut
before the phrases that open a STAR part ("в результате", "моя задача",
"Результат:"), so each unit can carry one label.
"""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.text import normalize
from sobes.analysis.transcript import Word

_SENTENCE_END = (".", "!", "?", "…")
RUN_ON_WORDS = 12  # a "sentence" this long without a full stop is a run-on
CLAUSE_WORDS = 4  # an opener after a comma starts a new part when this many words come before it
_CLAUSE_END = (",", ";", ":", "—")
# Phrases that open a new part of a STAR story even without a full stop before them.
PART_OPENERS = (
    ("ситуация",), ("задача",), ("действия",), ("действие",), ("результат",),
    ("в", "результате"), ("в", "итоге"), ("моя", "задача"), ("моей", "задачей"), ("мне", "нужно"),
    ("мне", "необходимо"), ("благодаря", "этому"),
)


@dataclass
class Unit:
    """A sentence (or a run-on piece of one) with its words and times."""

    text: str
    start: float
    end: float
    words: list[Word]

    @property
    def tokens(self) -> list[str]:
        return [normalize(w.word) for w in self.words]


def split_units(words: list[Word]) -> list[Unit]:
    """Sentences, cut further before STAR part openers."""
    units: list[Unit] = []
    current: list[Word] = []
    for i, word in enumerate(words):
        if _cut_before(words, i, current):
            units.append(_unit(current))
            current = []
        current.append(word)
        if _ends(word, _SENTENCE_END):
            units.append(_unit(current))
            current = []
    if current:
        units.append(_unit(current))
    return units


def split_clauses(unit: Unit) -> list[Unit]:
    """Clauses of a unit, cut after commas, semicolons, colons and dashes."""
    clauses, current = [], []
    for word in unit.words:
        current.append(word)
        if _ends(word, _CLAUSE_END):
            clauses.append(_unit(current))
            current = []
    if current:
        clauses.append(_unit(current))
    return clauses


def _cut_before(words: list[Word], i: int, current: list[Word]) -> bool:
    """Cut a run-on before a STAR opener: a named part ("Задача:"), an opener after a comma ("…провёл серию
    тренингов, в результате…": Whisper puts a comma or a full stop there as the piece it hears falls), or any
    opener after 12 words."""
    if not current or not _opens_part(words, i):
        return False
    named = words[i].word.rstrip().endswith(":") and len(current) >= 2
    after_clause = _ends(current[-1], _CLAUSE_END) and len(current) >= CLAUSE_WORDS
    return named or after_clause or len(current) >= RUN_ON_WORDS


def _opens_part(words: list[Word], i: int) -> bool:
    for phrase in PART_OPENERS:
        if tuple(normalize(w.word) for w in words[i:i + len(phrase)]) == phrase:
            return True
    return False


def _ends(word: Word, marks: tuple[str, ...]) -> bool:
    return word.word.rstrip("\"»)”").endswith(marks)


def _unit(words: list[Word]) -> Unit:
    return Unit(" ".join(w.word for w in words), words[0].start, words[-1].end, list(words))
