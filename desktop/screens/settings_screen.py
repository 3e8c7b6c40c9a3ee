"""Settings: devices, model, follow-ups, thresholds (in Russian, grouped, each with why it is what it is), data
folder."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from sobes.analysis.config import describe_thresholds
from sobes.analysis.labels import ru_number
from sobes.analysis.norms import NORMS
from sobes.core.errors import user_message
from sobes.desktop.dialogs import title_with_back
from sobes.interview.paths import data_dir

# A neutral passage to read aloud at one's usual pace: the personal tempo baseline.
READING_PASSAGE = ("Добрый день! Меня зовут Анна, я работаю с корпоративными клиентами уже несколько лет. "
                   "Каждый день я отвечаю на вопросы партнёров, готовлю предложения и слежу за договорами. "
                   "Мне нравится находить решения, которые устраивают и клиента, и компанию.")
CALIBRATION_S = 20.0
BASELINE_SLOW, BASELINE_FAST = 0.75, 1.35  # the tempo norm becomes 75–135 % of the reading pace


VALUE_COLUMN = 2


def _number(value: float) -> str:
    """A threshold as a Russian reader writes it: a decimal comma."""
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
        self.model.setPlaceholderText("встроенная модель base; или папка модели; или имя модели (нужен интернет)")
        self.voice = QComboBox()
        self.voice.addItem("Festival, русский голос (офлайн)", "festival")
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
        rows = describe_thresholds()
        self.table = QTableWidget(len(rows), 5)
        self.table.setHorizontalHeaderLabels(["Группа", "Порог", "Значение", "Единица", "Почему такая норма"])
        for i, row in enumerate(rows):
            norm = NORMS[row["name"]]
            value = settings.thresholds.get(row["name"], row["value"])
            for column, text in enumerate((norm.group, norm.name, _number(value), norm.unit, norm.why)):
                item = QTableWidgetItem(text)
                if column != VALUE_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                default = f"По умолчанию: {_number(row['default'])} {norm.unit}".rstrip()
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
        self.calibrate = QPushButton(f"Записать чтение ({CALIBRATION_S:.0f} с) и настроить норму темпа")
        self.calibration_result = QLabel("")
        resets = QHBoxLayout()
        self.group = QComboBox()
        for group in dict.fromkeys(NORMS[row["name"]].group for row in rows):
            self.group.addItem(group, group)
        self.reset_group = QPushButton("Вернуть нормы группы по умолчанию")
        reset, save = QPushButton("Вернуть все нормы по умолчанию"), QPushButton("Сохранить")
        for widget in (self.group, self.reset_group, reset):
            resets.addWidget(widget)
        resets.addStretch()
        for widget in (passage, self.calibrate, self.calibration_result):
            layout.addWidget(widget)
        layout.addLayout(resets)
        layout.addWidget(save)
        reset.clicked.connect(lambda: self._reset(None))
        self.reset_group.clicked.connect(lambda: self._reset(self.group.currentData()))
        save.clicked.connect(self._save)
        self.model_test.clicked.connect(self._test_model)
        self.calibrate.clicked.connect(self._calibrate)

    def _test_model(self) -> None:
        from sobes.analysis.model_store import resolve_model
        from sobes.analysis.transcribe import load_model
        from sobes.desktop import worker

        name = self.model.text().strip() or None
        self.model_result.setText("Проверяем…")
        def check():
            spec = resolve_model(name)  # checksums the bundled model: once is enough
            load_model(spec)
            return spec.label

        worker.run(check, on_result=lambda label: self.model_result.setText(f"Модель работает: {label}"),
                   on_error=lambda exc: self.model_result.setText(f"Не работает: {exc}"))

    def _calibrate(self) -> None:
        """Record the candidate reading for a while (a timer ends it: no thread sleeps), then measure the pace."""
        from PySide6.QtCore import QTimer

        from sobes.audio.recorder import Recorder
        from sobes.desktop import worker
        from sobes.interview.paths import scratch_wav

        if self.analyzer is None:
            return
        path = scratch_wav("reading")
        self.calibrate.setEnabled(False)
        self.calibration_result.setText("Читайте текст вслух…")
        recorder = Recorder(path, device=self.settings.input_device or None, backend=self.backend)

        def stop_and_measure():
            recorder.stop()
            try:
                return self.analyzer.analyze_file(path).tempo.words_per_min
            finally:
                path.unlink(missing_ok=True)

        def recording(_) -> None:
            QTimer.singleShot(int(CALIBRATION_S * 1000),
                              lambda: worker.run(stop_and_measure, on_result=done, on_error=failed))

        def done(rate):
            self.calibrate.setEnabled(True)
            if not rate:
                self.calibration_result.setText("Речь не распознана: попробуйте ещё раз ближе к микрофону.")
                return
            self.set_baseline(rate)

        def failed(exc):
            path.unlink(missing_ok=True)
            self.calibrate.setEnabled(True)
            self.calibration_result.setText(user_message(exc, "Не удалось измерить темп: попробуйте ещё раз."))

        worker.run(recorder.start, on_result=recording, on_error=failed)

    def set_baseline(self, words_per_min: float) -> None:
        """Make the tempo norm personal: 75–135 % of the candidate's reading pace."""
        names = [row["name"] for row in describe_thresholds()]
        for name, factor in (("slow_words_per_min", BASELINE_SLOW), ("fast_words_per_min", BASELINE_FAST)):
            self.table.item(names.index(name), VALUE_COLUMN).setText(f"{words_per_min * factor:.0f}")
        self.calibration_result.setText(f"Ваш темп чтения: {ru_number(words_per_min, 0)} слов в минуту. Норма темпа: "
                                        f"{ru_number(words_per_min * BASELINE_SLOW, 0)}–"
                                        f"{ru_number(words_per_min * BASELINE_FAST, 0)} слов в минуту"
                                        ". Нажмите «Сохранить».")


    def _reset(self, group: str | None) -> None:
        """Back to the defaults: one group's norms (темп, паузы…), or all of them when ``group`` is None."""
        for i, row in enumerate(describe_thresholds()):
            if group is None or NORMS[row["name"]].group == group:
                self.table.item(i, VALUE_COLUMN).setText(_number(row["default"]))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Rows as tall as their reasons wrap at the width the table has now."""
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def _save(self) -> None:
        overrides = {}
        for i, row in enumerate(describe_thresholds()):
            try:
                value = float(self.table.item(i, VALUE_COLUMN).text().replace(",", "."))
            except ValueError:
                continue
            if value != row["default"]:
                overrides[row["name"]] = value
        s = self.settings
        s.input_device, s.output_device = self.input.currentData(), self.output.currentData()
        s.model, s.follow_ups, s.thresholds = self.model.text().strip(), self.follow_ups.isChecked(), overrides
        s.voice = self.voice.currentData()
        s.save()
        self.saved.emit()
