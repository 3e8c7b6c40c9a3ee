"""Cue phrases matched on the words of an answer, with Russian endings left open.

A cue is one or more words separated by spaces; a word ending in ``*`` matches
any word that starts with it ("извин*" matches "извините", "извинился"). The
transcript's tokens are already lower-case with ``ё`` as ``е``
(``analysis.text.normalize``), so cues are written the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from sobes.analysis.content.sentences import Unit


@functools.lru_cache(maxsize=2048)
def _parts(cue: str) -> tuple[str, ...]:
    return tuple(cue.lower().replace("ё", "е").split())


def _word_matches(pattern: str, token: str) -> bool:
    return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern


def find_span(tokens: Sequence[str], cues: Iterable[str]) -> tuple[int, int] | None:
    """Where the first cue found in ``tokens`` is: [start, end) token indexes, or None."""
    for cue in cues:
        parts = _parts(cue)
        for i in range(len(tokens) - len(parts) + 1):
            if all(_word_matches(p, tokens[i + k]) for k, p in enumerate(parts)):
                return i, i + len(parts)
    return None


def find_cue(tokens: Sequence[str], cues: Iterable[str]) -> str | None:
    """The first cue found in ``tokens`` (as the tokens that matched), or None."""
    span = find_span(tokens, cues)
    return None if span is None else " ".join(tokens[span[0]:span[1]])


def first_unit_with(units: Sequence[Unit], cues: Iterable[str]) -> tuple[Unit, str] | None:
    """The first unit that contains one of ``cues``, with the words that matched as the transcript wrote them."""
    cues = tuple(cues)
    for unit in units:
        span = find_span(unit.tokens, cues)
        if span is not None:
            said = " ".join(w.word.strip() for w in unit.words[span[0]:span[1]])
            return unit, said.strip(_EDGE_PUNCTUATION)
    return None


_EDGE_PUNCTUATION = ".,!?…:;—–-«»\"' "
