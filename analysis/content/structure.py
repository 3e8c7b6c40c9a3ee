"""Structure checks for answers that are not STAR stories.

Self-presentation (000 L64–67, 001 L76–80; seed_digest §2.2): who you are →
experience and achievements → goals and motivation, in 60–90 s.
Phone-screening opening (001 L101, 000 L100): a greeting, your name, and
confirming it is convenient to talk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.content.sentences import Unit

_WHO = ("меня зовут", "я менеджер", "я специалист", "я работаю", "я аккаунт", "моё имя", "мое имя", "я —")
_EXPERIENCE = ("опыт", "лет", "года", "год ", "работал", "работала", "достиг", "увеличил", "увеличила",
               "отвечал", "отвечала", "проект", "клиент")
_GOALS = ("хочу", "хотел бы", "хотела бы", "стремлюсь", "цель", "интересно", "привлекает", "вашей компании",
          "вашу компанию", "развиваться", "буду рад", "буду рада", "полезен", "полезна", "полезны")
_GREETING = ("здравствуйте", "добрый день", "добрый вечер", "доброе утро", "алло", "приветствую")
_CONVENIENT = ("удобно", "могу говорить", "можем поговорить", "готов поговорить", "готова поговорить")

SELF_PRESENTATION_S = (60.0, 90.0)


@dataclass
class StructureCheck:
    kind: str  # self_presentation | phone_opening
    parts: dict[str, bool] = field(default_factory=dict)
    in_order: bool | None = None
    missing: list[str] = field(default_factory=list)
    length_ok: bool | None = None


def _first_unit_with(units: list[Unit], phrases) -> int | None:
    for index, unit in enumerate(units):
        text = " " + " ".join(unit.tokens) + " "
        if any(f" {p}" in text for p in phrases):
            return index
    return None


def check_self_presentation(units: list[Unit], duration_s: float | None) -> StructureCheck:
    found = {name: _first_unit_with(units, phrases)
             for name, phrases in (("who", _WHO), ("experience", _EXPERIENCE), ("goals", _GOALS))}
    present = {name: index is not None for name, index in found.items()}
    order = [index for index in found.values() if index is not None]
    low, high = SELF_PRESENTATION_S
    return StructureCheck(
        kind="self_presentation", parts=present, in_order=order == sorted(order) if order else None,
        missing=[name for name, ok in present.items() if not ok],
        length_ok=None if duration_s is None else low * 0.8 <= duration_s <= high * 1.2)


def check_phone_opening(units: list[Unit], first_words: int = 25) -> StructureCheck:
    """The first words of a phone answer: greeting, name, convenient to talk."""
    opening = []
    for unit in units:
        opening.append(unit)
        if sum(len(u.words) for u in opening) >= first_words:
            break
    found = {"greeting": _first_unit_with(opening, _GREETING) is not None,
             "name": _first_unit_with(opening, ("меня зовут", "это ", "слушаю", "моё имя", "мое имя")) is not None,
             "convenient": _first_unit_with(units, _CONVENIENT) is not None}
    return StructureCheck(kind="phone_opening", parts=found, missing=[k for k, ok in found.items() if not ok])
