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

from sobes.analysis.content.checklist import CheckedItem, missing_by_rank
from sobes.analysis.content.kinds import kind_of
from sobes.analysis.content.relevance import OFF_TOPIC
from sobes.analysis.content.section import ContentSection, QuestionContext, analyze_content
from sobes.analysis.fillers import FillersSection, find_fillers, summarize_fillers
from sobes.analysis.judge import Judge
from sobes.analysis.pauses import PausesSection
from sobes.analysis.transcript import Word
from sobes.analysis.verdicts import ATTENTION, GOOD, PROBLEM, DeliverySection, fillers_verdict

MAX_FIXES = 3
FAR_TOO_SHORT = 0.5  # calibrated here: under half the shortest right length, the length is what to say first
LEAD_IN_S = 1.5  # "▶" on a long pause starts this much before it: the words that lead into the silence
_LENGTH_FIX = {
    ("self_presentation", "short"): "Самопрезентация короче минуты: расскажите об опыте, одном достижении с цифрой "
                                    "и о том, почему вам интересна эта работа — на 1–2 минуты.",
    ("self_presentation", "long"): "Самопрезентация длиннее двух минут: оставьте главное — кто вы, опыт, одно "
                                   "достижение и почему эта работа.",
    ("", "short"): "Ответ слишком короткий для такого вопроса. Не хватает: {lacking} — расскажите об этом.",
    ("", "long"): "Ответ затянут: скажите главное в первой фразе и уложитесь в отведённое время.",
}


@dataclass
class Fix:
    kind: str  # relevance | item | length | numbers | delivery | vague
    key: str  # the item, the delivery metric, or the kind again
    text: str  # what to change, in Russian
    start: float | None = None  # seconds into the answer where it shows
    example: str | None = None  # how the guides say it better
    rank: int = 0  # for a missing item: its rank among the kind's items (a story's result before its setting)


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
    content: str | None = None  # good | attention | problem: what the answer said, as delivery's ``overall`` is


def coach(content: ContentSection | None, delivery: DeliverySection | None, question: QuestionContext,
          moments: dict[str, float] | None = None) -> CoachingSection:
    """``moments``: where each delivery metric first shows (the first filler, the first long pause…)."""
    kind = kind_of(question.answer_type)
    if content is None or content.reason:
        return CoachingSection(kind.key, kind.name, "Речь не обнаружена: проверьте микрофон и запишите ответ ещё раз.")
    moments = moments or {}
    example = question.example
    relevance = content.relevance.verdict if content.relevance else None
    length = content.vagueness.length_verdict if content.vagueness else None
    verdicts = delivery.verdicts if delivery else []
    message = content.relevance.message if relevance == OFF_TOPIC and content.relevance else None
    off_topic = message is not None
    fixes: list[Fix] = []
    if message is not None:
        fixes.append(Fix("relevance", kind.key, message, _start(content), example))
    # a red delivery problem weighs as much as anything the answer said: 25 fillers in 46 s come first
    fixes += [Fix("delivery", v.metric, v.tip, moments.get(v.metric)) for v in verdicts if v.verdict == PROBLEM]
    if not off_topic:  # an answer to another question: what it lacks for this one, or its figures, do not matter
        fixes += _content_fixes(content, kind, example)
    fixes += [Fix("delivery", v.metric, v.tip, moments.get(v.metric)) for v in verdicts if v.verdict == ATTENTION]
    # an answer to another question is told only that: nothing of it counts as said (a salary demand is no "порядок
    # действий"), and the checklist of an answer it is not is no list of what it lacks
    covered = [] if off_topic else [CoachedItem(i.key, i.label, i.evidence, i.start) for i in content.items
                                    if i.covered and not i.absent]
    # a red flag said aloud (blame…) is told in the headline, not listed as lacking «без негатива о прошлом месте»
    flags = {i.key for i in content.items if i.red_flag}
    missing = [] if off_topic else [CoachedItem(i.key, i.label, i.evidence, i.start) for i in content.items
                                    if not i.covered and i.key not in flags]
    chosen = _with_worst_delivery(_unique(fixes), delivery)
    # a kind with nothing to check and never off topic (a follow-up's answer, a question after a role play): what it
    # said was not judged, so it gets no mark and no praise for being «по существу» (said of «Здравствуйте, меня
    # зовут…» given to «Что вы чувствовали в этой ситуации?»)
    checked = bool(content.items) or kind.may_be_off_topic
    verdict = _content_verdict(relevance, bool(missing or flags), length)
    return CoachingSection(kind.key, kind.name, _headline(chosen, covered, missing, flags, checked), chosen, covered,
                           missing, relevance, length, verdict if checked or verdict != GOOD else None)


def _content_fixes(content: ContentSection, kind, example: str | None) -> list[Fix]:
    """What the answer lacks, its figures and its length, most important first."""
    fixes: list[Fix] = []
    length_fix = _length_fix(kind.key, content.vagueness.length_verdict if content.vagueness else None, content)
    if length_fix is not None and _far_too_short(content, kind):
        fixes.append(length_fix)  # a far too short answer misses everything at once: that is the one thing to say
    for item in missing_by_rank(content.items):
        fixes.append(Fix("item", item.key, _with_evidence(item.fix, item.evidence), item.start, example, item.rank))
    numbers = content.numbers
    if numbers is not None:
        for check in numbers.percent_checks:
            if check.verdict != "consistent":
                fixes.append(Fix("numbers", "percent", check.message, None))
        if numbers.unexplained and kind.star:
            first = numbers.unexplained[0]
            fixes.append(Fix("numbers", "explain", "Объясните, как посчитана цифра: что было до, что после, за какой "
                             "период и по каким данным.", first.start))
    if length_fix is not None:
        fixes.append(length_fix)  # said once: _unique drops it when it came first
    vague = next((v for v in (content.vagueness.items if content.vagueness else []) if v.kind == "absolute"), None)
    if vague is not None:
        fixes.append(Fix("vague", vague.kind, f"«{vague.text}» нельзя проверить: замените это фактом или примером.",
                         vague.start))
    return fixes


def _length_fix(kind: str, length: str | None, content: ContentSection) -> Fix | None:
    """"Too long", or "too short" when it says something the missing items do not: the answer lacks more than one
    thing (a 42 s story that only leaves its task unsaid is not "too short")."""
    lacking = _lacking(content)
    if length not in ("short", "long") or (length == "short" and len(lacking) < 2):
        return None
    text = _LENGTH_FIX.get((kind, length)) or _LENGTH_FIX[("", length)]
    return Fix("length", kind, text.format(lacking="; ".join(_short(i.label) for i in lacking)))


def _lacking(content: ContentSection) -> list[CheckedItem]:
    return [i for i in content.items if not i.covered and not i.absent]


def _far_too_short(content: ContentSection, kind) -> bool:
    """A self-presentation under a minute, or an answer under half the shortest right length that lacks more than
    half of what it should have: then the length is the news."""
    vagueness = content.vagueness
    if vagueness is None or vagueness.length_verdict != "short":
        return False
    if kind.key == "self_presentation":
        return True
    asked = [i for i in content.items if not i.absent]
    return ((vagueness.duration_s or 0.0) < FAR_TOO_SHORT * _shortest(content)
            and 2 * len(_lacking(content)) > len(asked))


def _shortest(content: ContentSection) -> float:
    return content.vagueness.shortest_s if content.vagueness and content.vagueness.shortest_s else 0.0


def _content_verdict(relevance: str | None, lacking: bool, length: str | None) -> str:
    """What the answer said, as one mark beside the delivery's: off topic is a problem; anything missing, a red
    flag or a wrong length is worth attention; else good."""
    if relevance == OFF_TOPIC:
        return PROBLEM
    return ATTENTION if lacking or length in ("short", "long") else GOOD


def coach_words(words: list[Word], question: QuestionContext, judge: Judge, delivery: DeliverySection | None = None,
                moments: dict[str, float] | None = None) -> tuple[ContentSection, CoachingSection]:
    """What the answer said and the coaching of it: the one path for a recording's transcript (the engine, with its
    delivery) and a written or corrected one (``sobes coach``, the review's correction), so they cannot differ."""
    content = analyze_content(words, question, judge)
    return content, coach(content, delivery, question, moments)


def written_delivery(words: list[Word], seconds: float, judge: Judge) -> DeliverySection:
    """What a written answer shows of how it would sound: its fillers («ну», «как бы» written in a transcript or
    typed), judged as a recording's are; nothing else of the voice is there to judge."""
    fillers = summarize_fillers(find_fillers(words), len(words), seconds)
    verdict = fillers_verdict(fillers, len(words), judge)
    if verdict is None:
        return DeliverySection()
    return DeliverySection([verdict], verdict.verdict, [] if verdict.verdict == GOOD else [verdict.metric])


def delivery_moments(fillers: FillersSection | None, pauses: PausesSection | None) -> dict[str, float]:
    """Where each delivery metric first shows in the answer: the first filler, hesitation and long pause."""
    moments: dict[str, float] = {}
    for item in fillers.items if fillers else []:
        moments.setdefault("fillers" if item.kind == "lexical" else "hesitations", item.start)
    for pause in pauses.items if pauses else []:
        if pause.long:
            moments.setdefault("pauses", max(0.0, pause.start - LEAD_IN_S))
    return moments


def _headline(fixes: list[Fix], covered: list[CoachedItem], missing: list[CoachedItem], flags: set[str],
              checked: bool = True) -> str:
    """One line: what went well and the single most important thing; a red delivery problem is never left out for
    a praise of the content, and what the answer lacks is still named beside it; a red flag said aloud (blaming the
    former boss) is quoted before anything but the answer being off topic."""
    flag = next((f for f in fixes if f.kind == "item" and f.key in flags), None)
    if fixes and fixes[0].kind == "relevance":
        return fixes[0].text
    if flag is not None:  # quoted («Вы сказали …»), nothing praised beside it
        return flag.text
    if fixes and fixes[0].kind == "length":
        return fixes[0].text
    if not fixes:
        done = ", ".join(_short(i.label) for i in covered)
        if done:
            return f"Сильный ответ: {done}."
        return "Хороший ответ: по существу, без заметных ошибок в речи." if checked else "Без заметных ошибок в речи."
    good = f"Хорошо: {', '.join(_short(i.label) for i in covered[:3])}. " if covered else ""
    first = fixes[0]
    label = {i.key: i.label.lower() for i in missing}
    gap = next((f for f in fixes if f.kind == "item" and f.key in label), None)
    if first.kind == "delivery":
        also = f" По содержанию не хватает — {label[gap.key]}." if gap is not None else ""
        return f"{good}Главное — {_lower_first(first.text)}{also}"
    if first.kind == "item" and first.key in label and good:
        minor = len(missing) == 1 and first.rank == 0
        return f"{good}{'Можно добавить' if minor else 'Главное, чего не хватает'} — {label[first.key]}."
    if covered and not missing:
        return f"По содержанию всё на месте. Главное, над чем поработать: {_lower_first(first.text)}"
    return f"{good}Главное: {_lower_first(first.text)}" if good else first.text


def _short(label: str) -> str:
    """An item's name without its explanation: "Ситуация: где и когда это было" is "ситуация"."""
    return label.split(":")[0].lower()


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
