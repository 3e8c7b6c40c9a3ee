"""Starting a fresh history when the database is damaged, without losing what was recorded.

A damaged file is never deleted or overwritten: it is renamed beside itself
with a date (its WAL and shared-memory files with it), so it can be sent for
repair or opened by hand. The recordings folder is then scanned and every
answer recording the fresh database does not know is listed again, grouped by
the session its file name gives (``session{N}-{index}-{question}.wav``), as
recorded-but-not-analysed answers the app offers to analyse.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from pathlib import Path

from sobes.audio.wav_file import recover_wav
from sobes.interview.history import History, HistoryError, cannot_use
from sobes.interview.question_bank import load_bank_or_none
from sobes.interview.session import Step

logger = logging.getLogger(__name__)
# session{N}-{question}-{date}-{time}-{random}.wav (takes); session{N}-{index}-{question}.wav (before takes)
RECORDING_NAME = re.compile(r"session(\d+)-(?:(?P<question>.+)-\d{8}-\d{6}-[0-9a-f]{8}|\d+-(?P<old>.+))\.wav$")


def set_aside(path: Path) -> Path:
    """Rename the damaged database (and its -wal/-shm) to ``<name>.damaged-<date>``; returns the new path."""
    target = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{target}{suffix}"))
    logger.warning("history database %s kept aside as %s", path, target)
    return target


def relink_recordings(history: History, folder: Path, texts: dict[str, str] | None = None) -> int:
    """List again the answer recordings in ``folder`` that ``history`` does not know; returns how many.

    ``texts`` maps a question id (from the file name) to its text; by default the question bank's.
    """
    texts = bank_texts() if texts is None else texts
    known = {row["audio_path"] for row in history.db["answers"].rows}
    sessions: dict[str, int] = {}
    count = 0
    for path in sorted(folder.glob("session*.wav")):
        match = RECORDING_NAME.match(path.name)
        if not match or str(path) in known:
            continue
        try:
            seconds = recover_wav(path)  # a crash may have left its header short
        except (OSError, ValueError) as exc:
            logger.warning("recording %s not relinked: %s", path.name, exc)
            continue
        old_session, question_id = match.group(1), match.group("question") or match.group("old")
        if old_session not in sessions:
            sessions[old_session] = history.start_session("recovered", "")
            history.end_session(sessions[old_session], "interrupted")
        step = Step(question_id, texts.get(question_id, ""), "star", 0.0, 0.0)  # the bank's, when analysed
        history.add_recorded(sessions[old_session], step, path, seconds)
        count += 1
    return count


def bank_texts() -> dict[str, str]:
    """Question id -> text from the question bank; empty if the bank cannot be read (the audio still counts)."""
    bank = load_bank_or_none()
    return {question.id: question.text for question in bank.questions} if bank else {}


def start_fresh(path: Path, recordings: Path, texts: dict[str, str] | None = None) -> tuple[History, Path, int]:
    """Keep the damaged database aside, open a fresh one and relink the recordings.

    Never leaves the user with less than they had: a history that is not damaged is never set aside (one that
    opens: ``NotDamaged``; one that is locked, read-only or on a full disk: its ``HistoryError``); it proves a
    fresh history can be written there first; and if the fresh one still cannot be made, the damaged file is
    put back. Returns the new history, where the damaged file now is, and how many recordings were relinked.
    """
    try:
        History(path, busy_timeout_s=1.0).close()
    except HistoryError as exc:
        if not exc.damaged:
            raise
    else:
        raise NotDamaged(f"история занятий {path} в порядке: начинать заново не нужно")
    _can_write_beside(path)
    aside = set_aside(path)
    try:
        history = History(path)
    except Exception:
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{aside}{suffix}").exists():
                os.replace(Path(f"{aside}{suffix}"), Path(f"{path}{suffix}"))
        raise
    relinked = relink_recordings(history, recordings, texts) if recordings.is_dir() else 0
    return history, aside, relinked


class NotDamaged(HistoryError):
    """The history opens: there is nothing to start over."""


def _can_write_beside(path: Path, probe_bytes: int = 1 << 20) -> None:
    """Raise ``HistoryError`` (not damage) unless a fresh history of a reasonable size fits beside ``path``."""
    probe = path.with_name(f".{path.name}.probe")
    try:
        with open(probe, "wb") as fh:
            fh.write(b"\0" * probe_bytes)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise HistoryError(cannot_use(path, exc)) from None
    finally:
        probe.unlink(missing_ok=True)
