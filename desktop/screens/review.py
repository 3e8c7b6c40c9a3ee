"""Answer review: the coaching summary first, then player, marked transcript, timeline, verdict cards, STAR
breakdown and follow-ups as details."""

from __future__ import annotations

import time
from html import escape

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sobes.analysis.labels import STAR_NAMES
from sobes.audio.playback import play
from sobes.core.errors import SobesError
from sobes.desktop.widgets.coaching_view import CoachingView
from sobes.desktop.widgets.metric_card import MetricCard
from sobes.desktop.widgets.timeline import Timeline
from sobes.desktop.widgets.transcript_view import TranscriptView
from sobes.interview.labels import local_time
from sobes.interview.progress import against_previous


class ReviewScreen(QWidget):
    next_requested = Signal()
    retake_requested = Signal()
    back_requested = Signal()  # a past answer opened from the history: back to the list
    correct_requested = Signal()  # the candidate will put right what the recogniser misheard

    def __init__(self, backend=None, parent=None, *, history=None, analyzer=None):
        """``history`` and ``analyzer`` (its judge): to set an answer beside the earlier attempt at its question."""
        super().__init__(parent)
        self.backend, self.history, self.analyzer = backend, history, analyzer
        self.report = None
        self.take = None
        self.in_session = True
        self._playback, self._play_from, self._play_started = None, 0.0, 0.0
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 17px;")
        controls = QHBoxLayout()
        self.play_button = QPushButton("▶ Слушать")
        self.stop_button = QPushButton("■ Стоп")
        self.retake_button = QPushButton("Перезаписать ответ")
        self.next_button = QPushButton("Далее →")
        self.back_button = QPushButton("← К истории")
        self.correct_button = QPushButton("Исправить текст…")
        self.correct_button.setToolTip("Если программа расслышала слова неверно: исправьте их, и содержание "
                                       "ответа будет оценено заново")
        for button in (self.back_button, self.play_button, self.stop_button, self.correct_button,
                       self.retake_button, self.next_button):
            controls.addWidget(button)
        self.corrected = QLabel("Текст исправлен вами: содержание оценено по исправленному тексту, "
                                "звучание — по записи.")
        self.corrected.setWordWrap(True)
        self.corrected.setStyleSheet("color:#555")
        self.transcript = TranscriptView()
        self.timeline = Timeline()
        self.cards = QGridLayout()
        self.star = QLabel("")
        self.star.setWordWrap(True)
        self.follow_ups = QLabel("")
        self.follow_ups.setWordWrap(True)
        self.coaching = CoachingView()
        self.compared = QLabel("")  # what changed against the earlier attempt at the same question
        self.compared.setWordWrap(True)
        self.phone = QLabel("")
        self.phone.setWordWrap(True)
        self.play_error = QLabel("")  # why the answer cannot be played, when it cannot
        self.play_error.setWordWrap(True)
        self.layout_.addWidget(self.title)
        self.layout_.addLayout(controls)
        self.layout_.addWidget(self.play_error)
        self.layout_.addWidget(self.coaching)
        self.layout_.addWidget(self.compared)
        self.layout_.addWidget(self.corrected)
        self.layout_.addWidget(self.transcript)
        self.layout_.addWidget(self.transcript.legend)
        legend = QLabel("")  # its words follow what the graph draws: the STAR colours only under a story
        legend.setWordWrap(True)  # unwrapped, this one line made the whole review wider than a laptop screen
        self.legend = legend
        self.layout_.addWidget(legend)
        self.layout_.addWidget(self.timeline)
        self.layout_.addLayout(self.cards)
        self.layout_.addWidget(self.star)
        self.layout_.addWidget(self.phone)
        self.layout_.addWidget(self.follow_ups)

        self.clock = QTimer(self)
        self.clock.setInterval(100)
        self.clock.timeout.connect(self._follow_playback)
        self.play_button.clicked.connect(lambda: self.play_from(0.0))
        self.stop_button.clicked.connect(self.stop)
        self.transcript.word_clicked.connect(self.play_from)
        self.timeline.seek.connect(self.play_from)
        self.coaching.seek.connect(self.play_from)
        self.next_button.clicked.connect(self.next_requested)
        self.retake_button.clicked.connect(self.retake_requested)
        self.back_button.clicked.connect(self._back)
        self.correct_button.clicked.connect(self.correct_requested)

    def show_take(self, take) -> None:
        """Review one analysed take (``interview.take.Take``) of the running session."""
        self._session_controls(True)
        self.show_report(take.step.text, take.report, take)

    def show_saved(self, take) -> None:
        """Review a past answer from the history: the same review, with playback, and a way back."""
        self._session_controls(False)
        self.show_report(take.step.text, take.report, take)
        if self._is_reply(take):  # a role play's reply answered the client, not a question
            self.title.setText(f"<b>Клиент:</b> {escape(take.step.text)}")
        when = local_time(take.recorded_at)
        self.title.setText(f"{self.title.text()}<br><span style='color:#555'>Попытка {take.attempt}, {when}</span>")

    def _is_reply(self, take) -> bool:
        """A reply to a role play's client (its session is a role play; the questions after it are not replies)."""
        if self.history is None or take.step.answer_type != "role_play":
            return False
        try:
            return self.history.session(take.session_id).get("mode") == "role_play"
        except SobesError:
            return False

    def show_corrected(self) -> None:
        """The same take again after its transcript was corrected; the telephone check stays as it was."""
        phone = self.phone.text()
        (self.show_take if self.in_session else self.show_saved)(self.take)
        self.phone.setText(phone)

    def _session_controls(self, in_session: bool) -> None:
        self.in_session = in_session
        self.retake_button.setVisible(in_session)
        self.next_button.setVisible(in_session)
        self.back_button.setVisible(not in_session)

    def _back(self) -> None:
        self.stop()
        self.back_requested.emit()

    def show_report(self, question: str, report, take=None) -> None:
        self.stop()
        self.report, self.take = report, take
        self.play_error.setText("")
        self.title.setText(f"<b>Вопрос:</b> {escape(question)}")  # own banks may hold any text
        self.transcript.show_report(report)
        self.timeline.show_report(report)
        while (item := self.cards.takeAt(0)) is not None:
            card = item.widget()
            if card is not None:
                card.hide()  # at once: deleteLater waits for the event loop, and the old card would show meanwhile
                card.deleteLater()
        heard = report.speech_detected  # nothing said: only the headline and "Перезаписать ответ" mean anything
        for widget in (self.transcript, self.legend, self.timeline, self.play_button, self.stop_button):
            widget.setVisible(heard)
        self.transcript.legend.setVisible(heard and bool(self.transcript.legend.text()))
        self.correct_button.setVisible(heard and take is not None)
        self.corrected.setVisible(heard and report.transcript_corrected)
        for i, verdict in enumerate(report.delivery.verdicts if report.delivery and heard else []):
            self.cards.addWidget(MetricCard(verdict), i // 3, i % 3)
        self.legend.setText(self._legend_text(report))
        self.star.setText(self._star_text(report))
        self.coaching.show_coaching(report.coaching)
        self.compared.setText(self._compared_text(take))
        self.compared.setVisible(bool(self.compared.text()))
        self.phone.setText("")
        follow = report.content.follow_ups if report.content else []
        self.follow_ups.setText("<b>Что спросит интервьюер:</b><ul>" + "".join(
            f"<li>{escape(f.question)} <i>({escape(f.reason)})</i></li>" for f in follow) + "</ul>" if follow else "")

    def show_phone_check(self, check) -> None:
        """How the answer came across through the telephone line (phone screening)."""
        level = (f"по телефону вы звучите тише на {check.quieter_db:.0f} дБ — говорите чуть громче и чётче"
                 if check.quieter_db is not None else "по громкости вас слышно так же хорошо")
        heard = f"{check.agreement:.0%}".replace("%", " %")
        self.phone.setText(f"<b>Как вас слышно по телефону</b>: интервьюер разберёт примерно {heard} ваших слов; "
                           f"{level}. Он слышит: «{escape(check.phone_text)}»")

    def _compared_text(self, take) -> str:
        """This answer beside the earlier attempt at its question (the history's comparison), when there is one."""
        if take is None or self.history is None or self.analyzer is None:
            return ""
        side = against_previous(self.history, take.step.question_id, take.id, self.analyzer.judge)
        if side is None:
            return ""
        head = "".join(f"<th>{escape(h)}</th>" for h in side.headers)
        rows = "".join(f"<tr><td>{escape(name)}</td>" + "".join(f"<td>{escape(v)}</td>" for v in values)
                       + f"<td>{escape(change)}</td></tr>" for name, values, change in side.rows)
        return (f"<b>По сравнению с прошлой попыткой</b><table cellpadding='4'><tr><th></th>{head}<th>Что "
                f"изменилось</th></tr>{rows}</table>")

    @staticmethod
    def _legend_text(report) -> str:
        """What the graph shows; the STAR colours only for an answer judged on STAR (a story): under a
        self-presentation or a salary answer they named parts that were never drawn."""
        star = report.content is not None and report.content.star is not None
        parts = ("; части рассказа: <span style='background:#c6d9fb'>ситуация</span> "
                 "<span style='background:#feeec0'>задача</span> <span style='background:#c9e9d2'>действия</span> "
                 "<span style='background:#f8cdc9'>результат</span>" if star else "")
        return (f"Громкость (серым — паузы, линиями — паразиты и заминки) и высота голоса{parts}. "
                "Щелчок по графику или слову — прослушать с этого места.")

    @staticmethod
    def _star_text(report) -> str:
        """Which parts of a story were told, and how much of the story each took, in words («(38%)» alone
        explained nothing)."""
        content = report.content
        if not content or not content.star:
            return ""
        star = content.star
        parts = "; ".join(f"{STAR_NAMES[k]} — {_percent(star.share[k])} рассказа" if star.present[k]
                          else f"{STAR_NAMES[k]} — <b>нет</b>" for k in STAR_NAMES)
        ownership = content.ownership
        own = _ownership_text(ownership) if ownership and ownership.i_share is not None else ""
        return f"<b>Части рассказа (STAR)</b>: {parts}.{own}"

    def play_from(self, seconds: float) -> None:
        if self.take is None:
            return
        self.stop()
        try:
            audio = self.take.audio()
            start = int(seconds * audio.sample_rate)
            self._playback = play(audio.samples[start:], audio.sample_rate, backend=self.backend)
        except SobesError as exc:  # no output device: the rest of the review still works
            self.play_error.setText(str(exc))
            return
        self._play_from, self._play_started = seconds, time.monotonic()
        self.clock.start()

    def stop(self) -> None:
        if self._playback is not None:
            self._playback.stop()
            self._playback = None
        self.clock.stop()
        self.transcript.follow(None)

    def _follow_playback(self) -> None:
        position = self._play_from + time.monotonic() - self._play_started
        self.timeline.move_playhead(position)
        self.transcript.follow(position)
        if self._playback is not None and self._playback.done.is_set():
            self.clock.stop()
            self.transcript.follow(None)  # the last word played is not left highlighted


def _percent(share: float) -> str:
    """``0.38`` -> ``"38 %"``: a share as a Russian reader writes it."""
    return f"{round(share * 100)} %"


def _ownership_text(ownership) -> str:
    """How often the candidate said «я» of the story's actions, and «мы» the rest of the time."""
    if ownership.i_share >= 1:
        said = "О действиях вы говорили «я», а не «мы»"
    else:
        said = (f"О действиях вы говорили «я» в {_percent(ownership.i_share)} случаев, «мы» — в "
                f"{_percent(1 - ownership.i_share)}")
    return f"<br>{said}" + (": ваша роль неясна." if ownership.role_unclear else ".")
