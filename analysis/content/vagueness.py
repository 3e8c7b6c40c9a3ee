"""Generalities, absolutes and blame the guides call bad answers, and the answer's length.

Markers from seed_digest.md §4.3 and §5.4: «Я всегда хорошо работаю в
команде», «все получилось хорошо», «У меня всегда все клиенты довольны»,
«Клиенты никогда от меня не уходят», «Результат: Нормальный», «Это не моя
вина», «Начальник был плохой».
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.content.sentences import Unit, split_clauses

_ABSOLUTES = ("всегда", "никогда", "все довольны", "все клиенты", "всё получилось", "все получилось",
              "никто", "ни разу", "абсолютно все", "любой клиент")
# said of oneself they cannot be checked («я всегда довожу до конца»); of the world they are no boast
# («"дорого" — это всегда относительно чего-то»)
_OF_ONESELF = ("всегда", "никогда", "ни разу", "никто")
_FIRST_PERSON = frozenset("я меня мне мной мы нас нам нами мой моя моё мое мои наш наша наше наши".split())
_GENERAL = ("все было хорошо", "всё было хорошо", "все получилось хорошо", "просто сделали", "как все",
            "нормальный", "нормально", "какой-то опыт", "всякое бывает", "много работы", "делать свою работу",
            "все что нужно", "всё что нужно")
_BLAME = ("не моя вина", "другой отдел", "начальник был плохой", "ужасный начальник", "ужасный", "недооценивали",
          "я победил", "доказать ему", "спорил", "клиент был не прав", "пока кто-нибудь другой")


@dataclass
class VagueItem:
    text: str
    kind: str  # absolute | general | blame
    start: float
    end: float
    sentence: str


@dataclass
class Vagueness:
    items: list[VagueItem] = field(default_factory=list)
    length_verdict: str | None = None  # short | ok | long, for the answer's kind (analysis.judge.Judge.length)
    duration_s: float | None = None
    budget_s: float | None = None
    shortest_s: float | None = None  # the kind's shortest right length (None: only "too long" is judged)


def find_vagueness(units: list[Unit]) -> Vagueness:
    """The phrases; the length is judged with the answer's kind (``Judge.length``)."""
    result = Vagueness()
    for unit in units:
        text = " " + " ".join(t for t in unit.tokens if t) + " "
        for kind, phrases in (("absolute", _ABSOLUTES), ("general", _GENERAL), ("blame", _BLAME)):
            for phrase in phrases:
                if f" {phrase} " in text and (phrase not in _OF_ONESELF or _of_oneself(unit, phrase)):
                    result.items.append(VagueItem(phrase, kind, unit.start_of(phrase), unit.end, unit.text))
    return result


def _of_oneself(unit: Unit, phrase: str) -> bool:
    """``phrase`` said in a clause about the candidate: "я", "меня", "мы", "мой"… beside it."""
    for clause in split_clauses(unit):
        tokens = [t for t in clause.tokens if t]
        if f" {phrase} " in f" {' '.join(tokens)} " and _FIRST_PERSON & set(tokens):
            return True
    return False
