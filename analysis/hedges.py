"""Hedges: words of uncertainty the guides call out ("наверное", "вроде", "надеюсь").

They are not fillers: they carry meaning, but too many make a candidate sound
unsure (001 L79: «Ну, я просто ищу работу. У меня есть какой-то опыт,
наверное, он подойдет. Надеюсь, вы меня возьмете.» — «Неуверенность»).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sobes.analysis.phrases import Context, Rule, match_phrases
from sobes.analysis.transcript import Word

_INDEFINITE = ("какой-то", "какая-то", "какое-то", "какие-то", "какого-то", "каким-то",
               "какую-то", "каких-то", "какими-то", "какому-то", "каком-то")


@dataclass
class HedgeItem:
    text: str
    start: float
    end: float
    confidence: float


@dataclass
class HedgesSection:
    items: list[HedgeItem] = field(default_factory=list)
    count: int = 0
    per_100_words: float | None = None
    breakdown: dict[str, int] = field(default_factory=dict)


def _always(confidence: float) -> Rule:
    return lambda c: confidence


def _kak_to(c: Context) -> float:
    # "как-то раз" starts a story (a situation), it is not doubt.
    return 0.0 if c.next == "раз" else 0.7


def _mozhet_byt(c: Context) -> float:
    # "Может быть, …" hedges; "это может быть полезно" is a modal verb.
    return 0.85 if c.pause_after or c.sentence_start else 0.0


def _ya_dumayu(c: Context) -> float:
    return 0.7


def _ne_uveren(c: Context) -> float:
    # "я не уверен" is the speaker's doubt; "он не уверен, что продукт подойдёт" tells of a client's
    return 0.0 if c.prev in _SOMEONE_ELSE else 0.85


_SOMEONE_ELSE = ("он", "она", "они", "клиент", "клиентка", "покупатель", "заказчик", "человек", "руководитель",
                 "начальник", "коллега", "партнер", "вы", "ты")


RULES: list[tuple[tuple[str, ...], Rule]] = sorted([
    (("в", "каком-то", "смысле"), _always(0.9)),
    (("в", "некотором", "роде"), _always(0.9)),
    (("как", "мне", "кажется"), _always(0.85)),
    (("мне", "кажется"), _always(0.8)),
    (("скорее", "всего"), _always(0.7)),
    (("может", "быть"), _mozhet_byt),
    (("вроде", "бы"), _always(0.9)),
    (("я", "думаю"), _ya_dumayu),
    (("не", "уверен"), _ne_uveren),
    (("не", "уверена"), _ne_uveren),
    (("наверное",), _always(0.9)),
    (("наверно",), _always(0.9)),
    (("вроде",), _always(0.8)),
    (("надеюсь",), _always(0.8)),
    (("возможно",), _always(0.6)),
    (("как-то",), _kak_to),
    (("немного",), _always(0.5)),
    *(((word,), _always(0.7)) for word in _INDEFINITE),
], key=lambda rule: -len(rule[0]))


def find_hedges(words: list[Word]) -> HedgesSection:
    items = [HedgeItem(m.text, m.start, m.end, m.confidence) for m in match_phrases(words, RULES)]
    return HedgesSection(
        items=items,
        count=len(items),
        per_100_words=round(len(items) / len(words) * 100, 2) if words else None,
        breakdown=dict(Counter(i.text for i in items).most_common()),
    )
