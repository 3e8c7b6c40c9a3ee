"""History: a library of past answers (sessions, their answers, any one reopened in the review, attempts at a
question side by side, deletion) and progress by date against the norm, like with like."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sobes.analysis.content.kinds import KINDS
from sobes.analysis.labels import clock
from sobes.core.errors import SobesError
from sobes.core.files import write_atomically
from sobes.desktop import worker
from sobes.desktop.dialogs import ask_where_to_save, confirm, documents_folder, title_with_back
from sobes.desktop.widgets.progress_chart import ProgressChart
from sobes.interview import progress
from sobes.interview.export import session_csv, session_html, session_json
from sobes.interview.history import History
from sobes.interview.labels import answer_status, local_time, session_name, session_status
from sobes.interview.pending import analyze_pending
from sobes.interview.role_play_text import asked_text

SESSIONS_SHOWN, ANSWERS_SHOWN = 6, 12  # rows seen without scrolling the table: the latest sessions, a whole session
EXPORT_KINDS = {"html": "Отчёт (*.html)", "json": "Данные (*.json)", "csv": "Таблица (*.csv)"}


def _table(headers: list[str]) -> QTableWidget:
    """A read-only table of whole rows: a record of what happened."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[int]) -> None:
    table.setRowCount(len(rows))
    for i, (row, key) in enumerate(zip(rows, keys)):
        for j, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setData(256, key)  # Qt.UserRole: the row's id, never shown
            item.setToolTip(value)
            table.setItem(i, j, item)
    table.resizeRowsToContents()


def _fit_rows(table: QTableWidget, least: int, most: int) -> None:
    """As tall as its rows, between ``least`` and ``most`` of them (more scroll): a fixed height left one session
    in a tall empty box and nine answers in a box of seven."""
    shown = max(least, min(most, table.rowCount()))
    row = table.verticalHeader().defaultSectionSize()
    rows = sum(table.rowHeight(i) for i in range(min(shown, table.rowCount())))
    rows += row * max(0, shown - table.rowCount())
    table.setFixedHeight(table.horizontalHeader().height() + rows + 2 * table.frameWidth() + 2)


def _selected(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    item = table.item(rows[0].row(), 0) if rows else None
    return item.data(256) if item is not None else None


class HistoryScreen(QWidget):
    open_requested = Signal(object)  # a past answer (``interview.take.Take``) to review
    summary_requested = Signal(dict)  # a past role play's summary, with the review of its conversation
    back_requested = Signal()

    def __init__(self, history, analyzer, parent=None, *, settings=None):
        """``settings``: where the last report was saved is remembered there."""
        super().__init__(parent)
        self.history, self.analyzer, self.settings = history, analyzer, settings
        self._job: worker.Job | None = None
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        layout.addLayout(title_with_back("История и прогресс", self.back_requested.emit))

        layout.addWidget(QLabel("<b>Тренировки</b>"))
        self.empty_note = QLabel("Тренировок пока нет: они появятся здесь после первой — начните её на главном "
                                 "экране (Ctrl+N).")
        self.empty_note.setWordWrap(True)
        layout.addWidget(self.empty_note)
        self.table = _table(["Когда", "Режим", "Чем закончилась", "Ответов"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        sessions = QHBoxLayout()
        for label, render, suffix in (("Сохранить отчёт (HTML)", session_html, "html"),
                                      ("Данные (JSON)", session_json, "json"), ("Таблица (CSV)", session_csv, "csv")):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, r=render, s=suffix: self._export(r, s))
            sessions.addWidget(button)
        self.conversation_button = QPushButton("Разбор ролевой игры")
        self.conversation_button.setToolTip("Как прошёл разговор с клиентом: итог, что исправить и каждая реплика")
        self.conversation_button.clicked.connect(self._open_conversation)
        self.conversation_button.hide()  # only a role play has one
        sessions.addWidget(self.conversation_button)
        sessions.addStretch()
        self.delete_button = QPushButton("Удалить тренировку…")
        self.delete_button.setToolTip("Удалить тренировку вместе с записями ответов — без возможности восстановить")
        self.delete_button.clicked.connect(self._delete)
        sessions.addWidget(self.delete_button)
        layout.addLayout(sessions)
        self.export_note = QLabel("")  # where the last report went
        self.export_note.setTextFormat(Qt.TextFormat.PlainText)
        self.export_note.hide()  # empty, it still took a line of the screen
        layout.addWidget(self.export_note)
        self.pending_button = QPushButton("")
        self.pending_button.setToolTip("Ответы, записанные до сбоя или восстановленные из повреждённой истории")
        self.pending_button.clicked.connect(self._analyze_pending)
        layout.addWidget(self.pending_button)
        self.pending_note = QLabel("")  # how the analysis of those answers went
        self.pending_note.setWordWrap(True)
        layout.addWidget(self.pending_note)

        layout.addWidget(QLabel("<b>Ответы выбранной тренировки</b> — двойной щелчок открывает разбор"))
        self.answers = _table(["Вопрос", "Попытка", "Длительность", "Как звучала речь"])
        header = self.answers.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.answers)
        answer_buttons = QHBoxLayout()
        self.open_button = QPushButton("Открыть разбор")
        self.delete_answer_button = QPushButton("Удалить ответ…")
        answer_buttons.addWidget(self.open_button)
        answer_buttons.addStretch()
        answer_buttons.addWidget(self.delete_answer_button)
        layout.addLayout(answer_buttons)
        self.attempts = QLabel("")
        self.attempts.setWordWrap(True)
        layout.addWidget(self.attempts)

        layout.addWidget(QLabel("<b>Прогресс</b> — ответы одного вида, по датам"))
        choose = QHBoxLayout()
        self.figure = QComboBox()
        for key, tracked in progress.TRACKED.items():
            self.figure.addItem(tracked.name, key)
        self.kind = QComboBox()
        choose.addWidget(self.figure)
        choose.addWidget(self.kind)
        choose.addStretch()
        layout.addLayout(choose)
        self.chart = ProgressChart()
        layout.addWidget(self.chart)
        layout.addStretch(1)

        self.figure.currentIndexChanged.connect(self.refresh_chart)
        self.kind.currentIndexChanged.connect(self.refresh_chart)
        self.table.itemSelectionChanged.connect(self._show_answers)
        self.answers.itemSelectionChanged.connect(self._show_attempts)
        self.answers.itemDoubleClicked.connect(lambda _item: self._open())
        self.open_button.clicked.connect(self._open)
        self.delete_answer_button.clicked.connect(self._delete_answer)

    def refresh(self) -> None:
        pending = len(self.history.pending_takes())
        self.pending_button.setText(f"Разобрать ответы, записанные без разбора ({pending})")
        self.pending_button.setVisible(pending > 0)
        rows = self.history.sessions()
        _fill(self.table, [[local_time(row["started_at"]), session_name(row),
                            session_status(row), str(row["answers"])] for row in rows],
              [row["id"] for row in rows])
        _fit_rows(self.table, 2, SESSIONS_SHOWN)
        self.empty_note.setVisible(not rows)
        if rows and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self._show_answers()
        self._fill_kinds()

    def _fill_kinds(self) -> None:
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for key in self.history.answer_types():
            self.kind.addItem(KINDS[key].name if key in KINDS else key, key)
        index = self.kind.findData(current)
        self.kind.setCurrentIndex(max(index, 0))
        self.kind.setVisible(self.kind.count() > 0)  # an empty box said nothing
        self.kind.blockSignals(False)
        self.refresh_chart()

    def refresh_chart(self) -> None:
        kind = self.kind.currentData()
        data = progress.series(self.history, self.figure.currentData(), kind, self.analyzer.judge)
        self.chart.show_series(data, self.kind.currentText() or "ответы")

    def selected_session(self) -> int | None:
        return _selected(self.table)

    def selected_answer(self) -> int | None:
        return _selected(self.answers)

    def _role_play_summary(self) -> dict | None:
        """The selected session's summary when it is a role play's with its review, else None."""
        session_id = self.selected_session()
        stored = self.history.session(session_id).get("summary_json") if session_id is not None else None
        try:
            summary = json.loads(stored) if stored else None
        except ValueError:
            return None
        return summary if isinstance(summary, dict) and summary.get("role_play") else None

    def _open_conversation(self) -> None:
        summary = self._role_play_summary()
        if summary is not None:
            self.summary_requested.emit(summary)

    def _show_answers(self) -> None:
        session_id = self.selected_session()
        self.conversation_button.setVisible(self._role_play_summary() is not None)
        rows = self.history.answers(session_id) if session_id is not None else []
        mode = self.history.session(session_id).get("mode") if session_id is not None else None
        _fill(self.answers, [[asked_text(mode, row) or "—", str(row["attempt"] or 1),
                              clock(row["duration_s"] or 0.0), answer_status(row)] for row in rows],
              [row["id"] for row in rows])
        _fit_rows(self.answers, 1, ANSWERS_SHOWN)
        self.attempts.setText("")

    def _show_attempts(self) -> None:
        """Every attempt at the selected answer's question, side by side, and what changed."""
        answer_id = self.selected_answer()
        if answer_id is None:
            self.attempts.setText("")
            return
        take = self.history.take(answer_id)
        side = progress.attempts(self.history, take.step.question_id, self.analyzer.judge)
        if side is None:
            self.attempts.setText("На этот вопрос вы отвечали один раз: ответьте ещё раз — здесь появится "
                                  "сравнение попыток.")
            return
        head = "".join(f"<th>{escape(h)}</th>" for h in side.headers)
        rows = "".join(f"<tr><td>{escape(name)}</td>" + "".join(f"<td>{escape(v)}</td>" for v in values)
                       + f"<td>{escape(change)}</td></tr>" for name, values, change in side.rows)
        self.attempts.setText(f"<b>Попытки этого вопроса</b><table cellpadding='4'><tr><th></th>{head}"
                              f"<th>С первой попытки</th></tr>{rows}</table>")

    def _open(self) -> None:
        answer_id = self.selected_answer()
        if answer_id is None:
            return
        take = self.history.take(answer_id)
        if take.report is None:
            QMessageBox.information(self, "Разбор ответа", "Этот ответ ещё не разобран: нажмите «Разобрать ответы, "
                                    "записанные без разбора».")
            return
        self.open_requested.emit(take)

    def _tell(self, text: str) -> None:
        """A line in the window's status bar, where the window has one."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 5000)

    def _delete_answer(self) -> None:
        answer_id = self.selected_answer()
        if answer_id is None:
            return
        question = (self.history.take(answer_id).step.text or "").strip()
        if confirm(self, "Удалить ответ", f"Удалить ответ на вопрос «{question}» вместе с записью? "
                   "Отменить это будет нельзя.", do="Удалить"):
            self.history.delete_answer(answer_id)
            self.refresh()
            self._tell("Ответ удалён")

    def export_folder(self) -> Path:
        """Where the save dialog opens: the folder of the last report saved, else the Documents folder."""
        last = Path(self.settings.export_folder) if self.settings is not None and self.settings.export_folder else None
        return last if last is not None and last.is_dir() else documents_folder()

    def _export(self, render, suffix: str) -> None:
        session_id = self.selected_session()
        if session_id is None:
            return
        name = f"собес-тренировка-{session_id}.{suffix}"
        path = ask_where_to_save(self, "Сохранить отчёт", self.export_folder(), name, EXPORT_KINDS[suffix])
        if path is not None:
            self.save_export(path, render(self.history, session_id))

    def save_export(self, path: Path, text: str) -> None:
        """Write an export, remember its folder for the next one and say where it went."""
        try:
            write_atomically(path, text)
        except SobesError as exc:
            QMessageBox.warning(self, "Сохранить отчёт", str(exc))
            return
        if self.settings is not None:
            self.settings.export_folder = str(path.parent)
            self.settings.save()
        self.export_note.setText(f"Сохранено: {path.parent}")
        self.export_note.show()
        self.export_note.setToolTip(str(path))
        self._tell(f"Сохранено: {path}")

    def _analyze_pending(self) -> None:
        """Reports for answers recorded but never analysed, in the background (about 1 s per answer)."""
        self.pending_button.setEnabled(False)
        self.pending_button.setText("Разбираем ответы…")

        def done(counts):
            analysed, failed = counts
            self.pending_button.setEnabled(True)
            self.pending_note.setText(f"Разобрано ответов: {analysed}"
                                  + (f"; не удалось прочитать запись: {failed}" if failed else "") + ".")
            self.refresh()

        def failed(exc):
            self.pending_button.setEnabled(True)
            self.pending_note.setText(f"Разобрать не удалось: {escape(str(exc))}")
            self.refresh()

        path, analyzer = self.history.path, self.analyzer

        def job(progress, should_cancel):  # its own connection: the window keeps using its own meanwhile (WAL)
            history = History(path)
            try:
                return analyze_pending(history, analyzer, progress=progress, should_cancel=should_cancel)
            finally:
                history.close()

        def advanced(fraction: float) -> None:
            self.pending_button.setText(f"Разбираем ответы… {fraction:.0%}".replace("%", " %"))

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
        if confirm(self, "Удалить тренировку", "Удалить эту тренировку вместе с записями ответов? Отменить это "
                   "будет нельзя.", do="Удалить"):
            self.history.delete_session(session_id)
            self.attempts.setText("")
            self.refresh()
            self._tell("Тренировка удалена")
