"""Each item of a strong answer (``kinds.py``) checked on the transcript: covered, with the words that show it,
or missing, with what to do about it.

A STAR result must be one that can be checked: "всё получилось хорошо" or
"Результат: нормальный" is labelled as the result part but does not cover the
item (seed_digest §5.4, «Отсутствие конкретных результатов»); a tenure ("работаю
уже 6 лет") is never a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.content.cues import find_cue, first_unit_with
from sobes.analysis.content.flags import blame
from sobes.analysis.content.kinds import FACT_ITEMS, AnswerKind, Item
from sobes.analysis.content.numbers import NumbersSection
from sobes.analysis.content.ownership import Ownership
from sobes.analysis.content.sentences import Unit
from sobes.analysis.content.star import LabelledUnit, outcome_clause, outcomes
from sobes.analysis.morph import lemma, tag
from sobes.analysis.text import normalize

VAGUE_RESULT = ("все получилось", "все было хорошо", "все хорошо", "нормальн*", "как все", "выполнили план",
                "наладил*", "остал* доволен", "остал* довольн*", "стал* лучше", "успешн*", "все решили", "все решилось",
                "справились", "все что нужно")
_STEPS = ("сначала", "во-первых", "во первых", "в первую очередь", "первым делом", "затем", "потом", "после этого",
          "дальше", "во-вторых", "во вторых", "шаг*")


@dataclass
class CheckedItem:
    key: str
    label: str
    covered: bool
    evidence: str | None = None  # the words that show it (for an ``absent`` item: the words that break it)
    start: float | None = None  # where they were said, or where the missing item belongs
    fix: str = ""
    follow_up: str | None = None
    rank: int = 0  # among missing items, higher is told first
    absent: bool = False  # covered by not saying something (blame, an ultimatum): not listed as said

    @property
    def red_flag(self) -> bool:
        """A red flag said aloud: an ``absent`` item broken by words the candidate said (blaming the former boss)."""
        return self.absent and not self.covered and self.evidence is not None


@dataclass
class Answer:
    """What the checks read: the answer's units with their STAR labels, figures and ownership."""

    units: list[Unit]
    labelled: list[LabelledUnit] = field(default_factory=list)
    numbers: NumbersSection = field(default_factory=NumbersSection)
    ownership: Ownership | None = None


def items_for(kind: AnswerKind, question: str | None, purpose: str | None = None) -> tuple[Item, ...]:
    """The kind's items; a factual question gets the one item its words ask for."""
    if kind.key == "fact":
        item = fact_topic(question)
        return (item[0],) if item else ()
    if kind.key == "stress" and purpose == "practise_refusal":
        return (kind.items[0], Item("boundary", "Вежливая граница", "Вежливо обозначьте границу: «Это личный вопрос; "
                                    "на мою работу он не повлияет».", None,
                                    ("личн*", "не связан*", "не влия*", "не повлия*", "предпочт*", "к работе",
                                     "давайте вернемся")))
    return kind.items


def fact_topic(question: str | None) -> tuple[Item, str, str | None] | None:
    """The fact a question asks for, how to say an answer missed it, and the topic it is about when that is sure."""
    if not question:
        return None
    tokens = [normalize(w) for w in question.split()]
    for cues, item, off_topic, topic in FACT_ITEMS:
        if find_cue(tokens, cues):
            return item, off_topic, topic
    return None


def check_items(items: tuple[Item, ...], answer: Answer) -> list[CheckedItem]:
    """Each item checked; words that carry a red flag show nothing good ("я ушла, потому что начальник был
    неадекватный" is blame, not "конкретная причина")."""
    checked = [_check(item, answer) for item in items]
    flagged = {c.start for c in checked if c.red_flag}
    for item in checked:
        if item.covered and not item.absent and item.start in flagged:
            item.covered, item.evidence = False, None
    return checked


def missing_by_rank(items: list[CheckedItem]) -> list[CheckedItem]:
    """The items not covered, the one to tell first first: a red flag said aloud (blaming the former boss) before
    anything left unsaid, then by rank (a story's result before its setting)."""
    return sorted((i for i in items if not i.covered), key=lambda i: (not i.red_flag, -i.rank))


def _check(item: Item, answer: Answer) -> CheckedItem:
    units = answer.units
    found: tuple[Unit, str] | None = None
    if item.check:
        found = _CHECKS[item.check.split(":")[0]](item, answer)
    if found is None and item.cues:  # a misheard letter does not hide what was said; it never accuses
        found = first_unit_with(units, item.cues, tolerant=not item.absent)
    if item.absent:  # covered when nothing breaks it; the words that break it are the evidence
        return _checked(item, found is None, found)
    if found is None and item.check == "star:result":
        vague = _vague_result(answer)  # "всё получилось хорошо" said where the result belongs
        if vague is not None:
            return _checked(item, False, vague)
    if found is None and units:
        where = units[0] if item.where == "start" else units[-1]
        return CheckedItem(item.key, item.label, False, None, round(where.start, 2), _fix(item, answer),
                           item.follow_up, item.rank, item.absent)
    return _checked(item, found is not None, found)


def _fix(item: Item, answer: Answer) -> str:
    """The item's advice; for the candidate's own actions, «а не «мы»» only to one who said "мы"."""
    said_we = answer.ownership is not None and answer.ownership.we_count > 0
    return f"{item.fix[:-1]}, а не «мы»." if item.check == "star:action" and said_we else item.fix


def _checked(item: Item, covered: bool, found: tuple[Unit, str] | None) -> CheckedItem:
    unit, words = found if found is not None else (None, None)
    return CheckedItem(item.key, item.label, covered, words, None if unit is None else round(unit.start_of(words), 2),
                       item.fix, item.follow_up, item.rank, item.absent)


def _vague_result(answer: Answer) -> tuple[Unit, str] | None:
    for labelled in answer.labelled:
        found = first_unit_with([labelled.unit], VAGUE_RESULT)
        if found and not _concrete_result(labelled.unit):
            return found
    return None


def _star(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    part = item.check.split(":")[1] if item.check else ""
    if part == "result":  # a measured change is a result wherever it was said: "вырос с 20 до 85 процентов"
        change = _result_change(answer)
        if change is not None:
            return change
    for labelled in answer.labelled:
        if labelled.label != part:
            continue
        unit = labelled.unit
        if part == "result" and not _concrete_result(unit):
            continue
        if part == "action" and answer.ownership is not None and answer.ownership.role_unclear:
            return None  # actions, but whose? "мы" or "я немного помогал" does not show the candidate's own
        return unit, (outcome_clause(unit) or unit.text) if part == "result" else unit.text
    if part == "result":  # an outcome said at the end of another part: "…предложила скидку, и он остался"
        acted = False
        for labelled in answer.labelled:
            acted = acted or labelled.label in ("action", "result")
            clause = outcome_clause(labelled.unit) if acted else None
            if clause and _concrete_result(labelled.unit, clause):
                return labelled.unit, clause
    return None


def _result_change(answer: Answer) -> tuple[Unit, str] | None:
    """The measured change that is the story's outcome: one said in the result part first, then any but the
    setting's ("выручка отдела упала на 15 %" is the problem the candidate set out to solve)."""
    parts = [next((lu for lu in answer.labelled if lu.unit.start <= c.start <= lu.unit.end), None)
             for c in answer.numbers.claims if c.is_change]
    ranked = [lu for lu in parts if lu and lu.label == "result"] + \
        [lu for lu in parts if lu and lu.label != "situation"]
    return (ranked[0].unit, ranked[0].unit.text) if ranked else None


def _concrete_result(unit: Unit, said: str | None = None) -> bool:
    """A result that can be checked: a figure, or the other side's decision, not "всё получилось хорошо"."""
    text = said or unit.text
    tokens = [t for t in (normalize(w) for w in text.split()) if t]
    has_figure = any(ch.isdigit() for ch in text) or "процент" in text.lower()
    return has_figure or outcomes(tokens) > 0 or find_cue(tokens, VAGUE_RESULT) is None


def _figure(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    for claim in answer.numbers.claims:
        if claim.kind in ("percent", "money", "count") and claim.value != 1:
            unit = _unit_at(answer.units, claim.start)
            return unit, unit.text
    return None


# what a candidate achieves, beside the other side's decisions and changes (star.OUTCOME_VERBS)
ACHIEVED = frozenset("привлечь продать сэкономить запустить открыть вернуть закрыть обучить сохранить".split())


def _achievement(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    """A figure of something achieved: a change ("выручка выросла на 18 %") or a figure beside an outcome or a deed
    done ("привлекла 14 новых клиентов"); the size of a portfolio ("веду 25 клиентов") is no achievement."""
    for claim in answer.numbers.claims:
        if claim.kind not in ("percent", "money", "count") or claim.value == 1:
            continue
        unit = _unit_at(answer.units, claim.start)
        achieved = any(tag(t).POS == "VERB" and tag(t).tense == "past" and lemma(t) in ACHIEVED for t in unit.tokens)
        if claim.is_change or achieved or outcome_clause(unit) is not None:
            return unit, unit.text
    return None


def _tenure(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    """Years of work: "пять лет работаю", "опыт три года"."""
    for claim in answer.numbers.claims:
        if claim.kind == "time":
            unit = _unit_at(answer.units, claim.start)
            return unit, unit.text
    return None


def _money(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    """A sum: in answer to a salary question "рассчитываю на сто" means thousands, so any figure over 10 counts."""
    for claim in answer.numbers.claims:
        if claim.kind == "money" or claim.value >= 10:
            unit = _unit_at(answer.units, claim.start)
            return unit, unit.text
    for unit in answer.units:  # "сто двадцать тысяч", "от ста до ста двадцати"
        tokens = [t for t in unit.tokens if t]
        if find_cue(tokens, ("тысяч*", "руб*", "₽")) and any(c.start >= unit.start and c.end <= unit.end
                                                            for c in answer.numbers.claims):
            return unit, unit.text
    return None


def _explained(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    claim = next((c for c in answer.numbers.claims if c.explained), None)
    return (_unit_at(answer.units, claim.start), claim.context) if claim else None


def _asks(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    """A sentence the transcript ends with a question mark (the item's cues find the rest)."""
    return next(((unit, unit.text) for unit in answer.units if unit.text.rstrip().endswith("?")), None)


def _steps(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    found = first_unit_with(answer.units, _STEPS)
    if found:
        return found
    doing = [u for u in answer.units if any(_first_person_act(t) for t in u.tokens if t)]
    return (doing[1], doing[1].text) if len(doing) >= 2 else None  # two sentences of "я делаю / я сделал"


def _first_person_act(token: str) -> bool:
    t = tag(token)
    return t.POS == "VERB" and (t.person == "1per" or (t.tense == "past" and t.number == "sing"))


def _unit_at(units: list[Unit], time: float) -> Unit:
    return next((u for u in units if u.start <= time <= u.end), units[0])


def _blame(item: Item, answer: Answer) -> tuple[Unit, str] | None:
    return blame(answer.units)


_CHECKS = {"star": _star, "figure": _figure, "achievement": _achievement,
           "money": _money, "tenure": _tenure, "explained": _explained, "asks": _asks,
           "steps": _steps, "blame": _blame}
