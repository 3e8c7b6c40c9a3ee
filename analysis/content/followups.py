"""The questions an interviewer would ask next, with the reason, in Russian.

They feed the interview session as real follow-ups (issue: sessions), most
important first: numbers that must be explained (000 L281), percentage
points taken for percent, the candidate's own role, a missing result,
situation or action, absolutes, an answer far too short.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_FOLLOW_UPS = 3


@dataclass
class FollowUp:
    question: str
    reason: str
    kind: str  # number | percent | role | result | situation | task | action | absolute | length


def follow_ups(*, unexplained, percent_checks, ownership, missing, vague_items, length_verdict,
               is_star: bool) -> list[FollowUp]:
    out: list[FollowUp] = []
    for check in percent_checks:
        if check.verdict != "consistent":
            out.append(FollowUp(f"Вы сказали «на {check.claimed:g} %». Как именно вы считали: это процентные "
                                "пункты или проценты?", check.message, "percent"))
    by_sentence: dict[str, list] = {}
    for claim in unexplained:
        by_sentence.setdefault(claim.context, []).append(claim)
    for claims in list(by_sentence.values())[:2]:
        figures = " и ".join(c.display for c in claims)
        out.append(FollowUp(f"Как вы рассчитали эти цифры ({figures})? Какие были исходные данные и за какой "
                            "период?", "Любую цифру в ответе придётся объяснить (000 L281).", "number"))
    if is_star and "result" in missing:
        out.append(FollowUp("Чем всё закончилось? Какой измеримый результат?",
                            "В ответе нет результата.", "result"))
    if ownership is not None and ownership.role_unclear and ownership.i_share is not None:
        out.append(FollowUp("Какова была лично ваша роль? Что сделали именно вы?",
                            "В ответе больше «мы», чем «я».", "role"))
    if is_star and "situation" in missing:
        out.append(FollowUp("Расскажите, в какой ситуации это было: где, когда, с каким клиентом?",
                            "Не описана ситуация.", "situation"))
    if is_star and "action" in missing:
        out.append(FollowUp("Что конкретно вы сделали сами?", "Не названы ваши действия.", "action"))
    if is_star and "task" in missing:
        out.append(FollowUp("Какая задача стояла перед вами?", "Не названа задача.", "task"))
    absolute = next((item for item in vague_items if item.kind == "absolute"), None)
    if absolute is not None:
        out.append(FollowUp(f"Вы сказали «{absolute.text}». Приведите конкретный пример.",
                            "Абсолютные утверждения нельзя проверить.", "absolute"))
    if length_verdict == "short":
        out.append(FollowUp("Расскажите подробнее: что было дальше?", "Ответ намного короче отведённого времени.",
                            "length"))
    return out[:MAX_FOLLOW_UPS]
