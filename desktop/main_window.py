"""The main window's assembly: one stack of screens, a notice line above them, a status line for messages, and the
way between the screens (History and Settings lead back to where the candidate was).

The menus and keys are ``menus.Menus``, the session screens' wiring ``session_screens.SessionScreens``, the start
screen's microphone check ``mic_check_wiring.MicCheckWiring``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from sobes.desktop import worker
from sobes.desktop.icon import app_icon
from sobes.desktop.menus import Menus
from sobes.desktop.mic_check_wiring import MicCheckWiring
from sobes.desktop.screens.history import HistoryScreen
from sobes.desktop.screens.interview import InterviewScreen
from sobes.desktop.screens.review import ReviewScreen
from sobes.desktop.screens.settings_screen import SettingsScreen
from sobes.desktop.screens.start import StartScreen
from sobes.desktop.screens.summary import SummaryScreen
from sobes.desktop.session_host import SessionHost
from sobes.desktop.session_screens import SessionScreens
from sobes.interview.paths import data_dir

TITLE_BAR = 32  # pixels a window manager may add above the window
SMALLEST, LARGEST = (1000, 700), (1400, 1000)  # the window's first size: enough for every screen, not a wall


def default_size(free_width: int, free_height: int) -> tuple[int, int]:
    """The window's first size on a screen with this much free room: three quarters of its width and most of its
    height, at least ``SMALLEST`` and at most ``LARGEST``, and never more than the screen holds."""
    width = max(SMALLEST[0], min(LARGEST[0], free_width * 3 // 4))
    height = max(SMALLEST[1], min(LARGEST[1], (free_height - TITLE_BAR) * 9 // 10))
    return min(width, free_width), min(height, free_height - TITLE_BAR)


class MainWindow(QMainWindow):
    def __init__(self, *, settings, history, bank, analyzer, devices, backend=None, speak=True):
        super().__init__()
        self.setWindowTitle("Собес — тренажёр собеседований")
        self.setWindowIcon(app_icon())
        self._fit_to_screen()
        self.settings, self.history, self.bank, self.analyzer, self.backend = (settings, history, bank, analyzer,
                                                                               backend)
        self.speak = speak
        self._came_from: QWidget | None = None  # the screen History or Settings was opened from
        self.host = SessionHost(analyzer, history, data_dir() / "recordings", backend=backend,
                                input_device=settings.input_device, output_device=settings.output_device,
                                speak=speak and settings.voice == "festival")
        self.stack = QStackedWidget()
        self.notices = QLabel()  # what the user should know since the start (a setting dropped, a bank skipped)
        self.notices.setWordWrap(True)
        self.notices.setTextFormat(Qt.TextFormat.PlainText)
        self.notices.setStyleSheet("background:#fff4ce; color:#3b2f00; padding:8px; border-bottom:1px solid #e0c060")
        self.notices.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notices)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.start = StartScreen(bank.questions, role=settings.role, mode=settings.mode, scenarios=bank.scenarios,
                                 scenario=settings.scenario)
        self.interview = InterviewScreen(self.host)
        self.review = ReviewScreen(backend, history=history, analyzer=analyzer)
        self.summary = SummaryScreen(history=history, backend=backend)
        self.history_screen = HistoryScreen(history, analyzer, settings=settings)
        self.settings_screen = SettingsScreen(settings, devices, analyzer=analyzer, backend=backend)
        for screen in (self.start, self.interview, self.review, self.summary, self.history_screen,
                       self.settings_screen):
            self.stack.addWidget(screen)
        self.session = SessionScreens(self)
        self.mic_check = MicCheckWiring(self)
        self.menus = Menus(self, self.session)
        self.ticker = QTimer(self)
        self.ticker.setInterval(200)
        self.ticker.timeout.connect(self.interview.refresh_timer)
        self.ticker.start()
        self.statusBar().showMessage("Готово")

    def _fit_to_screen(self) -> None:
        """``default_size`` of the screen's free area, centred: a fixed 1100×760 had its edge cut off on a
        1024×768 screen and stayed small on a large one."""
        screen = self.screen()
        if screen is None:
            self.resize(*SMALLEST)
            return
        free = screen.availableGeometry()
        width, height = default_size(free.width(), free.height())
        self.move(free.left() + (free.width() - width) // 2, free.top() + (free.height() - TITLE_BAR - height) // 2)
        self.resize(width, height)

    def show_notice(self, text: str) -> None:
        """A message that stays on top of every screen until the window closes (one per line)."""
        lines = [line for line in self.notices.text().splitlines() if line] + [text]
        self.notices.setText("\n".join(lines))
        self.notices.show()

    def show_screen(self, screen) -> None:
        side = (self.history_screen, self.settings_screen)
        current = self.stack.currentWidget()
        if screen in side and current not in side:
            # where "← Назад" returns: the session's screen, or the start (never a past answer's review)
            saved_review = current is self.review and self.review.back_button.isVisible()
            self._came_from = self.start if saved_review else current
        self.stack.setCurrentWidget(screen)

    def go_back(self) -> None:
        """From History or Settings to where the candidate was."""
        self.show_screen(self._came_from or self.start)

    def show_history(self) -> None:
        self.history_screen.refresh()
        self.show_screen(self.history_screen)

    def begin(self, role: str, mode: str, stage: str, question_id: str, scenario_id: str = "") -> None:
        """What «Начать» does (``SessionScreens.begin``): the benches and tests start a session through it."""
        self.session.begin(role, mode, stage, question_id, scenario_id)

    def closeEvent(self, event) -> None:
        """Closing mid-answer asks whether to keep the answer (yes by default); everything then stops."""
        keep = True
        if self.host.runner.state in ("answer", "paused") and self.host.recorder is not None:
            answer = QMessageBox.question(self, "Собес", "Идёт запись ответа. Сохранить то, что уже записано?",
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.Yes)
            keep = answer != QMessageBox.StandardButton.No
        self.history_screen.stop()
        self.host.close(keep_answer=keep)
        worker.cancel_all()
        super().closeEvent(event)
