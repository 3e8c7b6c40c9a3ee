"""Each fault the user's surroundings cause ends in one Russian line that says what to do (issue 30).

Exit code 2 on the command line, no traceback, nothing recorded lost. Disks really fill up or are really
read-only (a tmpfs when the tests run as root); a lock is really held by another connection.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sobes.cli import history_cmds
from sobes.cli.main import main
from sobes.interview.disk_faults import folder_fault
from sobes.interview.history import History, HistoryError
from sobes.interview.instance_lock import InstanceLock

ROOT = Path(__file__).resolve().parents[1]


def one_russian_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("sobes"), err
    return lines[0]


def a_session(db: Path) -> int:
    history = History(db)
    session = history.start_session("full", "client_manager")
    history.close()
    return session


def test_deleting_while_another_program_writes_says_close_it(tmp_path, monkeypatch, capsys):
    """SQLite's "database is locked" after the wait came out as a traceback."""
    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path))
    session = a_session(tmp_path / "history.db")
    monkeypatch.setattr(history_cmds, "History", functools.partial(History, busy_timeout_s=0.2))
    other = sqlite3.connect(tmp_path / "history.db", isolation_level=None)
    other.execute("begin immediate")
    other.execute("insert into meta values ('another', 'program')")
    try:
        assert main(["history", "--delete", str(session)]) == 2
    finally:
        other.execute("rollback")
        other.close()
    line = one_russian_line(capsys.readouterr().err)
    assert "другая программа" in line and "закройте" in line and "повторите" in line
    assert History(tmp_path / "history.db").session(session)  # nothing deleted


@pytest.mark.parametrize("number", ["99999999999999999999999", "9223372036854775808", "0", "-1"])
def test_a_session_number_sqlite_cannot_hold_is_no_such_session(tmp_path, capsys, number):
    """A number past 2⁶³ overflowed on its way to SQLite: OverflowError."""
    db = tmp_path / "history.db"
    a_session(db)
    for argv in (["report", "--db", str(db), "--", number], ["history", "--db", str(db), f"--delete={number}"]):
        with pytest.raises(SystemExit) as ended:  # refused with the arguments, before the history is opened
            main(argv)
        assert ended.value.code == 2
        line = one_russian_line(capsys.readouterr().err)
        assert f"занятия №{number} нет" in line and "sobes history" in line


def test_an_interview_on_a_read_only_data_folder_says_so(read_only_folder, monkeypatch, capsys):
    """The instance lock's file could not be made: OSError EROFS, a traceback."""
    monkeypatch.setenv("SOBES_DATA_DIR", str(read_only_folder))
    with pytest.raises(OSError, match="только для чтения"):  # still an OSError for the window's startup check
        InstanceLock().acquire()
    assert main(["interview", "--seconds", "5"]) == 2
    line = one_russian_line(capsys.readouterr().err)
    assert "только для чтения" in line and "SOBES_DATA_DIR" in line


def test_a_full_disk_holding_the_history_says_to_free_space(full_filesystem, capsys):
    """SQLite reports an I/O error when its shared-memory file cannot grow; it was told as an unreadable disk."""
    with pytest.raises(HistoryError, match="нет места.*освободите место") as error:
        History(full_filesystem / "history.db")
    assert not error.value.damaged
    assert main(["history", "--db", str(full_filesystem / "history.db")]) == 2
    line = one_russian_line(capsys.readouterr().err)
    assert "нет места" in line and "не читается" not in line


@pytest.mark.parametrize("error_number, advice", [
    (errno.ENOSPC, "освободите место"),
    (errno.EIO, "проверьте его"),
    (errno.EACCES, "проверьте права"),
])
def test_each_cause_gets_its_own_advice(tmp_path, error_number, advice):
    told = folder_fault(tmp_path, error_number)
    assert advice in told
    others = {"освободите место", "проверьте его", "проверьте права", "только для чтения"} - {advice}
    assert not any(other in told for other in others)


def test_a_read_only_disk_is_not_told_to_check_rights(read_only_folder):
    told = folder_fault(read_only_folder, errno.EROFS)
    assert "только для чтения" in told and "права" not in told
    assert "только для чтения" in folder_fault(read_only_folder, None)  # SQLite gave no errno


# --- sobes record: an existing file, a full disk; the English log kept for -v ----------------------------
RECORD_WITH_A_FAKE_MICROPHONE = """
import sys
from pathlib import Path
import sobes.audio.recorder as recorder
from sobes.audio.fake_backend import FakeBackend
recorder.get_backend = lambda: FakeBackend(Path(sys.argv[1]), realtime=True, speed=20)
from sobes.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def record(fixtures_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RECORD_WITH_A_FAKE_MICROPHONE, str(fixtures_dir / "star.wav"),
                           *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_recording_onto_a_full_disk_says_so_and_leaves_no_empty_file(full_filesystem, fixtures_dir):
    """It printed «Сохранено: … — 0,0 с», English log lines, and left a 0-byte file behind."""
    out = full_filesystem / "answer.wav"
    done = record(fixtures_dir, "record", str(out), "--seconds", "1")
    assert done.returncode == 2 and "Сохранено" not in done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("sobes: ошибка: на диске нет места") and "освободите место" in last.lower()
    assert "WARNING" not in done.stderr and "ERROR" not in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    verbose = record(fixtures_dir, "-v", "record", str(out), "--seconds", "1")  # the log is there for -v
    assert verbose.returncode == 2 and "ERROR sobes.audio.recorder" in verbose.stderr


def test_recording_to_an_existing_file_refuses_and_leaves_it_alone(tmp_path, fixtures_dir, capsys):
    """The recorder never writes over a file: FileExistsError came out as a traceback."""
    out = tmp_path / "answer.wav"
    out.write_bytes(b"the user's own file")
    assert main(["record", str(out), "--seconds", "1"]) == 2
    line = one_russian_line(capsys.readouterr().err)
    assert "уже есть" in line and "другое имя" in line
    assert out.read_bytes() == b"the user's own file"


def test_another_programs_database_or_a_folder_where_the_history_goes_is_left_alone_and_said(tmp_path, capsys):
    """A foreign SQLite file was given Sobes's tables and a backup, and the user was told to check rights; a folder
    named like the history was told the same."""
    foreign = tmp_path / "history.db"
    connection = sqlite3.connect(foreign)
    connection.execute("create table contacts (name text)")
    connection.commit()
    connection.close()
    before = foreign.read_bytes(), foreign.stat().st_mode
    assert main(["history", "--db", str(foreign)]) == 2
    assert "не история занятий Собеса" in one_russian_line(capsys.readouterr().err)
    assert (foreign.read_bytes(), foreign.stat().st_mode) == before and sorted(tmp_path.iterdir()) == [foreign]
    folder = tmp_path / "folder" / "history.db"
    folder.mkdir(parents=True)
    assert main(["history", "--db", str(folder)]) == 2
    assert "папка, а не файл" in one_russian_line(capsys.readouterr().err)
