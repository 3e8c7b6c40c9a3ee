"""Faults injected on purpose: nothing recorded is lost, nothing is silently started over.

Processes are killed with SIGKILL at chosen moments (a fixed seed picks them),
the disk really fills (a size-limited tmpfs when the tests run as root), the
database is damaged three ways, and a second instance is started.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from sobes.core.audio_file import load_audio
from sobes.interview import recovery
from sobes.interview.history import History, HistoryError
from sobes.interview.session import Step

ROOT = Path(__file__).resolve().parents[1]


def python(script: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def wait_for_line(process: subprocess.Popen, expected: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if expected in line:
            return
        if not line and process.poll() is not None:
            raise AssertionError(f"process ended first: {process.stderr.read()}")
    raise AssertionError(f"no '{expected}' within {timeout} s")


def kill(process: subprocess.Popen) -> None:
    """SIGKILL: no handler, no flush, no clean-up — as a crash or a pulled plug."""
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    process.stderr.close()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


# --- SIGKILL --------------------------------------------------------------------------------------
ANALYSE_AND_DIE = """
import shutil, sys
from pathlib import Path
from sobes.analysis.engine import Analyzer
from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms
from sobes.interview.history import History
from sobes.interview.session import Step
data, source = Path(sys.argv[1]), sys.argv[2]
history = History(data / "history.db")
session = history.start_session("full", "client_manager")
(data / "recordings").mkdir(exist_ok=True)
audio = data / "recordings" / f"session{session}-01-BEH-03.wav"
shutil.copy(source, audio)
answer = history.add_recorded(session, Step("BEH-03", "Расскажите о достижении", "star", 0, 0), audio, 38.9)
analyzer = Analyzer(None, Judge(Norms()))
analyzer.prepare()
print("analysing", flush=True)
for _ in range(100):
    analyzer.analyze_file(audio)
"""


def test_sigkill_during_analysis_keeps_the_answer_for_re_analysis(tmp_path, analyzer):
    source = ROOT / "assets" / "demo" / "answer.wav"
    process = python(ANALYSE_AND_DIE, str(tmp_path), str(source))
    wait_for_line(process, "analysing")
    time.sleep(1.0)  # inside the transcription
    kill(process)
    history = History(tmp_path / "history.db")
    assert integrity(history.path) == "ok"
    assert len(history.recover_after_crash()[0]) == 1
    pending = history.pending_takes()
    assert len(pending) == 1 and pending[0].path.read_bytes() == source.read_bytes()
    history.close()
    from sobes.cli.main import main

    assert main(["history", "--db", str(tmp_path / "history.db"), "--analyze-pending"]) == 0  # finish the job
    history = History(tmp_path / "history.db")
    answer = history.take(pending[0].id)
    assert answer.state == "analyzed" and answer.report.transcript.words
    assert not history.pending_takes()
    history.close()


WRITE_FOREVER = """
import json, sys
from pathlib import Path
from sobes.analysis.report import Report
from sobes.interview.history import History
from sobes.interview.session import Step
history = History(sys.argv[1])
report = Report.from_dict(json.loads(open(sys.argv[2], encoding="utf-8").read()))
print("writing", flush=True)
while True:
    session = history.start_session("full", "client_manager")
    for i in range(5):
        answer = history.add_recorded(session, Step(f"Q-{i}", "вопрос", "star", 0, 0), Path(f"/tmp/{session}-{i}.wav"),
                                      10.0)
        history.add_report(answer, report)
    history.end_session(session, "finished", {"answers": 5})
"""


def test_sigkill_during_database_writes_never_damages_it(tmp_path, report_for):
    report_path = tmp_path / "report.json"
    report_path.write_text(report_for("star.wav").to_json(), encoding="utf-8")
    db = tmp_path / "history.db"
    moments = random.Random(20261123).sample([i / 10 for i in range(2, 15)], 5)
    for moment in moments:
        process = python(WRITE_FOREVER, str(db), str(report_path))
        wait_for_line(process, "writing")
        time.sleep(moment)
        kill(process)
        assert integrity(db) == "ok", f"killed after {moment} s"
        history = History(db)  # opens, passes quick_check
        broken = history.db.execute("select count(*) from answers where status = 'analyzed' "
                                    "and not json_valid(report_json)").fetchone()[0]
        assert broken == 0  # every stored report is whole
        history.close()
    assert History(db).db["answers"].count > 10


# --- the disk fills up --------------------------------------------------------------------------------
def test_a_really_full_disk_stops_the_take_and_keeps_it_playable(tiny_filesystem, fixtures_dir):
    from sobes.audio.fake_backend import FakeBackend
    from sobes.audio.recorder import Recorder

    backend = FakeBackend(fixtures_dir / "star.wav", realtime=True, speed=20)
    recorder = Recorder(tiny_filesystem / "answer.wav", backend=backend)
    recorder.start()
    assert recorder.done.wait(30) and recorder.failed
    result = recorder.stop()
    assert "На диске нет места" in result.error and "Освободите место" in result.error
    audio = load_audio(result.path)
    assert 1.0 < audio.duration_s == pytest.approx(result.seconds, abs=0.05)  # ~2.6 s of 48 kHz fit in 256 kB


# --- a damaged database ------------------------------------------------------------------------------
def make_history_with_recordings(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "history.db"
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    history = History(db)
    for question in ("HR-01", "BEH-03"):
        session = history.start_session("full", "client_manager")
        path = recordings / f"session{session}-01-{question}.wav"
        shutil.copy(ROOT / "tests" / "fixtures" / "intro.wav", path)
        history.add_recorded(session, Step(question, "вопрос", "star", 0, 0), path, 12.6)
    history.close()
    return db, recordings


def truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def random_bytes(db: Path) -> None:
    db.write_bytes(np.random.default_rng(7).integers(0, 256, db.stat().st_size, dtype=np.uint8).tobytes())


def from_the_future(db: Path) -> None:
    connection = sqlite3.connect(db)
    connection.execute("update meta set value = '99' where key = 'schema_version'")
    connection.commit()
    connection.close()


def scribble_on_a_data_page(db: Path) -> None:
    """The answers' page overwritten, the schema still readable: only a check at open (quick_check) finds it."""
    connection = sqlite3.connect(db)
    page = connection.execute("select rootpage from sqlite_master where name = 'answers'").fetchone()[0]
    size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    data = bytearray(db.read_bytes())
    data[(page - 1) * size + 8:page * size - 8] = b"\xff" * (size - 16)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [truncate, random_bytes, from_the_future, scribble_on_a_data_page])
def test_damaged_database_is_kept_aside_and_recordings_come_back(tmp_path, damage):
    db, recordings = make_history_with_recordings(tmp_path)
    for leftover in tmp_path.glob("history.db-*"):
        leftover.unlink()  # closed cleanly: no WAL to replay
    damage(db)
    damaged_bytes = db.read_bytes()
    with pytest.raises(HistoryError) as error:
        History(db)
    assert error.value.damaged and "\n" not in str(error.value)
    history, aside, relinked = recovery.start_fresh(db, recordings)
    assert aside.read_bytes() == damaged_bytes  # kept as it was, beside the new one
    assert relinked == 2 and integrity(db) == "ok"
    pending = history.pending_takes()
    assert {take.step.question_id for take in pending} == {"HR-01", "BEH-03"}
    assert "достижении" in next(take.step.text for take in pending if take.step.question_id == "BEH-03")
    assert all(take.path.is_file() and take.state == "recorded" for take in pending)
    assert recovery.relink_recordings(history, recordings) == 0  # nothing twice
    history.close()


def test_damaged_database_through_the_command_line(tmp_path, capsys):
    from sobes.cli.main import main

    db, _ = make_history_with_recordings(tmp_path)
    History(db).close()
    for leftover in tmp_path.glob("history.db-*"):
        leftover.unlink()
    random_bytes(db)
    assert main(["history", "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip()
    assert "повреждена" in err and "--start-fresh" in err and "\n" not in err
    assert main(["history", "--db", str(db), "--start-fresh"]) == 0
    assert "возвращено: 2" in capsys.readouterr().out
    assert main(["history", "--db", str(db)]) == 0 and "записи из повреждённой истории" in capsys.readouterr().out


def test_damaged_database_in_the_window_asks_before_starting_over(tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from sobes.desktop import startup_checks

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path))
    db, _ = make_history_with_recordings(tmp_path)
    truncate(db)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    assert startup_checks.open_history() is None and db.is_file()  # "no": nothing touched, the app quits
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    history = startup_checks.open_history()
    assert len(history.pending_takes()) == 2
    assert "возвращено записей ответов: 2" in told[-1] and list(tmp_path.glob("history.db.damaged-*"))
    history.close()


# --- two instances ------------------------------------------------------------------------------------
HOLD_LOCK = """
import sys, time
from pathlib import Path
from sobes.interview.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1])).acquire()
print("holding", flush=True)
time.sleep(600)
"""


def test_a_second_instance_is_refused_and_a_killed_one_leaves_no_stale_lock(tmp_path):
    from sobes.interview.instance_lock import AlreadyRunning, InstanceLock

    holder = python(HOLD_LOCK, str(tmp_path))
    wait_for_line(holder, "holding")
    with pytest.raises(AlreadyRunning, match="уже открыт"):
        InstanceLock(tmp_path).acquire()
    second_window = subprocess.run([sys.executable, "-m", "sobes.cli.main", "desktop", "--self-test"], cwd=ROOT,
                                   capture_output=True, text=True, timeout=60,
                                   env={**os.environ, "SOBES_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"})
    assert second_window.returncode == 1 and "already" not in second_window.stderr and second_window.stderr.strip()
    kill(holder)
    InstanceLock(tmp_path).acquire().release()  # the OS dropped the dead process's lock


CONCURRENT_WRITER = """
import sys
from pathlib import Path
from sobes.interview.history import History
from sobes.interview.session import Step
history = History(sys.argv[1])
session = history.start_session("full", sys.argv[2])
for i in range(150):
    history.add_recorded(session, Step(f"Q-{i}", sys.argv[2], "star", 0, 0), Path("/tmp/x.wav"), 1.0)
print("done", flush=True)
"""


def test_two_processes_writing_one_history_do_not_corrupt_it(tmp_path):
    db = tmp_path / "history.db"
    History(db).close()
    writers = [python(CONCURRENT_WRITER, str(db), name) for name in ("first", "second")]
    for writer in writers:
        out, err = writer.communicate(timeout=120)  # also closes the pipes
        assert writer.returncode == 0 and "done" in out, err
    assert integrity(db) == "ok"
    history = History(db)
    assert history.db["answers"].count == 300
    history.close()


def test_deleting_from_the_command_line_waits_for_the_window_to_close(tmp_path, monkeypatch, capsys):
    from sobes.cli.main import main

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path))
    history = History()
    session = history.start_session("full", "client_manager")
    history.close()
    holder = python(HOLD_LOCK, str(tmp_path))  # the window, as far as the lock is concerned
    wait_for_line(holder, "holding")
    assert main(["history", "--delete", str(session)]) == 2
    assert "сначала закройте окно" in capsys.readouterr().err
    kill(holder)
    assert main(["history", "--delete", str(session)]) == 0
