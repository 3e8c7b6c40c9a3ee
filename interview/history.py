"""Practice history in SQLite (sqlite-utils): sessions and their takes.

A take (``interview.take.Take``) is stored the moment its recording starts,
before analysis, and every method that changes it here changes the Take
object too, so its ``state`` always says what the history holds; the report
is added when ready. Key metrics are copied into columns so progress
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
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from sobes.analysis.report import Report
from sobes.audio.wav_file import recover_wav
from sobes.core.errors import SobesError
from sobes.interview.disk_faults import folder_fault
from sobes.interview.migrations import MIGRATIONS, SCHEMA_VERSION
from sobes.interview.paths import data_dir, owner_only, private_folder
from sobes.interview.session import Step
from sobes.interview.take import ANALYZED, DISCARDED, FAILED, RECORDED, RECORDING, Take, new_recording_path

logger = logging.getLogger(__name__)

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
OWN_TABLES = {"meta", "sessions", "answers", "settings"}  # every table any version of the history had
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_FULL, _BUSY, _LOCKED, _IOERR = 13, 5, 6, 10


def _is_damage(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # raised here (quick_check) rather than by SQLite itself
        return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
    return code & 0xFF in _DAMAGE_CODES


NOTHING_RECORDED = "запись не сохранилась: микрофон не успел передать звук"


def _emptied(path: Path) -> bool:
    """A history file cut to nothing beside recordings it should list: SQLite would take it as new and the
    next session would start from number 1; it is damage."""
    try:
        if path.stat().st_size:
            return False
    except OSError:
        return False
    recordings = path.parent / "recordings"
    return recordings.is_dir() and any(recordings.glob("*.wav"))


def cannot_use(path: Path, exc: BaseException) -> str:
    """What to tell the user when the history cannot be opened or written for a reason other than damage."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    errno_ = getattr(exc, "errno", None)
    if code in (_BUSY, _LOCKED):
        return "историю занятий сейчас держит другая программа: закройте её (или второе окно Собеса) и повторите"
    return folder_fault(path.parent, errno.ENOSPC if code == _FULL else errno_, io_error=code == _IOERR,
                        what="истории занятий")


def _summary_answers(summary_json: str | None) -> int | None:
    """How many answers a stored summary lists; None without one (or with one that cannot be read)."""
    try:
        answers = json.loads(summary_json).get("answers") if summary_json else None
    except (ValueError, AttributeError):
        return None
    return len(answers) if isinstance(answers, list) else None


def default_path() -> Path:
    return data_dir() / "history.db"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class History:
    def __init__(self, path: str | Path | None = None, *, busy_timeout_s: float = 10.0):
        self.path = Path(path) if path else default_path()
        if self.path.is_dir():  # SQLite says only "unable to open", which read as a matter of rights
            raise HistoryError(f"на месте истории занятий {self.path} — папка, а не файл: переименуйте или "
                               "переместите её")
        if _emptied(self.path):
            raise HistoryError(f"история занятий {self.path} пуста (0 байт), хотя в папке есть записи ответов: её "
                               "можно сохранить в сторону и начать новую — записи вернутся в историю", damaged=True)
        try:
            private_folder(self.path.parent)
            connection = sqlite3.connect(str(self.path), timeout=busy_timeout_s, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(cannot_use(self.path, exc)) from None
        try:
            self.db = sqlite_utils.Database(connection)
            self._refuse_foreign()
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
            raise HistoryError(cannot_use(self.path, exc)) from None
        except HistoryError:
            connection.close()
            raise

    # --- schema ------------------------------------------------------------------------
    def version(self) -> int:
        if "meta" not in self.db.table_names():
            return 0
        row = next(self.db.table("meta").rows_where("key = ?", ["schema_version"]), None)
        return int(row["value"]) if row else 0

    def _refuse_foreign(self) -> None:
        """Another program's database where the history should be: left as it is (its journal, rights and tables
        untouched). It was given Sobes's tables and a backup, and the user was told to check the folder's rights."""
        if self.version() == 0 and set(self.db.table_names()) - OWN_TABLES:
            raise HistoryError(f"файл {self.path} — не история занятий Собеса (в нём данные другой программы): "
                               "переместите его или укажите другую папку данных")

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
                self.db.table("meta").upsert({"key": "schema_version", "value": str(step + 1)}, pk="key")

    # --- sessions ----------------------------------------------------------------------
    def start_session(self, mode: str, role: str) -> int:
        with self.db.conn:
            return int(self.db.table("sessions").insert({"started_at": now(), "mode": mode, "role": role,
                                               "status": "active"}).last_pk or 0)

    def end_session(self, session_id: int, status: str, summary: dict | None = None) -> None:
        with self.db.conn:
            self.db.table("sessions").update(session_id, {"ended_at": now(), "status": status,
                                                    "summary_json": json.dumps(summary, ensure_ascii=False)
                                                    if summary else None})

    def delete_session(self, session_id: int) -> int:
        """Delete a session, its answers and their recordings for real; returns the files removed.

        Rows go first (with ``secure_delete`` their text is overwritten in the file), then the audio.
        """
        self.session(session_id)
        paths = [str(self.recording_path(row["audio_path"])) for row in self.answers(session_id)
                 if row.get("audio_path")]
        with self.db.conn:
            self.db.execute("delete from answers where session_id = ?", [session_id])
            self.db.execute("delete from sessions where id = ?", [session_id])
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL would otherwise still hold the old pages
        removed = self._remove_recordings(paths)
        logger.info("deleted session %d and %d recordings", session_id, removed)
        return removed

    def recording_path(self, stored: str) -> Path:
        """Where a stored recording is now. Rows keep the absolute path it was recorded at; after the data folder
        was moved, or restored from a backup, the recording of that name in this history's recordings folder
        (deleting a session then left every recording behind: «удалена вместе с записями (0)»)."""
        path = Path(stored)
        if path.exists():
            return path
        here = self.path.parent / "recordings" / path.name
        return here if here.exists() else path

    def _remove_recordings(self, paths: list[str]) -> int:
        """Delete the recordings among ``paths`` that lie in a recordings folder of ours; how many went."""
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
        return removed

    def recover_after_crash(self) -> tuple[list[int], int]:
        """What a crash, a kill or a power cut left half-done, made whole at the next start.

        Sessions left active become interrupted; takes left ``recording`` get their file's header repaired
        and wait for analysis like any recorded answer (a take whose file holds no audio is marked failed).
        Returns the interrupted sessions' ids and how many takes were recovered. Not while the window that
        owns this history runs (the caller asks the lock first).
        """
        ids = [row["id"] for row in self.db.table("sessions").rows_where("status = 'active'")]
        recovered = 0
        with self.db.conn:
            for session_id in ids:
                self.db.table("sessions").update(session_id, {"status": "interrupted"})
            for row in list(self.db.table("answers").rows_where("status = ?", [RECORDING])):
                try:
                    seconds = recover_wav(self.recording_path(row["audio_path"]))
                except (OSError, ValueError) as exc:
                    logger.warning("take %s has no readable recording: %s", row["id"], exc)
                    seconds = 0.0
                if seconds > 0:
                    self.db.table("answers").update(row["id"], {"status": RECORDED, "duration_s": round(seconds, 2)})
                    recovered += 1
                else:
                    self.db.table("answers").update(row["id"], {"status": FAILED, "error": NOTHING_RECORDED})
        return ids, recovered

    def sessions(self) -> list[dict]:
        """Every session, newest first, with ``answers``: how many answers it holds, as its summary counts them
        (an answer asked again counts once, as its last attempt; History said «Ответов: 10» where the summary
        listed 7). A session without a summary (interrupted) counts its answers that no later attempt replaced."""
        rows = list(self.db.query(
            "select s.*, count(a.id) as answers from sessions s left join answers a on a.session_id = s.id "
            "and a.replaced_by is null group by s.id order by s.id desc"))
        for row in rows:
            summarised = _summary_answers(row.get("summary_json"))
            if summarised is not None:
                row["answers"] = summarised
        return rows

    def session(self, session_id: int) -> dict:
        try:
            return self.db.table("sessions").get(session_id)
        except sqlite_utils.db.NotFoundError:
            raise HistoryError(f"занятия №{session_id} нет: список занятий — sobes history") from None

    # --- takes (answers) ------------------------------------------------------------------
    def start_take(self, session_id: int, step: Step, folder: Path) -> Take:
        """A take stored before its first sample: its row (state ``recording``) and a file name of its own; an
        earlier take at the question in this session is marked as replaced by it."""
        take = self._insert(session_id, step, new_recording_path(private_folder(folder), session_id, step.question_id))
        with self.db.conn:
            self.db.execute("update answers set replaced_by = ? where session_id = ? and question_id = ? "
                            "and id != ? and replaced_by is null", [take.id, session_id, step.question_id, take.id])
        return take

    def add_recorded(self, session_id: int, step: Step, path: Path, seconds: float) -> Take:
        """A recording made before this history knew it (a history rebuilt after damage lists its recordings
        again): a take that waits for analysis."""
        return self._insert(session_id, step, path, state=RECORDED, seconds=seconds)

    def _insert(self, session_id: int, step: Step, path: Path, *, state: str = RECORDING,
                seconds: float = 0.0) -> Take:
        """The one place a take's row is written."""
        attempt = self.db.execute("select count(*) from answers where question_id = ?",
                                  [step.question_id]).fetchone()[0] + 1
        with self.db.conn:
            take_id = int(self.db.table("answers").insert({
                "session_id": session_id, "question_id": step.question_id, "question_text": step.text,
                "attempt": attempt, "audio_path": str(path), "recorded_at": now(), "duration_s": round(seconds, 2),
                "status": state}).last_pk or 0)
        return Take(take_id, session_id, step, path, attempt, state=state, seconds=seconds,
                    recorded_at=self.db.table("answers").get(take_id)["recorded_at"])

    def finish_take(self, take: Take) -> None:
        """The take's recording has ended: its length is known and it waits for analysis."""
        with self.db.conn:
            self.db.execute("update answers set duration_s = ?, status = ? where id = ? and status = ?",
                            [round(take.seconds, 2), RECORDED, take.id, RECORDING])
        take.state = RECORDED if take.state == RECORDING else take.state

    def discard_take(self, take: Take) -> None:
        """Forget a take that holds nothing worth keeping (its microphone never opened), or that the user
        chose not to keep: its row and its file."""
        with self.db.conn:
            self.db.execute("update answers set replaced_by = null where replaced_by = ?", [take.id])
            self.db.execute("delete from answers where id = ?", [take.id])
        self._remove_recordings([str(take.path)] if take.path.name else [])
        take.state = DISCARDED

    def add_report(self, take: Take, report: Report) -> None:
        values: dict[str, object] = {"status": ANALYZED, "report_json": report.to_json(indent=None), "error": None}
        for column, (section, name) in METRIC_COLUMNS.items():
            part = getattr(report, section)
            values[column] = getattr(part, name) if part is not None else None
        content = report.content
        values["star_parts"] = sum(content.star.present.values()) if content and content.star else None
        values["overall"] = report.delivery.overall if report.delivery else None
        values["answer_type"] = content.answer_type if content else None
        with self.db.conn:
            self.db.table("answers").update(take.id, values)
        take.report, take.state, take.error = report, ANALYZED, None

    def mark_failed(self, take: Take, error: str) -> None:
        """Keep the answer with the reason it could not be analysed.

        The recording's folder is taken out of the reason: it is shown and exported, and must not reveal
        where the user keeps their files.
        """
        error = error.replace(str(take.path.parent) + os.sep, "")
        with self.db.conn:
            self.db.table("answers").update(take.id, {"status": FAILED, "error": error})
        take.state, take.error = FAILED, error

    def answers(self, session_id: int) -> list[dict]:
        return list(self.db.table("answers").rows_where("session_id = ?", [session_id], order_by="id"))

    def pending_takes(self) -> list[Take]:
        """Recorded but never analysed (the app stopped in between, or a rebuilt history listed them again)."""
        return [self.take(row["id"]) for row in self.db.table("answers").rows_where("status = ?", [RECORDED],
                                                                                   order_by="id", select="id")]

    def report(self, answer_id: int) -> Report | None:
        row = self.db.table("answers").get(answer_id)
        return Report.from_dict(json.loads(row["report_json"])) if row.get("report_json") else None

    # --- queries for the app ------------------------------------------------------------
    def progress(self, metric: str, answer_type: str | None = None) -> list[tuple[str, float]]:
        """(recorded_at, value) of every analysed answer (of one kind, when given), oldest first."""
        if metric not in METRIC_COLUMNS and metric != "star_parts":
            raise ValueError(f"unknown metric {metric}")
        kind = "" if answer_type is None else "and answer_type = :kind "
        return [(r["recorded_at"], r[metric]) for r in self.db.query(
            f"select recorded_at, {metric} from answers where status = 'analyzed' and {metric} is not null "
            f"{kind}order by id", {"kind": answer_type})]

    def answer_types(self) -> list[str]:
        """The kinds of answer analysed so far, the most practised first."""
        return [r["answer_type"] for r in self.db.query(
            "select answer_type, count(*) as n from answers where status = 'analyzed' and answer_type is not null "
            "group by answer_type order by n desc, answer_type")]

    def take(self, answer_id: int) -> Take:
        """A stored answer as the one object the review shows: its question, recording and report."""
        try:
            row = self.db.table("answers").get(answer_id)
        except sqlite_utils.db.NotFoundError:
            raise HistoryError(f"ответа №{answer_id} нет: он удалён") from None
        report = self.report(answer_id)
        step = Step(row["question_id"], row["question_text"] or "", row.get("answer_type") or "star", 0.0,
                    float(row["duration_s"] or 0.0))
        path = self.recording_path(row["audio_path"]) if row["audio_path"] else Path("")
        return Take(row["id"], row["session_id"], step, path, row["attempt"] or 1,
                    state=row["status"], seconds=float(row["duration_s"] or 0.0), report=report,
                    error=row.get("error"), recorded_at=row["recorded_at"] or "")

    def delete_answer(self, answer_id: int) -> None:
        """Delete one answer for real, as a session is deleted: its row, then its recording."""
        self.discard_take(self.take(answer_id))
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def attempts(self, question_id: str) -> list[dict]:
        return list(self.db.table("answers").rows_where("question_id = ?", [question_id], order_by="id"))

    def session_means(self, session_id: int) -> dict[str, float | None]:
        columns = ", ".join(f"avg({c}) as {c}" for c in METRIC_COLUMNS)
        row = self.db.execute(f"select {columns} from answers where session_id = ? and status = 'analyzed'",
                              [session_id]).fetchone()
        return dict(zip(METRIC_COLUMNS, row))

    def close(self) -> None:
        self.db.conn.close()
