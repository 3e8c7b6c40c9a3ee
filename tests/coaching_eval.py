"""The content coaching measured on the labelled set (tests/fixtures/coaching/pairs.yaml): how often "off topic" is
right and how often it is a false alarm, and each checklist item's precision and recall, per split.

Used by tests/test_coaching_figures.py (the targets, on the held-out split) and bench/coaching_set.py (the table).
The answers are judged as text, the way `sobes coach` judges them: the same path as a recording's transcript.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import yaml

from sobes.analysis.content import topics
from sobes.analysis.content.section import ContentSection, QuestionContext
from sobes.analysis.transcript import Transcript
from sobes.interview.question_bank import load_bank
from sobes.interview.session import Step
from tests.judges import DEFAULT, content_of

PAIRS = Path(__file__).parent / "fixtures" / "coaching" / "pairs.yaml"
UNSEEN = {"unseen": PAIRS.with_name("unseen.yaml"), "unseen2": PAIRS.with_name("unseen2.yaml")}  # for "off topic" only


@dataclass(frozen=True, eq=False)
class Pair:
    id: str
    split: str
    question: QuestionContext
    answer: str
    answer_topic: str
    on_topic: str  # yes | no | unclear
    items: dict[str, bool]
    flags: tuple[str, ...]
    tags: tuple[str, ...]


def _yes(value) -> str:
    return {True: "yes", False: "no"}.get(value, str(value))


@functools.cache
def pairs() -> tuple[Pair, ...]:
    """The labelled set, and the later held-out sets as splits "unseen" and "unseen2" (labelled for topic only)."""
    bank = load_bank()
    out = []
    unseen = [{**raw, "split": split, "answer_topic": "", "tags": [raw["pattern"]]}
              for split, path in UNSEEN.items() for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]]
    for raw in yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"] + unseen:
        if "question" in raw:
            question = Step.of(bank.by_id(raw["question"]), DEFAULT).context()
        else:
            question = QuestionContext(raw["question_text"], raw.get("kind", "short"))
        out.append(Pair(raw["id"], raw["split"], question, raw["answer"], raw["answer_topic"], _yes(raw["on_topic"]),
                        {k: bool(v) for k, v in (raw.get("items") or {}).items()}, tuple(raw.get("flags") or ()),
                        tuple(raw.get("tags") or ())))
    return tuple(out)


def judged(pair: Pair) -> ContentSection:
    """The content section of a pair's answer, said at an ordinary pace (120 words a minute)."""
    return _judged(pair.id)


@functools.cache
def _judged(pair_id: str) -> ContentSection:
    pair = next(p for p in pairs() if p.id == pair_id)
    return content_of(Transcript.from_text(pair.answer, len(pair.answer.split()) / 2).words, pair.question)


@dataclass(frozen=True)
class OffTopic:
    caught: int  # off-topic answers called off topic
    off: int  # off-topic answers
    false_alarms: int  # on-topic answers called off topic
    on: int  # on-topic answers

    @property
    def recall(self) -> float:
        return self.caught / max(self.off, 1)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / max(self.on, 1)


@contextlib.contextmanager
def left_out(text: str) -> Iterator[None]:
    """The topics read without ``text`` among their examples: the train split's answers are examples themselves, so
    judged with them each finds itself (train recall 0.74 that way, 0.38 left out)."""
    full = topics._examples()
    keep = [i for i, said in enumerate(full.texts) if said != text]
    subset = dataclasses.replace(full, keys=tuple(full.keys[i] for i in keep), texts=tuple(full.texts[i] for i in keep),
                                 meanings=full.meanings[keep], forms=[full.forms[i] for i in keep])
    with mock.patch.object(topics, "_examples", lambda: subset):
        yield


def off_topic(split: str, *, leave_out: bool = False) -> OffTopic:
    """``leave_out``: each answer judged without itself among the topics' examples (for the train split)."""
    caught = off = alarms = on = 0
    for pair in pairs():
        if pair.split != split or pair.on_topic == "unclear":
            continue
        if leave_out:
            with left_out(pair.answer):
                section = content_of(Transcript.from_text(pair.answer, len(pair.answer.split()) / 2).words,
                                     pair.question)
        else:
            section = judged(pair)
        called = (relevance := section.relevance) is not None and relevance.verdict == "off_topic"
        if pair.on_topic == "no":
            off += 1
            caught += called
        else:
            on += 1
            alarms += called
    return OffTopic(caught, off, alarms, on)


def mistakes(split: str) -> list[str]:
    """The pairs "off topic" gets wrong, for reading."""
    out = []
    for pair in pairs():
        if pair.split != split or pair.on_topic == "unclear":
            continue
        relevance = judged(pair).relevance
        called = relevance is not None and relevance.verdict == "off_topic"
        if called != (pair.on_topic == "no"):
            out.append(f"{pair.id} {'missed' if pair.on_topic == 'no' else 'false alarm'}: "
                       f"{pair.question.text} — {pair.answer[:80]}")
    return out


def items(split: str) -> dict[str, tuple[float, float, int]]:
    """Per checklist item: (precision, recall) of "covered" against the labels, and how many were labelled."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    seen: Counter = Counter()
    for pair in pairs():
        if pair.split != split:
            continue
        for checked in judged(pair).items:
            if checked.key not in pair.items:
                continue
            truth = pair.items[checked.key]
            seen[checked.key] += 1
            tp[checked.key] += checked.covered and truth
            fp[checked.key] += checked.covered and not truth
            fn[checked.key] += truth and not checked.covered
    return {key: (tp[key] / max(tp[key] + fp[key], 1), tp[key] / max(tp[key] + fn[key], 1), seen[key])
            for key in sorted(seen)}
