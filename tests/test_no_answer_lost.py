"""No answer is ever lost: a take is stored when it starts, and every fault only changes its state.

Each fault is injected for real: SIGKILL of the window's process during a take recorded through the real
PortAudio path (PulseAudio null sink), the window closed mid-answer, a retry, a filesystem that fills up,
a read-only folder, a database locked by another process, a history file emptied to 0 bytes. Afterwards,
every second of audio that reached the disk is in the history: the durations the history lists are the
durations of the files on disk.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from sobes.audio.fake_backend import FakeBackend
from sobes.audio.wav_file import write_wav
from sobes.core.audio_file import load_audio
from sobes.interview import events
from sobes.interview.history import History, HistoryError
from sobes.interview.question_bank import load_bank
from sobes.interview.recovery import start_fresh
from tests.test_runner import Clock, drive

ROOT = Path(__file__).resolve().parents[1]


def on_disk_seconds(path: str | Path) -> float:
    """What the file really holds (its header repaired first, as the recovery does)."""
    from sobes.audio.wav_file import recover_wav

    return recover_wav(path)


def assert_history_holds_the_disk(history: History, session_id: int) -> float:
    """Every take listed, with the length its file really has; returns the seconds kept."""
    rows = [row for row in history.answers(session_id)
            if not (row["status"] == "failed" and Path(row["audio_path"]).stat().st_size < 44)]  # no audio at all
    assert rows, "no take in the history"
    for row in rows:
        assert Path(row["audio_path"]).is_file()
        assert row["duration_s"] == pytest.approx(on_disk_seconds(row["audio_path"]), abs=0.02)
    return sum(row["duration_s"] for row in rows)


# --- SIGKILL of the window mid-answer, real audio ---------------------------------------------------
WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from sobes.interview.settings import Settings
Settings(follow_ups=False, voice="text").save()
from sobes.desktop.app import build_window
from sobes.desktop.startup_checks import take_instance_lock
lock = take_instance_lock(ask=False)
window = build_window(speak=False)
window.show()
def until(condition):
    while not condition():
        app.processEvents()
        time.sleep(0.01)
until(lambda: window.analyzer.model_label is not None)
window.begin("client_manager", "retake", "", "BEH-03")
until(lambda: window.host.runner.state == "think")
window.host.runner.start_answer_now()
until(lambda: window.host.recorder is not None and window.host.recorder.level().seconds > 0.2)
print("recording", flush=True)
until(lambda: False)
"""


@pytest.mark.model  # the window in a subprocess, then --analyze-pending here
def test_a_window_killed_mid_answer_keeps_the_take(tmp_path, fixtures_dir, pulse):
    environment = {**os.environ, "SOBES_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen([sys.executable, "-c", WINDOW], stdout=subprocess.PIPE, text=True, env=environment,
                              cwd=ROOT)
    try:
        assert window.stdout.readline().strip() == "recording"
        player = pulse.play(fixtures_dir / "star.wav")
        time.sleep(6.0)
        killed_at = 6.0
        window.send_signal(signal.SIGKILL)
        window.wait(timeout=30)
    finally:
        window.kill()
        window.wait()
        window.stdout.close()
    player.kill()
    player.wait()
    history = History(tmp_path / "data" / "history.db")
    (session,) = history.sessions()
    (row,) = history.answers(session["id"])
    assert row["status"] == "recording"  # stored when it started; the kill left it so
    interrupted, recovered = history.recover_after_crash()
    assert interrupted == [session["id"]] and recovered == 1
    kept = assert_history_holds_the_disk(history, session["id"])
    assert killed_at - 1.0 <= kept <= killed_at + 0.5  # within a second of the kill
    (row,) = history.answers(session["id"])
    assert row["status"] == "recorded"  # waiting for analysis: the History screen or --analyze-pending
    from sobes.cli.main import main

    history.close()
    assert main(["history", "--db", str(tmp_path / "data" / "history.db"), "--analyze-pending"]) == 0
    history = History(tmp_path / "data" / "history.db")
    report = history.report(history.answers(session["id"])[0]["id"])
    assert report.transcript.words  # what was said before the kill is analysed
    history.close()
    print(f"\nSIGKILL of the window after {killed_at:.1f} s of answer: {kept:.2f} s kept")


# --- the window closed mid-answer; a retry ---------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path, fixtures_dir, analyzer, monkeypatch):
    from tests.desktop.test_app import open_window

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    win = open_window(qtbot, tmp_path, FakeBackend(fixtures_dir / "star.wav", realtime=True, speed=4))
    yield win
    win.history.close()


def answering(window, qtbot, seconds: float) -> None:
    from tests.desktop.test_app import start_retake

    start_retake(window)
    qtbot.waitUntil(lambda: window.host.runner.state == "think", timeout=10_000)
    window.interview.buttons["start_answer_now"].click()
    qtbot.waitUntil(lambda: window.host.recorder is not None and window.host.recorder.level().seconds > seconds,
                    timeout=20_000)


@pytest.mark.parametrize("keep", [True, False])
def test_closing_the_window_mid_answer_asks_and_keeps_the_answer(window, qtbot, monkeypatch, keep):
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def question(*args, **_):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes if keep else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    answering(window, qtbot, 4.0)
    path = window.host.recorder.take.path
    session_id = window.host.runner.session_id
    window.close()
    assert asked and "Сохранить" in asked[0]
    history = window.history
    assert history.session(session_id)["status"] == "interrupted"
    if keep:
        kept = assert_history_holds_the_disk(history, session_id)
        assert kept >= 4.0 and history.answers(session_id)[0]["status"] == "recorded"
        print(f"\nwindow closed after 4 s of answer: {kept:.2f} s kept")
    else:
        assert history.answers(session_id) == [] and not path.exists()


def test_a_retried_answer_stays_as_an_earlier_attempt(window, qtbot):
    answering(window, qtbot, 2.0)
    first = window.host.recorder.take
    window.interview.buttons["retry"].click()
    qtbot.waitUntil(lambda: window.host.runner.state == "think", timeout=20_000)
    window.interview.buttons["start_answer_now"].click()
    qtbot.waitUntil(lambda: window.host.recorder is not None and window.host.recorder.take is not first,
                    timeout=20_000)
    second = window.host.recorder.take
    assert second.path != first.path and first.path.stat().st_size > 44  # a new file; the first untouched
    qtbot.waitUntil(lambda: window.host.recorder.level().seconds > 2.0, timeout=20_000)
    window.interview.buttons["stop_answer"].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=60_000)
    window.review.next_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10_000)
    rows = window.history.answers(window.host.runner.session_id)
    assert [r["replaced_by"] for r in rows] == [second.id, None]
    kept = assert_history_holds_the_disk(window.history, window.host.runner.session_id)
    assert kept >= 4.0
    summary = window.history.session(window.host.runner.session_id)["summary_json"]
    assert summary.count('"question_id": "BEH-03"') == 1  # the question once in the summary


# --- the disk fills up mid-take ------------------------------------------------------------------
def test_a_full_disk_mid_take_keeps_what_reached_it_and_the_session_goes_on(tmp_path, tiny_filesystem, analyzer,
                                                                           fixtures_dir):
    from sobes.interview.runner import SessionRunner

    history = History(tmp_path / "history.db")
    seen: list = []
    clock = Clock()
    backend = FakeBackend([fixtures_dir / "star.wav", fixtures_dir / "pauses.wav"], realtime=True, speed=20)
    runner = SessionRunner(analyzer=analyzer, history=history, recordings=tiny_filesystem, on_event=seen.append,
                           backend=backend, speak=False, hold_for_review=False, clock=clock)
    bank = load_bank()
    runner.begin([bank.by_id("BEH-03"), bank.by_id("HR-03")], mode="stage", role="client_manager",
                 follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.state == "summary", timeout=120)
    problems = [e.message for e in seen if isinstance(e, events.Problem)]
    assert any("На диске нет места" in m for m in problems)
    rows = history.answers(runner.session_id)
    assert rows[0]["status"] == "analyzed" and 1.0 < rows[0]["duration_s"] < 25  # cut short, kept, analysed
    kept = assert_history_holds_the_disk(history, runner.session_id)
    assert history.session(runner.session_id)["status"] == "completed"  # the session went on to its end
    print(f"\ndisk full mid-take: {kept:.2f} s kept in {len(rows)} takes")
    runner.close()
    history.close()


def test_a_full_disk_under_the_history_too_ends_the_session_with_one_line_instead_of_wedging(
        tiny_filesystem, fixtures_dir):
    """The normal layout: the history beside the recordings on a disk that fills up mid-answer. Writing the
    take's row raised inside the runner's tick: the window stayed on «Распознаём ответ… 100 %» for good and
    «Завершить» did nothing. Now the session ends with one line that says to free space, and the answer is found
    again at the next start once there is room."""
    from sobes.analysis.engine import Analyzer
    from sobes.interview.runner import SessionRunner
    from tests.fakes import FakeWhisper
    from tests.judges import DEFAULT

    history = History(tiny_filesystem / "history.db")
    seen: list = []
    clock = Clock()
    backend = FakeBackend([fixtures_dir / "star.wav"], realtime=True, speed=20)
    runner = SessionRunner(analyzer=Analyzer.with_model(FakeWhisper(), "scripted", DEFAULT), history=history,
                           recordings=tiny_filesystem / "recordings", on_event=seen.append, backend=backend,
                           speak=False, hold_for_review=False, clock=clock)
    runner.begin([load_bank().by_id("BEH-03")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.state in ("aborted", "summary") and not runner.busy, timeout=60)
    problems = [e.message for e in seen if isinstance(e, events.Problem)]
    assert runner.state == "aborted" and any("нет места" in m and "при следующем запуске" in m for m in problems)
    runner.close()
    history.close()
    recording = next((tiny_filesystem / "recordings").glob("*.wav"))
    # the candidate frees space (here: the disk grows); what was recorded comes back at the next start
    subprocess.run(["mount", "-o", "remount,size=4m", str(tiny_filesystem)], check=True)
    again = History(tiny_filesystem / "history.db")
    assert again.recover_after_crash()[1] == 1
    assert load_audio(recording).duration_s > 0.5  # what reached the disk before it was full
    again.close()


def test_recording_onto_a_full_disk_from_the_command_line_is_one_line(full_filesystem, capsys, monkeypatch,
                                                                       fixtures_dir):
    from sobes.cli.main import main

    monkeypatch.setattr("sobes.audio.recorder.get_backend",
                        lambda: FakeBackend(fixtures_dir / "star.wav", realtime=True, speed=20))
    assert main(["record", str(full_filesystem / "answer.wav"), "--seconds", "2"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "нет места" in err.lower() and "Traceback" not in err


# --- the history cannot be written: told as what it is, never as damage -----------------------------
def test_a_read_only_data_folder_is_not_damage_and_start_fresh_refuses(tmp_path, capsys):
    from sobes.cli.main import main

    folder = tmp_path / "data"
    folder.mkdir()
    History(folder / "history.db").close()
    before = (folder / "history.db").read_bytes()
    mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount read-only here (needs root)")
    try:
        with pytest.raises(HistoryError) as error:
            History(folder / "history.db")
        assert not error.value.damaged and "только для чтения" in str(error.value)
        assert main(["history", "--db", str(folder / "history.db"), "--start-fresh"]) == 2
        assert "поврежд" not in capsys.readouterr().err
    finally:
        subprocess.run(["umount", str(folder)], check=False)
    assert (folder / "history.db").read_bytes() == before and not list(folder.glob("*.damaged-*"))


HOLD_DATABASE = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode=EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
connection.execute("select count(*) from sessions").fetchone()
print("holding", flush=True)
time.sleep(600)
"""


def test_a_history_locked_by_another_program_is_not_damage(tmp_path):
    db = tmp_path / "history.db"
    History(db).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_DATABASE, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(HistoryError) as error:
            History(db, busy_timeout_s=0.5)
        assert not error.value.damaged and "другая программа" in str(error.value)
        with pytest.raises(HistoryError) as error:
            start_fresh(db, tmp_path / "recordings")  # never set aside for a lock
        assert not error.value.damaged
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert History(db).sessions() == [] and not list(tmp_path.glob("*.damaged-*"))


# --- a history emptied to 0 bytes beside recordings ------------------------------------------------
def test_an_emptied_history_beside_recordings_is_damage_and_start_fresh_relinks_them(tmp_path, monkeypatch):
    from sobes.interview.session import Step

    folder = tmp_path / "data"
    monkeypatch.setenv("SOBES_DATA_DIR", str(folder))
    history = History()
    session_id = history.start_session("full", "client_manager")
    takes = [history.start_take(session_id, Step("HR-01", "Вопрос", "star", 5, 60), folder / "recordings")
             for _ in range(2)]
    for take in takes:
        write_wav(take.path, np.zeros(16_000 * 3, np.float32), 16_000)
    old_style = folder / "recordings" / "session1-01-HR-03.wav"  # a recording named before takes existed
    write_wav(old_style, np.zeros(16_000 * 2, np.float32), 16_000)
    history.close()
    (folder / "history.db").write_bytes(b"")  # emptied (a full disk at the wrong moment, a sync tool)
    for suffix in ("-wal", "-shm"):
        Path(f"{folder / 'history.db'}{suffix}").unlink(missing_ok=True)
    with pytest.raises(HistoryError) as error:
        History()
    assert error.value.damaged  # never silently reused: session 1 would start again
    fresh, aside, relinked = start_fresh(folder / "history.db", folder / "recordings")
    assert relinked == 3 and aside.exists()
    (session,) = fresh.sessions()
    rows = fresh.answers(session["id"])
    assert sorted(r["question_id"] for r in rows) == ["HR-01", "HR-01", "HR-03"]
    assert sum(r["duration_s"] for r in rows) == pytest.approx(8.0, abs=0.01)  # every second back
    new = fresh.start_session("full", "client_manager")
    take = fresh.start_take(new, Step("HR-01", "Вопрос", "star", 5, 60), folder / "recordings")
    assert take.path not in {t.path for t in takes} and not take.path.exists()  # nothing is overwritten
    fresh.close()


def test_the_recorder_never_writes_over_an_existing_file(tmp_path):
    from sobes.audio.wav_file import StreamingWavWriter

    existing = tmp_path / "answer.wav"
    write_wav(existing, np.ones(1600, np.float32) * 0.1, 16_000)
    before = existing.read_bytes()
    with pytest.raises(FileExistsError):
        StreamingWavWriter(existing, 16_000)
    assert existing.read_bytes() == before


def test_recovery_with_a_broken_own_question_bank_still_relinks(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    (folder / "questions").mkdir(parents=True)
    (folder / "questions" / "mine.yaml").write_text("questions:\n- id: MY-01\n  1: [broken\n", encoding="utf-8")
    monkeypatch.setenv("SOBES_DATA_DIR", str(folder))
    recordings = folder / "recordings"
    recordings.mkdir()
    write_wav(recordings / "session4-MY-01-20261127-101010-0a1b2c3d.wav", np.zeros(8_000, np.float32), 16_000)
    (folder / "history.db").write_bytes(b"not a database" * 100)
    history, _, relinked = start_fresh(folder / "history.db", recordings)
    assert relinked == 1 and history.pending_takes()[0].step.question_id == "MY-01"
    history.close()


def test_listed_audio_matches_the_file_after_recovery(tmp_path):
    """The crash-recovery arithmetic itself: a header left short by a kill is repaired to the data's length."""
    from sobes.audio.wav_file import StreamingWavWriter

    writer = StreamingWavWriter(tmp_path / "cut.wav", 16_000)
    writer.append(np.zeros(16_000 * 2, np.int16))
    writer.flush()
    writer.append(np.zeros(8_000, np.int16))  # written after the last header update, as a kill leaves it
    writer._file.flush()
    shutil.copy(tmp_path / "cut.wav", tmp_path / "left.wav")
    writer.close()
    assert load_audio(tmp_path / "left.wav").duration_s == pytest.approx(2.0)
    assert on_disk_seconds(tmp_path / "left.wav") == pytest.approx(2.5)
