"""History and progress: sessions, a metric over time, attempts at one question, exports."""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sobes.analysis.labels import ru_number
from sobes.core.errors import SobesError
from sobes.core.files import write_atomically
from sobes.desktop import worker
from sobes.interview.export import session_csv, session_html, session_json
from sobes.interview.history import History
from sobes.interview.labels import SESSION_STATUS, local_time, mode_name
from sobes.interview.pending import analyze_pending

# one unit per metric, as in the review and the exports
PROGRESS = {"fillers_per_100_words": "Слова-паразиты, на 100 слов", "words_per_min": "Темп, слов в минуту",
            "long_pauses": "Длинные паузы, за ответ", "star_parts": "Части STAR (из 4)",
            "pitch_sd_st": "Разброс интонации, полутона"}


class HistoryScreen(QWidget):
    def __init__(self, history, analyzer=None, parent=None):
        super().__init__(parent)
        self.history, self.analyzer = history, analyzer
        self._job: worker.Job | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>История и прогресс</h2>"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["№", "Дата", "Режим", "Статус", "Ответов"])
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)  # a record of what happened: read-only
        layout.addWidget(self.table)
        self.pending_button = QPushButton("")
        self.pending_button.setToolTip("Ответы, записанные до сбоя или восстановленные из повреждённой истории")
        self.pending_button.clicked.connect(self._analyze_pending)
        layout.addWidget(self.pending_button)
        exports = QHBoxLayout()
        for label, render, suffix in (("Экспорт HTML", session_html, "html"), ("JSON", session_json, "json"),
                                      ("CSV", session_csv, "csv")):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, r=render, s=suffix: self._export(r, s))
            exports.addWidget(button)
        exports.addStretch()
        self.delete_button = QPushButton("Удалить сессию…")
        self.delete_button.setToolTip("Удалить сессию вместе с записями ответов — без возможности восстановить")
        self.delete_button.clicked.connect(self._delete)
        exports.addWidget(self.delete_button)
        layout.addLayout(exports)
        self.metric = QComboBox()
        for key, name in PROGRESS.items():
            self.metric.addItem(name, key)
        layout.addWidget(self.metric)
        self.chart = pg.PlotWidget(background="w")
        self.chart.setMinimumHeight(200)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
        self.chart_note = QLabel("")
        layout.addWidget(self.chart_note)
        layout.addWidget(self.chart)
        self.attempts = QLabel("")
        self.attempts.setWordWrap(True)
        layout.addWidget(self.attempts)
        self.metric.currentIndexChanged.connect(self.refresh_chart)
        self.table.itemSelectionChanged.connect(self._show_attempts)

    def refresh(self) -> None:
        pending = len(self.history.pending_answers())
        self.pending_button.setText(f"Проанализировать ответы без отчёта ({pending})")
        self.pending_button.setVisible(pending > 0 and self.analyzer is not None)
        rows = self.history.sessions()
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            values = [row["id"], local_time(row["started_at"]),
                      mode_name(row["mode"]), SESSION_STATUS.get(row["status"], row["status"]),
                      row["answers"]]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(str(value)))
        self.refresh_chart()

    def refresh_chart(self) -> None:
        """Progress needs two points at least: one answer is no trend."""
        self.chart.clear()
        points = self.history.progress(self.metric.currentData())
        enough = len(points) >= 2
        self.chart.setVisible(enough)
        self.chart_note.setText("" if enough else "График появится, когда будет хотя бы два разобранных ответа.")
        if enough:
            self.chart.plot(list(range(1, len(points) + 1)), [v for _, v in points], pen=pg.mkPen("#3367d6", width=2),
                            symbol="o")
            self.chart.getAxis("bottom").setTickSpacing(major=max(1, len(points) // 10), minor=1)  # whole answers
        self.chart.setLabel("bottom", "ответ по порядку")

    def selected_session(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(self.table.item(rows[0].row(), 0).text()) if rows else None

    def _show_attempts(self) -> None:
        session_id = self.selected_session()
        if session_id is None:
            return
        lines = []
        for answer in self.history.answers(session_id):
            tries = self.history.attempts(answer["question_id"])
            cells = " | ".join(f"попытка {t['attempt']}: слов-паразитов {ru_number(t['fillers_per_100_words'])} "
                               f"на 100 слов, темп {ru_number(t['words_per_min'], 0)} слов в минуту" for t in tries)
            lines.append(f"<b>{escape(answer['question_text'] or '')}</b><br>{cells}")
        self.attempts.setText("<br>".join(lines))

    def _export(self, render, suffix: str) -> None:
        session_id = self.selected_session()
        if session_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Сохранить отчёт", f"sobes-{session_id}.{suffix}")
        if path:
            try:
                write_atomically(path, render(self.history, session_id))
            except SobesError as exc:
                QMessageBox.warning(self, "Сохранить отчёт", str(exc))

    def _analyze_pending(self) -> None:
        """Reports for answers recorded but never analysed, in the background (about 1 s per answer)."""
        self.pending_button.setEnabled(False)
        self.pending_button.setText("Анализ записей…")

        def done(counts):
            analysed, failed = counts
            self.pending_button.setEnabled(True)
            self.attempts.setText(f"Проанализировано ответов: {analysed}"
                                  + (f"; не удалось прочитать запись: {failed}" if failed else "") + ".")
            self.refresh()

        def failed(exc):
            self.pending_button.setEnabled(True)
            self.attempts.setText(f"Анализ не удался: {escape(str(exc))}")
            self.refresh()

        path, analyzer = self.history.path, self.analyzer

        def job(progress, should_cancel):  # its own connection: the window keeps using its own meanwhile (WAL)
            history = History(path)
            try:
                return analyze_pending(history, analyzer, progress=progress, should_cancel=should_cancel)
            finally:
                history.close()

        def advanced(fraction: float) -> None:
            self.pending_button.setText(f"Анализ записей… {fraction:.0%}".replace("%", " %"))

        self._job = worker.run(job, on_result=done, on_error=failed, on_progress=advanced,
                               on_cancelled=self.refresh)

    def stop(self) -> None:
        """The window closes: a running analysis of pending answers stops after its current answer."""
        if self._job is not None:
            self._job.cancel()

    def _delete(self) -> None:
        session_id = self.selected_session()
        if session_id is None:
            return
        answer = QMessageBox.question(self, "Удалить сессию",
                                      f"Удалить сессию №{session_id} вместе с записями ответов? "
                                      "Отменить это будет нельзя.")
        if answer == QMessageBox.StandardButton.Yes:
            self.history.delete_session(session_id)
            self.attempts.setText("")
            self.refresh()
