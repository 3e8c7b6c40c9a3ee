"""A role play's review (``summary["role_play"]``, ``ConversationReview.to_dict()``) in words, one place for the
window, the terminal and the exports: where a fix points («реплика 2, 0:14»), each reply's figures, the
conversation's figures with their units, the review as lines of text, and what the start screen says about a
scenario before it begins.

Only wording: the judgement is the review's (``analysis.content.conversation``).
"""

from __future__ import annotations

from sobes.analysis.labels import clock, pace
from sobes.core.numbers import ru_number
from sobes.interview.bank_yaml import without_control_characters as printable

CALM_NOT_TESTED = "клиент ни разу не стал резче — сравнивать было не с чем"
# the client did press, but the replies held too few words to compare (nothing recognised, a word or two)
CALM_NOT_MEASURED = "сравнить не удалось: в ответах слишком мало слов"


def fix_place(fix: dict) -> str:
    """``{"turn": 2, "start": 14.2}`` -> ``"реплика 2, 0:14"``: the reply and the moment a fix points to."""
    turn = fix.get("turn")
    where = f"реплика {turn}" if turn else ""
    start = fix.get("start")
    return ", ".join(part for part in (where, clock(start) if start is not None else "") if part)


def take_of_turn(review: dict, turn: int | None) -> int | None:
    """The recording of reply ``turn`` (1-based), to play a fix's moment; None when it is not known."""
    found = next((t for t in review.get("turns", []) if t.get("turn") == turn), None)
    take = found.get("take_id") if found else None
    return take if isinstance(take, int) else None


def moment_text(moment: dict) -> str:
    """A behaviour or a mistake with the words that show it: «Признали недовольство — «понимаю, как это неприятно»»."""
    words = (moment.get("words") or "").strip()
    return moment.get("label", "") + (f" — «{words}»" if words else "")


def reply_figures(turn: dict) -> str:
    """How long a reply was and how fast: «0:42, 128 слов в минуту» (only what is known)."""
    parts = []
    if turn.get("seconds"):
        parts.append(f"{ru_number(turn['seconds'], 0)} с")
    if turn.get("words_per_min"):
        parts.append(pace(turn["words_per_min"]))
    return ", ".join(parts)


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def figures(review: dict) -> list[tuple[str, str]]:
    """The whole conversation's figures, each named: the share of talk, pace, fillers, calm under pressure."""
    rows = []
    share = review.get("talk_share")
    if share is not None and share < 0.995:  # 100 %: the client's lines were shown, not said (the voice was off)
        rows.append(("Кто сколько говорил", f"вы — {percent(share)} времени разговора, клиент — {percent(1 - share)}"))
    if review.get("words_per_min"):
        rows.append(("Темп", pace(review["words_per_min"])))
    fillers = review.get("fillers_per_100_words")
    if fillers is not None:
        rows.append(("Слова-паразиты", f"{ru_number(fillers)} на 100 слов"))
    calm = review.get("calm") or {}
    pressed = any(turn.get("escalated") for turn in review.get("turns") or [])
    rows.append(("Спокойствие под давлением", calm.get("text") or (CALM_NOT_MEASURED if pressed else CALM_NOT_TESTED)))
    return rows


def scenario_brief(scenario) -> str:
    """What the candidate knows before the start: who calls or comes, and what they need (a bank ``Scenario`` or
    the summary's ``scenario`` dict)."""
    get = scenario.get if isinstance(scenario, dict) else lambda name: getattr(scenario, name, None)
    lines = [f"Клиент: {get('client')}", f"Что нужно клиенту: {get('need')}"]
    if get("phone"):
        lines.append("Клиент звонит по телефону: его реплики вы услышите, а не прочитаете.")
    return "\n".join(line for line in lines if not line.endswith(": None"))


def is_client_reply(mode: str | None, answer: dict) -> bool:
    """A stored answer (a history row) is a reply to the client's line: the window's History, the exports and
    `sobes report` name it «Клиент: …», not as a question."""
    return mode == "role_play" and answer.get("answer_type") == "role_play"


def asked_text(mode: str | None, answer: dict) -> str:
    """What a stored answer answered, as History lists it: «Клиент: Я уже неделю жду доставку!» for a reply to the
    client, the question's text for any question."""
    text = answer.get("question_text") or ""
    return f"Клиент: {text}" if is_client_reply(mode, answer) else text


LAST_WORDS = "Последние слова клиента"


def scenario_label(title: str, phone: bool) -> str:
    """A role play as a candidate picks it: its title, and whether the client calls (heard, never read)."""
    return f"{title} (по телефону)" if phone else title


def last_words(review: dict) -> str | None:
    """The client's last line (how the conversation ended, as the candidate heard it); None when it did not end."""
    ending = review.get("ending")
    return ending.strip() if isinstance(ending, str) and ending.strip() else None


def conversation_lines(review: dict, scenario: dict) -> list[str]:
    """A role play's review in lines of plain text (`sobes interview` at the end, `sobes report`): headline,
    outcome, fixes with the reply and moment («реплика 2, 0:14»), each reply with what was good and what was a
    mistake, then the figures of the whole conversation."""
    title = scenario.get("title")
    lines = ["", f"Разбор ролевой игры «{printable(title)}»:" if title else "Разбор ролевой игры:",
             printable(review.get("headline") or "")]
    if review.get("outcome_text"):
        lines.append(f"Чем закончился разговор: {printable(review['outcome_text'])}")
    fixes = review.get("fixes") or []
    if fixes:
        lines.append("Что исправить:")
    for place_in_list, fix in enumerate(fixes, 1):
        place = fix_place(fix)
        quote = (fix.get("quote") or "").strip()
        lines.append(f"  {place_in_list}. {printable(fix.get('text', ''))}" + (f" ({place})" if place else "")
                     + (f" Вы сказали: «{printable(quote)}»" if quote else ""))
    lines.append("Как шёл разговор:")
    for turn in review.get("turns") or []:
        said = (turn.get("transcript") or "").strip()
        lines.append(f"  Реплика {turn.get('turn')}. Клиент: {printable(turn.get('client', ''))}"
                     + (" (клиент стал резче)" if turn.get("escalated") else ""))
        lines.append(f"    Вы: {printable(said) if said else '(речь не распознана)'}")
        lines += [f"    ✓ {printable(moment_text(m))}" for m in turn.get("good") or []]
        lines += [f"    ✗ {printable(moment_text(m))}" for m in turn.get("mistakes") or []]
    ending = last_words(review)
    if ending:
        lines.append(f"  {LAST_WORDS}: {printable(ending)}")
    lines.append("Весь разговор:")
    lines += [f"  {name}: {value}" for name, value in figures(review)]
    return lines
