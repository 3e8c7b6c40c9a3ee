"""Sentences and clauses with times, from the timed words.

Whisper's punctuation marks most sentence ends; run-on stretches are also cut
before the phrases that open a STAR part ("в результате", "моя задача",
"Результат:"), so each unit can carry one label. A stretch with no sentence
end at all — how people speak, and how a transcript often comes out — is cut
before every opener once a few words have gone, and before "я" with a
verb of the past ("…а маркетинг был против | я собрала данные…").
"""

from __future__ import annotations

from dataclasses import dataclass

from sobes.analysis.morph import tag
from sobes.analysis.text import normalize
from sobes.analysis.transcript import Word

_SENTENCE_END = (".", "!", "?", "…")
RUN_ON_WORDS = 12  # a "sentence" this long without a full stop is a run-on
CLAUSE_WORDS = 4  # an opener after a comma starts a new part when this many words come before it
UNPUNCTUATED_WORDS = 5  # in a transcript without sentence ends, an opener this many words in starts a new part
RUN_ON_TEXT = 25  # calibrated here: fewer sentence ends than one per this many words is a transcript without them
_CLAUSE_END = (",", ";", ":", "—")
# Phrases that open a new part of a STAR story even without a full stop before them.
PART_OPENERS = (
    ("ситуация",), ("задача",), ("действия",), ("действие",), ("результат",),
    ("в", "результате"), ("в", "итоге"), ("моя", "задача"), ("моей", "задачей"), ("мне", "нужно"),
    ("мне", "необходимо"), ("благодаря", "этому"),
)
# more openers, heard only in a stretch with no punctuation (with it, they stay inside their sentence)
RUN_ON_OPENERS = (
    ("мне", "надо"), ("надо", "было"), ("нужно", "было"), ("необходимо", "было"), ("мне", "поручили"),
    ("поручили",), ("задача", "была"), ("цель", "была"), ("я", "отвечал*"), ("я", "должен"), ("я", "должна"),
    ("сначала",), ("потом",), ("затем",), ("после", "этого"), ("итогом",), ("это", "позволило"),
    ("через", "месяц*"), ("через", "недел*"), ("через", "два"), ("через", "две"), ("через", "три"),
    ("через", "пару"), ("через", "несколько"), ("через", "полгода"), ("через", "год"), ("через", "квартал"),
    ("за", "следующ*"), ("к", "концу"),
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

    def start_of(self, said: str | None) -> float:
        """When ``said`` (words of this sentence, as quoted back) begins: the review's «▶» beside a quote played
        its sentence from the first word, seconds before the words it quotes. The whole phrase where it is found,
        else its first word, else the sentence's start."""
        quoted = [t for t in (normalize(w) for w in (said or "").split()) if t]
        tokens = self.tokens
        if not quoted:
            return self.start
        for size in (len(quoted), 1):
            found = next((i for i in range(len(tokens)) if tokens[i:i + size] == quoted[:size]), None)
            if found is not None:
                return self.words[found].start
        return self.start


def split_units(words: list[Word]) -> list[Unit]:
    """Sentences, cut further before STAR part openers."""
    units: list[Unit] = []
    current: list[Word] = []
    unpunctuated = sum(_ends(w, _SENTENCE_END) for w in words) * RUN_ON_TEXT < len(words)
    for i, word in enumerate(words):
        if _cut_before(words, i, current, unpunctuated):
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


def _cut_before(words: list[Word], i: int, current: list[Word], unpunctuated: bool) -> bool:
    """Cut a run-on before a STAR opener: a named part ("Задача:"), an opener after a comma ("…провёл серию
    тренингов, в результате…": Whisper puts a comma or a full stop there as the piece it hears falls), any
    opener after 12 words, or — in a transcript without sentence ends — any opener or "я" + a past verb
    after 5."""
    if not current:
        return False
    if unpunctuated and len(current) >= UNPUNCTUATED_WORDS and (
            _opens_part(words, i, PART_OPENERS + RUN_ON_OPENERS) or _i_did(words, i)):
        return True
    if not _opens_part(words, i, PART_OPENERS):
        return False
    named = words[i].word.rstrip().endswith(":") and len(current) >= 2
    after_clause = _ends(current[-1], _CLAUSE_END) and len(current) >= CLAUSE_WORDS
    return named or after_clause or len(current) >= RUN_ON_WORDS


def _opens_part(words: list[Word], i: int, openers: tuple[tuple[str, ...], ...]) -> bool:
    said = [normalize(w.word) for w in words[i:i + 2]]
    return any(len(said) >= len(phrase) and all(
        s.startswith(p[:-1]) if p.endswith("*") else s == p for s, p in zip(said, phrase)) for phrase in openers)


def _i_did(words: list[Word], i: int) -> bool:
    """"я" and a verb of the past right after it (or one word later: "я сразу позвонила")."""
    if normalize(words[i].word) != "я":
        return False
    return any(tag(normalize(w.word)).POS == "VERB" and tag(normalize(w.word)).tense == "past"
               for w in words[i + 1:i + 3])


def _ends(word: Word, marks: tuple[str, ...]) -> bool:
    return word.word.rstrip("\"»)”").endswith(marks)


def _unit(words: list[Word]) -> Unit:
    return Unit(" ".join(w.word for w in words), words[0].start, words[-1].end, list(words))
