"""The practice history in a real SQLite file: sessions, takes, reports, exports, commands (old files: see
test_migrations.py)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from sobes.audio.fake_backend import FakeBackend
from sobes.audio.recorder import Recorder
from sobes.audio.wav_file import recover_wav
from sobes.cli.main import main
from sobes.interview.export import session_csv, session_html, session_json
from sobes.interview.history import History, HistoryError
from sobes.interview.session import Step
from tests.judges import DEFAULT


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
    assert restarted.recover_after_crash()[0] == [session_id]
    assert restarted.session(session_id)["status"] == "interrupted"
    assert recover_wav(tmp_path / "left.wav") > 20  # the recording is there to analyse
    assert restarted.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restarted.close()


def test_newer_or_damaged_database_is_refused_clearly(tmp_path):
    newer = tmp_path / "newer.db"
    History(newer).close()
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
            writer.add_recorded(session_id, Step(f"Q-{i:03d}", "вопрос", "star", 0, 0), Path(f"/tmp/{i}.wav"),
                                1.0)

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


def test_progress_and_attempts(analyzer, fixtures_dir, history):
    session_id = history.start_session("retake", "client_manager")
    for name in ("fillers.wav", "star.wav"):
        take = history.add_recorded(session_id, Step("HR-01", "вопрос", "star", 0, 0), fixtures_dir / name, 10.0)
        history.add_report(take, analyzer.analyze_file(fixtures_dir / name))
        assert take.state == "analyzed" and take.report is not None  # the take follows the history
    values = [v for _, v in history.progress("fillers_per_100_words")]
    assert values[0] > values[1]  # the second attempt has fewer fillers
    assert [a["attempt"] for a in history.attempts("HR-01")] == [1, 2]


def test_exports_escape_text_and_skip_audio(history):
    session_id = history.start_session("full", "client_manager")
    history.add_recorded(session_id, Step("MY-01", "<script>alert('x')</script>", "star", 0, 0),
                         Path("/secret/path.wav"), 3.0)
    page = session_html(history, session_id)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    document = json.loads(session_json(history, session_id))
    assert document["answers"][0]["question_text"].startswith("<script>")
    assert "audio" not in json.dumps(document) and "/secret/path.wav" not in page
    assert session_csv(history, session_id).splitlines()[1].split(";")[1] == "<script>alert('x')</script>"


def test_history_and_report_commands(tmp_path, capsys):
    db = tmp_path / "h.db"
    store = History(db)
    session_id = store.start_session("phone", "sales_support")
    store.close()
    assert main(["history", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    assert "прервана" in listing and "Звонок рекрутера" in listing  # it was left active; Russian names
    assert "interrupted" not in listing and "phone" not in listing
    assert main(["report", str(session_id), "--db", str(db), "--html", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text()
    assert page.startswith("<!doctype html>") and "Специалист по сопровождению продаж" in page
    assert "sales_support" not in page and "режим:" not in page
    capsys.readouterr()
    assert main(["report", str(session_id), "--db", str(db)]) == 0  # a short summary, not a JSON dump
    summary = capsys.readouterr().out
    assert summary.startswith(f"Тренировка №{session_id}") and "{" not in summary
    assert main(["report", "999", "--db", str(db)]) == 2
    assert "занятия №999 нет" in capsys.readouterr().err




def test_a_past_answer_comes_back_whole_and_attempts_sit_side_by_side(analyzer, fixtures_dir, history, tmp_path):
    """The library: a stored answer reopens as one Take (question, recording, report, when); attempts at one
    question are compared figure by figure; progress is by kind of answer; one answer can be deleted for real."""
    from sobes.analysis.content.section import QuestionContext
    from sobes.interview.progress import attempts, series

    session_id = history.start_session("retake", "client_manager")
    story = QuestionContext("Расскажите о сложном клиенте.", "star", 120.0)
    ids = []
    for name in ("fillers.wav", "star.wav"):
        audio = tmp_path / "recordings" / f"session{session_id}-{name}"
        audio.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(fixtures_dir / name, audio)
        ids.append(history.add_recorded(session_id, Step("BEH-03", story.text, "star", 0, 0), audio, 12.0))
        history.add_report(ids[-1], analyzer.analyze_file(audio, question=story))
    other = history.add_recorded(session_id, Step("HR-01", "Зарплата?", "star", 0, 0), fixtures_dir / "intro.wav", 5.0)
    history.add_report(other, analyzer.analyze_file(fixtures_dir / "intro.wav",
                                                    question=QuestionContext("Ваши ожидания по зарплате?", "fact")))

    take = history.take(ids[1].id)
    assert take.step.text == story.text and take.step.answer_type == "star" and take.attempt == 2
    assert take.report is not None and "компания" in take.report.transcript.text.lower()
    assert take.recorded_at and take.audio().duration_s > 20  # the recording plays from the stored file

    side = attempts(history, "BEH-03", DEFAULT)
    assert side is not None and len(side.headers) == 2 and side.headers[0].startswith("Попытка 1, ")
    fillers = next(row for row in side.rows if row[0] == "Слова-паразиты")
    assert all(value.endswith("на 100 слов") for value in fillers[1]) and fillers[2] == "✓ лучше"
    assert attempts(history, "HR-01", DEFAULT) is None  # answered once: nothing to compare

    assert set(history.answer_types()) == {"star", "fact"}
    assert len(series(history, "fillers_per_100_words", "star", DEFAULT).points) == 2
    assert not series(history, "fillers_per_100_words", "fact", DEFAULT).enough  # one point is no trend

    history.delete_answer(ids[0].id)
    assert [a["id"] for a in history.answers(session_id)] == [ids[1].id, other.id]
    assert not (tmp_path / "recordings" / f"session{session_id}-fillers.wav").exists()
    with pytest.raises(HistoryError, match="удалён"):
        history.take(ids[0].id)


def test_a_session_ended_before_its_plan_reads_as_ended_early(history):
    from sobes.interview.labels import session_status
    from sobes.interview.summary import summarize

    early = history.start_session("full", "client_manager")
    history.end_session(early, "completed", summarize(history, early, [], DEFAULT, planned=3, early=True))
    assert session_status(history.session(early)) == "завершена досрочно"
    whole = history.start_session("full", "client_manager")
    history.end_session(whole, "completed", summarize(history, whole, [], DEFAULT, planned=3))
    assert session_status(history.session(whole)) == "завершена"


def test_a_role_play_is_listed_by_its_situation_and_how_the_client_left_it():
    """History said «Ролевая игра · завершена» for every role play, whichever it was and however it ended."""
    import json

    from sobes.interview.labels import session_name, session_status

    summary = {"role_play": {"outcome": "leaves"}, "scenario": {"title": "Медленный интернет"}}
    row = {"mode": "role_play", "status": "completed", "summary_json": json.dumps(summary, ensure_ascii=False)}
    assert (session_name(row), session_status(row)) == ("Ролевая игра: Медленный интернет", "клиент ушёл")
    interrupted = {"mode": "role_play", "status": "interrupted", "summary_json": None}
    assert (session_name(interrupted), session_status(interrupted)) == ("Ролевая игра", "прервана")
    damaged = {"mode": "stage", "status": "completed", "summary_json": "{не json"}
    assert (session_name(damaged), session_status(damaged)) == ("Тренировка этапа", "завершена")
