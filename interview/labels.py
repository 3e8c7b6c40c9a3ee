"""Russian words for sessions — their mode, role and status — and their times in the user's local time: one
place for the history screen, exports and the command line."""

from __future__ import annotations

import json
from datetime import datetime

from sobes.analysis.labels import overall_text
from sobes.interview.plans import MODES
from sobes.interview.question_bank import ROLES

MODE_NAMES = {**MODES, "recovered": "записи из повреждённой истории"}
SESSION_STATUS = {"completed": "завершена", "interrupted": "прервана", "aborted": "остановлена", "active": "идёт"}
ANSWER_STATUS = {"analyzed": "разобран", "recorded": "записан, ждёт разбора", "failed": "не удалось разобрать",
                 "recording": "идёт запись"}


# how a role play ended, said where a session's status is (the history's list): «завершена» for all of them told
# the candidate nothing (the walkthrough)
OUTCOME_STATUS = {"agreement": "клиент согласился", "callback": "клиент ждёт звонка", "leaves": "клиент ушёл"}


def session_status(row: dict) -> str:
    """How a session ended, in words: "завершена досрочно" when the candidate ended it before its plan did; a
    role play by how the client left it."""
    summary = _summary(row)
    if row.get("status") == "completed" and summary.get("early"):
        return "завершена досрочно"
    outcome = (summary.get("role_play") or {}).get("outcome") if row.get("status") == "completed" else None
    if outcome in OUTCOME_STATUS:
        return OUTCOME_STATUS[outcome]
    return SESSION_STATUS.get(row.get("status") or "", row.get("status") or "—")


def session_name(row: dict) -> str:
    """A session's mode in words; a role play with its situation («Ролевая игра: Медленный интернет»)."""
    title = (_summary(row).get("scenario") or {}).get("title")
    return f"{mode_name(row.get('mode'))}: {title}" if isinstance(title, str) and title else mode_name(row.get("mode"))


def _summary(row: dict) -> dict:
    """The session's stored summary, or {} when it has none or it cannot be read."""
    try:
        summary = json.loads(row.get("summary_json") or "{}")
    except ValueError:
        return {}
    return summary if isinstance(summary, dict) else {}


def answer_status(row: dict) -> str:
    """An answer as its row in the history says it went: the overall verdict when it was judged, "речь не
    найдена" for an analysed take with nothing said (it used to read "разобран"), else its status."""
    if row.get("status") == "analyzed":
        return overall_text(row["overall"]) if row.get("overall") else "речь не найдена"
    return ANSWER_STATUS.get(row.get("status") or "", row.get("status") or "—")


def mode_name(key: str | None) -> str:
    return MODE_NAMES.get(key or "", key or "—")


def role_name(key: str | None) -> str:
    return ROLES.get(key or "", key or "—")


def local_time(stamp: str | None) -> str:
    """``2026-11-27T16:04:05+00:00`` -> ``27.11.2026, 19:04`` in this computer's time zone."""
    if not stamp:
        return "—"
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%d.%m.%Y, %H:%M")
