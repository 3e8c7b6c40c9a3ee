"""The desktop app end to end (offscreen): start → question → answer from a fixture → review → history."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sobes.audio.fake_backend import FakeBackend
from sobes.interview.session import Step


def open_window(qtbot, tmp_path, backend, *, speak=False):
    from sobes.desktop.app import build_window
    from sobes.interview.settings import Settings

    Settings(follow_ups=False).save()
    win = build_window(backend=backend, speak=speak)
    win.backend_under_test = backend
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.start.model_label.text().startswith("Модель готова"), timeout=60_000)
    return win


@pytest.fixture
def window(qtbot, tmp_path, fixtures_dir, analyzer, monkeypatch):
    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    backend = FakeBackend(fixtures_dir / "star.wav", realtime=True, speed=8)  # a 26 s answer in ~3 s
    win = open_window(qtbot, tmp_path, backend)
    yield win
    win.host.close()
    win.history.close()


def start_retake(window, question_id="BEH-03"):
    start = window.start
    start.mode.setCurrentIndex(start.mode.findData("retake"))
    start.question.setCurrentIndex(start.question.findData(question_id))
    start.start_button.click()


def test_a_whole_answer_from_start_to_history(window, qtbot):
    start_retake(window)
    assert window.stack.currentWidget() is window.interview
    qtbot.waitUntil(lambda: window.host.session.state == "think", timeout=10_000)
    assert "достижении" in window.interview.question.text()
    window.interview.buttons["start_answer_now"].click()
    microphones = lambda: [s for s in window.backend_under_test.streams if hasattr(s, "fed")]  # noqa: E731
    qtbot.waitUntil(lambda: bool(microphones()) and microphones()[-1].fed.is_set(), timeout=10_000)
    qtbot.waitUntil(lambda: window.host.recorder.level().seconds > 26, timeout=20_000)  # the whole answer is in
    window.interview.buttons["stop_answer"].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=60_000)

    review = window.review
    from PySide6.QtWidgets import QScrollArea

    window.resize(1024, 760)  # a small laptop screen: the review fits its width, "Далее" included
    qtbot.waitUntil(lambda: review.findChild(QScrollArea).horizontalScrollBar().maximum() == 0, timeout=2_000)
    assert "компания" in review.transcript.toPlainText().lower()
    assert review.cards.count() >= 6  # one card per delivery verdict
    assert "STAR" in review.star.text()
    # an achievement told as a story (a team trained, adoption up) answers the question whatever its words
    assert "не про то" not in review.coaching.headline.text()
    review.next_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10_000)
    assert "Итоги" in window.summary.text.text()

    window.show_history()
    screen = window.history_screen
    assert screen.table.rowCount() == 1 and screen.table.item(0, 3).text() == "1"
    # the library: the answer reopens in the review, with its recording and a way back
    assert screen.answers.rowCount() == 1 and "достижении" in screen.answers.item(0, 0).text()
    screen.answers.selectRow(0)
    assert "один раз" in screen.attempts.text()
    screen.open_button.click()
    assert window.stack.currentWidget() is review and "Попытка 1" in review.title.text()
    assert review.back_button.isVisible() and not review.next_button.isVisible()
    assert "компания" in review.transcript.toPlainText().lower()
    review.play_from(1.0)
    assert review.play_error.text() == ""
    review.back_button.click()
    assert window.stack.currentWidget() is screen


def test_screens_are_reachable_from_the_menu(window, qtbot):
    actions = {a.text(): a for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
               for a in menu.actions()}
    actions["Настройки"].trigger()
    assert window.stack.currentWidget() is window.settings_screen
    table = window.settings_screen.table
    assert table.rowCount() >= 25
    shown = " ".join(table.item(r, c).text() for r in range(table.rowCount()) for c in (0, 1, 3, 4))
    assert "_" not in shown and "calibrated" not in shown and "seed_digest" not in shown  # plain Russian
    actions["История и прогресс"].trigger()
    assert window.stack.currentWidget() is window.history_screen
    assert actions["Начать / закончить ответ; далее"].shortcut().toString() == "Space"


def test_settings_model_check_and_personal_baseline(window, qtbot):
    screen = window.settings_screen
    screen.model.setText("")
    screen.model_test.click()
    qtbot.waitUntil(lambda: screen.model_result.text().startswith("Модель работает"), timeout=30_000)
    assert screen.model_result.text() == "Модель работает: встроенная."  # not «whisper-base (bundled)»
    assert "Festival" not in screen.voice.currentText()
    screen.set_baseline(140)
    screen._save()
    assert window.settings.thresholds["slow_words_per_min"] == pytest.approx(105)
    assert window.settings.thresholds["fast_words_per_min"] == pytest.approx(189)
    from sobes.interview.settings import Settings

    assert Settings.load()[0].thresholds == window.settings.thresholds  # stored in the data folder


def test_phone_review_shows_how_the_line_sounds(window, qtbot, fixtures_dir):
    window.backend_under_test.source = fixtures_dir / "intro.wav"
    window.host.begin([window.bank.by_id("PHN-00")], mode="phone", role="sales_support", follow_ups=False,
                      phone=True)
    qtbot.waitUntil(lambda: window.host.runner.state == "answer", timeout=10_000)
    qtbot.waitUntil(lambda: window.host.recorder.level().seconds > 12.5, timeout=20_000)
    window.interview.buttons["stop_answer"].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=60_000)
    assert window.review.coaching.headline.text()  # the coaching summary leads the review
    assert "Приветствие" in window.review.coaching.items.text()
    qtbot.waitUntil(lambda: "Как вас слышно по телефону" in window.review.phone.text(), timeout=60_000)


def test_microphone_check_reports_a_verdict_and_keeps_nothing(window, qtbot, tmp_path):
    window.mic_check.check_microphone()
    qtbot.waitUntil(lambda: "Микрофон в порядке" in window.start.mic_result.text(), timeout=20_000)
    assert list((tmp_path / "data" / "scratch").iterdir()) == []  # nothing on disk
    assert window.start.mic_play_button.isEnabled()  # ...but the candidate can hear how they sounded
    played = len(window.backend_under_test.streams)
    window.start.mic_play_button.click()
    qtbot.waitUntil(lambda: len(window.backend_under_test.streams) == played + 1, timeout=5_000)


def test_output_device_lost_mid_prompt_says_so_and_the_session_goes_on(qtbot, tmp_path, fixtures_dir, analyzer,
                                                                        monkeypatch):
    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    backend = FakeBackend(fixtures_dir / "star.wav", realtime=True, speed=8, output_fail_after_s=0.3)
    window = open_window(qtbot, tmp_path, backend, speak=True)
    errors = []
    window.host.error.connect(errors.append)
    start_retake(window)
    # the prompt "ended" early: the question is read on screen, and its think time waits for the candidate
    qtbot.waitUntil(lambda: window.host.session.state == "reading", timeout=60_000)
    assert any("отключилось" in message and "на экране" in message for message in errors)
    assert "достижении" in window.interview.question.text()
    window.interview.buttons["question_read"].click()
    qtbot.waitUntil(lambda: window.host.session.state == "think", timeout=5_000)
    window.interview.buttons["start_answer_now"].click()  # the microphone still records
    qtbot.waitUntil(lambda: window.host.recorder is not None and window.host.recorder.level().seconds > 1,
                    timeout=20_000)
    window.host.runner.abort()
    window.host.close()
    window.history.close()


def test_a_session_is_deleted_with_its_recordings_from_the_history_screen(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from sobes.audio.wav_file import write_wav

    history = window.history
    session_id = history.start_session("retake", "client_manager")
    audio = tmp_path / "data" / "recordings" / f"session{session_id}-01-HR-01.wav"
    audio.parent.mkdir(parents=True, exist_ok=True)
    write_wav(audio, np.zeros(1600, np.float32), 16_000)
    history.add_recorded(session_id, Step("HR-01", "<img src=x>Вопрос", "star", 0, 0), audio, 0.1)
    window.show_history()
    screen = window.history_screen
    screen.table.selectRow(0)
    assert screen.answers.item(0, 0).text() == "<img src=x>Вопрос"  # a table cell is plain text, never markup
    chosen, asked = ["Отмена"], []

    def exec_(box):
        asked.append(box.defaultButton().text())
        next(b for b in box.buttons() if b.text() == chosen[0]).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    screen.delete_button.click()
    assert audio.exists() and screen.table.rowCount() == 1
    assert asked == ["Отмена"]  # Enter keeps the session: the safe answer is the default
    chosen[0] = "Удалить"
    screen.delete_button.click()
    assert not audio.exists() and screen.table.rowCount() == 0


def answer_until_the_take_fails(window, qtbot):
    start_retake(window)
    qtbot.waitUntil(lambda: window.host.session.state == "think", timeout=10_000)
    window.interview.buttons["start_answer_now"].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=60_000)


def test_microphone_lost_mid_take_keeps_the_answer_and_the_session_goes_on(qtbot, tmp_path, fixtures_dir,
                                                                           analyzer, monkeypatch):
    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    backend = FakeBackend(fixtures_dir / "star.wav", realtime=True, speed=8, fail_after_s=6.0)
    window = open_window(qtbot, tmp_path, backend)
    errors = []
    window.host.error.connect(errors.append)
    answer_until_the_take_fails(window, qtbot)  # the take ends by itself when the device goes
    assert any("Микрофон" in message for message in errors)
    assert window.review.report.duration_s == pytest.approx(6.0, abs=0.1)  # what was said is analysed
    assert window.review.report.transcript.words
    answer = window.history.answers(window.host.runner.session_id)[0]
    assert answer["status"] == "analyzed" and Path(answer["audio_path"]).is_file()
    window.review.next_button.click()  # and the session carries on to its summary
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10_000)
    window.host.close()
    window.history.close()


def test_full_disk_mid_take_keeps_what_was_written_and_the_app_runs_on(window, qtbot, disk_full_after):
    disk_full_after(20)
    errors = []
    window.host.error.connect(errors.append)
    answer_until_the_take_fails(window, qtbot)
    assert any("Освободите место" in message for message in errors)
    assert 0 < window.review.report.duration_s < 26  # cut short, but there and analysed
    window.review.next_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10_000)


def test_answers_left_without_a_report_are_analysed_from_the_history_screen(window, qtbot, tmp_path, fixtures_dir):
    """After a crash (or a rebuilt history) the recorded answers get their reports here."""
    import shutil

    history = window.history
    session_id = history.start_session("full", "client_manager")
    recordings = tmp_path / "data" / "recordings"
    recordings.mkdir(parents=True, exist_ok=True)
    good = recordings / f"session{session_id}-01-BEH-03.wav"
    shutil.copy(fixtures_dir / "star.wav", good)
    history.add_recorded(session_id, Step("BEH-03", "Расскажите о достижении", "star", 0, 0), good, 25.6)
    history.add_recorded(session_id, Step("HR-01", "Расскажите о себе", "star", 0, 0), recordings / "gone.wav", 3.0)
    history.end_session(session_id, "interrupted")
    window.show_history()
    screen = window.history_screen
    assert screen.pending_button.isVisible() and "(2)" in screen.pending_button.text()
    screen.pending_button.click()
    qtbot.waitUntil(lambda: "Разобрано" in screen.pending_note.text(), timeout=60_000)
    assert "ответов: 1" in screen.pending_note.text() and "не удалось прочитать запись: 1" in screen.pending_note.text()
    rows = {row["question_id"]: row for row in history.answers(session_id)}
    assert rows["BEH-03"]["status"] == "analyzed" and rows["BEH-03"]["star_parts"] >= 3  # judged as a STAR story
    assert rows["HR-01"]["status"] == "failed" and "не найден" in rows["HR-01"]["error"]
    assert not screen.pending_button.isVisible()
