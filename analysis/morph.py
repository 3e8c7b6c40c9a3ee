"""Russian morphology (pymorphy3), loaded once on first use.

Used where context decides whether a word is a filler: "в общем объёме"
(a noun follows) is not a filler, "в общем, клиенты…" is.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=50_000)
def tag(word: str):
    """The most probable morphological tag of a lower-case word."""
    return _analyzer().parse(word)[0].tag


def is_pos(word: str, *parts: str) -> bool:
    """True when the word's most probable part of speech is one of ``parts`` (NOUN, ADJF, VERB…)."""
    return bool(word) and tag(word).POS in parts


def has_case(word: str, *cases: str) -> bool:
    return bool(word) and tag(word).case in cases


@functools.lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The dictionary form of a lower-case word."""
    return _analyzer().parse(word)[0].normal_form


@functools.lru_cache(maxsize=50_000)
def lemmas(word: str, parses: int = 3) -> frozenset[str]:
    """The dictionary forms of a word's most probable readings: "дорогой" is a road or dear, and only the
    context knows which."""
    return frozenset(p.normal_form for p in _analyzer().parse(word)[:parses])
