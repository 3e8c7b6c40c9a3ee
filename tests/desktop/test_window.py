"""The main window as a candidate meets it (issue 29): Qt's dialogs in Russian, exports saved where people keep
files, keys that do what the buttons say, a focus one can see, a window and screens that fit 1024×768 and use
1920×1080 sensibly, role and mode remembered, what a session takes said before it starts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from sobes.interview.session import Step
from tests.desktop.test_app import start_retake, window  # noqa: F401  (the window fixture)

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1024, 768), (1920, 1080)]


# --- Qt's own texts in Russian ---------------------------------------------------------------
def test_the_windows_translators_are_installed_and_a_file_dialog_speaks_russian(window, qtbot, tmp_path):  # noqa: F811
    from sobes.desktop.dialogs import save_file_dialog

    app = QApplication.instance()
    assert any(t.filePath().endswith("qtbase_ru.qm") for t in app.sobes_translators)  # Qt's catalogue was found
    folder = tmp_path / "отчёты"
    folder.mkdir()
    (folder / "отчёт.html").write_bytes(b"x" * 20_480)
    dialog = save_file_dialog(window, "Сохранить отчёт", folder, "собес.html", "Отчёт (*.html)")
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    buttons = " ".join(button.text() for button in dialog.findChildren(QPushButton))
    assert "Папка" in labels and "Имя файла" in labels and "Тип файла" in labels, labels
    assert "Сохранить" in buttons and "Отмена" in buttons, buttons
    assert not any(word in labels + buttons for word in ("Look in", "Files of", "Save", "Cancel"))
    model = dialog.proxyModel()
    listed = model.mapFromSource(model.sourceModel().index(str(folder)))
    qtbot.waitUntil(lambda: model.rowCount(listed) == 1, timeout=5_000)
    assert model.index(0, 1, listed).data() == "20,0 кБ"  # Qt wrote «20,00 KiB»


def test_qt_russian_is_bundled_by_the_packaging_spec():
    spec = (ROOT / "packaging" / "sobes.spec").read_text(encoding="utf-8")
    assert "qtbase_ru.qm" in spec and '"PySide6/Qt/translations"' in spec


# --- exports -----------------------------------------------------------------------------------
@pytest.fixture
def a_session(window):  # noqa: F811
    history = window.history
    session_id = history.start_session("retake", "client_manager")
    for i in range(9):
        history.add_recorded(session_id, Step(f"HR-0{i + 1}", f"Вопрос {i + 1}", "star", 0, 0), Path("нет.wav"), 1.0)
    history.end_session(session_id, "completed")
    window.show_history()
    return session_id


def test_an_export_opens_in_documents_remembers_its_folder_and_says_where_it_went(window, a_session, tmp_path,  # noqa: F811
                                                                                   monkeypatch):
    from sobes.desktop.dialogs import documents_folder
    from sobes.interview.settings import Settings

    screen = window.history_screen
    opened, chosen = [], [tmp_path / "отчёты" / "мой.html"]
    chosen[0].parent.mkdir()

    def exec_(dialog):
        opened.append(Path(dialog.directory().absolutePath()))
        dialog.selectFile(str(chosen[0]))
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", exec_)
    screen.table.selectRow(0)
    next(b for b in screen.findChildren(QPushButton) if "HTML" in b.text()).click()
    assert opened[0] == documents_folder() and opened[0] != Path.cwd()
    assert chosen[0].read_text(encoding="utf-8").startswith("<!doctype html>")
    assert screen.export_note.text() == f"Сохранено: {chosen[0].parent}"
    chosen[0] = chosen[0].parent / "мой.csv"
    next(b for b in screen.findChildren(QPushButton) if "CSV" in b.text()).click()
    assert chosen[0].read_text(encoding="utf-8-sig").startswith("№;Вопрос;")  # the Russian table, as the CLI's
    assert opened[1] == chosen[0].parent  # the folder of the last report, also after a restart:
    assert Settings.load()[0].export_folder == str(chosen[0].parent)


# --- keys --------------------------------------------------------------------------------------
def action(win, text: str):
    return next(a for menu in win.menuBar().actions() for a in menu.menu().actions() if a.text() == text)


def test_quit_and_help_are_in_the_menu(window, monkeypatch):  # noqa: F811
    assert action(window, "Выход").shortcut().toString() == "Ctrl+Q"
    help_action = action(window, "Как проходит тренировка и клавиши")
    assert help_action.shortcut().toString() == "F1"
    assert [a.text() for a in window.menuBar().actions()] == ["Собеседование", "Вид", "Справка"]
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    help_action.trigger()
    page = shown[0]
    for said in ("Как проходит тренировка", "Пробел", "Enter", "Esc", "Tab", "Ctrl+Q"):
        assert said in page
    words = re.sub(r"Ctrl\+.|Enter|Esc|Tab|F1", "", re.sub(r"<[^>]+>", "", page))
    assert not re.search("[A-Za-z]", words), "plain Russian, the keys' names aside"


def test_space_presses_the_focused_button_outside_the_session(window, qtbot):  # noqa: F811
    """The window's Space was taken on every screen: Tab to «Начать» and Space did nothing."""
    window.show_screen(window.start)
    assert not window.menus.space_action.isEnabled()
    window.show_screen(window.interview)
    assert window.menus.space_action.isEnabled()
    window.show_screen(window.start)
    pressed = []
    window.start.history_button.clicked.connect(lambda: pressed.append(1))
    window.start.history_button.setFocus()
    qtbot.keyClick(window.start.history_button, Qt.Key.Key_Space)
    assert pressed == [1]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Space])
def test_enter_or_space_on_the_review_goes_on_as_dalee_says(window, qtbot, key):  # noqa: F811
    from tests.test_no_answer_lost import answering

    answering(window, qtbot, 2.0)
    window.interview.buttons["stop_answer"].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=60_000)
    assert "Enter" in window.review.next_button.toolTip() and "Пробел" in window.review.next_button.toolTip()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    window.review.play_button.click()  # a click on «▶ Слушать» leaves the keys to «Далее →»
    if key == Qt.Key.Key_Space:
        window.menus.space_action.trigger()  # the window's shortcut, as a key press reaches it
    else:
        qtbot.keyClick(window.review.transcript, key)  # wherever the focus is on the review
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10_000)


def test_a_button_tab_has_reached_on_the_review_takes_space_itself(window, qtbot):  # noqa: F811
    """Space goes to «Далее →» unless Tab put the ring on another button: then that button is what the key does."""
    from tests.test_no_answer_lost import answering

    answering(window, qtbot, 2.0)
    window.interview.buttons["stop_answer"].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=60_000)
    retakes = []
    window.review.retake_requested.connect(lambda: retakes.append(1))
    assert window.review.retake_button.focusPolicy() == Qt.FocusPolicy.TabFocus  # a click gives it no focus
    window.review.retake_button.setFocus()
    window.menus.space_action.trigger()
    assert retakes == [1] and window.stack.currentWidget() is not window.summary
    window.host.runner.abort()


def test_the_keyboard_focus_is_drawn_as_a_clear_ring(qtbot):
    from sobes.desktop.focus_style import RING, install_focus_style

    install_focus_style(QApplication.instance())
    button = QPushButton("Начать")
    qtbot.addWidget(button)
    button.resize(160, 40)
    button.show()

    def ring_pixels() -> int:
        image = button.grab().toImage()
        return sum(image.pixelColor(x, y).name() == RING.name() for x in range(image.width())
                   for y in (1, image.height() // 2, image.height() - 2))

    unfocused = ring_pixels()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2_000)
    assert ring_pixels() > unfocused + 100


# --- size and layout ---------------------------------------------------------------------------
@pytest.mark.parametrize(("screen", "expected"), [((1024, 768), (1000, 700)), ((1920, 1080), (1400, 943)),
                                                  ((800, 600), (800, 568)), ((3840, 2160), (1400, 1000))])
def test_the_first_window_size_fits_the_screen_and_grows_on_a_larger_one(screen, expected):
    from sobes.desktop.main_window import TITLE_BAR, default_size

    width, height = default_size(*screen)
    assert (width, height) == expected
    assert width <= screen[0] and height <= screen[1] - TITLE_BAR


@pytest.mark.parametrize("size", SIZES)
def test_the_start_screen_keeps_a_readable_width_centred(window, qtbot, size):  # noqa: F811
    from sobes.desktop.screens.start import CONTENT_WIDTH

    window.resize(*size)
    window.show_screen(window.start)
    qtbot.wait(50)
    role = window.start.role
    left = role.mapTo(window, role.rect().topLeft()).x()
    assert role.width() < CONTENT_WIDTH
    content = window.start.start_button.parentWidget()
    assert content.width() <= CONTENT_WIDTH
    margin_left = content.mapTo(window.start, content.rect().topLeft()).x()
    margin_right = window.start.width() - margin_left - content.width()
    assert abs(margin_left - margin_right) <= 12  # centred
    assert left > 0 and window.start.start_button.isVisible()


@pytest.mark.parametrize("size", SIZES)
def test_history_tables_are_as_tall_as_their_rows(window, a_session, qtbot, size):  # noqa: F811
    window.resize(*size)
    qtbot.wait(50)
    screen = window.history_screen
    screen.table.selectRow(0)
    sessions, answers = screen.table, screen.answers
    assert sessions.rowCount() == 1 and answers.rowCount() == 9
    assert sessions.height() < 4 * sessions.rowHeight(0) + sessions.horizontalHeader().height()  # no tall empty box
    assert answers.verticalScrollBar().maximum() == 0  # all nine answers seen at once


# --- role, mode and what a session takes ---------------------------------------------------------
def test_the_start_says_what_the_session_takes_and_remembers_role_and_mode(window, qtbot):  # noqa: F811
    from sobes.interview import plans
    from sobes.interview.settings import Settings

    start = window.start
    start.mode.setCurrentIndex(start.mode.findData("stage"))
    start.stage.setCurrentIndex(start.stage.findData("behavioral"))
    expected = plans.outline(window.bank, "stage", window.analyzer.judge, role=start.role.currentData(),
                             stage="behavioral")
    assert expected is not None and start.outline.text() == f"Тренировка: {expected.text()}."
    assert "вопрос" in start.outline.text() and "минут" in start.outline.text()
    start.role.setCurrentIndex(start.role.findData("sales_support"))
    start_retake(window)
    qtbot.waitUntil(lambda: window.host.runner.state == "think", timeout=10_000)
    window.host.runner.abort()
    stored = Settings.load()[0]
    assert (stored.role, stored.mode) == ("sales_support", "retake")
    from sobes.desktop.screens.start import StartScreen

    again = StartScreen(window.bank.questions, role=stored.role, mode=stored.mode)
    qtbot.addWidget(again)
    assert (again.role.currentData(), again.mode.currentData()) == ("sales_support", "retake")


def test_the_phone_mode_is_not_named_like_the_phone_stage():
    from sobes.interview.plans import MODES
    from sobes.interview.question_bank import STAGES

    assert MODES["phone"] not in STAGES.values()


def test_the_phone_modes_microphone_check_is_heard_through_the_line(window, qtbot):  # noqa: F811
    start, backend = window.start, window.backend_under_test
    played = backend.played

    def check_and_play() -> tuple[np.ndarray, int]:
        window.mic_check.check_microphone()
        qtbot.waitUntil(lambda: start.mic_play_button.isEnabled(), timeout=20_000)
        before = len(played)
        start.mic_play_button.click()
        qtbot.waitUntil(lambda: len(played) == before + 1, timeout=10_000)
        return np.asarray(played[-1], np.float32).ravel(), backend.streams[-1].samplerate

    def high_share(sound: np.ndarray, rate: int) -> float:
        """The share of the sound's energy above what a phone line carries (3.4 kHz)."""
        spectrum = np.abs(np.fft.rfft(sound)) ** 2
        freqs = np.fft.rfftfreq(len(sound), 1 / rate)
        return float(spectrum[freqs > 3_600].sum() / spectrum.sum())

    direct = check_and_play()
    start.mode.setCurrentIndex(start.mode.findData("phone"))
    assert "телефон" in start.mic_play_button.text()
    line = check_and_play()
    assert high_share(*direct) > 0.01 and high_share(*line) < high_share(*direct) / 20


# --- the real window on a real X display ---------------------------------------------------------
PROBE = """
import os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from sobes.analysis.engine import Analyzer
Analyzer.prepare = lambda self, *args, **kwargs: None  # the size needs no model: the fast tier loads none
from sobes.desktop.app import build_window
w = build_window(speak=False)
w.show()
for _ in range(20):
    app.processEvents()
g, free = w.frameGeometry(), w.screen().availableGeometry()
print("WINDOW", g.width(), g.height(), free.width(), free.height(), flush=True)
os._exit(0)
"""


@pytest.mark.skipif(not Path("/usr/bin/xvfb-run").exists(), reason="needs xvfb-run (scripts/setup.sh test)")
@pytest.mark.parametrize("size", SIZES)
def test_the_window_fits_a_real_screen_of_this_size(size, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "SOBES_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {size[0]}x{size[1]}x24", sys.executable, "-c", PROBE],
                          env=env, capture_output=True, text=True, timeout=120)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WINDOW")), None)
    assert line is not None, done.stdout + done.stderr
    width, height, free_width, free_height = (int(n) for n in line.split()[1:])
    assert width <= free_width and height <= free_height
    assert width >= min(1000, free_width) and (size[0] < 1900 or width >= 1400)


def test_an_empty_history_says_so_and_shows_no_empty_boxes(window):  # noqa: F811
    window.show_history()
    screen = window.history_screen
    assert screen.empty_note.isVisible() and "пока нет" in screen.empty_note.text()
    assert not screen.kind.isVisible() and not screen.export_note.isVisible()


def test_qt_russian_is_looked_for_inside_the_packaged_app_too(monkeypatch, tmp_path):
    from sobes.desktop.translations import catalogue_folders

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    folders = catalogue_folders()
    assert tmp_path / "PySide6" / "Qt" / "translations" in folders
    assert any((folder / "qtbase_ru.qm").is_file() for folder in folders)  # here: the wheel's


def test_no_session_starts_while_the_speech_model_is_not_loaded(qtbot, bank):
    """«Модель не загрузилась» was shown, and «Начать» still started a session whose answers nobody could read."""
    from sobes.desktop.screens.start import StartScreen

    start = StartScreen(bank.questions, role="client_manager", mode="full")
    qtbot.addWidget(start)
    start.model_failed("переустановите Собес")
    for mode in ("stage", "retake", "full"):  # choosing another mode does not bring the button back
        start.mode.setCurrentIndex(start.mode.findData(mode))
        assert not start.start_button.isEnabled()
    assert "не загрузилась" in start.model_label.text() and "загрузится" in start.start_button.toolTip()
    start.model_ready()
    assert start.start_button.isEnabled() and start.start_button.toolTip() == ""


def test_a_stage_is_named_without_a_count_that_contradicts_the_session(qtbot, bank):
    """The stage box said «Телефонный скрининг — вопросов: 7» (the bank's count) while the session asks 5: how many
    are asked is said once, by the outline under the form."""
    from sobes.desktop.screens.start import StartScreen

    start = StartScreen(bank.questions, role="client_manager", mode="stage")
    qtbot.addWidget(start)
    names = [start.stage.itemText(i) for i in range(start.stage.count())]
    assert len(names) >= 3 and not any("вопрос" in name or any(c.isdigit() for c in name) for name in names)


def test_enter_presses_the_summary_button_tab_has_reached(qtbot):
    """Space pressed a focused button on the summary and Enter did nothing."""
    from sobes.desktop.screens.summary import SummaryScreen

    summary = SummaryScreen()
    qtbot.addWidget(summary)
    summary.show()
    pressed = []
    summary.new_requested.connect(lambda: pressed.append("new"))
    summary.new.setFocus()
    qtbot.keyClick(summary.new, Qt.Key.Key_Return)
    assert pressed == ["new"]
