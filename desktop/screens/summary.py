"""Session summary: verdicts per answer, three things to work on, progress against earlier sessions; after a role
play, the review of the conversation first (its fixes play the reply they point to)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from sobes.analysis.labels import marks_text
from sobes.audio.playback import play
from sobes.core.errors import SobesError
from sobes.desktop.widgets.conversation_view import ConversationView
from sobes.interview.history import HistoryError
from sobes.interview.progress import CHANGE_NAMES, TRACKED, shown

CONTENT_WIDTH = 1100  # pixels: a 1900-pixel line is hard to read


class SummaryScreen(QWidget):
    history_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent=None, *, history=None, backend=None):
        """``history``: where a role play's replies are found to play them (``backend``: the sound's)."""
        super().__init__(parent)
        self.history, self.backend = history, backend
        self._playback = None
        outer = QVBoxLayout(self)
        scroll = QScrollArea()  # a role play's review is longer than a laptop's screen
        scroll.setWidgetResizable(True)
        body = QWidget()
        centred = QHBoxLayout(body)  # on a wide screen lines stay readable and «▶» stays beside its fix
        content = QWidget()
        content.setMaximumWidth(CONTENT_WIDTH)
        centred.addStretch(1)
        centred.addWidget(content, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.scroll_area = scroll
        self.conversation = ConversationView()
        self.conversation.hide()
        self.conversation.play.connect(self.play_reply)
        self.conversation.stop.connect(self.stop)
        self.play_error = QLabel("")  # why a reply cannot be played, when it cannot
        self.play_error.setWordWrap(True)
        self.play_error.hide()
        layout.addWidget(self.conversation)
        layout.addWidget(self.play_error)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        to_history, new = QPushButton("История и прогресс"), QPushButton("Новая тренировка")
        for button in (to_history, new):
            button.setAutoDefault(True)  # Enter presses the button Tab has reached, as Space does
        buttons.addWidget(to_history)
        buttons.addWidget(new)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.to_history, self.new = to_history, new
        to_history.clicked.connect(self._leave(self.history_requested))
        new.clicked.connect(self._leave(self.new_requested))

    def _leave(self, signal):
        """Going elsewhere stops a reply being played."""
        def leave(_=False) -> None:
            self.stop()
            signal.emit()
        return leave

    def show_summary(self, summary: dict) -> None:
        self.stop()
        self.play_error.hide()
        review = summary.get("role_play")
        self.conversation.setVisible(bool(review))
        if review:
            self.conversation.show_review(review, summary.get("scenario"))
        answers = [a for a in summary["answers"] if not a.get("turn")]  # a role play's replies: in its review
        rows = "".join(f"<li>{escape(a['question'])} — {marks_text(a.get('content'), a['overall'])}"
                       + (", в истории есть ситуация, задача, действия и результат" if a["star_complete"] else "")
                       + (f"<br><i>{escape(a['headline'])}</i>" if a.get("headline") else "") + "</li>"
                       for a in answers)
        given = len({a["question_id"] for a in summary["answers"] if not a.get("follow_up")})
        ended = (("<p>Тренировка завершена досрочно.</p>" if review else
                  f"<p>Тренировка завершена досрочно: отвечено вопросов — {given} из {summary['planned']}.</p>")
                 if summary.get("early") else "")
        work = "".join(f"<li><b>{escape(w['title'])}</b>: {escape(w['tip'])}</li>" for w in summary["work_on"])
        compared = summary.get("compared_to_previous", {})
        progress = "".join(
            f"<li>{TRACKED[k].name}: было {shown(k, v['before'])}, стало {shown(k, v['now'])} — "
            f"{CHANGE_NAMES[v.get('change', 'better' if v['better'] else 'worse')]}</li>"
            for k, v in compared.items() if k in TRACKED)
        work_part = f"<ol>{work}</ol>" if work else "<p>Серьёзных замечаний нет — так держать.</p>"
        if review:  # the conversation's review says how it ended; the questions after it, if any were asked
            heading, answered = "", f"<h3>Вопросы после разговора</h3><ol>{rows}</ol>" if rows else ""
        else:
            heading, answered = "<h2>Итоги</h2>", f"<h3>Ответы</h3><ol>{rows}</ol>"
        self.text.setText(f"{heading}{ended}{answered}<h3>Над чем поработать</h3>{work_part}"
                          + _progress_part(progress, summary.get("first_session", True)))
        self.scroll_area.verticalScrollBar().setValue(0)

    def play_reply(self, take_id: int, seconds: float) -> None:
        """A role play's reply from ``seconds`` on, from its recording in the history."""
        self.stop()
        if self.history is None:
            return
        try:
            audio = self.history.take(take_id).audio()
            start = int(max(0.0, seconds) * audio.sample_rate)
            self._playback = play(audio.samples[start:], audio.sample_rate, backend=self.backend)
        except SobesError as exc:  # no output device, a reply deleted since
            self.play_error.setText("Этот ответ удалён из истории." if isinstance(exc, HistoryError) else str(exc))
            self.play_error.show()
            return
        self.play_error.hide()

    def stop(self) -> None:
        if self._playback is not None:
            self._playback.stop()
            self._playback = None


def _progress_part(progress: str, first_session: bool) -> str:
    """Only like with like is compared (a self-presentation with earlier self-presentations): with nothing of
    the same kind before, say so rather than call a later session the first."""
    if progress:
        return f"<h3>По сравнению с прошлыми ответами того же вида</h3><ul>{progress}</ul>"
    if first_session:
        return "<p>Это первая тренировка: сравнение появится со следующей.</p>"
    return "<p>Раньше вы не отвечали на такие вопросы: сравнение появится, когда вы ответите на них снова.</p>"
