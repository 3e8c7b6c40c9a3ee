"""Labelled question–answer pairs for relevance: on-topic answers (written here, and the guides' own good and bad
answers from the question bank) and off-topic ones (each answer given to a question of an unrelated group).

Used by tests/test_coaching.py and bench/relevance.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sobes.analysis.transcript import Word
from sobes.interview.question_bank import Question, QuestionBank
from tests.judges import content_of

PAIRS_FILE = Path(__file__).parent / "fixtures" / "relevance" / "pairs.yaml"


@dataclass(frozen=True)
class Pair:
    question: Question
    answer: str
    on_topic: bool
    source: str  # written | guide good | guide bad | crossed


def words_of(text: str, step: float = 0.35) -> list[Word]:
    return [Word(w, i * step, i * step + 0.3, 1.0) for i, w in enumerate(text.split())]


def example_text(example: str) -> str:
    """A bank example as a candidate would say it: quotes, notes and the guides' soft-skill lists dropped."""
    text = re.sub(r"\([^)]*\)", " ", example)  # "(рекомендация)", "(Раздраженно)": notes, not speech
    text = re.sub(r"Soft skills:.*?(?=$|/)", " ", text)
    text = re.sub(r"^\s*STAR:\s*", "", text)
    text = text.replace("«", " ").replace("»", " ").replace("'", " ").replace("→", ".")
    text = re.sub(r"(\w)\s*…", r"\1.", text).replace("…", " ")  # "сроками поставки… Я выслушал": two sentences
    return " ".join(text.split())


def labelled_pairs(bank: QuestionBank, *, held_out: bool = False) -> list[Pair]:
    """The development pairs (written answers and the guides' examples), or the held-out written answers."""
    data = yaml.safe_load(PAIRS_FILE.read_text(encoding="utf-8"))
    groups: dict[str, list[str]] = data["groups"]
    related = [set(r) for r in data["related"]]
    pairs: list[Pair] = []
    for group, answers in data["held_out" if held_out else "answers"].items():
        for answer in answers:
            for question_id in groups[group]:
                pairs.append(Pair(bank.by_id(question_id), answer, True, "written"))
            for other, ids in groups.items():
                if other != group and not any({group, other} <= r for r in related):
                    pairs.append(Pair(bank.by_id(ids[0]), answer, False, "crossed"))
    if held_out:
        return pairs
    off_topic_examples = set(data["guide_examples_off_topic"])
    for question in bank.questions:
        for label, example in (("good", question.good_example), ("bad", question.bad_example)):
            if example:
                on_topic = f"{question.id} {label}" not in off_topic_examples
                for part in example_text(example).split(" / "):
                    pairs.append(Pair(question, part, on_topic, f"guide {label}"))
    return pairs


def verdict(pair: Pair) -> str | None:
    relevance = content_of(words_of(pair.answer), pair.question.context()).relevance
    return relevance.verdict if relevance else None


def scores(pairs: list[Pair]) -> dict[str, float]:
    """Off-topic detection: precision and recall; on-topic answers told they are off topic (must be none)."""
    judged = [(pair, verdict(pair)) for pair in pairs]
    told = [p for p, v in judged if v == "off_topic"]
    true_off = [p for p in told if not p.on_topic]
    off = [p for p in pairs if not p.on_topic]
    return {
        "pairs": len(pairs), "off_topic_pairs": len(off),
        "precision": len(true_off) / len(told) if told else 1.0,
        "recall": len(true_off) / len(off) if off else 1.0,
        "on_topic_told_off": len(told) - len(true_off),
        "unclear": sum(v == "unclear" for _, v in judged),
    }
