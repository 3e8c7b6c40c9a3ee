"""Russian words for sessions — their mode, role and status — and their times in the user's local time: one
place for the history screen, exports and the command line."""

from __future__ import annotations

from datetime import datetime

from sobes.analysis.labels import overall_text
from sobes.interview.plans import MODES
from sobes.interview.question_bank import ROLES

MODE_NAMES = {**MODES, "recovered": "записи из повреждённой истории"}
SESSION_STATUS = {"completed": "завершена", "interrupted": "прервана", "aborted": "остановлена", "active": "идёт"}
ANSWER_STATUS = {"analyzed": "разобран", "recorded": "записан, ждёт разбора", "failed": "не удалось разобрать",
                 "recording": "идёт запись"}


def session_status(row: dict) -> str:
    """How a session ended, in words: "завершена досрочно" when the candidate ended it before its plan did."""
    if row.get("status") == "completed" and '"early": true' in (row.get("summary_json") or ""):
        return "завершена досрочно"
    return SESSION_STATUS.get(row.get("status") or "", row.get("status") or "—")


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
