"""The report's ``content`` section: everything the answer said, judged as the guides judge it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.content.checklist import (
    Answer,
    CheckedItem,
    check_items,
    fact_topic,
    items_for,
    missing_by_rank,
)
from sobes.analysis.content.followups import FollowUp, follow_ups
from sobes.analysis.content.kinds import KINDS, kind_of
from sobes.analysis.content.numbers import NumbersSection, find_numbers
from sobes.analysis.content.ownership import Ownership, measure_ownership
from sobes.analysis.content.relevance import Relevance, measure_relevance
from sobes.analysis.content.sentences import split_units
from sobes.analysis.content.star import LABELS, by_clause, label_units
from sobes.analysis.content.topics import question_topic
from sobes.analysis.content.vagueness import Vagueness, find_vagueness
from sobes.analysis.judge import Judge
from sobes.analysis.transcript import Word

ANSWER_TYPES = tuple(KINDS)


@dataclass
class QuestionContext:
    """What was asked: it decides which checks apply."""

    text: str | None = None
    answer_type: str = "star"  # one of ANSWER_TYPES
    time_budget_s: float | None = None
    example: str | None = None  # the guides' good answer, shown as the better way to say it
    purpose: str | None = None  # practise_refusal: the question is one a candidate may politely decline
    question_id: str | None = None  # the bank's id: its topic is known (analysis.content.topics)
    started_by_itself: bool = False  # the recording began when the think time ran out, not at the candidate's press


@dataclass
class Sentence:
    text: str
    start: float
    end: float
    label: str  # situation | task | action | result | other
    confidence: float


@dataclass
class StarPart:
    label: str
    start: float
    end: float
    text: str


@dataclass
class StarSection:
    parts: list[StarPart] = field(default_factory=list)
    present: dict[str, bool] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    share: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    complete: bool = False


@dataclass
class ContentSection:
    answer_type: str
    sentences: list[Sentence] = field(default_factory=list)
    star: StarSection | None = None
    ownership: Ownership | None = None
    numbers: NumbersSection | None = None
    vagueness: Vagueness | None = None
    items: list[CheckedItem] = field(default_factory=list)  # what a strong answer of this kind has
    relevance: Relevance | None = None
    follow_ups: list[FollowUp] = field(default_factory=list)
    reason: str | None = None


def analyze_content(words: list[Word], question: QuestionContext, judge: Judge, *,
                    duration_s: float | None = None) -> ContentSection:
    if question.answer_type not in ANSWER_TYPES:
        raise ValueError(f"answer type must be one of {', '.join(ANSWER_TYPES)}")
    kind = kind_of(question.answer_type)
    section = ContentSection(question.answer_type)
    if not words:
        section.reason = "no words recognised"
        return section
    units = split_units(words)
    labelled = by_clause(label_units(units))
    section.sentences = [Sentence(u.unit.text, u.unit.start, u.unit.end, u.label, u.confidence) for u in labelled]
    if kind.star:  # STAR only where the question asks for a story
        section.star = _star(labelled)
    actions = [u.unit for u in labelled if u.label == "action"] or units
    section.ownership = measure_ownership(actions)
    section.numbers = find_numbers(units, [u.unit for u in labelled if u.label == "result"])
    spoken = (words[-1].end - words[0].start) if duration_s is None else duration_s
    answer = Answer(units, labelled, section.numbers, section.ownership)
    items = items_for(kind, question.text, question.purpose)
    section.items = check_items(items, answer)
    section.vagueness = find_vagueness(units)
    section.vagueness.duration_s, section.vagueness.budget_s = round(spoken, 2), question.time_budget_s
    section.vagueness.shortest_s = judge.length_range(kind)[0]
    section.vagueness.length_verdict = judge.length(kind, spoken, complete=all(i.covered for i in section.items))
    said_what_was_asked = any(c.covered and i.topic for i, c in zip(items, section.items))
    topic = fact_topic(question.text) if kind.key == "fact" else None
    section.relevance = measure_relevance(
        question.text, question_topic(question.question_id) or (topic[2] if topic else None),
        " ".join(w.word for w in words), judge,
        said_what_was_asked=said_what_was_asked and kind.topic_items_settle,
        a_work_story=section.star is not None and section.star.present["action"] and section.star.present["result"],
        off_topic_message=topic[1] if topic else None, may_be_off_topic=kind.may_be_off_topic)
    section.follow_ups = follow_ups(
        kind=kind, missing=missing_by_rank(section.items),
        unexplained=section.numbers.unexplained, percent_checks=section.numbers.percent_checks,
        vague_items=section.vagueness.items, length_verdict=section.vagueness.length_verdict,
        off_topic=section.relevance.verdict == "off_topic")
    return section


def _star(labelled) -> StarSection:
    star = StarSection()
    for item in labelled:
        if item.label == "other":
            continue
        last = star.parts[-1] if star.parts else None
        if last is not None and last.label == item.label:
            last.end, last.text = item.unit.end, f"{last.text} {item.unit.text}"
        else:
            star.parts.append(StarPart(item.label, item.unit.start, item.unit.end, item.unit.text))
    total = sum(p.end - p.start for p in star.parts) or 1.0
    for label in LABELS:
        seconds = sum(p.end - p.start for p in star.parts if p.label == label)
        star.present[label] = any(p.label == label for p in star.parts)
        star.seconds[label] = round(seconds, 2)
        star.share[label] = round(seconds / total, 2)
    star.missing = [label for label in LABELS if not star.present[label]]
    star.complete = not star.missing
    return star
