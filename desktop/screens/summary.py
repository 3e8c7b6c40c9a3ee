"""Session summary: verdicts per answer, three things to work on, progress against earlier sessions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

VERDICTS = {"good": "хорошо", "attention": "есть что улучшить", "problem": "нужна работа", None: "—"}
METRICS = {"fillers_per_100_words": "паразиты на 100 слов", "long_pauses": "длинные паузы",
           "response_latency_s": "начало ответа, с", "pitch_sd_st": "разброс интонации, пт"}


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
        buttons.addWidget(to_history)
        buttons.addWidget(new)
        layout.addLayout(buttons)
        layout.addStretch(1)
        to_history.clicked.connect(self.history_requested)
        new.clicked.connect(self.new_requested)

    def show_summary(self, summary: dict) -> None:
        rows = "".join(f"<li>{a['question']} — {VERDICTS.get(a['overall'], a['overall'])}"
                       + (", STAR полный" if a["star_complete"] else "") + "</li>" for a in summary["answers"])
        work = "".join(f"<li><b>{w['title']}</b>: {w['tip']}</li>" for w in summary["work_on"]) or "<li>—</li>"
        compared = summary.get("compared_to_previous", {})
        progress = "".join(f"<li>{METRICS.get(k, k)}: было {v['before']}, стало {v['now']} "
                           f"{'✓ лучше' if v['better'] else '✗ хуже'}</li>" for k, v in compared.items())
        self.text.setText(f"<h2>Итоги</h2><h3>Ответы</h3><ol>{rows}</ol><h3>Над чем поработать</h3><ol>{work}</ol>"
                          + (f"<h3>По сравнению с прошлыми тренировками</h3><ul>{progress}</ul>" if progress else
                             "<p>Это первая тренировка: сравнение появится со следующей.</p>"))
