"""Start: role and mode, a microphone check, and the model's preparation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sobes.desktop.widgets.level_meter import LevelMeter
from sobes.interview.plans import MODES
from sobes.interview.question_bank import ROLES, STAGES


class StartScreen(QWidget):
    start_requested = Signal(str, str, str, str)  # role, mode, stage, question id
    mic_check_requested = Signal()

    def __init__(self, questions, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel("<h1>Собес</h1><p>Тренажёр устных собеседований. Всё работает на этом компьютере: "
                       "записи никуда не отправляются.</p>")
        title.setWordWrap(True)
        layout.addWidget(title)

        form = QFormLayout()
        self.role = QComboBox()
        for key, name in ROLES.items():
            self.role.addItem(name, key)
        self.mode = QComboBox()
        for key, name in MODES.items():
            self.mode.addItem(name, key)
        self.stage = QComboBox()
        for key, name in STAGES.items():
            self.stage.addItem(name, key)
        self.question = QComboBox()
        for q in sorted(questions, key=lambda q: q.id):
            self.question.addItem(f"{q.id}: {q.text[:70]}", q.id)
        form.addRow("Роль:", self.role)
        form.addRow("Режим:", self.mode)
        form.addRow("Этап (для тренировки этапа):", self.stage)
        form.addRow("Вопрос (для повтора):", self.question)
        layout.addLayout(form)

        mic = QGroupBox("Проверка микрофона")
        mic_layout = QHBoxLayout(mic)
        self.meter = LevelMeter()
        self.mic_button = QPushButton("Записать 3 секунды")
        self.mic_result = QLabel("")
        mic_layout.addWidget(self.meter, 2)
        mic_layout.addWidget(self.mic_button)
        mic_layout.addWidget(self.mic_result, 1)
        layout.addWidget(mic)

        self.model_progress = QProgressBar()
        self.model_progress.setRange(0, 0)
        self.model_label = QLabel("Подготовка модели распознавания речи…")
        layout.addWidget(self.model_label)
        layout.addWidget(self.model_progress)

        self.start_button = QPushButton("Начать")
        self.start_button.setMinimumHeight(40)
        layout.addWidget(self.start_button)
        layout.addStretch(1)

        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()
        self.mic_button.clicked.connect(self.mic_check_requested)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(
            self.role.currentData(), self.mode.currentData(), self.stage.currentData(), self.question.currentData()))

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.stage.setEnabled(mode == "stage")
        self.question.setEnabled(mode == "retake")

    def model_ready(self, label: str) -> None:
        self.model_progress.setRange(0, 1)
        self.model_progress.setValue(1)
        self.model_label.setText(f"Модель готова: {label}")

    def mic_checked(self, verdict: str) -> None:
        self.mic_result.setText(verdict)
        self.mic_button.setEnabled(True)
