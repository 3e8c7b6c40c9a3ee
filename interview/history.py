"""Practice history in SQLite (sqlite-utils): sessions, answers, settings.

An answer is stored the moment its recording ends, before analysis; the
report is added when ready. Key metrics are copied into columns so progress
charts need no JSON parsing. The file has a schema version; migrations back
the file up first. WAL mode lets the app read while a write is going on.
At start-up, sessions left "active" by a crash are marked interrupted, and
their recorded but unanalysed answers stay listed for analysis.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from sobes.analysis.report import Report
from sobes.core.errors import SobesError
from sobes.interview.paths import data_dir, owner_only, private_folder

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 2
METRIC_COLUMNS = {  # column -> (report section, field)
    "words_per_min": ("tempo", "words_per_min"),
    "syllables_per_sec": ("tempo", "syllables_per_sec"),
    "fillers_per_min": ("fillers", "per_min"),
    "fillers_per_100_words": ("fillers", "per_100_words"),
    "long_pauses": ("pauses", "long_count"),
    "pause_ratio": ("pauses", "pause_ratio"),
    "response_latency_s": ("pauses", "response_latency_s"),
    "pitch_sd_st": ("pitch", "sd_semitones"),
}


class HistoryError(SobesError):
    """The history database cannot be used; the message says what to do.

    ``damaged`` is True when the file itself is unusable (not a database,
    malformed, or from a newer Sobes): the caller may set it aside and start
    a fresh one (``interview.recovery``).
    """

    def __init__(self, message: str, *, damaged: bool = False):
        super().__init__(message)
        self.damaged = damaged


# SQLite's primary result codes that mean the file itself is broken; every other failure is the
# surroundings (no space, no permission, a lock held elsewhere, a failing disk) and must never be taken
# for damage: "starting fresh" would then set a healthy history aside.
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_FULL, _BUSY, _LOCKED, _IOERR = 13, 5, 6, 10


def _is_damage(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # raised here (quick_check) rather than by SQLite itself
        return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
    return code & 0xFF in _DAMAGE_CODES


def _cannot_use(path: Path, exc: BaseException) -> str:
    """What to tell the user when the history cannot be opened or written for a reason other than damage."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    errno_ = getattr(exc, "errno", None)
    if code == _FULL or errno_ in (errno.ENOSPC, errno.EDQUOT):
        return f"на диске нет места для истории занятий ({path.parent}): освободите место и повторите"
    if code in (_BUSY, _LOCKED):
        return "историю занятий сейчас держит другая программа: закройте её (или второе окно Собеса) и повторите"
    if code == _IOERR or errno_ == errno.EIO:
        return f"диск с историей занятий ({path.parent}) не читается: проверьте его и повторите"
    return (f"папка {path.parent} недоступна для записи: проверьте права на неё или укажите другую папку "
            "данных (переменная SOBES_DATA_DIR)")


def default_path() -> Path:
    return data_dir() / "history.db"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class History:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        try:
            private_folder(self.path.parent)
            connection = sqlite3.connect(str(self.path), timeout=10, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(_cannot_use(self.path, exc)) from None
        try:
            self.db = sqlite_utils.Database(connection)
            self.db.conn.execute("PRAGMA journal_mode=WAL")
            owner_only(self.path)
            self.db.conn.execute("PRAGMA secure_delete=ON")  # a deleted answer's text is overwritten, not left
            check = self.db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(" ".join(check.replace("*", "").split()))  # one line
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            connection.close()
            if _is_damage(exc):
                raise HistoryError(f"история занятий {self.path} повреждена ({exc}): её можно сохранить в сторону "
                                   "и начать новую; записи ответов останутся в папке данных", damaged=True) from None
            raise HistoryError(_cannot_use(self.path, exc)) from None
        except HistoryError:
            connection.close()
            raise

    # --- schema ------------------------------------------------------------------------
    def version(self) -> int:
        if "meta" not in self.db.table_names():
            return 0
        row = next(self.db["meta"].rows_where("key = ?", ["schema_version"]), None)
        return int(row["value"]) if row else 0

    def _migrate(self) -> None:
        version = self.version()
        if version > SCHEMA_VERSION:
            raise HistoryError(f"историю занятий {self.path} записала более новая версия Собеса: обновите "
                               "программу или сохраните файл в сторону и начните новую историю", damaged=True)
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
            self.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
            shutil.copy2(self.path, backup)
            logger.info("backed up %s to %s before migrating", self.path, backup)
        for step in range(version, SCHEMA_VERSION):
            with self.db.conn:
                MIGRATIONS[step](self.db)
                self.db["meta"].upsert({"key": "schema_version", "value": str(step + 1)}, pk="key")

    # --- sessions ----------------------------------------------------------------------
    def start_session(self, mode: str, role: str) -> int:
        with self.db.conn:
            return self.db["sessions"].insert({"started_at": now(), "mode": mode, "role": role,
                                               "status": "active"}).last_pk

    def end_session(self, session_id: int, status: str, summary: dict | None = None) -> None:
        with self.db.conn:
            self.db["sessions"].update(session_id, {"ended_at": now(), "status": status,
                                                    "summary_json": json.dumps(summary, ensure_ascii=False)
                                                    if summary else None})

    def delete_session(self, session_id: int) -> int:
        """Delete a session, its answers and their recordings for real; returns the files removed.

        Rows go first (with ``secure_delete`` their text is overwritten in the file), then the audio.
        """
        self.session(session_id)
        paths = [row["audio_path"] for row in self.answers(session_id) if row.get("audio_path")]
        with self.db.conn:
            self.db.execute("delete from answers where session_id = ?", [session_id])
            self.db.execute("delete from sessions where id = ?", [session_id])
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL would otherwise still hold the old pages
        removed = 0
        ours = {folder.resolve() for folder in (data_dir() / "recordings", self.path.parent / "recordings")}
        for path in map(Path, paths):
            if path.parent.resolve() not in ours:  # a row pointing elsewhere (an edited or foreign database)
                logger.warning("not deleting %s: it is not in the recordings folder", path.name)
                continue
            try:
                path.unlink()  # a link is removed, never what it points to
                removed += 1
            except FileNotFoundError:
                pass
        logger.info("deleted session %d and %d recordings", session_id, removed)
        return removed

    def mark_interrupted(self) -> list[int]:
        """Sessions a crash left active; returns their ids."""
        ids = [row["id"] for row in self.db["sessions"].rows_where("status = 'active'")]
        with self.db.conn:
            for session_id in ids:
                self.db["sessions"].update(session_id, {"status": "interrupted"})
        return ids

    def sessions(self) -> list[dict]:
        return list(self.db.query(
            "select s.*, count(a.id) as answers from sessions s left join answers a on a.session_id = s.id "
            "group by s.id order by s.id desc"))

    def session(self, session_id: int) -> dict:
        try:
            return self.db["sessions"].get(session_id)
        except sqlite_utils.db.NotFoundError:
            raise HistoryError(f"занятия №{session_id} нет: список занятий — sobes history") from None

    # --- answers -----------------------------------------------------------------------
    def add_answer(self, session_id: int, question_id: str, question_text: str, audio_path: str,
                   duration_s: float) -> int:
        """Store a recorded answer at once, before it is analysed."""
        attempt = self.db.execute("select count(*) from answers where question_id = ?", [question_id]).fetchone()[0]
        with self.db.conn:
            return self.db["answers"].insert({
                "session_id": session_id, "question_id": question_id, "question_text": question_text,
                "attempt": attempt + 1, "audio_path": audio_path, "recorded_at": now(),
                "duration_s": round(duration_s, 2), "status": "recorded"}).last_pk

    def add_report(self, answer_id: int, report: Report) -> None:
        values = {"status": "analyzed", "report_json": report.to_json(indent=None), "error": None}
        for column, (section, name) in METRIC_COLUMNS.items():
            part = getattr(report, section)
            values[column] = getattr(part, name) if part is not None else None
        content = report.content
        values["star_parts"] = sum(content.star.present.values()) if content and content.star else None
        values["overall"] = report.delivery.overall if report.delivery else None
        with self.db.conn:
            self.db["answers"].update(answer_id, values)

    def mark_failed(self, answer_id: int, error: str) -> None:
        """Keep the answer with the reason it could not be analysed.

        The recording's folder is taken out of the reason: it is shown and exported, and must not reveal
        where the user keeps their files.
        """
        audio_path = self.db["answers"].get(answer_id).get("audio_path")
        if audio_path:
            error = error.replace(str(Path(audio_path).parent) + os.sep, "")
        with self.db.conn:
            self.db["answers"].update(answer_id, {"status": "failed", "error": error})

    def answers(self, session_id: int) -> list[dict]:
        return list(self.db["answers"].rows_where("session_id = ?", [session_id], order_by="id"))

    def pending_answers(self) -> list[dict]:
        """Recorded but never analysed (the app stopped in between)."""
        return list(self.db["answers"].rows_where("status = 'recorded'", order_by="id"))

    def report(self, answer_id: int) -> Report | None:
        row = self.db["answers"].get(answer_id)
        return Report.from_dict(json.loads(row["report_json"])) if row.get("report_json") else None

    # --- queries for the app ------------------------------------------------------------
    def progress(self, metric: str) -> list[tuple[str, float]]:
        """(recorded_at, value) of every analysed answer, oldest first."""
        if metric not in METRIC_COLUMNS and metric != "star_parts":
            raise ValueError(f"unknown metric {metric}")
        return [(r["recorded_at"], r[metric]) for r in self.db.query(
            f"select recorded_at, {metric} from answers where status = 'analyzed' and {metric} is not null "
            "order by id")]

    def attempts(self, question_id: str) -> list[dict]:
        return list(self.db["answers"].rows_where("question_id = ?", [question_id], order_by="id"))

    def session_means(self, session_id: int) -> dict[str, float | None]:
        columns = ", ".join(f"avg({c}) as {c}" for c in METRIC_COLUMNS)
        row = self.db.execute(f"select {columns} from answers where session_id = ? and status = 'analyzed'",
                              [session_id]).fetchone()
        return dict(zip(METRIC_COLUMNS, row))

    # --- settings ------------------------------------------------------------------------
    def set_setting(self, key: str, value) -> None:
        with self.db.conn:
            self.db["settings"].upsert({"key": key, "value_json": json.dumps(value, ensure_ascii=False)}, pk="key")

    def setting(self, key: str, default=None):
        row = next(self.db["settings"].rows_where("key = ?", [key]), None)
        return json.loads(row["value_json"]) if row else default

    def close(self) -> None:
        self.db.conn.close()


def _v1(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["sessions"].create({"id": int, "started_at": str, "ended_at": str, "mode": str, "role": str,
                           "status": str, "summary_json": str}, pk="id", if_not_exists=True)
    db["answers"].create({"id": int, "session_id": int, "question_id": str, "question_text": str, "attempt": int,
                          "audio_path": str, "recorded_at": str, "duration_s": float, "status": str,
                          "report_json": str, "error": str, **dict.fromkeys(METRIC_COLUMNS, float)},
                         pk="id", foreign_keys=[("session_id", "sessions", "id")], if_not_exists=True)
    db["answers"].create_index(["question_id"], if_not_exists=True)


def _v2(db: sqlite_utils.Database) -> None:
    """v2: STAR completeness and the overall verdict as columns; a settings table."""
    db["answers"].add_column("star_parts", int)
    db["answers"].add_column("overall", str)
    db["settings"].create({"key": str, "value_json": str}, pk="key", if_not_exists=True)


MIGRATIONS = [_v1, _v2]
