"""The questions an interviewer would ask next, chosen by what the answer left out, in Russian.

Most important first: a percentage that does not add up, a figure that must
be explained (seed_digest §5.3: any number in a story will be asked about),
then each missing item of the answer's kind in the order of its checklist,
then an absolute claim. Each question differs from the others, a generic one
("Расскажите подробнее…") is asked only when nothing specific is, and none
follows a phone greeting. A figure is quoted back as the candidate said it,
and only when the transcript shows it cleanly: "80, 10-15%" where
"восьмидесяти пяти процентов" was said is not quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_FOLLOW_UPS = 3
_CLEAN = re.compile(r"^[\d\s]+([.,]\d+)?\s?(%|-?[а-я]{0,3}|процент[а-я]*)?$|^[а-яё\s-]+$", re.IGNORECASE)


@dataclass
class FollowUp:
    question: str
    reason: str
    kind: str  # percent | number | <item key> | absolute | length


def follow_ups(*, kind, missing, unexplained, percent_checks, vague_items, length_verdict,
               off_topic: bool = False) -> list[FollowUp]:
    """``kind``: the answer's ``AnswerKind``; ``missing``: its ``CheckedItem``s not covered, in order. After an
    answer that is off topic nothing follows from it: the question itself is what to answer."""
    if not kind.follow_ups or off_topic:
        return []
    out: list[FollowUp] = []
    for check in percent_checks:
        if check.verdict != "consistent":
            out.append(FollowUp(f"Вы сказали «на {check.claimed:g} %». Как именно вы считали: это процентные "
                                "пункты или проценты?", check.message, "percent"))
    by_sentence: dict[str, list] = {}
    for claim in unexplained:
        by_sentence.setdefault(claim.context, []).append(claim)
    for claims in list(by_sentence.values())[:1]:  # one "how did you count" is enough: the same question twice is not
        said = [c.text for c in claims if quotable(c.text, c.context)]
        figures = f" ({' и '.join(f'«{s}»' for s in said)})" if len(said) == len(claims) else ""
        out.append(FollowUp(f"Как вы рассчитали эти цифры{figures}? Какие были исходные данные и за какой период?",
                            "Любую цифру в рассказе придётся объяснить.", "number"))
    for item in missing:
        if item.follow_up:
            quoted = f"Вы сказали «{item.evidence}»." if item.red_flag else None
            out.append(FollowUp(item.follow_up, quoted or f"В ответе нет: {item.label.lower()}.", item.key))
    absolute = next((item for item in vague_items if item.kind == "absolute"), None)
    if absolute is not None:
        out.append(FollowUp(f"Вы сказали «{absolute.text}». Приведите конкретный пример.",
                            "Абсолютные утверждения нельзя проверить.", "absolute"))
    if not out and length_verdict == "short":
        out.append(FollowUp("Расскажите подробнее: что было дальше?", "Ответ намного короче отведённого времени.",
                            "length"))
    unique: list[FollowUp] = []
    for follow_up in out:
        if all(follow_up.question != u.question for u in unique):
            unique.append(follow_up)
    return unique[:MAX_FOLLOW_UPS]


def quotable(said: str, sentence: str) -> bool:
    """A figure as the transcript wrote it is worth quoting: one clean number, not a garbled list around it."""
    if not _CLEAN.match(said.strip()):
        return False
    return re.search(r"\d+\s*,\s*\d+\s*[-–]\s*\d+", sentence) is None  # "80, 10-15%": the model lost the words
