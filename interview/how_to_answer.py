"""The short "как отвечать" note a candidate may open before answering: the bank's hints for the question,
what a strong answer of its kind says (the checklist the coaching judges by), and how long it should be."""

from __future__ import annotations

from sobes.analysis.content.checklist import items_for
from sobes.analysis.content.kinds import kind_of
from sobes.analysis.judge import Judge
from sobes.core.numbers import ru_number
from sobes.interview.question_bank import Question


def how_to_answer(question: Question, judge: Judge) -> tuple[str, ...]:
    kind = kind_of(question.answer_type)
    items = items_for(kind, question.text, question.purpose)
    lines = list(question.hints)
    said = [i.label[:1].lower() + i.label[1:] for i in items if not i.absent]
    if said:
        lines.append("Что должно прозвучать: " + "; ".join(said) + ".")
    avoid = [i.label[:1].lower() + i.label[1:] for i in items if i.absent]
    if avoid:
        lines.append("И ещё: " + "; ".join(avoid) + ".")
    low, high = judge.length_range(kind)
    high = min(high, question.answer_s)  # the timer stops the answer there anyway
    if low is None:
        lines.append(f"Коротко: до {_duration(high)}.")
    elif low >= 60 and high >= 60:
        lines.append(f"Длина: {_duration(low).removesuffix(' мин')}–{_duration(high)}.")
    else:
        lines.append(f"Длина: от {_duration(low)} до {_duration(high)}.")
    return tuple(dict.fromkeys(lines))


def _duration(seconds: float) -> str:
    """``90`` -> ``"1,5 мин"``, ``45`` -> ``"45 с"``: minutes from a minute up, one unit per figure."""
    return f"{ru_number(seconds / 60, 1).replace(',0', '')} мин" if seconds >= 60 else f"{seconds:.0f} с"
