"""Settings: devices, model, follow-ups, thresholds (in Russian, grouped, each with why it is what it is), data
folder."""

from __future__ import annotations

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
from sobes.analysis.norms import GROUPS, NORMS, Norms
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
        form.addRow("Микрофон:", self.input)
        form.addRow("Вывод звука:", self.output)
        self.model_test = QPushButton("Проверить модель")
        self.model_result = QLabel("")
        form.addRow("Модель:", self.model)
        form.addRow(self.model_test, self.model_result)
        form.addRow("Голос интервьюера:", self.voice)
        form.addRow("", self.follow_ups)
        form.addRow("Папка данных:", QLabel(str(data_dir())))
        layout.addLayout(form)
        # the table's rows: group by group, in the order of the declarations within a group
        self.names = sorted(NORMS, key=lambda name: GROUPS.index(NORMS[name].group))
        self.table = QTableWidget(len(self.names), 5)
        self.table.setHorizontalHeaderLabels(["Группа", "Порог", "Значение", "Единица", "Почему такая норма"])
        for i, name in enumerate(self.names):
            norm = NORMS[name]
            value = settings.thresholds.get(name, norm.default)
            for column, text in enumerate((norm.group, norm.name, _number(value), norm.unit, norm.why)):
                item = QTableWidgetItem(text)
                if column != VALUE_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                default = f"По умолчанию: {amount(norm.default, norm.unit)}"  # «3 раза», not «3 раз»
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
        layout.addWidget(self.table)
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
        for widget in (passage, self.calibrate, self.calibration_result):
            layout.addWidget(widget)
        layout.addLayout(resets)
        layout.addWidget(self.problem)
        layout.addWidget(save)
        reset.clicked.connect(lambda: self._reset(None))
        self.reset_group.clicked.connect(lambda: self._reset(self.group.currentData()))
        save.clicked.connect(self._save)
        self.model_test.clicked.connect(self._test_model)
        self.calibrate.clicked.connect(self._calibrate)
        self.table.itemChanged.connect(self._value_edited)

    def _test_model(self) -> None:
        name = self.model.text().strip() or None
        self.model_result.setText("Проверяем…")
        worker.run(lambda: check_model(name),
                   on_result=lambda _label: self.model_result.setText(  # the model's own label is English
                       f"Модель работает: {'встроенная' if name is None else name}."),
                   on_error=lambda exc: self.model_result.setText(
                       f"Не работает: {user_message(exc, 'модель не загрузилась')}"))

    def _calibrate(self) -> None:
        """Record the candidate reading for a while (a timer ends it: no thread sleeps), then measure the pace."""
        if self.analyzer is None:
            return
        reading = TempoCalibration(self.analyzer, device=self.settings.input_device or None, backend=self.backend)
        self.calibrate.setEnabled(False)
        self.calibration_result.setText("Читайте текст вслух…")

        def recording(_) -> None:
            QTimer.singleShot(int(READING_S * 1000), lambda: worker.run(reading.finish, on_result=done,
                                                                        on_error=failed))

        def done(rate: float | None) -> None:
            self.calibrate.setEnabled(True)
            if not rate:
                self.calibration_result.setText("Речь не распознана: попробуйте ещё раз ближе к микрофону.")
                return
            self.set_baseline(rate)

        def failed(exc: BaseException) -> None:
            self.calibrate.setEnabled(True)
            self.calibration_result.setText(user_message(exc, "Не удалось измерить темп: попробуйте ещё раз."))

        worker.run(reading.start, on_result=recording, on_error=failed)

    def set_baseline(self, words_per_min: float) -> None:
        """Make the tempo norm personal: a band around the candidate's reading pace (``interview.calibration``)."""
        norms = tempo_norms(words_per_min)
        for name, value in norms.items():
            self._cell(self.names.index(name), VALUE_COLUMN).setText(_number(value))
        self.calibration_result.setText(
            f"Ваш темп чтения: {pace(words_per_min)}. Норма темпа: "
            f"{pace_range(norms['slow_words_per_min'], norms['fast_words_per_min'])}. "
            "Нажмите «Сохранить».")

    def _reset(self, group: str | None) -> None:
        """Back to the defaults: one group's norms (темп, паузы…), or all of them when ``group`` is None."""
        for i, name in enumerate(self.names):
            if group is None or NORMS[name].group == group:
                self._cell(i, VALUE_COLUMN).setText(_number(NORMS[name].default))

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
        """Every value as the judge would take it (``Norms.check_overrides``: each in its range, pairs in their
        order), and what is wrong — said in the rows (the value cell red, the problem before the reason) and
        above «Сохранить» until it is put right."""
        values, problems = Norms.check_overrides({name: self._cell(i, VALUE_COLUMN).text().strip()
                                                  for i, name in enumerate(self.names)})
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
        self.problem.setStyleSheet("color: #1b5e20;")
        self.saved.emit()
        return True
