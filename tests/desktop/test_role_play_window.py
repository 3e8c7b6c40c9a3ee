"""A role play in the real window (issue 31): the start screen says who the client is and what the client needs, the
interview screen shows «Реплика 2» and «Клиент: …» with the conversation so far, the replies are not reviewed one
by one (the client answers back), the questions after the game are, and the summary leads with the review of the
conversation — its fixes play the reply they point to — at a laptop's 1024x768 and a desktop's 1920x1080, on
Qt's offscreen platform and on a real X display (Xvfb). A past role play reopens from History.

The microphone is the fake one, a source per reply; the transcriber is the scripted one (``tests.fakes``): what the
screens draw is the point here, the real model's judging of real replies is tested by the engine's tests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton, QScrollArea

from sobes.analysis import engine
from sobes.audio.fake_backend import FakeBackend
from sobes.desktop.screens.summary import SummaryScreen
from sobes.interview.history import History
from sobes.interview.session import Step
from tests.desktop.test_app import open_window
from tests.desktop.test_flow import answers_dialog, shortcut  # noqa: F401  (a fixture)
from tests.fakes import FakeWhisper
from tests.judges import DEFAULT
from tests.test_role_play_cli import review_summary

SIZES = [(1024, 768), (1920, 1080)]
TITLE_BAR = 32


@pytest.fixture
def role_play_window(qtbot, tmp_path, fixtures_dir, monkeypatch):
    """The window with the scripted transcriber, and a microphone that says one fixture per reply (8 times
    faster than real time)."""
    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    scripted = engine.Analyzer.with_model(FakeWhisper(), "scripted", DEFAULT)
    monkeypatch.setattr(engine, "Analyzer", lambda *args, **kwargs: scripted)
    sources = [fixtures_dir / name for name in ("intro.wav", "fillers.wav", "intro.wav", "fillers.wav")]
    backend = FakeBackend(sources + [fixtures_dir / "intro.wav"] * 6, realtime=True, speed=8)
    win = open_window(qtbot, tmp_path, backend)
    yield win
    win.host.close()
    win.history.close()


def choose_role_play(window) -> str:
    """Role play chosen on the start screen, the first scenario of the role whose client is not on the phone (its
    lines are shown); its id."""
    start = window.start
    start.mode.setCurrentIndex(start.mode.findData("role_play"))
    scenario = next(s for s in window.bank.scenarios_for(start.role.currentData()) if not s.phone)
    start.scenario.setCurrentIndex(start.scenario.findData(scenario.id))
    return scenario.id


def play_through(window, qtbot) -> dict:
    """Answer every client line (a few seconds each; one stopped with Space), then each question after the game
    from its review, until the summary. What each reply's screen showed, by turn."""
    runner, screen = window.host.runner, window.interview
    seen: dict[int, dict] = {}
    for _ in range(20):
        qtbot.waitUntil(lambda: runner.state in ("think", "answer") or window.stack.currentWidget()
                        in (window.review, window.summary), timeout=60_000)
        if window.stack.currentWidget() is window.summary:
            return seen
        if window.stack.currentWidget() is window.review:
            assert window.review.take.step.debrief, "a reply to the client was reviewed on its own"
            window.review.next_button.click()
            continue
        if runner.state == "think":
            screen.buttons["start_answer_now"].click()
            continue
        step = runner.session.step
        if step.turn:
            seen[step.turn] = {"number": screen.number.text(), "question": screen.question.text(),
                               "conversation": screen.conversation.text() if screen.conversation.isVisible() else "",
                               "state": screen.state.text()}
        qtbot.waitUntil(lambda: runner.recording is not None and runner.recording.level().seconds > 2.5,
                        timeout=20_000)
        if step.turn == 1:
            qtbot.wait(2_100)  # past the Space grace
            shortcut(window, "Space").trigger()  # «Закончить ответ (Пробел)», as for any answer
        else:
            screen.buttons["stop_answer"].click()
        qtbot.waitUntil(lambda: runner.state != "answer", timeout=10_000)
    raise AssertionError("the role play did not reach its summary")


def fits(qtbot, scroll: QScrollArea) -> None:
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0, timeout=2_000)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_role_play_from_the_start_screen_to_the_review_of_the_conversation(role_play_window, qtbot, size):
    window = role_play_window
    window.resize(size[0], size[1] - TITLE_BAR)
    scenario_id = choose_role_play(window)
    scenario = window.bank.scenario(scenario_id)
    start = window.start
    assert start.scenario.isVisible() and scenario.client in start.scenario_brief.text()
    assert scenario.need in start.scenario_brief.text()
    assert not start.question.isVisible() and not start.stage.isVisible()
    assert "клиенту" in start.outline.text() and "после игры" in start.outline.text()
    assert start.start_button.isEnabled()
    start.start_button.click()
    seen = play_through(window, qtbot)

    first = seen[1]
    assert first["number"] == "Реплика 1" and first["question"] == f"Клиент: {scenario.opening}"
    assert first["conversation"] == ""  # nothing said before the opening
    assert "отвечайте клиенту" in first["state"]
    assert len(seen) >= 2, seen
    second = seen[2]
    assert second["number"] == "Реплика 2" and second["question"].startswith("Клиент: ")
    assert f"Клиент:</b> {scenario.opening}" in second["conversation"]
    assert "Вы:</b> я работал" in second["conversation"]  # the first reply's words, as transcribed

    summary = window.summary
    assert window.stack.currentWidget() is summary
    qtbot.wait(100)  # the rows just added are shown by the event loop
    view = summary.conversation
    assert view.isVisible() and view.headline.text() and scenario.title in view.title.text()
    assert view.outcome.isVisible() and "Чем закончился разговор" in view.outcome.text()
    assert scenario.client in view.brief.text()
    assert "Вопросы после разговора" in summary.text.text()
    assert "Клиент: " not in summary.text.text()  # the replies are in the conversation's review, not listed again
    assert len(view.turn_buttons) == len(seen)  # each reply, playable (the client's last line is not answered)
    text = " ".join(label.text() for label in view.findChildren(type(view.headline)) if label.isVisible())
    assert "Реплика 1" in text and "Темп" in text and "Спокойствие под давлением" in text
    assert "Кто сколько говорил" not in text  # the voice is off here: the client's lines were read, not said
    assert not re.search(r"[a-z]+_[a-z]+", text) and scenario_id not in text  # no ids, no snake_case
    fits(qtbot, summary.scroll_area)
    assert summary.scroll_area.widget().width() <= summary.scroll_area.viewport().width()

    # a fix's ▶ plays its reply from its moment
    played = len(window.backend_under_test.played)
    button = (view.fix_buttons or view.turn_buttons)[0]
    assert button.text().startswith("▶ ")
    button.click()
    qtbot.waitUntil(lambda: len(window.backend_under_test.played) > played, timeout=5_000)
    assert summary.play_error.isHidden()
    summary.stop()

    # a past role play reopens from History with its review
    window.show_history()
    history_screen = window.history_screen
    history_screen.table.selectRow(0)
    assert history_screen.answers.item(0, 0).text() == f"Клиент: {scenario.opening}"
    assert not any(history_screen.answers.item(row, 0).text().startswith("Клиент: Что вы чувствовали")
                   for row in range(history_screen.answers.rowCount()))  # the questions after it are questions
    history_screen.answers.selectRow(0)
    history_screen.open_button.click()  # a reply reopens in the ordinary review, under the client's line
    assert window.stack.currentWidget() is window.review
    assert window.review.title.text().startswith(f"<b>Клиент:</b> {scenario.opening}")
    window.review.back_button.click()
    assert history_screen.conversation_button.isVisible()
    history_screen.conversation_button.click()
    assert window.stack.currentWidget() is summary and summary.conversation.isVisible()
    assert scenario.title in summary.conversation.title.text()
    assert window.settings.mode == "role_play" and window.settings.scenario == scenario_id  # offered again


def test_a_role_play_ended_early_still_ends_with_the_review_of_what_was_said(role_play_window, qtbot,
                                                                           answers_dialog):  # noqa: F811
    """Esc in the second reply: asked first, then the summary with the conversation so far (the reply being
    given is kept and judged with the rest)."""
    window = role_play_window
    asked, _ = answers_dialog
    choose_role_play(window)
    window.start.start_button.click()
    runner = window.host.runner
    for turn in (1, 2):
        qtbot.waitUntil(lambda t=turn: runner.state == "answer" and runner.session.step.turn == t, timeout=30_000)
        qtbot.waitUntil(lambda: runner.recording is not None and runner.recording.level().seconds > 2.5,
                        timeout=20_000)
        if turn == 1:
            window.interview.buttons["stop_answer"].click()
    shortcut(window, "Esc").trigger()
    assert asked and "сохранится" in asked[0]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=60_000)
    qtbot.wait(100)
    view = window.summary.conversation
    assert view.isVisible() and view.headline.text() and len(view.turn_buttons) == 2
    assert "раньше, чем клиент что-то решил" in view.outcome.text()
    assert "вопросов —" not in window.summary.text.text()  # no «отвечено вопросов — 0 из 0» for a conversation
    assert "Вопросы после разговора" not in window.summary.text.text()  # none was asked: no empty heading


def test_on_the_phone_the_clients_line_is_heard_and_shown_only_when_the_voice_fails(qtbot, tmp_path, fixtures_dir,
                                                                                   monkeypatch):
    """As for a phone question: «Клиент говорит по телефону: слушайте» while the client speaks; the line itself
    when no voice could say it, and the reply starts once it is read."""
    from sobes.audio.voice import VoiceError
    from sobes.interview import runner as runner_module

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    scripted = engine.Analyzer.with_model(FakeWhisper(), "scripted", DEFAULT)
    monkeypatch.setattr(engine, "Analyzer", lambda *args, **kwargs: scripted)
    heard: list[str] = []

    def no_voice(text, **_):
        heard.append(text)
        raise VoiceError("голос недоступен", "no voice in this test")

    monkeypatch.setattr(runner_module, "prompt_signal", no_voice)
    window = open_window(qtbot, tmp_path, FakeBackend(fixtures_dir / "intro.wav", realtime=True, speed=8), speak=True)
    try:
        start = window.start
        start.mode.setCurrentIndex(start.mode.findData("role_play"))
        phone = next(s for s in window.bank.scenarios if s.phone)
        start.role.setCurrentIndex(start.role.findData(phone.roles[0]))
        start.scenario.setCurrentIndex(start.scenario.findData(phone.id))
        start.start_button.click()
        qtbot.waitUntil(lambda: window.interview.number.text() == "Реплика 1", timeout=10_000)
        if window.host.runner.state != "reading":
            assert window.interview.question.text() == "Клиент говорит по телефону: слушайте"
        qtbot.waitUntil(lambda: window.host.runner.state == "reading", timeout=10_000)
        assert heard == [phone.opening]
        assert window.interview.question.text() == f"Клиент: {phone.opening}"
        assert "прочитайте его реплику" in window.interview.state.text()
        assert window.interview.buttons["question_read"].text() == "Начать ответ (Пробел)"
        window.interview.buttons["question_read"].click()
        qtbot.waitUntil(lambda: window.host.runner.state == "answer", timeout=10_000)  # no think time: a reply
        window.host.runner.abort()
    finally:
        window.host.close()
        window.history.close()


def test_the_role_play_is_offered_again_with_its_scenario(qtbot, bank):
    from sobes.desktop.screens.start import StartScreen

    scenario = bank.scenarios[-1]
    start = StartScreen(bank.questions, role=scenario.roles[0], mode="role_play", scenarios=bank.scenarios,
                        scenario=scenario.id)
    qtbot.addWidget(start)
    assert start.choice()[1] == "role_play" and start.choice()[4] == scenario.id
    assert scenario.need in start.scenario_brief.text()
    assert ("телефону" in start.scenario_brief.text()) == scenario.phone
    assert start.phone_chosen() == scenario.phone  # the microphone check is heard as the client will hear it
    assert ("по телефону" in start.mic_play_button.text()) == scenario.phone
    phone = next(s for s in bank.scenarios if s.phone)
    start.role.setCurrentIndex(start.role.findData(phone.roles[0]))
    start.scenario.setCurrentIndex(start.scenario.findData(phone.id))
    assert start.mic_play_button.text() == "▶ Прослушать, как по телефону"
    assert "клиент" in start.mic_play_button.toolTip()


def test_a_role_without_role_plays_cannot_start_one(qtbot, bank):
    from sobes.desktop.screens.start import StartScreen

    start = StartScreen(bank.questions, role="client_manager", mode="role_play", scenarios=[])
    qtbot.addWidget(start)
    start.model_ready()
    assert not start.start_button.isEnabled() and "нет" in start.scenario.currentText()
    start.mode.setCurrentIndex(start.mode.findData("full"))
    assert start.start_button.isEnabled()


# --- the review of the conversation, drawn from a summary ------------------------------------------
@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def summary_with_a_reply(qtbot, request, tmp_path, fixtures_dir):
    from sobes.audio.wav_file import write_wav
    from sobes.core.audio_file import load_audio

    history = History(tmp_path / "history.db")
    session = history.start_session("role_play", "client_manager")
    audio = tmp_path / "reply.wav"
    write_wav(audio, load_audio(fixtures_dir / "intro.wav", sample_rate=16_000).samples, 16_000)
    take_id = history.add_recorded(session, Step("RPL-X-R2", "Реплика", "role_play", 0, 90, turn=2), audio, 12.6).id
    backend = FakeBackend(np.zeros(16_000, np.float32))
    screen = SummaryScreen(history=history, backend=backend)
    qtbot.addWidget(screen)
    screen.resize(*request.param)
    screen.show()
    screen.show_summary(review_summary(take_id))
    qtbot.wait(50)
    yield screen, backend
    screen.stop()
    history.close()


def test_the_review_leads_with_the_headline_outcome_and_fixes_that_play_their_moment(summary_with_a_reply, qtbot):
    screen, backend = summary_with_a_reply
    view = screen.conversation
    assert view.headline.text().startswith("Вы спорили с клиентом")
    assert view.outcome.text().endswith("Клиент ушёл к конкурентам.")
    assert [b.text() for b in view.fix_buttons] == ["▶ Реплика 2, 0:01", "▶ Реплика 1, 0:00"]
    view.fix_buttons[0].click()
    qtbot.waitUntil(lambda: len(backend.played) > 0, timeout=5_000)
    played = sum(len(block) for block in backend.played)
    assert played <= (12.6 - 1.1) * backend.streams[-1].samplerate * 1.05  # from the moment, not from the start


def test_the_review_says_each_turn_and_the_figures_in_plain_russian(summary_with_a_reply, qtbot):
    screen, _ = summary_with_a_reply
    view = screen.conversation
    text = " ".join(label.text() for label in view.findChildren(type(view.headline)) if label.isVisible())
    assert "✓ Признали недовольство клиента — «понимаю, как это неприятно»" in text
    assert "✗ Перекладываете вину — «это не моя вина»" in text
    assert "клиент стал резче" in text and "128 слов в минуту" in text and "14 с" in text
    assert "вы — 58 % времени разговора, клиент — 42 %" in text and "2,1 на 100 слов" in text
    assert "быстрее на 18 %" in text
    assert "RPL" not in text and "take" not in text and "None" not in text
    # the questions after the game are listed, the replies are not listed twice
    assert "Что вы чувствовали" in screen.text.text() and "Реплика клиента номер 1" not in screen.text.text()
    fits(qtbot, screen.scroll_area)
    buttons = [b for b in screen.findChildren(QPushButton) if b.isVisible()]
    assert all(b.geometry().right() <= screen.scroll_area.viewport().width() for b in view.fix_buttons)
    assert buttons


# --- the same on a real X display ------------------------------------------------------------------
@pytest.mark.skipif(not Path("/usr/bin/xvfb-run").exists(), reason="needs xvfb-run (scripts/setup.sh test)")
@pytest.mark.parametrize("size", ["1024x768", "1920x1080"])
def test_a_role_play_on_a_real_screen(size):
    """The whole role play above in a real X window (Xvfb) of the screen's size, not Qt's offscreen platform; and
    the help page's height with the real platform's fonts (offscreen reckons it 100 pixels shorter)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, "-m", "pytest", "-q",
                           "-p", "no:cacheprovider", __file__, "-k",
                           f"(start_screen_to_the_review_of_the_conversation and {size}) or help_tells"],
                          env=env, capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2])
    assert done.returncode == 0 and "2 passed" in done.stdout, done.stdout[-3000:] + done.stderr[-2000:]


def test_the_help_tells_of_the_role_play_and_still_fits_a_laptops_screen(qtbot, monkeypatch):
    """F1's page grew by the role play: with a window manager's title bar it must still fit 768 pixels."""
    from PySide6.QtWidgets import QMessageBox

    from sobes.desktop.menus import HELP, show_help

    heights = []

    def exec_(box):
        box.adjustSize()
        heights.append(box.sizeHint().height())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert "Ролевая игра" in HELP and "кто клиент и что ему нужно" in HELP
    show_help(QMessageBox())  # any widget as the parent: the page is the same
    assert heights and heights[0] <= 768 - TITLE_BAR - 20, heights


def test_the_conversation_so_far_shows_the_latest_turns_and_cuts_a_long_reply(qtbot):
    """Only what came before the client's current line, three turns at most, a long reply cut between words: the
    screen never grows past a laptop's; a client's words are text, never markup."""
    from types import SimpleNamespace

    from sobes.desktop.screens.interview import REPLY_SHOWN, InterviewScreen
    from sobes.interview.events import QuestionAsked
    from tests.desktop.test_interview_space import FakeHost

    screen = InterviewScreen(FakeHost())
    qtbot.addWidget(screen)
    screen.show()
    long_reply = " ".join(["слово"] * 100)
    for turn in range(1, 6):
        step = Step(f"RPL-X-{turn}", f"<b>Реплика</b> клиента {turn}", "role_play", 0, 90, turn=turn, voice="client")
        screen.show_question(QuestionAsked(step, False, 1, 1))
        assert screen.number.text() == f"Реплика {turn}" and screen.question.text() == f"Клиент: {step.text}"
        assert screen.conversation.isVisible() == (turn > 1)
        report = SimpleNamespace(speech_detected=True, transcript=SimpleNamespace(text=long_reply))
        screen.show_reply(SimpleNamespace(step=step, report=report))
    shown = screen.conversation.text()
    assert "клиента 1" not in shown and "клиента 2" in shown and "клиента 4" in shown and "клиента 5" not in shown
    assert "&lt;b&gt;Реплика&lt;/b&gt;" in shown  # escaped
    reply = shown.split("<b>Вы:</b> ")[1].split("<br>")[0]
    assert reply.endswith("слово…") and len(reply) <= REPLY_SHOWN + 1
    phone = Step("RPL-Y-1", "Алло!", "role_play", 0, 90, turn=1, voice="client")
    screen.show_question(QuestionAsked(phone, True, 1, 1))
    assert screen.question.text() == "Клиент говорит по телефону: слушайте" and not screen.conversation.isVisible()
    screen.show_state("reading")  # the voice failed: the line is read
    assert screen.question.text() == "Клиент: Алло!" and "прочитайте его реплику" in screen.state.text()
    ending = Step("RPL-Y-2", "Всё, до свидания.", "role_play", 0, 90, turn=2, voice="client", listen_only=True)
    screen.show_question(QuestionAsked(ending, True, 1, 1))
    assert screen.number.text() == "Клиент заканчивает разговор"
    screen.host.runner.speak = False  # the voice is off in the settings: nothing would be heard, so it is read
    screen.show_question(QuestionAsked(phone, True, 1, 1))
    assert screen.question.text() == "Клиент: Алло!"
    debrief = Step("RPL-Y-D1", "Что вы чувствовали в этой ситуации?", "short", 10, 90, debrief=1)
    screen.show_question(QuestionAsked(debrief, False, 1, 1))
    assert screen.number.text() == "Вопрос после ролевой игры 1 из 3"
    assert not screen.conversation.isVisible()  # a conversation that did not end with the client's last line
    screen.show_question(QuestionAsked(ending, False, 1, 1))
    screen.show_question(QuestionAsked(debrief, False, 1, 1))  # the first question after it: how it ended, above
    assert screen.conversation.text() == "<b>Разговор окончен. Клиент:</b> Всё, до свидания."
    second = Step("RPL-Y-D2", "Какие альтернативные решения вы могли бы предложить?", "short", 10, 90, debrief=2)
    screen.show_question(QuestionAsked(second, False, 1, 1))
    assert not screen.conversation.isVisible()


def test_the_first_question_after_the_game_is_the_interviewers_and_the_phone_says_whose_turn_it_is(qtbot):
    """The walkthrough: the first question after the client's last line read «Клиент говорит…» (it comes in the
    same state), and «Клиент говорит по телефону: слушайте» stayed on screen while the candidate answered."""
    from sobes.desktop.screens.interview import InterviewScreen
    from sobes.interview.events import QuestionAsked
    from tests.desktop.test_interview_space import FakeHost

    screen = InterviewScreen(FakeHost())
    qtbot.addWidget(screen)
    line = Step("RPL-Y-OPENING", "Алло!", "role_play", 0, 90, turn=1, voice="client")
    screen.show_question(QuestionAsked(line, True, 1, 1))
    screen.show_state("question")
    assert screen.state.text() == "Клиент говорит…"
    screen.show_state("answer")
    assert screen.question.text() == "Клиент слушает: отвечайте"
    ending = Step("RPL-Y-LEAVES", "Всё, до свидания.", "role_play", 0, 90, turn=2, voice="client", listen_only=True)
    screen.show_question(QuestionAsked(ending, True, 1, 1))
    screen.show_state("question")
    debrief = Step("RPL-Y-D1", "Что вы чувствовали в этой ситуации?", "short", 10, 90, debrief=1)
    screen.show_question(QuestionAsked(debrief, False, 1, 1))  # no new state: still «question»
    assert screen.state.text() == "Интервьюер задаёт вопрос…"
