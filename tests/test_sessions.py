"""Sessions on a fake clock with the fake microphone and the real model; history in a real SQLite file."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import time

import pytest

from sobes.analysis.report import Report
from sobes.audio.fake_backend import FakeBackend
from sobes.audio.recorder import Recorder
from sobes.audio.wav_file import recover_wav
from sobes.cli.main import main
from sobes.interview import plans
from sobes.interview.export import session_csv, session_html, session_json
from sobes.interview.history import MIGRATIONS, SCHEMA_VERSION, History, HistoryError
from sobes.interview.question_bank import load_bank
from sobes.interview.session import Analyze, PlayCue, Session, ShowSummary, Speak, StartRecording, StopRecording


class Host:
    """Plays the desktop app's part: performs effects at once and reports back, on a fake clock."""

    def __init__(self, analyzer, answers: list):
        self.analyzer = analyzer
        self.answers = list(answers)  # fixture paths, one per recording
        self.effects: list = []
        self.now = 0.0
        self.session: Session | None = None
        self.recorder: Recorder | None = None
        self.summary = None

    def __call__(self, effect):
        self.effects.append(effect)
        if isinstance(effect, Speak):
            self.spoken_pending = True
        elif isinstance(effect, StartRecording):
            backend = FakeBackend(self.answers.pop(0))
            self.recorder = Recorder(effect.path, backend=backend, ring_seconds=60)
            self.recorder.start()
            backend.streams[-1].fed.wait(30)
        elif isinstance(effect, StopRecording):
            result = self.recorder.stop()
            self.pending_recording = result
        elif isinstance(effect, Analyze):
            self.pending_analysis = effect
        elif isinstance(effect, ShowSummary):
            self.summary = effect.summary

    def run(self, session: Session, *, answer_for: float = 5.0, max_steps: int = 200):
        """Drive the session to its end: speak, think, answer for a while, stop, analyse."""
        self.session = session
        session.start(self.now)
        for _ in range(max_steps):
            if session.state in ("summary", "aborted"):
                return
            if session.state == "question":
                self.now += 2.0
                session.prompt_finished(self.now)
            elif session.state == "think":
                self.now += session.current.think_s
                session.tick(self.now)
            elif session.state == "answer":
                self.now += answer_for
                session.stop_answer(self.now)
            if session.state == "saving":
                result = self.pending_recording
                session.answer_recorded(result.path, result.seconds, self.now)
            if session.state == "analysis":
                effect = self.pending_analysis
                report = self.analyzer.analyze_file(effect.path, question=effect.question)
                session.analysis_done(effect.answer_id, report, self.now)
        raise AssertionError(f"session did not finish: {session.state}")


@pytest.fixture
def history(tmp_path):
    store = History(tmp_path / "history.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_scripted_session_is_stored_with_reports_and_a_follow_up(analyzer, fixtures_dir, history, bank, tmp_path):
    plan = [bank.by_id("SELF-01"), bank.by_id("BEH-03")]
    answers = [fixtures_dir / "intro.wav", fixtures_dir / "pauses.wav", fixtures_dir / "star.wav",
               fixtures_dir / "pauses.wav"]
    host = Host(analyzer, answers)
    session = Session(plan, history, tmp_path / "rec", host, mode="full", role="client_manager")
    host.run(session)

    spoken = [e.text for e in host.effects if isinstance(e, Speak)]
    # the 12 s self-presentation of a 90 s budget gets "tell me more"; the STAR answer's numbers are questioned
    assert spoken == [plan[0].text, spoken[1], plan[1].text, spoken[3]]
    assert spoken[1].startswith("Расскажите подробнее") and spoken[3].startswith("Как вы рассчитали")
    assert [e.name for e in host.effects if isinstance(e, PlayCue)] == ["start"] * 4

    stored = history.session(session.session_id)
    assert stored["status"] == "completed"
    rows = history.answers(session.session_id)
    assert [r["question_id"] for r in rows] == ["SELF-01", "SELF-01-F", "BEH-03", "BEH-03-F"]
    assert all(r["status"] == "analyzed" and r["words_per_min"] for r in rows)
    report = history.report(rows[2]["id"])
    assert isinstance(report, Report) and report.content.star.complete
    summary = json.loads(stored["summary_json"])
    assert summary == host.summary and len(summary["answers"]) == 4 and len(summary["work_on"]) <= 3


def test_answer_limit_stops_the_recording_with_a_tone(analyzer, fixtures_dir, history, bank, tmp_path):
    host = Host(analyzer, [fixtures_dir / "pauses.wav"])
    question = bank.by_id("PHN-02")  # 60 s limit
    session = Session([question], history, tmp_path / "rec", host, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(1.0)
    session.tick(1.0 + question.think_s)
    assert session.state == "answer"
    session.tick(1.0 + question.think_s + question.answer_s - 0.1)
    assert session.state == "answer"
    session.tick(1.0 + question.think_s + question.answer_s)
    assert session.state == "saving" and host.effects[-2] == PlayCue("end_of_time")
    assert isinstance(host.effects[-1], StopRecording)


def test_pause_freezes_the_timer_and_skip_keeps_the_recording(analyzer, fixtures_dir, history, bank, tmp_path):
    host = Host(analyzer, [fixtures_dir / "pauses.wav"])
    first, second = bank.by_id("HR-01"), bank.by_id("HR-03")
    session = Session([first, second], history, tmp_path / "rec", host, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(0.0)
    session.pause(5.0)
    session.tick(1000.0)
    assert session.state == "paused"
    session.resume(1000.0)
    session.tick(1000.0 + first.think_s - 5.0)  # 15 s left when paused
    assert session.state == "answer"
    session.skip(1010.0)
    session.answer_recorded(host.pending_recording.path, host.pending_recording.seconds, 1010.0)
    assert session.state == "question" and session.current.question_id == "HR-03"
    (row,) = history.answers(session.session_id)
    assert row["status"] == "recorded" and row["question_id"] == "HR-01"  # kept, to analyse later


def test_phone_screening_rings_and_speaks_through_the_line(analyzer, fixtures_dir, history, bank, tmp_path):
    plan = plans.phone_screening(bank, "sales_support", seed=1)
    assert plan[0].id == "PHN-00" and len(plan) == 4
    host = Host(analyzer, [fixtures_dir / "intro.wav"])
    session = Session(plan[:1], history, tmp_path / "rec", host, mode="phone", phone=True, follow_ups=False)
    host.run(session)
    assert host.effects[0] == PlayCue("ring") and host.effects[1].phone is True
    assert session.reports[0][1].content.structure.kind == "phone_opening"


def test_plans_per_mode(bank):
    full = plans.full_interview(bank, "client_manager", seed=3)
    assert [q.stage for q in full][:2] == ["self_presentation", "hr"] and len(full) == 9
    assert plans.full_interview(bank, "client_manager", seed=3) == full  # seeded
    drill = plans.stage_drill(bank, "sales_support", "stress", n=4, seed=1)
    assert len(drill) == 4 and {q.stage for q in drill} == {"stress"}
    assert plans.self_presentation(bank)[0].answer_type == "self_presentation"
    assert plans.retake(bank, "HR-01")[0].id == "HR-01"


def test_a_session_killed_mid_answer_is_found_at_the_next_start(tmp_path, fixtures_dir):
    db = tmp_path / "history.db"
    history = History(db)
    session_id = history.start_session("full", "client_manager")
    recording = tmp_path / "answer.wav"
    backend = FakeBackend(fixtures_dir / "star.wav")
    recorder = Recorder(recording, backend=backend, ring_seconds=60)
    recorder.start()
    backend.streams[-1].fed.wait(30)
    expected = len(backend.samples_at(recorder.rate))
    deadline = time.monotonic() + 10
    while recorder._writer.frames < expected and time.monotonic() < deadline:
        time.sleep(0.01)  # the writer thread drains the ring every 50 ms
    # the process dies here: no stop(), no end_session(); what is on disk is what a SIGKILL leaves
    shutil.copy(recording, tmp_path / "left.wav")
    recorder.stop()
    history.close()

    restarted = History(db)
    assert restarted.mark_interrupted() == [session_id]
    assert restarted.session(session_id)["status"] == "interrupted"
    assert recover_wav(tmp_path / "left.wav") > 20  # the recording is there to analyse
    assert restarted.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restarted.close()


def test_migration_from_v1_backs_up_first(tmp_path):
    path = tmp_path / "history.db"
    import sqlite_utils

    old = sqlite_utils.Database(path)
    MIGRATIONS[0](old)
    old["meta"].insert({"key": "schema_version", "value": "1"})
    old["sessions"].insert({"id": 1, "started_at": "2026-01-01", "mode": "full", "role": "sales_support",
                            "status": "completed"})
    old["answers"].insert({"id": 1, "session_id": 1, "question_id": "HR-01", "status": "analyzed",
                           "words_per_min": 120.0})
    old.conn.close()

    history = History(path)
    assert history.version() == SCHEMA_VERSION
    assert (tmp_path / "history.db.v1.bak").exists()
    backup = sqlite3.connect(tmp_path / "history.db.v1.bak")
    assert backup.execute("select value from meta").fetchone()[0] == "1"
    backup.close()
    assert history.answers(1)[0]["words_per_min"] == 120.0 and "star_parts" in history.answers(1)[0]
    history.close()


def test_newer_or_damaged_database_is_refused_clearly(tmp_path):
    newer = tmp_path / "newer.db"
    History(newer).set_setting("x", 1)
    connection = sqlite3.connect(newer)
    connection.execute("update meta set value = '99' where key = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(HistoryError, match="более новая версия") as newer_error:
        History(newer)
    assert newer_error.value.damaged
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(HistoryError, match="повреждена") as garbage_error:
        History(garbage)
    assert garbage_error.value.damaged


def test_reads_while_writing(tmp_path):
    path = tmp_path / "history.db"
    writer = History(path)
    session_id = writer.start_session("stage", "sales_support")
    errors = []

    def write():
        for i in range(200):
            writer.add_answer(session_id, f"Q-{i:03d}", "вопрос", f"/tmp/{i}.wav", 1.0)

    thread = threading.Thread(target=write)
    thread.start()
    reader = History(path)
    seen = 0
    while thread.is_alive():
        try:
            seen = max(seen, len(reader.answers(session_id)))
            reader.sessions()
        except sqlite3.OperationalError as exc:  # "database is locked" would land here
            errors.append(exc)
    thread.join()
    assert not errors and len(reader.answers(session_id)) == 200
    reader.close()
    writer.close()


def test_progress_attempts_and_settings(analyzer, fixtures_dir, history):
    session_id = history.start_session("retake", "client_manager")
    for name in ("fillers.wav", "star.wav"):
        answer_id = history.add_answer(session_id, "HR-01", "вопрос", str(fixtures_dir / name), 10.0)
        history.add_report(answer_id, analyzer.analyze_file(fixtures_dir / name))
    values = [v for _, v in history.progress("fillers_per_100_words")]
    assert values[0] > values[1]  # the second attempt has fewer fillers
    assert [a["attempt"] for a in history.attempts("HR-01")] == [1, 2]
    history.set_setting("baseline", {"syllables_per_sec": 4.4})
    assert history.setting("baseline") == {"syllables_per_sec": 4.4} and history.setting("nope", 7) == 7


def test_exports_escape_text_and_skip_audio(history):
    session_id = history.start_session("full", "client_manager")
    history.add_answer(session_id, "MY-01", "<script>alert('x')</script>", "/secret/path.wav", 3.0)
    page = session_html(history, session_id)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    document = json.loads(session_json(history, session_id))
    assert document["answers"][0]["question_text"].startswith("<script>")
    assert "audio" not in json.dumps(document) and "/secret/path.wav" not in page
    assert session_csv(history, session_id).splitlines()[1].split(",")[1] == "MY-01"


def test_history_and_report_commands(tmp_path, capsys):
    db = tmp_path / "h.db"
    store = History(db)
    session_id = store.start_session("phone", "sales_support")
    store.close()
    assert main(["history", "--db", str(db)]) == 0
    assert "interrupted" in capsys.readouterr().out  # it was left active
    assert main(["report", str(session_id), "--db", str(db), "--html", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")
    assert main(["report", "999", "--db", str(db)]) == 2
    assert "занятия №999 нет" in capsys.readouterr().err


def test_retry_during_an_answer_asks_again_and_abort_ends(analyzer, fixtures_dir, history, bank, tmp_path):
    host = Host(analyzer, [fixtures_dir / "pauses.wav", fixtures_dir / "pauses.wav"])
    question = bank.by_id("HR-03")
    session = Session([question, bank.by_id("HR-05")], history, tmp_path / "rec", host, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(0.0)
    session.start_answer_now(1.0)  # ready before the think time is over
    assert session.state == "answer"
    session.retry(3.0)
    session.answer_recorded(host.pending_recording.path, host.pending_recording.seconds, 3.0)
    assert session.state == "question" and session.current.question_id == "HR-03"  # the same question again
    assert [e.text for e in host.effects if isinstance(e, Speak)] == [question.text, question.text]
    session.abort(4.0)
    assert session.state == "aborted" and history.session(session.session_id)["status"] == "aborted"
    assert len(history.answers(session.session_id)) == 1  # the first take is kept
