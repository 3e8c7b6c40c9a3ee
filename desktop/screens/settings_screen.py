"""Settings: devices, model, follow-ups, thresholds (with their sources), data folder."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from analysis.config import describe_thresholds
from interview.paths import data_dir


class SettingsScreen(QWidget):
    saved = Signal()

    def __init__(self, settings, devices, parent=None):
        super().__init__(parent)
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Настройки</h2>"))
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
        self.follow_ups = QCheckBox("Задавать уточняющие вопросы после ответа")
        self.follow_ups.setChecked(settings.follow_ups)
        form.addRow("Микрофон:", self.input)
        form.addRow("Вывод звука:", self.output)
        form.addRow("Модель:", self.model)
        form.addRow("", self.follow_ups)
        form.addRow("Папка данных:", QLabel(str(data_dir())))
        layout.addLayout(form)
        rows = describe_thresholds()
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Порог", "Значение"])
        for i, row in enumerate(rows):
            name = QTableWidgetItem(row["name"])
            name.setToolTip(f"По умолчанию {row['default']:g}. Источник: {row['source']}")
            self.table.setItem(i, 0, name)
            value = settings.thresholds.get(row["name"], row["value"])
            self.table.setItem(i, 1, QTableWidgetItem(f"{value:g}"))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        reset, save = QPushButton("Сбросить пороги"), QPushButton("Сохранить")
        layout.addWidget(reset)
        layout.addWidget(save)
        reset.clicked.connect(self._reset)
        save.clicked.connect(self._save)

    def _reset(self) -> None:
        for i, row in enumerate(describe_thresholds()):
            self.table.item(i, 1).setText(f"{row['default']:g}")

    def _save(self) -> None:
        overrides = {}
        for i, row in enumerate(describe_thresholds()):
            try:
                value = float(self.table.item(i, 1).text().replace(",", "."))
            except ValueError:
                continue
            if value != row["default"]:
                overrides[row["name"]] = value
        s = self.settings
        s.input_device, s.output_device = self.input.currentData(), self.output.currentData()
        s.model, s.follow_ups, s.thresholds = self.model.text().strip(), self.follow_ups.isChecked(), overrides
        s.save()
        self.saved.emit()
