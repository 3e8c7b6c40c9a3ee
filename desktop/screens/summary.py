"""Session summary: verdicts per answer, three things to work on, progress against earlier sessions."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sobes.analysis.labels import marks_text
from sobes.interview.progress import CHANGE_NAMES, TRACKED, shown


class SummaryScreen(QWidget):
    history_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
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
        to_history.clicked.connect(self.history_requested)
        new.clicked.connect(self.new_requested)

    def show_summary(self, summary: dict) -> None:
        rows = "".join(f"<li>{escape(a['question'])} — {marks_text(a.get('content'), a['overall'])}"
                       + (", в истории есть ситуация, задача, действия и результат" if a["star_complete"] else "")
                       + (f"<br><i>{escape(a['headline'])}</i>" if a.get("headline") else "") + "</li>"
                       for a in summary["answers"])
        given = len({a["question_id"] for a in summary["answers"] if not a.get("follow_up")})
        ended = (f"<p>Тренировка завершена досрочно: отвечено вопросов — {given} из {summary['planned']}.</p>"
                 if summary.get("early") else "")
        work = "".join(f"<li><b>{escape(w['title'])}</b>: {escape(w['tip'])}</li>" for w in summary["work_on"])
        compared = summary.get("compared_to_previous", {})
        progress = "".join(
            f"<li>{TRACKED[k].name}: было {shown(k, v['before'])}, стало {shown(k, v['now'])} — "
            f"{CHANGE_NAMES[v.get('change', 'better' if v['better'] else 'worse')]}</li>"
            for k, v in compared.items() if k in TRACKED)
        work_part = f"<ol>{work}</ol>" if work else "<p>Серьёзных замечаний нет — так держать.</p>"
        self.text.setText(f"<h2>Итоги</h2>{ended}<h3>Ответы</h3><ol>{rows}</ol><h3>Над чем поработать</h3>{work_part}"
                          + _progress_part(progress, summary.get("first_session", True)))


def _progress_part(progress: str, first_session: bool) -> str:
    """Only like with like is compared (a self-presentation with earlier self-presentations): with nothing of
    the same kind before, say so rather than call a later session the first."""
    if progress:
        return f"<h3>По сравнению с прошлыми ответами того же вида</h3><ul>{progress}</ul>"
    if first_session:
        return "<p>Это первая тренировка: сравнение появится со следующей.</p>"
    return "<p>Раньше вы не отвечали на такие вопросы: сравнение появится, когда вы ответите на них снова.</p>"
