"""Interview: the question (hidden on the phone), timers, the level meter and the controls. In a role play the
client's line takes the question's place («Клиент: …», «Реплика 2»), with the conversation so far above it."""

from __future__ import annotations

import time
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sobes.analysis.labels import pace
from sobes.desktop.widgets.level_meter import LevelMeter

# a key pressed as the recording starts was meant for the old button («Начать ответ»): 1 s let a Space that came
# 1,2 s after a think time of 3 s ran out stop the take at 0,67 s of silence, kept as an answer «Речь не обнаружена»
SPACE_GRACE_S = 2.0
STATE_TEXT = {
    "intro": "Начинаем…", "question": "Интервьюер задаёт вопрос…",
    "reading": "Голос интервьюера недоступен: прочитайте вопрос", "think": "Время подумать",
    "answer": "● Идёт запись — говорите", "saving": "Сохраняем запись…", "analysis": "Анализируем ответ…",
    "paused": "Пауза", "summary": "Собеседование окончено", "aborted": "Собеседование прервано",
    "skipping": "Пропускаем…", "retrying": "Повторим вопрос…",
}


# a role play's client speaks where an interviewer asks
ROLE_PLAY_STATE_TEXT = {
    "question": "Клиент говорит…", "reading": "Голос клиента недоступен: прочитайте его реплику",
    "answer": "● Идёт запись — отвечайте клиенту", "analysis": "Клиент слушает ваш ответ…",
    "retrying": "Клиент повторит…",
}
CONVERSATION_SHOWN = 3  # turns of the conversation so far shown above the client's line: the latest ones
CONVERSATION_WIDTH = 1000  # pixels
REPLY_SHOWN = 180  # characters of a reply shown there: a minute's reply filled half a laptop's screen
PACE_NOTE = {"slow": " — медленнее нормы", "fast": " — быстрее нормы"}


class InterviewScreen(QWidget):
    end_requested = Signal()  # "Завершить": the window asks first

    def __init__(self, host, parent=None):
        super().__init__(parent)
        self.host = host
        self.phone = False
        self._asked_text = ""  # the question's own text, shown on the phone only when the voice failed
        self._answer_started = 0.0
        self._shown_state = ""
        self._turn = 0  # the role play's reply being given (0: an ordinary question)
        self._said: dict[int, tuple[str, str | None]] = {}  # a role play's turns: the client's line, the reply
        self._ended = False  # the role play's client has said their last line
        layout = QVBoxLayout(self)
        layout.addStretch(1)  # centred on a large screen, not stuck to the top of a half-empty window
        self.conversation = QLabel("")  # a role play so far: the client's lines and «Вы: …», the latest few
        self.conversation.setWordWrap(True)
        self.conversation.setTextFormat(Qt.TextFormat.RichText)
        self.conversation.setStyleSheet("color: #444; padding: 8px; background: #f4f4f4; border-radius: 4px;")
        self.conversation.setVisible(False)
        self.conversation.setMaximumWidth(CONVERSATION_WIDTH)  # a line across 1900 pixels is hard to follow
        beside = QHBoxLayout()
        beside.addStretch(1)
        beside.addWidget(self.conversation, 100)
        beside.addStretch(1)
        layout.addLayout(beside)
        self.number = QLabel("")  # "Вопрос 2 из 5"
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet("color: #555;")
        layout.addWidget(self.number)
        self.question = QLabel("")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # a question from an own bank is text, never markup
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setStyleSheet("font-size: 20px; padding: 16px;")
        self.state = QLabel("")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer = QLabel("")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer.setStyleSheet("font-size: 28px;")
        self.meter = LevelMeter()
        self.live = QLabel("")
        self.live.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.how_to_button = QPushButton("Как отвечать?")
        self.how_to_button.setCheckable(True)
        self.how_to = QLabel("")  # the question's "как отвечать" note, on request
        self.how_to.setWordWrap(True)
        self.how_to.setTextFormat(Qt.TextFormat.PlainText)
        self.how_to.setVisible(False)
        self.how_to_button.toggled.connect(self.how_to.setVisible)
        for widget in (self.question, self.how_to_button, self.how_to, self.state, self.timer, self.meter, self.live):
            layout.addWidget(widget)
        self._space_keeper = _SpaceKeeper(self)
        self.how_to_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.how_to_button.installEventFilter(self._space_keeper)
        buttons = QHBoxLayout()
        self.buttons = {}
        runner = host.runner
        for name, text, action in (
                ("question_read", "Начать обдумывание (Пробел)", runner.question_read),
                ("start_answer_now", "Начать ответ (Пробел)", runner.start_answer_now),
                ("stop_answer", "Закончить ответ (Пробел)", runner.stop_answer),
                ("skip", "Пропустить", runner.skip), ("retry", "Повторить вопрос", runner.retry),
                ("pause", "Пауза", runner.pause), ("resume", "Продолжить", runner.resume),
                ("abort", "Завершить (Esc)", self.end_requested.emit)):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keyboard where it was
            button.installEventFilter(self._space_keeper)
            button.clicked.connect(lambda _=False, act=action: act())
            button.setVisible(False)  # each state shows its own: all eight at once made the window 1117 px wide
            buttons.addWidget(button)
            self.buttons[name] = button
        layout.addLayout(buttons)
        layout.addStretch(1)
        host.question.connect(self.show_question)
        host.state_changed.connect(self.show_state)
        host.level.connect(lambda event: self.meter.show_level(event.level, event.judged))
        host.live.connect(self.show_live)

    def show_question(self, asked) -> None:
        """``asked``: ``interview.events.QuestionAsked``."""
        # on the phone a question is heard, not read; with the voice off in the settings it is read all the same
        self.phone = asked.phone and bool(getattr(self.host.runner, "speak", True))
        step = asked.step
        self._turn = turn = step.turn
        if turn:
            self._client_line(asked)
        else:
            self._show_ending(step)
            self.number.setText(asked.where)
            self._asked_text = step.text
            self.question.setText("Телефонный звонок: слушайте интервьюера" if self.phone else step.text)
        self.buttons["retry"].setText("Повторить реплику клиента" if turn else "Повторить вопрос")
        read = ("Дальше (Пробел)" if step.listen_only else "Начать ответ (Пробел)") if turn else \
            "Начать обдумывание (Пробел)"  # a client's line read: the reply starts at once, as in a conversation
        self.buttons["question_read"].setText(read)
        note = asked.step.how_to_answer
        self.how_to.setText("\n".join(f"• {line}" for line in note))
        self.how_to_button.setChecked(False)  # each question starts with the note closed
        self.how_to_button.setVisible(bool(note) and not self.phone)
        # the first question after a role play comes in the state the client's last line left («Клиент говорит…»)
        self._say_state()

    def _client_line(self, asked) -> None:
        """A role play's client speaks: «Реплика 2» and «Клиент: …» (heard, not read, on the phone), and what was
        said before it."""
        step = asked.step
        if self._turn == 1:
            self._said.clear()
        self._said[self._turn] = (step.text, None)
        self._ended = step.listen_only  # the client's last line: said, not answered
        self.number.setText("Клиент заканчивает разговор" if step.listen_only else f"Реплика {self._turn}")
        self._asked_text = f"Клиент: {step.text}"
        self.question.setText("Клиент говорит по телефону: слушайте" if self.phone else self._asked_text)
        self._show_conversation()

    def _show_ending(self, step) -> None:
        """Above the first question after a role play, how the client ended it: said in a few seconds (and with
        the voice off, shown for a moment only), the line was gone before it could be taken in."""
        last = max(self._said, default=0)
        ending = self._said[last][0] if step.debrief == 1 and last and self._ended else ""
        self._said.clear()
        self.conversation.setText(f"<b>Разговор окончен. Клиент:</b> {escape(ending)}" if ending else "")
        self.conversation.setVisible(bool(ending))

    def show_reply(self, take) -> None:
        """A role play's reply once analysed: its words join the conversation shown."""
        turn = take.step.turn
        if not turn or turn not in self._said:
            return
        report = take.report
        words = report.transcript.text.strip() if report is not None and report.speech_detected else ""
        self._said[turn] = (self._said[turn][0], words)
        self._show_conversation()

    def _show_conversation(self) -> None:
        """The turns before the client's current line, the latest ``CONVERSATION_SHOWN``: the client's words and
        the candidate's (a reply still being analysed says so)."""
        rows = []
        for turn in sorted(t for t in self._said if t < self._turn)[-CONVERSATION_SHOWN:]:
            client, reply = self._said[turn]
            said = (escape(_shortened(reply)) if reply
                    else "<i>распознаём…</i>" if reply is None else "<i>речь не распознана</i>")
            rows += [f"<b>Клиент:</b> {escape(client)}", f"<b>Вы:</b> {said}"]
        self.conversation.setText("<br>".join(rows))
        self.conversation.setVisible(bool(rows))

    def show_state(self, state: str) -> None:
        self._shown_state = state
        self._say_state()
        recording = state == "answer"
        self.state.setStyleSheet("color: #b3261e; font-weight: bold; font-size: 18px;" if recording else "")
        if recording:
            self._answer_started = time.monotonic()
        if state == "reading":  # no voice said it: the question is read, on the phone too
            self.question.setText(self._asked_text)
        elif self.phone and self._turn:  # the client's line is heard; while the candidate answers, it is their turn
            self.question.setText("Клиент слушает: отвечайте" if recording else "Клиент говорит по телефону: слушайте")
        visible = {"question_read": state == "reading", "start_answer_now": state == "think",
                   "stop_answer": state == "answer",
                   "skip": state in ("question", "reading", "think", "answer"), "retry": state in ("think", "answer"),
                   "pause": state in ("think", "answer"), "resume": state == "paused",
                   "abort": state not in ("summary", "aborted", "idle")}
        for name, button in self.buttons.items():
            button.setVisible(visible[name])
        if state != "answer":
            self.meter.reset()
            self.live.setText("")

    def _say_state(self) -> None:
        """The state in words: the client's where a client speaks, the interviewer's otherwise."""
        state = self._shown_state
        self.state.setText((ROLE_PLAY_STATE_TEXT if self._turn else {}).get(state) or STATE_TEXT.get(state, state))

    def show_working(self, event) -> None:
        """After the stop: what is being done, with the share done when it is known ("Распознаём ответ… 60 %")."""
        if self._shown_state in ("saving", "analysis"):
            percent = "" if event.fraction is None else f" {event.fraction:.0%}".replace("%", " %")
            self.state.setText(f"{event.what}{percent}")

    def show_live(self, event) -> None:
        """Pace over the last 25 s (and whether it is within the candidate's norm), fillers so far, time since the
        last pause, while speaking. ``event``: ``interview.events.LiveChanged``."""
        live = event.live
        rate = (live.pace_reason.removeprefix("темп ") if live.words_per_min is None
                else f"{pace(live.words_per_min)}{PACE_NOTE.get(event.pace, '')}")
        pause = ("" if live.since_pause_s is None else f" · без паузы: {live.since_pause_s:.0f} с"
                 + (" — сделайте паузу" if event.breathless else ""))
        self.live.setText(f"Темп: {rate} · слов-паразитов: {live.fillers}{pause}")

    def refresh_timer(self) -> None:
        left = self.host.time_left()
        self.timer.setText("" if left is None else f"{int(left) // 60}:{int(left) % 60:02d}")

    def space(self) -> None:
        """Space bar: what the button under it says — start thinking over a question read on screen, start the
        answer, or stop it. A press in the first two seconds
        of a recording (the think time ran out as the candidate reached for the key) meant "start", so it does not
        stop it."""
        state = self.host.runner.state
        if state == "reading":
            self.host.runner.question_read()
        elif state == "think":
            self.host.runner.start_answer_now()
        elif state == "answer" and time.monotonic() - self._answer_started > SPACE_GRACE_S:
            self.host.runner.stop_answer()


def _shortened(text: str) -> str:
    """At most ``REPLY_SHOWN`` characters, cut between words, «…» where it was cut."""
    if len(text) <= REPLY_SHOWN:
        return text
    return text[:REPLY_SHOWN].rsplit(" ", 1)[0].rstrip(",.;:—- ") + "…"


class _SpaceKeeper(QObject):
    """Space on this screen always does what "Начать ответ (Пробел)" / "Закончить ответ (Пробел)" says, even when
    another button has the keyboard focus (the walkthrough: Space after a click on "Как отвечать?" closed the
    note and the recording went on). A button presses on Space's release, so both are taken."""

    def __init__(self, screen: InterviewScreen):
        super().__init__(screen)
        self.screen = screen

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and event.key() == Qt.Key.Key_Space:
            if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self.screen.space()
            return True
        return False
