"""A history written by an earlier Sobes opens in today's: backed up first, migrated, nothing lost.

The files in tests/fixtures/histories/ were written by the code of the commits where their schemas
were current, with real reports of their time (README.md there; tests/fixtures/make_old_histories.py
re-makes them). A migration tested only on files that today's own first step built could not show a
step that drifted from what old files really hold. Each test works on a copy: the committed files are
never changed.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from sobes.analysis.report import Report
from sobes.cli.main import main
from sobes.interview.history import METRIC_COLUMNS, SCHEMA_VERSION, History

HISTORIES = Path(__file__).resolve().parent / "fixtures" / "histories"
OLD = sorted(HISTORIES.glob("history-v*.db"))


def version_of(path: Path) -> int:
    return int(re.fullmatch(r"history-v(\d+)", path.stem).group(1))


def rows(path: Path, table: str) -> list[dict]:
    """A table as the file holds it, read without Sobes."""
    connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # leaves no -wal or -shm beside it
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(f"select * from {table} order by rowid")]
    finally:
        connection.close()


def schema(history: History) -> dict:
    """Every table's columns with their types, and every index with its columns."""
    tables = {name: {c.name: c.type for c in history.db.table(name).columns} for name in history.db.table_names()}
    indexes = {row[0]: [c[2] for c in history.db.execute(f"PRAGMA index_info('{row[0]}')")]
               for row in history.db.execute("select name from sqlite_master where type = 'index'")}
    return {"tables": tables, "indexes": indexes}


@pytest.fixture(params=OLD, ids=lambda path: path.stem)
def old(request, tmp_path) -> tuple[Path, Path, int]:
    """(the committed file, a copy of it to open, its schema version)."""
    copy = tmp_path / "history.db"
    shutil.copyfile(request.param, copy)
    return request.param, copy, version_of(request.param)


def test_every_earlier_schema_has_a_committed_history():
    """A new schema leaves its predecessor behind: make_old_histories.py has to write a file of it."""
    assert [version_of(path) for path in OLD] == list(range(1, SCHEMA_VERSION)), (
        "add the schema left behind to COMMITS in tests/fixtures/make_old_histories.py and run it")


def test_an_old_history_is_backed_up_as_it_was_then_migrated(old):
    committed, copy, version = old
    history = History(copy)
    assert history.version() == SCHEMA_VERSION
    history.close()
    backup = copy.with_name(f"history.db.v{version}.bak")
    assert backup.read_bytes() == committed.read_bytes()  # taken before the first change
    assert rows(backup, "meta") == [{"key": "schema_version", "value": str(version)}]


def test_every_session_answer_and_report_comes_through(old):
    committed, copy, version = old
    sessions, answers = rows(committed, "sessions"), rows(committed, "answers")
    assert {a["status"] for a in answers} == {"analyzed", "failed", "recorded"}  # the file holds each kind
    history = History(copy)
    try:
        migrated = {row["id"]: row for row in history.db.table("sessions").rows}
        for session in sessions:
            assert {k: migrated[session["id"]][k] for k in session} == session
        by_id = {row["id"]: row for session in sessions for row in history.answers(session["id"])}
        assert sorted(by_id) == [a["id"] for a in answers]
        for before in answers:
            after = by_id[before["id"]]
            kept = {k: v for k, v in before.items() if k not in METRIC_COLUMNS}  # figures a step may recount
            assert {k: after[k] for k in kept} == kept
            for column in METRIC_COLUMNS:
                assert (after[column] is None) == (before[column] is None), column  # never a figure lost
            take = history.take(before["id"])
            assert (take.state, take.step.question_id, take.attempt) == (before["status"], before["question_id"],
                                                                         before["attempt"])
            if before["report_json"] is None:
                assert history.report(before["id"]) is None and after["answer_type"] is None
                continue
            stored = json.loads(before["report_json"])
            report = history.report(before["id"])
            assert isinstance(report, Report) and report == Report.from_dict(stored) == take.report
            assert report.transcript.text == stored["transcript"]["text"] and report.transcript.words
            assert after["answer_type"] == stored["content"]["answer_type"]  # filled in from the report (v4)
        kinds = Counter(json.loads(a["report_json"])["content"]["answer_type"] for a in answers if a["report_json"])
        assert history.answer_types() == sorted(kinds, key=lambda kind: (-kinds[kind], kind))
        assert [take.id for take in history.pending_takes()] == [a["id"] for a in answers if a["status"] == "recorded"]
    finally:
        history.close()


def test_an_old_history_ends_with_the_schema_of_a_fresh_one(old, tmp_path):
    _, copy, _ = old
    upgraded, fresh = History(copy), History(tmp_path / "fresh.db")
    try:
        assert schema(upgraded) == schema(fresh)
    finally:
        upgraded.close()
        fresh.close()


def test_the_commands_read_an_old_history(old, capsys):
    """`sobes history` and `sobes report` on every session of it, its old summaries included."""
    committed, copy, _ = old
    assert main(["history", "--db", str(copy)]) == 0
    for session in rows(committed, "sessions"):
        assert main(["report", str(session["id"]), "--db", str(copy)]) == 0
        assert f"№{session['id']}" in capsys.readouterr().out
