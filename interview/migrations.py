"""The history's schema, one frozen step per version (Vorta's model).

Each step writes its columns out as they were on the day it was made and
never reads the code's current lists: a column added later goes into a new
step, so a fresh history and an upgraded one end up the same. ``History``
copies the file aside before upgrading it.
"""

from __future__ import annotations

import sqlite_utils


def _v1(db: sqlite_utils.Database) -> None:
    """Sessions, answers with their reports, and the key metrics as columns for progress charts."""
    db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db.table("sessions").create({"id": int, "started_at": str, "ended_at": str, "mode": str, "role": str,
                           "status": str, "summary_json": str}, pk="id", if_not_exists=True)
    db.table("answers").create({"id": int, "session_id": int, "question_id": str, "question_text": str, "attempt": int,
                          "audio_path": str, "recorded_at": str, "duration_s": float, "status": str,
                          "report_json": str, "error": str, "words_per_min": float, "syllables_per_sec": float,
                          "fillers_per_min": float, "fillers_per_100_words": float, "long_pauses": float,
                          "pause_ratio": float, "response_latency_s": float, "pitch_sd_st": float},
                         pk="id", foreign_keys=[("session_id", "sessions", "id")], if_not_exists=True)
    db.table("answers").create_index(["question_id"], if_not_exists=True)


def _v2(db: sqlite_utils.Database) -> None:
    """STAR completeness and the overall verdict as columns; a settings table."""
    db.table("answers").add_column("star_parts", int)
    db.table("answers").add_column("overall", str)
    db.table("settings").create({"key": str, "value_json": str}, pk="key", if_not_exists=True)


def _v3(db: sqlite_utils.Database) -> None:
    """An answer retried or re-recorded points at the take that replaced it (it stays, as an earlier
    attempt); the settings table goes (settings live in settings.json beside the history, and the table
    was never written)."""
    db.table("answers").add_column("replaced_by", int)
    db.table("answers").create_index(["session_id"], if_not_exists=True)
    db.table("settings").drop(ignore=True)


def _v4(db: sqlite_utils.Database) -> None:
    """The kind of answer a question asks for, so progress compares like with like; filled in for answers
    analysed before from their reports."""
    db.table("answers").add_column("answer_type", str)
    db.execute("update answers set answer_type = json_extract(report_json, '$.content.answer_type') "
               "where report_json is not null")


def _v5(db: sqlite_utils.Database) -> None:
    """Long pauses counted by one definition (over 2 s anywhere, or over 1.2 s in the middle of a sentence; before,
    the column counted only the first kind while the card added both): recounted from the stored reports with the
    default norms of the day."""
    db.execute("update answers set long_pauses = (select count(*) from json_each(report_json, '$.pauses.items') "
               "where json_extract(value, '$.duration') >= 2.0 or (json_extract(value, '$.within_sentence') "
               "and json_extract(value, '$.duration') >= 1.2)) "
               "where report_json is not null and json_type(report_json, '$.pauses.items') = 'array'")


MIGRATIONS = [_v1, _v2, _v3, _v4, _v5]
SCHEMA_VERSION = len(MIGRATIONS)
