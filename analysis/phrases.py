"""Context-sensitive phrase matching over a timed transcript (fillers, hedges).

A rule gets the match in its context (neighbouring words, the punctuation
Whisper wrote, sentence boundaries) and returns the confidence that this
occurrence is the marker; 0 means the phrase is ordinary speech here.
Longer phrases are tried first, and a phrase judged ordinary still consumes
its words, so "как бы вы" never yields a lone "как бы".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sobes.analysis.text import ends_clause, normalize
from sobes.analysis.transcript import Word

SENTENCE_END = (".", "!", "?", "…")


@dataclass
class Context:
    """A candidate match: tokens [i, i + n) of the transcript."""

    tokens: list[str]
    raw: list[str]
    i: int
    n: int

    @property
    def next(self) -> str:
        j = self.i + self.n
        return self.tokens[j] if j < len(self.tokens) else ""

    @property
    def after_next(self) -> str:
        j = self.i + self.n + 1
        return self.tokens[j] if j < len(self.tokens) else ""

    @property
    def prev(self) -> str:
        return self.tokens[self.i - 1] if self.i > 0 else ""

    @property
    def pause_after(self) -> bool:
        """Punctuation after the match, or the end of the answer."""
        j = self.i + self.n - 1
        return j == len(self.raw) - 1 or ends_clause(self.raw[j])

    @property
    def set_off(self) -> bool:
        """Between commas (or a comma and the sentence edge): a parenthetical word."""
        before = self.i == 0 or ends_clause(self.raw[self.i - 1])
        return before and self.pause_after

    @property
    def sentence_start(self) -> bool:
        return self.i == 0 or self.raw[self.i - 1].rstrip("\"»)").endswith(SENTENCE_END)

    @property
    def sentence_is_question(self) -> bool:
        for word in self.raw[self.i:]:
            if word.rstrip("\"»)").endswith(SENTENCE_END):
                return word.rstrip("\"»)").endswith("?")
        return False

    @property
    def sentence_ends_after(self) -> bool:
        return self.raw[self.i + self.n - 1].rstrip("\"»)").endswith(SENTENCE_END)


Rule = Callable[[Context], float]


@dataclass(frozen=True)
class Match:
    text: str
    start: float
    end: float
    confidence: float
    single: bool = False  # matched by the single-token test, not a phrase rule


def match_phrases(words: list[Word], rules: list[tuple[tuple[str, ...], Rule]], *,
                  single: Callable[[str], float] | None = None) -> Iterator[Match]:
    """Yield the phrases of ``rules`` found in ``words`` with a positive confidence.

    ``rules`` must be sorted longest first. ``single`` scores one token on its
    own (e.g. a hesitation spelling) before the phrase rules are tried.
    """
    raw = [w.word for w in words]
    tokens = [normalize(w) for w in raw]
    i = 0
    while i < len(tokens):
        score = single(tokens[i]) if single else 0.0
        if score > 0:
            yield Match(tokens[i], words[i].start, words[i].end, score, single=True)
            i += 1
            continue
        for phrase, rule in rules:
            n = len(phrase)
            if tuple(tokens[i:i + n]) == phrase and not any(ends_clause(raw[k]) for k in range(i, i + n - 1)):
                confidence = rule(Context(tokens, raw, i, n))
                if confidence > 0:
                    yield Match(" ".join(phrase), words[i].start, words[i + n - 1].end, confidence)
                i += n
                break
        else:
            i += 1
