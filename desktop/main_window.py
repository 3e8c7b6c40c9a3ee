"""The main window: one stack of screens, a menu with the shortcuts, a status line for messages."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sobes.audio.playback import play
from sobes.core.errors import SobesError, user_message
from sobes.desktop import worker
from sobes.desktop.dialogs import confirm, edit_text
from sobes.desktop.icon import app_icon
from sobes.desktop.screens.history import HistoryScreen
from sobes.desktop.screens.interview import InterviewScreen
from sobes.desktop.screens.review import ReviewScreen
from sobes.desktop.screens.settings_screen import SettingsScreen
from sobes.desktop.screens.start import StartScreen
from sobes.desktop.screens.summary import SummaryScreen
from sobes.desktop.session_host import SessionHost
from sobes.interview import plans
from sobes.interview.correction import correct_take
from sobes.interview.mic_check import MicrophoneCheck, as_heard
from sobes.interview.paths import data_dir

logger = logging.getLogger(__name__)
TITLE_BAR = 32  # pixels a window manager may add above the window
SMALLEST, LARGEST = (1000, 700), (1400, 1000)  # the window's first size: enough for every screen, not a wall
HELP = """<h3>Как проходит тренировка</h3>
<ol>
<li>На первом экране выберите роль и режим: полное собеседование, один этап, самопрезентацию, звонок рекрутера,
повтор одного вопроса или ролевую игру с клиентом. Под кнопкой «Начать» видно, сколько будет вопросов и сколько
примерно это займёт.</li>
<li>Проверьте микрофон: скажите пару фраз — программа скажет, хорошо ли вас слышно, и даст прослушать запись.</li>
<li>Интервьюер задаёт вопрос голосом. Есть время подумать; ответ можно начать раньше. Говорите, как на настоящем
собеседовании, и закончите ответ кнопкой или клавишей «Пробел».</li>
<li>После ответа — разбор: главное, что исправить, с кнопкой «▶» на нужном месте записи, текст ответа, темп, паузы,
слова-паразиты и структура рассказа. Ответ можно перезаписать или перейти к следующему вопросу.</li>
<li>Ролевая игра — разговор с недовольным клиентом: под ситуацией сказано, кто клиент и что ему нужно.
Отвечайте вслух — клиент ответит, смотря что вы сказали. В конце — разбор разговора; «▶» включает нужную реплику.</li>
<li>В конце — итоги тренировки. Все ответы остаются в «Истории»: их можно переслушать, сравнить попытки и
сохранить отчёт.</li>
</ol>
<p>Записи хранятся только на этом компьютере и никуда не отправляются.</p>
<h3>Клавиши</h3>
<table cellpadding="3">
<tr><td><b>Пробел</b></td><td>начать или закончить ответ; на разборе — следующий вопрос</td></tr>
<tr><td><b>Enter</b></td><td>на разборе — следующий вопрос</td></tr>
<tr><td><b>Esc</b></td><td>завершить тренировку (программа спросит); из «Истории» и «Настроек» — назад</td></tr>
<tr><td><b>Tab</b></td><td>перейти к следующей кнопке или полю (оно обведено синей рамкой)</td></tr>
<tr><td><b>Ctrl+N</b></td><td>новая тренировка</td></tr>
<tr><td><b>Ctrl+H</b></td><td>история и прогресс</td></tr>
<tr><td><b>Ctrl+,</b></td><td>настройки</td></tr>
<tr><td><b>F1</b></td><td>эта справка</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>выход</td></tr>
</table>"""


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
        self._ending = False  # the candidate ended the session: its summary comes straight after
        self._mic_check_audio = None  # the last microphone check, in memory only
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
        self._menus()
        self._wire()
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

    # --- navigation ------------------------------------------------------------------------
    def _menus(self) -> None:
        session = self.menuBar().addMenu("Собеседование")
        view = self.menuBar().addMenu("Вид")
        helping = self.menuBar().addMenu("Справка")
        for menu, text, keys, slot in (
            (session, "Новая тренировка", "Ctrl+N", lambda: self.show_screen(self.start)),
            (session, "Начать / закончить ответ; далее", "Space", self._space),
            (session, "Завершить собеседование… / назад", "Esc", self._escape),
            (session, "Выход", "Ctrl+Q", self.close),
            (view, "История и прогресс", "Ctrl+H", self.show_history),
            (view, "Настройки", "Ctrl+,", lambda: self.show_screen(self.settings_screen)),
            (helping, "Как проходит тренировка и клавиши", "F1", self.show_help),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            if keys == "Space":
                self.space_action = action
        self.enter_keys = [QShortcut(QKeySequence(key), self) for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)]
        for enter in self.enter_keys:  # the keypad's Enter too; wherever the focus is on the review
            enter.activated.connect(self._next_by_key)
        for button in self.review.findChildren(QPushButton):  # a click leaves the keys to «Далее →»
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.review.next_button.setToolTip("Следующий вопрос (Enter или Пробел)")

    def show_help(self) -> None:
        """A short page on how a session goes and what the keys do (F1)."""
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Справка — Собес", HELP, parent=self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.addButton("Закрыть", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def _screen_changed(self) -> None:
        """Space belongs to the session's screens (answer, next question); elsewhere it presses the button Tab
        has reached, as everywhere else."""
        self.space_action.setEnabled(self.stack.currentWidget() in (self.interview, self.review))
        for enter in self.enter_keys:
            enter.setEnabled(self.stack.currentWidget() is self.review)

    def _next_by_key(self) -> None:
        """Enter or Space on the review: what «Далее →» does, when it is there (not under a past answer). A button
        Tab has reached (its ring shows it) takes the key itself, as everywhere."""
        if self.stack.currentWidget() is not self.review:
            return
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and self.review.isAncestorOf(focused) and focused.isVisible():
            focused.click()
            return
        button = self.review.next_button
        if button.isVisible() and button.isEnabled():
            button.click()

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

    def _escape(self) -> None:
        """Esc: back from History and Settings; on a session's screens, end it (after asking)."""
        if self.stack.currentWidget() in (self.history_screen, self.settings_screen):
            self.go_back()
        else:
            self.end_session()

    def _space(self) -> None:
        """Space acts on the interview screen, as the button it names, and on the review as «Далее →»."""
        if self.stack.currentWidget() is self.interview:
            self.interview.space()
        elif self.stack.currentWidget() is self.review:
            self._next_by_key()

    def end_session(self) -> None:
        """Esc or "Завершить": ask, then end with the summary of the answers given. Only while a session runs,
        and only from its own screens: a finished session is never changed by a key."""
        if self.stack.currentWidget() not in (self.interview, self.review):
            return
        if self.host.runner.state in ("idle", "summary", "aborted"):
            return
        recording = self.host.runner.state in ("answer", "paused")
        text = ("Завершить тренировку сейчас? Ответы, которые вы уже дали, сохранены — вы увидите итоги по ним."
                + (" Ответ, который идёт сейчас, тоже сохранится." if recording else ""))
        if not confirm(self, "Завершить тренировку?", text, do="Завершить", keep="Продолжить тренировку"):
            return
        self._ending = True
        self.review.stop()
        self.host.runner.finish()

    def show_history(self) -> None:
        self.history_screen.refresh()
        self.show_screen(self.history_screen)

    def _wire(self) -> None:
        self.stack.currentChanged.connect(self._screen_changed)
        self._screen_changed()
        self.start.choice_changed.connect(self._show_outline)
        self._show_outline(*self.start.choice())
        self.start.start_requested.connect(self.begin)
        self.start.mic_check_requested.connect(self.check_microphone)
        self.start.mic_playback_requested.connect(self.play_microphone_check)
        self.start.history_requested.connect(self.show_history)
        self.start.settings_requested.connect(lambda: self.show_screen(self.settings_screen))
        self.host.take_ready.connect(self._review)
        self.host.phone_checked.connect(lambda event: self.review.show_phone_check(event.check))
        self.host.summary_ready.connect(self._summary)
        self.host.error.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.host.working.connect(self._working)
        self.host.state_changed.connect(self._state)
        self.review.next_requested.connect(self._next)
        self.interview.end_requested.connect(self.end_session)
        self.review.retake_requested.connect(self._retake)
        self.summary.history_requested.connect(self.show_history)
        self.history_screen.open_requested.connect(self._open_saved)
        self.history_screen.summary_requested.connect(self._saved_summary)
        self.review.back_requested.connect(self.show_history)
        self.review.correct_requested.connect(self._correct_transcript)
        self.summary.new_requested.connect(lambda: self.show_screen(self.start))
        self.settings_screen.saved.connect(self._settings_saved)
        self.history_screen.back_requested.connect(self.go_back)
        self.settings_screen.back_requested.connect(self.go_back)

    def _settings_saved(self) -> None:
        """Devices, voice and norms apply from the next question on; the model after a restart. The settings screen
        saved only values the judge takes."""
        s = self.settings
        self.host.configure(input_device=s.input_device, output_device=s.output_device,
                            speak=self.speak and s.voice == "festival")
        self.analyzer.judge = s.judge()
        self.history_screen.refresh()  # the progress chart's norm band
        restart = (s.model or None) != self.analyzer.model_name
        self.statusBar().showMessage("Настройки сохранены" + (": другая модель заработает после перезапуска Собеса"
                                                              if restart else ""), 5_000)

    # --- a session ----------------------------------------------------------------------------
    def _show_outline(self, role: str, mode: str, stage: str, question_id: str, _scenario_id: str = "") -> None:
        """How many questions and minutes the chosen session takes (``interview.plans.outline``); a role play's
        replies at most and the questions after it."""
        outline = plans.outline(self.bank, mode, self.analyzer.judge, role=role, stage=stage or None,
                                question_id=question_id or None)
        self.start.show_outline(outline.text() if outline else "")

    def _remember_choice(self, role: str, mode: str, scenario_id: str = "") -> None:
        """The role, mode and role play are offered again at the next start (the app's settings file, nothing
        else)."""
        scenario_id = scenario_id or self.settings.scenario  # another mode leaves the role play chosen before
        if (self.settings.role, self.settings.mode, self.settings.scenario) == (role, mode, scenario_id):
            return
        self.settings.role, self.settings.mode, self.settings.scenario = role, mode, scenario_id
        try:
            self.settings.save()
        except (OSError, SobesError) as exc:  # not worth stopping a session for
            logger.warning("role and mode not remembered: %s", exc)

    def begin(self, role: str, mode: str, stage: str, question_id: str, scenario_id: str = "") -> None:
        if mode == "role_play":
            self._begin_role_play(role, scenario_id)
            return
        plan = plans.plan(self.bank, mode, role=role, stage=stage, question_id=question_id)
        if not plan:
            self.statusBar().showMessage("Для этой роли и этапа нет вопросов: выберите другой этап.", 10_000)
            return
        self._remember_choice(role, mode)
        self.show_screen(self.interview)
        self.host.begin(plan, mode=mode, role=role, follow_ups=self.settings.follow_ups, phone=mode == "phone")

    def _begin_role_play(self, role: str, scenario_id: str) -> None:
        """The chosen role play (the client speaks first, through the phone line when the client calls)."""
        try:
            scenario = plans.scenario_for(self.bank, role, scenario_id or None)
        except KeyError:  # the remembered one is gone from the bank
            scenario = None
        if scenario is None:
            self.statusBar().showMessage("Для этой роли нет ролевых игр: выберите другую роль.", 10_000)
            return
        self._remember_choice(role, "role_play", scenario.id)
        self.show_screen(self.interview)
        self.host.begin([], mode="role_play", role=role, follow_ups=False, phone=scenario.phone, scenario=scenario)

    def _state(self, state: str) -> None:
        if state in ("question", "think", "answer", "analysis") and self.stack.currentWidget() is not self.review:
            self.show_screen(self.interview)
        if state == "aborted":
            self.show_screen(self.start)

    def _review(self, take) -> None:
        if take.step.turn:  # a role play's reply: its words join the conversation shown, the client answers back
            self.interview.show_reply(take)  # at once; the conversation's review comes at the end, on the summary
            return
        self.statusBar().showMessage("Готово")
        self.review.show_take(take)
        self.show_screen(self.review)

    def _open_saved(self, take) -> None:
        """A past answer from the history, in the review, with its recording."""
        self.review.show_saved(take)
        self.show_screen(self.review)

    def _correct_transcript(self) -> None:
        """The candidate puts right what the recogniser misheard; the content is judged again at once (a few
        hundredths of a second: on this thread, so the history is never written from two threads at a time)."""
        take = self.review.take
        if take is None or take.report is None:
            return
        text = edit_text(self, "Исправить текст ответа",
                         "Исправьте слова, которые программа расслышала неверно, и нажмите «Оценить заново». "
                         "Содержание ответа будет оценено по вашему тексту; темп, паузы, паразиты и громкость "
                         "останутся как были: они измерены по записи.",
                         take.report.transcript.text, do="Оценить заново")
        if text is None or text.split() == take.report.transcript.text.split():
            return
        try:
            correct_take(self.history, take, text, self.analyzer.judge)
        except SobesError as exc:
            reason = str(exc)
            QMessageBox.warning(self, "Текст не исправлен", reason[:1].upper() + reason[1:] + ".")
            return
        self.review.show_corrected()
        self.statusBar().showMessage("Текст исправлен, содержание оценено заново", 10_000)

    def _working(self, event) -> None:
        self.interview.show_working(event)

    def _next(self) -> None:
        self.review.stop()
        finished = self.host.runner.state == "summary"
        self.show_screen(self.summary if finished else self.interview)
        self.host.runner.continue_()

    def _retake(self) -> None:
        self.review.stop()
        self.show_screen(self.interview)
        self.host.runner.retake()

    def _saved_summary(self, summary: dict) -> None:
        """A past session's summary from History: a role play's review of the conversation, its replies playable."""
        self.summary.show_summary(summary)
        self.show_screen(self.summary)

    def _summary(self, summary: dict) -> None:
        self.summary.show_summary(summary)
        if self._ending or self.stack.currentWidget() is not self.review:  # else "Далее" on the review leads there
            self._ending = False
            self.show_screen(self.summary)

    # --- microphone check ---------------------------------------------------------------------
    def check_microphone(self) -> None:
        """A few seconds judged as the answers are (``interview.mic_check``); what to do, said in words."""
        check = MicrophoneCheck(self.analyzer.judge, device=self.settings.input_device or None, backend=self.backend)
        self.start.mic_recording(check.seconds)
        self.start.meter.reset()

        def show_level() -> None:
            self.start.meter.show_level(*check.level())
            self.start.mic_recording(check.left_s())

        meter = QTimer(self)
        meter.setInterval(100)
        meter.timeout.connect(show_level)

        def done(result) -> None:
            meter.stop()
            self._mic_check_audio = result.audio  # kept in memory only, to hear oneself
            self.start.mic_checked(result.advice, playable=result.audio is not None)

        def failed(exc) -> None:
            meter.stop()
            self.start.mic_checked(user_message(exc, "Микрофон недоступен."))

        def started(_) -> None:
            meter.start()
            QTimer.singleShot(int(check.seconds * 1000), lambda: worker.run(check.finish, on_result=done,
                                                                           on_error=failed))

        worker.run(check.start, on_result=started, on_error=failed)

    def play_microphone_check(self) -> None:
        """Hear the last microphone check as the app heard it, or as a phone line carries it when the phone mode
        is chosen (the line's filter runs on a worker: it takes a moment the first time)."""
        audio = self._mic_check_audio
        if audio is None:
            return

        def heard(sound) -> None:
            try:
                play(sound.samples, sound.sample_rate, backend=self.backend)
            except SobesError as exc:
                self.start.mic_checked(str(exc), playable=False)

        phone = self.start.phone_chosen()
        worker.run(lambda: as_heard(audio, phone=phone), on_result=heard,
                   on_error=lambda exc: self.start.mic_checked(user_message(exc, "Не удалось воспроизвести."),
                                                               playable=False))

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
