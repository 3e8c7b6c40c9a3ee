"""Cue phrases matched on the words of an answer, with Russian endings left open.

A cue is one or more words separated by spaces; a word ending in ``*`` matches
any word that starts with it ("извин*" matches "извините", "извинился"), one
starting with ``*`` any word that ends with it ("*ствуйте": a greeting whose
start was misheard, "сдравствуйте", "сбрабствуйте"). The
transcript's tokens are already lower-case with ``ё`` as ``е``
(``analysis.text.normalize``), so cues are written the same way.

A recogniser mishears a letter now and then ("здравствуете", "добрый дент"):
with ``tolerant``, a cue word of ``TOLERANT_FROM`` letters or more also matches
a word one letter away (one letter changed, added or dropped; for a ``*`` cue,
in the part it gives). Checks that are covered by *not* saying something
(blame) stay exact: a near-miss must never accuse the candidate.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from sobes.analysis.content.sentences import Unit


@functools.lru_cache(maxsize=2048)
def _parts(cue: str) -> tuple[str, ...]:
    return tuple(cue.lower().replace("ё", "е").split())


TOLERANT_FROM = 6  # calibrated here: shorter words are too often other words one letter away ("день" / "дела")
TOLERANT_IN_PHRASE = 4  # beside a word said exactly ("добрый дент"), a shorter word may be misheard too


def _word_matches(pattern: str, token: str, tolerant: bool = False, shortest: int = TOLERANT_FROM) -> bool:
    if pattern.startswith("*"):
        return token.endswith(pattern[1:])
    prefix = pattern.endswith("*")
    stem = pattern[:-1] if prefix else pattern
    if token.startswith(stem) if prefix else token == stem:
        return True
    if not tolerant or len(stem) < shortest:
        return False
    if prefix:  # the stem against the token's start, allowing the one letter added or dropped
        return any(_one_apart(stem, token[:len(stem) + d]) for d in (-1, 0, 1))
    return _one_apart(stem, token)


@functools.lru_cache(maxsize=65536)
def _one_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1:]


def find_span(tokens: Sequence[str], cues: Iterable[str], *, tolerant: bool = False) -> tuple[int, int] | None:
    """Where the first cue found in ``tokens`` is: [start, end) token indexes, or None."""
    for cue in cues:
        parts = _parts(cue)
        for i in range(len(tokens) - len(parts) + 1):
            said = tokens[i:i + len(parts)]
            exact = sum(_word_matches(p, t) for p, t in zip(parts, said))
            shortest = TOLERANT_IN_PHRASE if exact and len(parts) > 1 else TOLERANT_FROM
            if all(_word_matches(p, t, tolerant, shortest) for p, t in zip(parts, said)):
                return i, i + len(parts)
    return None


def find_cue(tokens: Sequence[str], cues: Iterable[str], *, tolerant: bool = False) -> str | None:
    """The first cue found in ``tokens`` (as the tokens that matched), or None."""
    span = find_span(tokens, cues, tolerant=tolerant)
    return None if span is None else " ".join(tokens[span[0]:span[1]])


def first_unit_with(units: Sequence[Unit], cues: Iterable[str], *, tolerant: bool = False
                    ) -> tuple[Unit, str] | None:
    """The first unit that contains one of ``cues``, with the words that matched as the transcript wrote them."""
    cues = tuple(cues)
    for unit in units:
        span = find_span(unit.tokens, cues, tolerant=tolerant)
        if span is not None:
            said = " ".join(w.word.strip() for w in unit.words[span[0]:span[1]])
            return unit, said.strip(_EDGE_PUNCTUATION)
    return None


_EDGE_PUNCTUATION = ".,!?…:;—–-«»\"' "
