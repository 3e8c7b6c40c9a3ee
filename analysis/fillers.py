"""Lexical fillers and transcribed hesitations in a Russian transcript.

Russian pragmatic markers are fillers only in some contexts: "как бы вы
поступили", "вот договор", "это значит, что клиент…" and "в общем объёме"
are ordinary speech. Each filler has a rule that reads its neighbours (the
next and previous word, punctuation Whisper wrote, and morphology) and gives a
confidence. The rules and their test table are in tests/test_fillers.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sobes.analysis.morph import has_case, is_pos
from sobes.analysis.phrases import Context, Rule, match_phrases
from sobes.analysis.text import normalize
from sobes.analysis.transcript import Word

HESITATION = re.compile(r"^(?:э+|э(?:-э+)+|эм+|м{2,}|м(?:-м+)+|а(?:-а+)+|а{2,}|хм+)$")
PERSONAL = {"я", "ты", "вы", "он", "она", "оно", "мы", "они"}


@dataclass
class FillerItem:
    text: str
    start: float
    end: float
    kind: str  # lexical | hesitation
    confidence: float
    source: str = "transcript"  # transcript | audio | both


@dataclass
class FillersSection:
    items: list[FillerItem] = field(default_factory=list)
    count: int = 0
    lexical_count: int = 0
    hesitation_count: int = 0
    per_min: float | None = None
    per_100_words: float | None = None
    hesitations_per_min: float | None = None
    breakdown: dict[str, int] = field(default_factory=dict)
    reason: str | None = None


def summarize_fillers(items: list[FillerItem], n_words: int, speaking_time_s: float | None) -> FillersSection:
    """Counts and rates; rates are per minute of speaking time and per 100 recognised words."""
    items = sorted(items, key=lambda item: item.start)
    minutes = speaking_time_s / 60 if speaking_time_s else None
    hesitations = sum(i.kind == "hesitation" for i in items)
    return FillersSection(
        items=items,
        count=len(items),
        lexical_count=len(items) - hesitations,
        hesitation_count=hesitations,
        per_min=round(len(items) / minutes, 2) if minutes else None,
        per_100_words=round(len(items) / n_words * 100, 2) if n_words else None,
        hesitations_per_min=round(hesitations / minutes, 2) if minutes else None,
        breakdown=dict(Counter(i.text for i in items).most_common()),
        reason=None if n_words else "no words recognised",
    )


def _filler_follows(c: Context) -> bool:
    return bool(HESITATION.match(c.next)) or c.next in {"ну", "вот", "типа", "короче", "значит"}


def _always(confidence: float) -> Rule:
    return lambda c: confidence


def _vot(c: Context) -> float:
    # "вот, в общем" / "вот." / "ну вот" are fillers; "вот договор", "вот так" point at something.
    if c.pause_after or _filler_follows(c):
        return 0.9
    if c.next in {"так", "это", "этот", "эта", "эти", "почему", "как", "что", "где", "когда", "такой",
                  "такие", "такая", "здесь", "тут", "и", "уже", "она", "он", "они"}:
        return 0.0
    if is_pos(c.next, "NOUN", "NPRO", "ADJF", "NUMR", "ADVB") and c.next not in PERSONAL:
        return 0.0
    return 0.6  # "вот я позвонил клиенту"


def _kak_by(c: Context) -> float:
    # "как бы вы поступили", "как бы не опоздать", "как бы то ни было" are not fillers;
    # between commas ("Это, как бы, не моя зона") it is one whatever follows.
    if c.set_off:
        return 0.9
    if c.next in PERSONAL | {"не", "то", "ни"} or c.sentence_is_question:
        return 0.0
    return 0.85


def _tipa(c: Context) -> float:
    # "какого типа", "этого типа клиентов", "от типа договора": the noun тип.
    if c.prev and (is_pos(c.prev, "PREP") or is_pos(c.prev, "ADJF", "PRTF") and has_case(c.prev, "gent")):
        return 0.0
    if c.prev in {"какого", "такого", "этого", "того", "другого", "нового", "одного", "любого", "два", "три"}:
        return 0.0
    return 0.85


def _koroche(c: Context) -> float:
    # "короче, чем", "стал короче", "гораздо короче": the comparative of короткий;
    # "был, короче, очень сложный": between commas it is a filler.
    if c.set_off and c.next != "чем":
        return 0.95
    if c.next in {"чем", "на"} or c.prev in {"стал", "стала", "стало", "стали", "было", "был", "гораздо",
                                               "намного", "чуть", "еще", "немного", "значительно", "сделать",
                                               "сделали", "сделал", "стать"}:
        return 0.0
    return 0.95 if c.pause_after or c.sentence_start else 0.75


def _v_obshchem(c: Context) -> float:
    # "в общем объёме", "в общем чате": an adjective with its noun.
    if not c.pause_after and (is_pos(c.next, "NOUN", "ADJF") and has_case(c.next, "loct", "datv")):
        return 0.0
    return 0.9


def _znachit(c: Context) -> float:
    # "это значит, что…", "значит, что клиент…", "значит много": the verb "to mean".
    if c.next == "что":
        return 0.0
    if c.prev in {"это", "то", "что", "все", "всё", "много", "не"}:
        return 0.0
    return 0.8 if c.pause_after or c.sentence_start else 0.6


def _eto_samoe(c: Context) -> float:
    # "это самое важное", "это самое главное": a superlative.
    if not c.pause_after and is_pos(c.next, "ADJF", "NOUN", "ADJS"):
        return 0.0
    return 0.85


def _tak_skazat(c: Context) -> float:
    return 0.0 if c.next in {"нельзя", "можно", "трудно", "сложно"} else 0.9


def _v_printsipe(c: Context) -> float:
    # "в принципе работы системы": the noun принцип.
    if not c.pause_after and is_pos(c.next, "NOUN") and has_case(c.next, "gent"):
        return 0.0
    return 0.7


def _to_est(c: Context) -> float:
    # Filler only when empty: nothing follows it, or another filler does.
    if _filler_follows(c) or c.i + c.n >= len(c.tokens) or c.sentence_ends_after:
        return 0.8
    return 0.0


def _slushayte(c: Context) -> float:
    # "Слушайте, …" is an opener; "слушайте клиента" is advice.
    return 0.8 if c.pause_after else 0.0


def _sobstvenno(c: Context) -> float:
    return 0.85


# Longest phrases first: "ну вот" before "ну", "короче говоря" before "короче".
RULES: list[tuple[tuple[str, ...], Rule]] = sorted([
    (("ну", "вот"), _always(0.95)),
    (("как", "бы", "сказать"), _always(0.9)),
    (("короче", "говоря"), _always(0.9)),
    (("собственно", "говоря"), _always(0.9)),
    (("так", "сказать"), _tak_skazat),
    (("как", "говорится"), _always(0.8)),
    (("это", "самое"), _eto_samoe),
    (("в", "общем"), _v_obshchem),
    (("в", "принципе"), _v_printsipe),
    (("то", "есть"), _to_est),
    (("как", "бы"), _kak_by),
    (("ну",), _always(0.9)),
    (("вот",), _vot),
    (("типа",), _tipa),
    (("короче",), _koroche),
    (("значит",), _znachit),
    (("собственно",), _sobstvenno),
    (("слушайте",), _slushayte),
    (("блин",), _always(0.9)),
], key=lambda rule: -len(rule[0]))


def spoken_words(words: list[Word]) -> list[Word]:
    """``words`` without the transcribed hesitations ("э-э", "м-м"): what a pace counts.

    A hesitation is not a word, and how many a decoder writes for one sound is chance: greedy decoding wrote
    "э, э," where beam search wrote "э-э." for the same audio, and the live pace read 17 % above the report's.
    """
    return [w for w in words if not HESITATION.match(normalize(w.word))]


def find_fillers(words: list[Word]) -> list[FillerItem]:
    """Lexical fillers and transcribed hesitations ("эээ", "ммм"), in time order."""
    items = []
    for match in match_phrases(words, RULES, single=lambda token: 0.95 if HESITATION.match(token) else 0.0):
        kind = "hesitation" if match.single else "lexical"
        items.append(FillerItem(match.text, match.start, match.end, kind, match.confidence))
    return items
