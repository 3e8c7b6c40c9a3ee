"""The role play's replies judged against their labels (tests/fixtures/role_play/replies.yaml): per behaviour and
mistake key, precision and recall, on the tuning part and the held-out part apart. No speech model: the words of
each reply are timed one every 0.4 s, as ``tests.written_reports`` times them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from sobes.analysis.content import conversation_cues
from sobes.analysis.content.conversation import ReplyBehaviours, behaviours_of
from sobes.analysis.content.sentences import split_units
from sobes.analysis.transcript import Word

REPLIES = Path(__file__).resolve().parent / "fixtures" / "role_play" / "replies.yaml"
GOOD = tuple(conversation_cues.GOOD)
MISTAKES = tuple(conversation_cues.MISTAKES)


@dataclass(frozen=True)
class Labelled:
    id: str
    scenario: str
    reply: str
    good: frozenset[str]
    mistakes: frozenset[str]
    held_out: bool


@dataclass(frozen=True)
class Figure:
    key: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float | None:
        said = self.true_positives + self.false_positives
        return self.true_positives / said if said else None

    @property
    def recall(self) -> float | None:
        there = self.true_positives + self.false_negatives
        return self.true_positives / there if there else None


@lru_cache(maxsize=1)
def replies() -> tuple[Labelled, ...]:
    data = yaml.safe_load(REPLIES.read_text(encoding="utf-8"))
    return tuple(Labelled(item["id"], item["scenario"], item["reply"], frozenset(item.get("good") or ()),
                          frozenset(item.get("mistakes") or ()), bool(item.get("held_out", False)))
                 for item in data["replies"])


def words_of(text: str) -> list[Word]:
    return [Word(w, round(i * 0.4, 2), round(i * 0.4 + 0.3, 2), 1.0) for i, w in enumerate(text.split())]


def judged(reply: Labelled) -> ReplyBehaviours:
    return behaviours_of(split_units(words_of(reply.reply)))


@cache
def found(reply: Labelled) -> frozenset[str]:
    said = judged(reply)
    return frozenset(m.key for m in said.good + said.mistakes)


def figures(held_out: bool) -> dict[str, Figure]:
    """Per key: how often it was found where labelled, found where not, missed."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for reply in replies():
        if reply.held_out != held_out:
            continue
        truth, said = reply.good | reply.mistakes, found(reply)
        for key in GOOD + MISTAKES:
            tp[key] += key in truth and key in said
            fp[key] += key in said and key not in truth
            fn[key] += key in truth and key not in said
    return {key: Figure(key, tp[key], fp[key], fn[key]) for key in GOOD + MISTAKES}


def pooled(held_out: bool, keys: tuple[str, ...]) -> Figure:
    parts = figures(held_out)
    return Figure("+".join(keys), sum(parts[k].true_positives for k in keys),
                  sum(parts[k].false_positives for k in keys), sum(parts[k].false_negatives for k in keys))


def disagreements(held_out: bool) -> list[str]:
    out = []
    for reply in replies():
        if reply.held_out != held_out:
            continue
        truth, said = reply.good | reply.mistakes, found(reply)
        if truth != said:
            out.append(f"{reply.id}: missed {sorted(truth - said)}, wrongly {sorted(said - truth)} — {reply.reply}")
    return out
