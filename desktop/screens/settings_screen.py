"""Settings: devices, model, follow-ups, thresholds (in Russian, grouped, each with why it is what it is), data
folder."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sobes.analysis.labels import amount, pace, pace_range
from sobes.analysis.norm_declaration import Norm
from sobes.analysis.norm_overrides import check_overrides
from sobes.analysis.norm_value import check_value
from sobes.analysis.norms import GROUPS, NORMS
from sobes.analysis.transcribe import check_model
from sobes.core.errors import user_message
from sobes.desktop import worker
from sobes.desktop.dialogs import title_with_back
from sobes.interview.calibration import READING_PASSAGE, READING_S, TempoCalibration, tempo_norms
from sobes.interview.paths import data_dir

VALUE_COLUMN, WHY_COLUMN = 2, 4
WRONG = QColor("#f9d6d5")  # a value that will not do: its cell, until it is put right


def _number(value: float) -> str:
    """A norm as a Russian reader writes it: a decimal comma."""
    return f"{value:g}".replace(".", ",")


def shown(norm: Norm) -> Norm:
    """The norm as the table shows it: a share of 1 («доли») in per cent, as a candidate reads a share
    (0,25 доли -> 25 %); the judge keeps its shares (``stored`` turns a typed per cent back)."""
    if norm.unit != "доли":
        return norm
    return dataclasses.replace(norm, default=round(norm.default * 100, 6), low=round(norm.low * 100, 6),
                               high=round(norm.high * 100, 6), unit="%")


def shown_value(norm: Norm, value: float) -> float:
    """A value of ``norm`` in the table's unit."""
    return round(value * 100, 6) if norm.unit == "доли" else value


class SettingsScreen(QWidget):
    saved = Signal()
    back_requested = Signal()  # leave without saving

    def __init__(self, settings, devices, *, analyzer=None, backend=None, parent=None):
        super().__init__(parent)
        self.settings, self.analyzer, self.backend = settings, analyzer, backend
        layout = QVBoxLayout(self)
        layout.addLayout(title_with_back("Настройки", self.back_requested.emit))
        form = QFormLayout()
        self.input = QComboBox()
        self.output = QComboBox()
        self.input.addItem("По умолчанию", "")
        self.output.addItem("По умолчанию", "")
        for device in devices:
            if device.inputs:
                self.input.addItem(device.name, device.name)
            if device.outputs:
                self.output.addItem(device.name, device.name)
        self.input.setCurrentIndex(max(0, self.input.findData(settings.input_device)))
        self.output.setCurrentIndex(max(0, self.output.findData(settings.output_device)))
        self.model = QLineEdit(settings.model)
        self.model.setPlaceholderText("пусто — встроенная модель; или папка с другой моделью; или её название "
                                      "(тогда нужен интернет)")
        self.voice = QComboBox()
        self.voice.addItem("Русский голос, встроенный (без интернета)", "festival")
        self.voice.addItem("Без голоса: вопросы только текстом", "text")
        self.voice.setCurrentIndex(max(0, self.voice.findData(settings.voice)))
        self.follow_ups = QCheckBox("Задавать уточняющие вопросы после ответа")
        self.follow_ups.setChecked(settings.follow_ups)
        devices_row = QHBoxLayout()  # two to a row: the norms' table below needs the height
        devices_row.addWidget(self.input, 1)
        devices_row.addWidget(QLabel("Вывод звука:"))
        devices_row.addWidget(self.output, 1)
        form.addRow("Микрофон:", devices_row)
        self.model_test = QPushButton("Проверить модель")
        self.model_result = QLabel("")
        model_row = QHBoxLayout()  # the check beside its field, its answer under them: rows the norms' table needs
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.model_test)
        form.addRow("Модель:", model_row)
        form.addRow("", self.model_result)
        self.model_result.setWordWrap(True)
        voice_row = QHBoxLayout()
        voice_row.addWidget(self.voice, 1)
        voice_row.addWidget(self.follow_ups)
        form.addRow("Голос интервьюера:", voice_row)
        form.addRow("Папка данных:", QLabel(str(data_dir())))
        layout.addLayout(form)
        self._form = form
        self._show_model_result("")
        # the table's rows: group by group, in the order of the declarations within a group
        self.names = sorted(NORMS, key=lambda name: GROUPS.index(NORMS[name].group))
        self.table = QTableWidget(len(self.names), 5)
        self.table.setHorizontalHeaderLabels(["Группа", "Порог", "Значение", "Единица", "Почему такая норма"])
        for i, name in enumerate(self.names):
            norm = NORMS[name]
            value = shown_value(norm, settings.thresholds.get(name, norm.default))
            for column, text in enumerate((norm.group, norm.name, _number(value), shown(norm).unit, norm.why)):
                item = QTableWidgetItem(text)
                if column != VALUE_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                default = f"По умолчанию: {amount(shown(norm).default, shown(norm).unit)}"  # «3 раза», not «3 раз»
                item.setToolTip(default if column == VALUE_COLUMN else text)
                self.table.setItem(i, column, item)
        # the reason wraps in the room left: as one long line it pushed its own header out of sight
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.resizeColumnsToContents()
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 300))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())  # wrapped to the width shown
        layout.addWidget(self.table, 1)  # the room left is the table's: at 1024×768 it showed about three rows
        passage = QLabel(f"<b>Личный темп.</b> Прочитайте вслух в обычном темпе: «{READING_PASSAGE}»")
        passage.setWordWrap(True)
        self.calibrate = QPushButton(f"Записать чтение ({READING_S:.0f} с) и настроить норму темпа")
        self.calibration_result = QLabel("")
        resets = QHBoxLayout()
        self.group = QComboBox()
        for group in dict.fromkeys(norm.group for norm in NORMS.values()):
            self.group.addItem(group, group)
        self.reset_group = QPushButton("Вернуть нормы группы по умолчанию")
        reset, save = QPushButton("Вернуть все нормы по умолчанию"), QPushButton("Сохранить")
        for button in (self.group, self.reset_group, reset):
            resets.addWidget(button)
        resets.addStretch()
        self.problem = QLabel("")  # why nothing was saved, or that it was
        self.problem.setWordWrap(True)
        self.problem.hide()
        for widget in (passage, self.calibrate, self.calibration_result):
            layout.addWidget(widget)
        self.calibration_result.hide()  # until a reading says something: as an empty line it took a row's height
        layout.addLayout(resets)
        layout.addWidget(self.problem)
        layout.addWidget(save)
        reset.clicked.connect(lambda: self._reset(None))
        self.reset_group.clicked.connect(lambda: self._reset(self.group.currentData()))
        save.clicked.connect(self._save)
        self.model_test.clicked.connect(self._test_model)
        self.calibrate.clicked.connect(self._calibrate)
        self.table.itemChanged.connect(self._value_edited)

    def _show_model_result(self, text: str) -> None:
        """The model check's answer in its own row, the row hidden while there is none (an empty row took the
        height of a norm)."""
        self.model_result.setText(text)
        self._form.setRowVisible(self.model_result, bool(text))

    def _test_model(self) -> None:
        name = self.model.text().strip() or None
        self._show_model_result("Проверяем…")
        worker.run(lambda: check_model(name),
                   on_result=lambda _label: self._show_model_result(  # the model's own label is English
                       f"Модель работает: {'встроенная' if name is None else name}."),
                   on_error=lambda exc: self._show_model_result(
                       f"Не работает: {user_message(exc, 'модель не загрузилась')}"))

    def _say_calibration(self, text: str) -> None:
        self.calibration_result.setText(text)
        self.calibration_result.setVisible(bool(text))

    def _calibrate(self) -> None:
        """Record the candidate reading for a while (a timer ends it: no thread sleeps), then measure the pace."""
        if self.analyzer is None:
            return
        reading = TempoCalibration(self.analyzer, device=self.settings.input_device or None, backend=self.backend)
        self.calibrate.setEnabled(False)
        self._say_calibration("Читайте текст вслух…")

        def recording(_) -> None:
            QTimer.singleShot(int(READING_S * 1000), lambda: worker.run(reading.finish, on_result=done,
                                                                        on_error=failed))

        def done(rate: float | None) -> None:
            self.calibrate.setEnabled(True)
            if not rate:
                self._say_calibration("Речь не распознана: попробуйте ещё раз ближе к микрофону.")
                return
            self.set_baseline(rate)

        def failed(exc: BaseException) -> None:
            self.calibrate.setEnabled(True)
            self._say_calibration(user_message(exc, "Не удалось измерить темп: попробуйте ещё раз."))

        worker.run(reading.start, on_result=recording, on_error=failed)

    def set_baseline(self, words_per_min: float) -> None:
        """Make the tempo norm personal: a band around the candidate's reading pace (``interview.calibration``)."""
        norms = tempo_norms(words_per_min)
        for name, value in norms.items():
            self._cell(self.names.index(name), VALUE_COLUMN).setText(_number(shown_value(NORMS[name], value)))
        self._say_calibration(
            f"Ваш темп чтения: {pace(words_per_min)}. Норма темпа: "
            f"{pace_range(norms['slow_words_per_min'], norms['fast_words_per_min'])}. "
            "Нажмите «Сохранить».")

    def _reset(self, group: str | None) -> None:
        """Back to the defaults: one group's norms (темп, паузы…), or all of them when ``group`` is None."""
        for i, name in enumerate(self.names):
            if group is None or NORMS[name].group == group:
                self._cell(i, VALUE_COLUMN).setText(_number(shown_value(NORMS[name], NORMS[name].default)))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Rows as tall as their reasons wrap at the width the table has now."""
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        """A cell of the norms' table (every cell is filled when the screen is made)."""
        item = self.table.item(row, column)
        assert item is not None
        return item

    def _value_edited(self, item: QTableWidgetItem) -> None:
        """A value is checked as soon as it is entered: what is wrong is said in its own row."""
        if item.column() == VALUE_COLUMN:
            self._check()

    def _check(self) -> tuple[dict[str, float], dict[str, str]]:
        """Every value as the judge would take it (``norm_overrides.check_overrides``: each in its range, pairs in their
        order), and what is wrong — said in the rows (the value cell red, the problem before the reason) and
        above «Сохранить» until it is put right."""
        typed = {name: self._cell(i, VALUE_COLUMN).text().strip() for i, name in enumerate(self.names)}
        per_cent = {name: check_value(shown(NORMS[name]), text)
                    for name, text in typed.items() if NORMS[name].unit == "доли"}
        judged: dict[str, object] = dict(typed)
        for name, (value, _) in per_cent.items():  # the judge's share of a per cent typed in the table
            if value is not None:
                judged[name] = round(value / 100, 9)
        values, problems = check_overrides(judged)
        for name, (_, problem) in per_cent.items():  # said in per cent, as typed
            if problem is not None:
                problems[name] = problem
                values.pop(name, None)
        self.table.blockSignals(True)  # the marks are not edits
        for i, name in enumerate(self.names):
            problem, why = problems.get(name), self._cell(i, WHY_COLUMN)
            self._cell(i, VALUE_COLUMN).setBackground(WRONG if problem else QBrush())
            text = f"✗ {problem}. {NORMS[name].why}" if problem else NORMS[name].why
            if why.text() != text:
                why.setText(text)
                why.setForeground(QColor("#8c1d18") if problem else QBrush())
                self.table.resizeRowToContents(i)
        self.table.blockSignals(False)
        first = next(iter(problems.values()), None)
        self.problem.setText(f"Не сохранено: исправьте значения, выделенные красным ({len(problems)}). {first}."
                             if first else "")
        self.problem.setStyleSheet("color: #8c1d18;")
        self.problem.setVisible(bool(first))  # an empty line above «Сохранить» took a row's height
        return values, problems

    def _save(self) -> bool:
        """Save everything or nothing: a value that will not do is said in its row and nothing is written."""
        values, problems = self._check()
        if problems:
            self.table.scrollToItem(self._cell(self.names.index(next(iter(problems))), VALUE_COLUMN))
            return False
        s = self.settings
        s.input_device, s.output_device = self.input.currentData(), self.output.currentData()
        s.model, s.follow_ups = self.model.text().strip(), self.follow_ups.isChecked()
        s.thresholds = {name: value for name, value in values.items() if value != NORMS[name].default}
        s.voice = self.voice.currentData()
        s.save()
        self.problem.setText("Сохранено.")
        self.problem.show()
        self.problem.setStyleSheet("color: #1b5e20;")
        self.saved.emit()
        return True
