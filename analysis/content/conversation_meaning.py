"""A role-play reply's good behaviours read by meaning, for what the cue lists miss when said in other words.

The cue lists (``conversation_cues``) know the words the guides and the tuning replies use; a candidate who says
«я бы тоже рассердилась» acknowledges the client as surely as one who says «понимаю», but no list holds every way
of saying it, and the conversation would then answer as if the reply lacked it. Here a reply's sentence reads as a
behaviour when its meaning (navec vectors, as ``meaning.embed`` weighs them, but of every word as it was said:
«пришлю» promises an act that «прислать» does not) is close to a sentence that shows it among the
examples of assets/coaching/role_play_examples.yaml (the guides' good replies and the tuning replies, cut into
sentences) — closer than ``LEAST_SIMILARITY`` and nearer by ``LEAST_MARGIN`` than to any example that does not
show it.

Only good behaviours are read this way, and only those whose reading held up when the examples of one scenario
were left out and that scenario's replies read with the others' (bench/role_play_meaning.py; a behaviour whose
precision fell below ``LEAST_PRECISION`` is left to its cues). Mistakes never are: a wrong accusation makes the
client angrier for nothing. A sentence that refuses («скидку дать не могу») offers nothing, whatever it is near.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import numpy as np
import yaml

from sobes.analysis.content import conversation_cues as cue
from sobes.analysis.content.conversation import LABELS, Moment
from sobes.analysis.content.cues import find_span
from sobes.analysis.content.meaning import DIMENSIONS, weighted_mean
from sobes.analysis.content.sentences import Unit

# calibrated here (bench/role_play_meaning.py: leave-one-scenario-out on the tuning replies, the thresholds finding
# most at a precision of LEAST_PRECISION, then that choice cross-validated again; docs/content.md, Role play): per
# behaviour, the least cosine similarity to an example showing it, and by how much more than to the nearest example
# that does not (never less than nothing: the nearest example decides). Not read by meaning: the close (its
# cross-validated precision 0.50: thanks are words more than a meaning, and the cues know them) and the question (a
# sentence asked is one already).
LEAST_SIMILARITY = {"empathy": 0.55, "offer": 0.45, "deadline": 0.45, "compensation": 0.45, "agreement": 0.625}
LEAST_MARGIN = {"empathy": 0.0, "offer": 0.0, "deadline": 0.05, "compensation": 0.025, "agreement": 0.075}
LEAST_PRECISION = 0.85  # a behaviour is read by meaning only where its cross-validated precision reaches this
KEYS = tuple(LEAST_SIMILARITY)
ASKED = frozenset({"agreement", "question"})  # read only in a sentence asked («…?»)
MADE = frozenset({"offer", "deadline", "compensation"})  # not in a sentence that refuses («…не могу»)
_WORD = re.compile(r"[а-яёa-z]+(?:-[а-яёa-z]+)*")


@dataclass(frozen=True)
class Example:
    text: str
    shows: frozenset[str]
    scenario: str


@dataclass(frozen=True)
class Examples:
    """Example sentences with their unit vectors (one row each)."""

    examples: tuple[Example, ...]
    vectors: np.ndarray

    def nearest(self, vector: np.ndarray, key: str) -> tuple[float, float]:
        """The best similarity of ``vector`` to an example showing ``key`` and to one that does not."""
        similarity = self.vectors @ vector
        showing = np.array([key in example.shows for example in self.examples])
        best = float(similarity[showing].max()) if showing.any() else -1.0
        other = float(similarity[~showing].max()) if (~showing).any() else -1.0
        return best, other


def load_examples() -> tuple[Example, ...]:
    """The example sentences as shipped (assets/coaching/role_play_examples.yaml)."""
    folder = resources.files("sobes.assets") / "coaching"
    data = yaml.safe_load((folder / "role_play_examples.yaml").read_text(encoding="utf-8"))
    return tuple(Example(row["text"], frozenset(row.get("shows") or ()), row["scenario"])
                 for row in data["sentences"])


def examples_of(examples: Iterable[Example]) -> Examples:
    """``examples`` with their vectors (a sentence navec knows no word of is left out)."""
    kept, vectors = [], []
    for example in examples:
        vector = sentence_vector(example.text)
        if vector is not None:
            kept.append(example)
            vectors.append(vector)
    return Examples(tuple(kept), np.array(vectors, np.float32).reshape(len(vectors), DIMENSIONS))


@functools.cache
def _shipped() -> Examples:
    """The shipped examples' vectors, computed on the first reply read (not at import)."""
    return examples_of(load_examples())


def meaning_moments(units: list[Unit], examples: Examples | None = None) -> dict[str, Moment]:
    """For each behaviour of ``KEYS``, the first of ``units`` (a reply's sentences) whose meaning reads as it."""
    found: dict[str, Moment] = {}
    for unit in units:
        for key in readings(unit, examples or _shipped()):
            if key not in found:
                found[key] = Moment(key, LABELS[key], unit.text.strip(), round(unit.start, 2))
    return found


def readings(unit: Unit, examples: Examples, keys: Iterable[str] = KEYS) -> list[str]:
    """The behaviours of ``keys`` that ``unit`` reads as."""
    return [key for key, (best, other) in scores(unit, examples, keys).items()
            if best > LEAST_SIMILARITY[key] and best - other > LEAST_MARGIN[key]]


def scores(unit: Unit, examples: Examples, keys: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Per behaviour ``unit`` may show: its best similarity to an example showing it and to one that does not."""
    vector = sentence_vector(unit.text)
    if vector is None:
        return {}
    asked = unit.text.rstrip().endswith("?")
    refused = find_span(unit.tokens, cue.NEGATED) is not None
    return {key: examples.nearest(vector, key) for key in keys
            if (asked or key not in ASKED) and not (refused and key in MADE)}


def sentence_vector(text: str) -> np.ndarray | None:
    """The unit vector of what ``text`` says: its words as said (not their dictionary forms: «оформлю», «пришлю»
    say the candidate will act, «понимаю» that they feel for the client), each weighted by its rarity as in
    ``meaning.embed`` (smooth inverse frequency: «я», «вам», «и» weigh little but are not dropped — «вас устроит»
    asks the client); None when navec knows none of them."""
    return weighted_mean(_WORD.findall(text.lower().replace("ё", "е")))


def warm_up() -> None:
    """Compute the examples' vectors now (0.1 s once navec is loaded), not while the client waits to answer back."""
    _shipped()
