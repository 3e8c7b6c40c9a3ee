"""The labelled coaching set (tests/fixtures/coaching/pairs.yaml) stays valid and as large as it was asked to be.

The set is data for tuning (split ``train``) and measuring (split ``heldout``) the content coaching: is
the answer about the question, which items of the question's kind it has, its STAR parts and red flags.
These checks only guard the labels' form and the set's composition; they run no analysis. The words a
paraphrase does not share with its question are checked with pymorphy3 lemmas (no speech model).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pymorphy3
import pytest
import yaml

from sobes.interview.question_bank import STAGES, load_bank

PAIRS = Path(__file__).resolve().parent / "fixtures" / "coaching" / "pairs.yaml"

TOPICS = {
    "self_presentation", "salary", "start_date", "reason_leaving", "motivation", "strengths", "weaknesses",
    "conflict", "difficult_client", "objections", "achievement", "failure", "stress", "planning", "teamwork",
    "criticism", "sales", "retention", "metrics", "learning", "questions_to_employer", "phone_opening",
    "schedule", "product", "personal", "none",
}
FLAGS = {"blame", "vague_result", "we_not_i", "cv_reading", "absolute", "dismissive", "ultimatum"}
KIND_ITEMS = {
    "star": ("situation", "task", "action", "result", "tone"),
    "self_presentation": ("name", "experience", "achievement", "why_role"),
    "motivation": ("reason", "company", "positive"),
    "approach": ("steps", "example"),
    "case": ("problem", "options", "evaluation", "plan"),
    "presentation": ("greeting", "benefit", "proof", "call"),
    "phone_opening": ("greeting", "name", "convenient"),
    "role_play": ("empathy", "question", "proposal", "next_step", "close", "tone"),
    "stress": ("calm", "substance"),
    "questions": ("asks", "about_work"),
    "negotiation": ("stance", "argument", "figure", "no_ultimatum"),
    "short": (),
}
FACT_ITEMS = {"figure", "method", "direct", "when"}  # a fact question checks exactly one of them
KINDS = set(KIND_ITEMS) | {"fact"}
STAR_PARTS = {"situation", "task", "action", "result", "other"}
TAGS = {"paraphrase", "shares_words", "transcript", "asr", "fillers"}
# An item that says a fault is absent (yes = none), and the flag that makes it "no".
ABSENCE_ITEMS = {("star", "tone"): "blame", ("motivation", "positive"): "blame", ("stress", "calm"): "blame",
                 ("role_play", "tone"): "dismissive", ("negotiation", "no_ultimatum"): "ultimatum"}
ON_TOPIC = {True, False, "unclear"}  # PyYAML reads the file's yes/no as booleans (YAML 1.1)
PUNCTUATION = " \t\n.,!?;:…—–-«»\"'()"

# The role plays' frame ("Ролевая игра. … Я — клиент, вы — менеджер. Начинайте разговор.") is not the
# question's content: it is left out when words are compared.
FRAME = re.compile(r"Ролевая игра\.|Я — клиент, вы — менеджер\.|Начинайте разговор\.")
CONTENT_POS = {"NOUN", "ADJF", "ADJS", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB", "COMP"}
STOP_LEMMAS = {"быть", "мочь", "этот", "тот", "весь", "свой", "такой", "какой", "который", "очень", "так",
               "ещё", "уже", "вот", "там", "тут", "сам", "самый", "наш", "ваш", "мой", "один", "как", "когда",
               "где", "почему", "зачем", "что", "кто", "также", "тоже", "иметь", "стать", "то", "потом"}

MIN_PAIRS = 260
MIN_PARAPHRASES = 70
MIN_OFF_TOPIC_SHARING = 60
MIN_OFF_TOPIC_DISJOINT = 5
MIN_POOR_ON_TOPIC = 30
MIN_STAR = 40
MIN_FILLERS = 3
MIN_TOPICS = 15
MIN_FOLLOW_UPS = 10
# Kinds whose every item must occur both present and missing somewhere in the set.
BOTH_WAYS_KINDS = ("star", "self_presentation", "phone_opening", "role_play", "motivation", "approach",
                   "stress", "questions", "negotiation", "presentation", "case")


@lru_cache(maxsize=1)
def _pairs() -> list[dict]:
    data = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("pairs"), list), "pairs.yaml: a 'pairs' list"
    return data["pairs"]


@lru_cache(maxsize=1)
def _bank():
    return load_bank()


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _lemmas(text: str) -> set[str]:
    """Content lemmas of a text (nouns, verbs, adjectives, adverbs) without the commonest ones."""
    found = set()
    for word in re.findall(r"[а-яёa-z]+", text.lower().replace("ё", "е")):
        parse = _morph().parse(word)[0]
        if parse.tag.POS in CONTENT_POS and parse.normal_form not in STOP_LEMMAS and len(word) > 2:
            found.add(parse.normal_form)
    return found


def _question_text(pair: dict) -> str:
    return pair["question_text"] if "question_text" in pair else _bank().by_id(pair["question"]).text


def _kind(pair: dict) -> str:
    return pair["kind"] if "question_text" in pair else _bank().by_id(pair["question"]).answer_type


def _shared(pair: dict) -> set[str]:
    return _lemmas(FRAME.sub(" ", _question_text(pair))) & _lemmas(pair["answer"])


def _is_transcript(answer: str) -> bool:
    return not re.search(r"[.!?…]", answer) and answer[:1].islower()


def _problems(pair: dict, bank_ids: set[str]) -> list[str]:
    problems: list[str] = []
    allowed = {"id", "split", "question", "question_text", "kind", "answer", "answer_topic", "on_topic",
               "items", "flags", "note", "star", "tags"}
    if unknown := set(pair) - allowed:
        problems.append(f"unknown fields {sorted(unknown)}")
    if pair.get("split") not in {"train", "heldout"}:
        problems.append(f"split {pair.get('split')!r}")
    if ("question" in pair) == ("question_text" in pair):
        return problems + ["exactly one of question / question_text"]
    if "question" in pair:
        if pair["question"] not in bank_ids:
            return problems + [f"question {pair['question']} is not in the bank"]
        if "kind" in pair:
            problems.append("kind is given by the bank for a bank question")
    elif pair.get("kind") not in KINDS:
        return problems + [f"kind {pair.get('kind')!r}"]
    if not isinstance(pair.get("answer"), str) or not pair["answer"].strip():
        problems.append("empty answer")
    if pair.get("answer_topic") not in TOPICS:
        problems.append(f"answer_topic {pair.get('answer_topic')!r}")
    if pair.get("on_topic") not in ON_TOPIC:
        problems.append(f"on_topic {pair.get('on_topic')!r}")
    flags = pair.get("flags")
    if not isinstance(flags, list) or not set(flags) <= FLAGS or len(set(flags)) != len(flags):
        problems.append(f"flags {flags!r}")
        flags = []
    if not isinstance(pair.get("note"), str) or not pair["note"].strip():
        problems.append("no note")
    tags = pair.get("tags", [])
    if not isinstance(tags, list) or not set(tags) <= TAGS:
        problems.append(f"tags {tags!r}")
    kind = _kind(pair)
    items = pair.get("items")
    if not isinstance(items, dict) or not all(isinstance(v, bool) for v in items.values()):
        return problems + [f"items {items!r} (a map of yes/no)"]
    if kind == "fact":
        if len(items) != 1 or not set(items) <= FACT_ITEMS:
            problems.append(f"a fact answer has one of {sorted(FACT_ITEMS)}, not {sorted(items)}")
    elif set(items) != set(KIND_ITEMS[kind]):
        problems.append(f"items {sorted(items)} are not the {kind} checklist {list(KIND_ITEMS[kind])}")
    for (for_kind, item), flag in ABSENCE_ITEMS.items():
        if kind == for_kind and flag in flags and items.get(item):
            problems.append(f"flag {flag} but {item}: yes")
    if kind == "star" and "we_not_i" in flags and items.get("action"):
        problems.append("we_not_i but action: yes")
    if kind == "star" and "vague_result" in flags and items.get("result"):
        problems.append("vague_result but result: yes")
    if "star" in pair:
        problems += _star_problems(pair, items if kind == "star" else {})
    if "transcript" in tags and not _is_transcript(pair["answer"]):
        problems.append("tagged transcript but has sentence punctuation or a capital first letter")
    if "paraphrase" in tags:
        if pair.get("on_topic") is not True:
            problems.append("a paraphrase is an on-topic answer")
        if shared := _shared(pair):
            problems.append(f"paraphrase shares words with the question: {sorted(shared)}")
    if "shares_words" in tags:
        if pair.get("on_topic") is not False:
            problems.append("shares_words marks an off-topic answer")
        if not _shared(pair):
            problems.append("tagged shares_words but shares no content word with the question")
    if "fillers" in tags and (pair.get("answer_topic") != "none" or pair.get("on_topic") != "unclear"):
        problems.append("fillers only: answer_topic none, on_topic unclear")
    return problems


def _star_problems(pair: dict, items: dict) -> list[str]:
    """The fragments are the answer cut in order, nothing left but punctuation; a part marked present is cut."""
    problems = []
    answer, position, parts = pair["answer"], 0, set()
    for entry in pair["star"]:
        if not (isinstance(entry, list) and len(entry) == 2 and entry[1] in STAR_PARTS):
            return [f"star entry {entry!r}"]
        fragment, part = entry
        found = answer.find(fragment, position)
        if not fragment or found < 0:
            return [f"star fragment not found in order: {fragment!r}"]
        if answer[position:found].strip(PUNCTUATION):
            problems.append(f"star leaves out {answer[position:found]!r}")
        position, parts = found + len(fragment), parts | {part}
    if answer[position:].strip(PUNCTUATION):
        problems.append(f"star leaves out the end {answer[position:]!r}")
    for part in ("situation", "task", "action", "result"):
        if items.get(part) and part not in parts:
            problems.append(f"{part}: yes but no fragment is marked {part}")
    return problems


def test_every_pair_is_well_formed():
    bank_ids = {question.id for question in _bank().questions}
    ids = [pair.get("id") for pair in _pairs()]
    problems = [f"id {i!r} repeated" for i, n in Counter(ids).items() if n > 1]
    problems += [f"id {i!r}" for i in ids if not re.fullmatch(r"p\d{3}", str(i))]
    for pair in _pairs():
        problems += [f"{pair.get('id')}: {problem}" for problem in _problems(pair, bank_ids)]
    assert not problems, "\n".join(problems)


def test_split_spreads_every_category():
    pairs = _pairs()
    train = sum(pair["split"] == "train" for pair in pairs)
    assert 0.55 <= train / len(pairs) <= 0.65, f"{train} of {len(pairs)} in train"
    categories = {
        "topic": lambda p: p["answer_topic"], "kind": _kind, "on_topic": lambda p: p["on_topic"],
        "star": lambda p: ("transcript" in p.get("tags", [])) if "star" in p else None,
        "follow-up": lambda p: "question_text" in p,
    }
    for name, of in categories.items():
        by_split: dict[object, Counter] = {}
        for pair in pairs:
            by_split.setdefault(of(pair), Counter())[pair["split"]] += 1
        for value, counts in by_split.items():
            if value is not None and sum(counts.values()) >= 3:
                assert counts["train"] and counts["heldout"], f"{name} {value!r} only in one split: {counts}"


def test_the_set_has_what_was_asked():
    pairs = _pairs()
    tagged = Counter(tag for pair in pairs for tag in pair.get("tags", []))
    off_topic = [pair for pair in pairs if pair["on_topic"] is False]
    stars = [pair for pair in pairs if "star" in pair]
    poor = [pair for pair in pairs if pair["on_topic"] is True and (
        set(pair["flags"]) - {"absolute"} or not all(pair["items"].values()))]
    follow_ups = [pair for pair in pairs if "question_text" in pair and pair["kind"] == "short"]
    assert len(pairs) >= MIN_PAIRS
    assert tagged["paraphrase"] >= MIN_PARAPHRASES
    assert tagged["shares_words"] >= MIN_OFF_TOPIC_SHARING
    assert sum(not _shared(pair) for pair in off_topic) >= MIN_OFF_TOPIC_DISJOINT
    assert len(poor) >= MIN_POOR_ON_TOPIC
    assert tagged["fillers"] >= MIN_FILLERS
    assert tagged["asr"] >= 3
    assert len(stars) >= MIN_STAR
    assert sum("transcript" in pair.get("tags", []) for pair in stars) * 2 >= len(stars)
    assert sum("we_not_i" in pair["flags"] for pair in stars) >= 3
    assert len(follow_ups) >= MIN_FOLLOW_UPS
    assert {pair["on_topic"] for pair in follow_ups} >= {True, False}
    flags = Counter(flag for pair in pairs for flag in pair["flags"])
    assert all(flags[flag] >= 3 for flag in FLAGS), flags


def test_topics_and_stages_are_covered():
    pairs = _pairs()
    questions_per_topic: dict[str, set[str]] = {}
    for pair in pairs:
        if pair["on_topic"] is True:
            questions_per_topic.setdefault(pair["answer_topic"], set()).add(pair.get("question") or
                                                                              pair["question_text"])
    several = {topic for topic, questions in questions_per_topic.items() if len(questions) >= 2}
    assert len(several - {"none"}) >= MIN_TOPICS, questions_per_topic
    stages = {_bank().by_id(pair["question"]).stage for pair in pairs if "question" in pair}
    assert stages == set(STAGES)


@pytest.mark.parametrize("kind", BOTH_WAYS_KINDS)
def test_items_occur_present_and_missing(kind):
    seen = {item: set() for item in KIND_ITEMS[kind]}
    for pair in _pairs():
        if _kind(pair) == kind:
            for item, value in pair["items"].items():
                seen[item].add(value)
    assert all(values == {True, False} for values in seen.values()), seen
