"""Role-play scenarios: a client with a problem who answers back, as data in the question bank.

A scenario is what the guides' role-play stage gives the candidate («Я уже
неделю жду доставку», a refund, a threat to leave…): who the client is, what
they need, their opening line, the detail they give when asked, and what they
say next depending on the candidate's reply (``interview.conversation``
chooses; the lines are here). The schema is in docs/questions.md; the bank
reads these from a file's ``scenarios`` list and checks them as it checks
questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sobes.interview.bank_yaml import LINE_KEY, has_control_characters, short

# what the client says when the reply ... (interview.conversation decides which)
LINES = {
    "push": "ответил, но ничего не предложил",
    "angrier": "второй раз ничего не предложил",
    "escalate": "спорил, оправдывался или винил других",
    "vague": "предложил что-то без срока",
    "test": "впервые предложил конкретное решение со сроком",
}
ENDINGS = {"agreement": "клиент согласен", "callback": "клиент ждёт звонка", "leaves": "клиент уходит"}
_REQUIRED = {"id": str, "title": str, "roles": list, "phone": bool, "client": str, "need": str, "opening": str,
             "detail": str, "lines": dict, "endings": dict}
_KINDS = {str: "текст", list: "список", bool: "да/нет (true/false)", dict: "словарь"}
_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str  # as the candidate reads it: «Доставка задерживается на неделю»
    roles: tuple[str, ...]
    phone: bool  # the client calls: their lines come through the telephone line, the screen does not show them
    client: str  # who the client is
    need: str  # what the client needs
    opening: str
    detail: str  # what the client says when asked a clarifying question
    lines: dict[str, str]  # LINES' keys
    endings: dict[str, str]  # ENDINGS' keys
    file: str = ""
    line: int = 0


def _kind_of(value: object) -> str:
    return {str: "текст", int: "число", float: "число", list: "список", bool: "да/нет", dict: "словарь",
            type(None): "пусто"}.get(type(value), "другое")


def problems(item: dict, roles: dict[str, str]) -> list[str]:
    """What is wrong with one scenario, in Russian (empty: it is fine). ``roles``: the bank's roles."""
    found = []
    for name, kind in _REQUIRED.items():
        if name not in item:
            found.append(f"нет поля {name}")
        elif not isinstance(item[name], kind):
            found.append(f"поле {name} должно быть: {_KINDS[kind]}, а не {_kind_of(item[name])}")
    unknown = sorted(short(k) for k in set(item) - set(_REQUIRED) - {LINE_KEY})
    if unknown:
        found.append(f"неизвестные поля: {', '.join(unknown)}")
    if found:
        return found
    if not _ID.fullmatch(item["id"]):
        found.append(f"id «{short(item['id'])}» должен быть вида ABC-01")
    bad_roles = [short(r) for r in item["roles"] if not isinstance(r, str) or r not in roles]
    if not item["roles"] or bad_roles:
        found.append(f"roles — это некоторые из: {', '.join(roles)}"
                     + (f" (не {', '.join(bad_roles[:5])})" if bad_roles else ""))
    for name in ("title", "client", "need", "opening", "detail"):
        if not item[name].strip():
            found.append(f"поле {name} пустое")
    for name, wanted in (("lines", LINES), ("endings", ENDINGS)):
        given = {k: v for k, v in item[name].items() if k != LINE_KEY}
        missing = [key for key in wanted if not (isinstance(given.get(key), str) and given[key].strip())]
        extra = sorted(short(k) for k in set(given) - set(wanted))
        if missing:
            found.append(f"в {name} нет реплик: {', '.join(missing)}")
        if extra:
            found.append(f"в {name} неизвестные реплики: {', '.join(extra)}")
    texts = [item[name] for name in ("title", "client", "need", "opening", "detail")]
    texts += [v for name in ("lines", "endings") for v in item[name].values() if isinstance(v, str)]
    if any(has_control_characters(text) for text in texts):
        found.append("в тексте управляющие символы (они портят экран): уберите их")
    return found


def scenario_of(item: dict, file: str) -> Scenario:
    """A checked item (``problems`` found none) as a ``Scenario``."""
    return Scenario(item["id"], item["title"].strip(), tuple(item["roles"]), item["phone"], item["client"].strip(),
                    item["need"].strip(), item["opening"].strip(), item["detail"].strip(),
                    {k: v.strip() for k, v in item["lines"].items() if k != LINE_KEY},
                    {k: v.strip() for k, v in item["endings"].items() if k != LINE_KEY},
                    file=file, line=item.get(LINE_KEY, 0))
