"""The coaching summary of one answer: a headline, at most three fixes, what was covered and what was missing.

Peers lead with this (Google Interview Warmup's talking points, Big Interview's
answer builder, Yoodli's insights); the measurements stay in the report as
details. The order of importance: an answer that is not about its question,
then what the answer's kind must contain (``content.kinds``), a length far
from its kind's, a figure that does not add up or is not explained, delivery
judged a problem, a vague or absolute claim, then delivery that needs
attention. Each fix points to the moment it concerns and, for what the
answer said, to the guides' better answer when the question bank has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.content.checklist import missing_by_rank
from sobes.analysis.content.kinds import kind_of
from sobes.analysis.content.relevance import OFF_TOPIC
from sobes.analysis.content.section import ContentSection, QuestionContext, analyze_content
from sobes.analysis.fillers import FillersSection
from sobes.analysis.judge import Judge
from sobes.analysis.pauses import PausesSection
from sobes.analysis.transcript import Word
from sobes.analysis.verdicts import ATTENTION, PROBLEM, DeliverySection

MAX_FIXES = 3
LEAD_IN_S = 1.5  # "▶" on a long pause starts this much before it: the words that lead into the silence
_LENGTH_FIX = {
    ("self_presentation", "short"): "Самопрезентация короче минуты: расскажите об опыте, одном достижении с цифрой "
                                    "и о том, почему вам интересна эта работа — на 1–2 минуты.",
    ("self_presentation", "long"): "Самопрезентация длиннее двух минут: оставьте главное — кто вы, опыт, одно "
                                   "достижение и почему эта работа.",
    ("", "short"): "Ответ слишком короткий для такого вопроса: добавьте подробности и пример.",
    ("", "long"): "Ответ затянут: скажите главное в первой фразе и уложитесь в отведённое время.",
}


@dataclass
class Fix:
    kind: str  # relevance | item | length | numbers | delivery | vague
    key: str  # the item, the delivery metric, or the kind again
    text: str  # what to change, in Russian
    start: float | None = None  # seconds into the answer where it shows
    example: str | None = None  # how the guides say it better


@dataclass
class CoachedItem:
    key: str
    label: str
    evidence: str | None = None  # the words that show it (covered) or break it (a blame phrase)
    start: float | None = None


@dataclass
class CoachingSection:
    answer_kind: str
    kind_name: str
    headline: str
    fixes: list[Fix] = field(default_factory=list)
    covered: list[CoachedItem] = field(default_factory=list)
    missing: list[CoachedItem] = field(default_factory=list)
    relevance: str | None = None  # on_topic | off_topic | unclear; None without a question
    length: str | None = None  # short | ok | long


def coach(content: ContentSection | None, delivery: DeliverySection | None, question: QuestionContext,
          moments: dict[str, float] | None = None) -> CoachingSection:
    """``moments``: where each delivery metric first shows (the first filler, the first long pause…)."""
    kind = kind_of(question.answer_type)
    if content is None or content.reason:
        return CoachingSection(kind.key, kind.name, "Речь не обнаружена: проверьте микрофон и запишите ответ ещё раз.")
    moments = moments or {}
    example = question.example
    fixes: list[Fix] = []
    relevance = content.relevance.verdict if content.relevance else None
    if relevance == OFF_TOPIC and content.relevance and content.relevance.message:
        fixes.append(Fix("relevance", kind.key, content.relevance.message, _start(content), example))
    length = content.vagueness.length_verdict if content.vagueness else None
    length_fix = None
    if length in ("short", "long"):
        length_fix = Fix("length", kind.key, _LENGTH_FIX.get((kind.key, length)) or _LENGTH_FIX[("", length)])
    if length_fix is not None and length == "short":
        fixes.append(length_fix)  # a far too short answer misses everything at once: that is the one thing to say
    for item in missing_by_rank(content.items):
        fixes.append(Fix("item", item.key, _with_evidence(item.fix, item.evidence), item.start, example))
    if length_fix is not None and length == "long":
        fixes.append(length_fix)
    numbers = content.numbers
    if numbers is not None:
        for check in numbers.percent_checks:
            if check.verdict != "consistent":
                fixes.append(Fix("numbers", "percent", check.message, None))
        if numbers.unexplained and kind.star:
            first = numbers.unexplained[0]
            fixes.append(Fix("numbers", "explain", "Объясните, как посчитана цифра: что было до, что после, за какой "
                             "период и по каким данным.", first.start))
    verdicts = delivery.verdicts if delivery else []
    fixes += [Fix("delivery", v.metric, v.tip, moments.get(v.metric)) for v in verdicts if v.verdict == PROBLEM]
    vague = next((v for v in (content.vagueness.items if content.vagueness else []) if v.kind == "absolute"), None)
    if vague is not None:
        fixes.append(Fix("vague", vague.kind, f"«{vague.text}» нельзя проверить: замените это фактом или примером.",
                         vague.start))
    fixes += [Fix("delivery", v.metric, v.tip, moments.get(v.metric)) for v in verdicts if v.verdict == ATTENTION]
    covered = [CoachedItem(i.key, i.label, i.evidence, i.start) for i in content.items if i.covered and not i.absent]
    missing = [CoachedItem(i.key, i.label, i.evidence, i.start) for i in content.items if not i.covered]
    chosen = _with_worst_delivery(_unique(fixes), delivery)
    return CoachingSection(kind.key, kind.name, _headline(chosen, covered, missing, relevance), chosen, covered,
                           missing, relevance, length)


def coach_words(words: list[Word], question: QuestionContext, judge: Judge, delivery: DeliverySection | None = None,
                moments: dict[str, float] | None = None) -> tuple[ContentSection, CoachingSection]:
    """What the answer said and the coaching of it: the one path for a recording's transcript (the engine, with its
    delivery) and a written or corrected one (``sobes coach``, the review's correction), so they cannot differ."""
    content = analyze_content(words, question, judge)
    return content, coach(content, delivery, question, moments)


def delivery_moments(fillers: FillersSection | None, pauses: PausesSection | None) -> dict[str, float]:
    """Where each delivery metric first shows in the answer: the first filler, hesitation and long pause."""
    moments: dict[str, float] = {}
    for item in fillers.items if fillers else []:
        moments.setdefault("fillers" if item.kind == "lexical" else "hesitations", item.start)
    for pause in pauses.items if pauses else []:
        if pause.long:
            moments.setdefault("pauses", max(0.0, pause.start - LEAD_IN_S))
    return moments


def _headline(fixes: list[Fix], covered: list[CoachedItem], missing: list[CoachedItem], relevance: str | None) -> str:
    if fixes and fixes[0].kind in ("relevance", "length"):
        return fixes[0].text
    if not fixes:
        done = ", ".join(i.label.lower() for i in covered)
        return f"Сильный ответ: {done}." if done else "Хороший ответ: по существу, без заметных ошибок в речи."
    if covered and not missing:
        return f"По содержанию всё на месте. Главное, над чем поработать: {_lower_first(fixes[0].text)}"
    if covered:
        return (f"Хорошо: {', '.join(i.label.lower() for i in covered[:3])}. "
                f"Главное, чего не хватает: {missing[0].label.lower()}.")
    return fixes[0].text


def _with_evidence(fix: str, evidence: str | None) -> str:
    return f"Вы сказали «{evidence}». {fix}" if evidence else fix


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _start(content: ContentSection) -> float | None:
    return content.sentences[0].start if content.sentences else None


def _with_worst_delivery(fixes: list[Fix], delivery: DeliverySection | None) -> list[Fix]:
    """The first ``MAX_FIXES``, but never without the worst delivery problem when there is one: three missing
    checklist items used to push a red "✗ 33 слова-паразита на 100 слов" out of the fixes altogether."""
    chosen = fixes[:MAX_FIXES]
    problems = {v.metric for v in delivery.verdicts if v.verdict == PROBLEM} if delivery else set()
    worst = next((f for f in fixes if f.kind == "delivery" and f.key in problems), None)
    if worst is not None and worst not in chosen:
        chosen = chosen[:MAX_FIXES - 1] + [worst]
    return chosen


def _unique(fixes: list[Fix]) -> list[Fix]:
    out: list[Fix] = []
    for fix in fixes:
        if all(fix.text != f.text for f in out):
            out.append(fix)
    return out
