"""The session's screens wired to each other and to ``SessionHost``: the start screen's choice begins a session,
the host's events bring the interview, review and summary forward, History opens a past answer or summary, and
saved Settings reach the host and the judge.

Only wiring: what a session does is ``interview.runner.SessionRunner``'s (through the host), what a screen shows
is the screen's, and the window (``main_window.MainWindow``) holds the screens and the way between them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from sobes.core.errors import SobesError
from sobes.desktop.dialogs import confirm, edit_text
from sobes.interview import plans
from sobes.interview.correction import correct_take

if TYPE_CHECKING:
    from sobes.desktop.main_window import MainWindow

logger = logging.getLogger(__name__)


class SessionScreens:
    """Connects the screens of ``window`` to its session host, and does what their buttons ask."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._ending = False  # the candidate ended the session: its summary comes straight after
        self._wire()

    def _wire(self) -> None:
        w = self.window
        w.start.choice_changed.connect(self._show_outline)
        self._show_outline(*w.start.choice())
        w.start.start_requested.connect(self.begin)
        w.start.history_requested.connect(w.show_history)
        w.start.settings_requested.connect(lambda: w.show_screen(w.settings_screen))
        w.host.take_ready.connect(self._review)
        w.host.phone_checked.connect(lambda event: w.review.show_phone_check(event.check))
        w.host.summary_ready.connect(self._summary)
        w.host.error.connect(lambda text: w.statusBar().showMessage(text, 15_000))
        w.host.working.connect(self._working)
        w.host.state_changed.connect(self._state)
        w.review.next_requested.connect(self._next)
        w.interview.end_requested.connect(self.end_session)
        w.review.retake_requested.connect(self._retake)
        w.summary.history_requested.connect(w.show_history)
        w.history_screen.open_requested.connect(self._open_saved)
        w.history_screen.summary_requested.connect(self._saved_summary)
        w.review.back_requested.connect(w.show_history)
        w.review.correct_requested.connect(self._correct_transcript)
        w.summary.new_requested.connect(lambda: w.show_screen(w.start))
        w.settings_screen.saved.connect(self._settings_saved)
        w.history_screen.back_requested.connect(w.go_back)
        w.settings_screen.back_requested.connect(w.go_back)

    def _settings_saved(self) -> None:
        """Devices, voice and norms apply from the next question on; the model after a restart. The settings screen
        saved only values the judge takes."""
        w, s = self.window, self.window.settings
        w.host.configure(input_device=s.input_device, output_device=s.output_device,
                         speak=w.speak and s.voice == "festival")
        w.analyzer.judge = s.judge()
        w.history_screen.refresh()  # the progress chart's norm band
        restart = (s.model or None) != w.analyzer.model_name
        w.statusBar().showMessage("Настройки сохранены" + (": другая модель заработает после перезапуска Собеса"
                                                           if restart else ""), 5_000)

    def _show_outline(self, role: str, mode: str, stage: str, question_id: str, _scenario_id: str = "") -> None:
        """How many questions and minutes the chosen session takes (``interview.plans.outline``); a role play's
        replies at most and the questions after it."""
        w = self.window
        outline = plans.outline(w.bank, mode, w.analyzer.judge, role=role, stage=stage or None,
                                question_id=question_id or None)
        w.start.show_outline(outline.text() if outline else "")

    def _remember_choice(self, role: str, mode: str, scenario_id: str = "") -> None:
        """The role, mode and role play are offered again at the next start (the app's settings file, nothing
        else)."""
        settings = self.window.settings
        scenario_id = scenario_id or settings.scenario  # another mode leaves the role play chosen before
        if (settings.role, settings.mode, settings.scenario) == (role, mode, scenario_id):
            return
        settings.role, settings.mode, settings.scenario = role, mode, scenario_id
        try:
            settings.save()
        except (OSError, SobesError) as exc:  # not worth stopping a session for
            logger.warning("role and mode not remembered: %s", exc)

    def begin(self, role: str, mode: str, stage: str, question_id: str, scenario_id: str = "") -> None:
        """What «Начать» does: the chosen session, on the interview screen."""
        w = self.window
        if mode == "role_play":
            self._begin_role_play(role, scenario_id)
            return
        plan = plans.plan(w.bank, mode, role=role, stage=stage, question_id=question_id)
        if not plan:
            w.statusBar().showMessage("Для этой роли и этапа нет вопросов: выберите другой этап.", 10_000)
            return
        self._remember_choice(role, mode)
        w.show_screen(w.interview)
        w.host.begin(plan, mode=mode, role=role, follow_ups=w.settings.follow_ups, phone=mode == "phone")

    def _begin_role_play(self, role: str, scenario_id: str) -> None:
        """The chosen role play (the client speaks first, through the phone line when the client calls)."""
        w = self.window
        try:
            scenario = plans.scenario_for(w.bank, role, scenario_id or None)
        except KeyError:  # the remembered one is gone from the bank
            scenario = None
        if scenario is None:
            w.statusBar().showMessage("Для этой роли нет ролевых игр: выберите другую роль.", 10_000)
            return
        self._remember_choice(role, "role_play", scenario.id)
        w.show_screen(w.interview)
        w.host.begin([], mode="role_play", role=role, follow_ups=False, phone=scenario.phone, scenario=scenario)

    def end_session(self) -> None:
        """Esc or "Завершить": ask, then end with the summary of the answers given. Only while a session runs,
        and only from its own screens: a finished session is never changed by a key."""
        w = self.window
        if w.stack.currentWidget() not in (w.interview, w.review):
            return
        if w.host.runner.state in ("idle", "summary", "aborted"):
            return
        recording = w.host.runner.state in ("answer", "paused")
        text = ("Завершить тренировку сейчас? Ответы, которые вы уже дали, сохранены — вы увидите итоги по ним."
                + (" Ответ, который идёт сейчас, тоже сохранится." if recording else ""))
        if not confirm(w, "Завершить тренировку?", text, do="Завершить", keep="Продолжить тренировку"):
            return
        self._ending = True
        w.review.stop()
        w.host.runner.finish()

    def _state(self, state: str) -> None:
        w = self.window
        if state in ("question", "think", "answer", "analysis") and w.stack.currentWidget() is not w.review:
            w.show_screen(w.interview)
        if state == "aborted":
            w.show_screen(w.start)

    def _review(self, take) -> None:
        w = self.window
        if take.step.turn:  # a role play's reply: its words join the conversation shown, the client answers back
            w.interview.show_reply(take)  # at once; the conversation's review comes at the end, on the summary
            return
        w.statusBar().showMessage("Готово")
        w.review.show_take(take)
        w.show_screen(w.review)

    def _open_saved(self, take) -> None:
        """A past answer from the history, in the review, with its recording."""
        self.window.review.show_saved(take)
        self.window.show_screen(self.window.review)

    def _correct_transcript(self) -> None:
        """The candidate puts right what the recogniser misheard; the content is judged again at once (a few
        hundredths of a second: on this thread, so the history is never written from two threads at a time)."""
        w = self.window
        take = w.review.take
        if take is None or take.report is None:
            return
        text = edit_text(w, "Исправить текст ответа",
                         "Исправьте слова, которые программа расслышала неверно, и нажмите «Оценить заново». "
                         "Содержание ответа будет оценено по вашему тексту; темп, паузы, паразиты и громкость "
                         "останутся как были: они измерены по записи.",
                         take.report.transcript.text, do="Оценить заново")
        if text is None or text.split() == take.report.transcript.text.split():
            return
        try:
            correct_take(w.history, take, text, w.analyzer.judge)
        except SobesError as exc:
            reason = str(exc)
            QMessageBox.warning(w, "Текст не исправлен", reason[:1].upper() + reason[1:] + ".")
            return
        w.review.show_corrected()
        w.statusBar().showMessage("Текст исправлен, содержание оценено заново", 10_000)

    def _working(self, event) -> None:
        self.window.interview.show_working(event)

    def _next(self) -> None:
        w = self.window
        w.review.stop()
        finished = w.host.runner.state == "summary"
        w.show_screen(w.summary if finished else w.interview)
        w.host.runner.continue_()

    def _retake(self) -> None:
        w = self.window
        w.review.stop()
        w.show_screen(w.interview)
        w.host.runner.retake()

    def _saved_summary(self, summary: dict) -> None:
        """A past session's summary from History: a role play's review of the conversation, its replies playable."""
        self.window.summary.show_summary(summary)
        self.window.show_screen(self.window.summary)

    def _summary(self, summary: dict) -> None:
        w = self.window
        w.summary.show_summary(summary)
        if self._ending or w.stack.currentWidget() is not w.review:  # else "Далее" on the review leads there
            self._ending = False
            w.show_screen(w.summary)
