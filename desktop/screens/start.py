"""Start: role and mode, a microphone check, and the model's preparation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sobes.desktop.widgets.level_meter import LevelMeter
from sobes.interview.plans import MODES
from sobes.interview.question_bank import ROLES, STAGES

MODE_HELP = {
    "full": "Вопросы всех этапов по порядку, как на настоящем собеседовании: от рассказа о себе до оффера.",
    "stage": "Несколько вопросов одного этапа — например, только поведенческие.",
    "self_presentation": "Только рассказ о себе: 1–2 минуты, с разбором структуры.",
    "phone": "Звонок рекрутера: вопрос звучит как по телефону, и вы слышите, как вас слышат на линии. "
             "Проверка микрофона тоже звучит так, как вас услышат по телефону.",
    "retake": "Один вопрос ещё раз — чтобы сравнить ответ с прошлой попыткой.",
}


CONTENT_WIDTH = 900  # pixels: on a wide screen the form stays readable, centred, not 1900 pixels of combo box


class StartScreen(QWidget):
    start_requested = Signal(str, str, str, str)  # role, mode, stage, question id
    choice_changed = Signal(str, str, str, str)  # the same, whenever one of them changes: to say what it will take
    mic_check_requested = Signal()
    mic_playback_requested = Signal()
    history_requested = Signal()
    settings_requested = Signal()

    def __init__(self, questions, parent=None, *, role: str | None = None, mode: str | None = None):
        """``role`` and ``mode``: those the candidate chose last time, offered again."""
        super().__init__(parent)
        self.questions = list(questions)
        self._model_broken = False  # the speech model failed to load: no session can start
        centred = QHBoxLayout(self)
        content = QWidget()
        content.setMaximumWidth(CONTENT_WIDTH)
        centred.addStretch(1)
        centred.addWidget(content, 100)
        centred.addStretch(1)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<h1>Собес</h1><p>Тренажёр устных собеседований. Всё работает на этом компьютере: "
                       "записи никуда не отправляются.</p>")
        title.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(title, 1)
        self.history_button = QPushButton("История и прогресс")
        self.settings_button = QPushButton("Настройки")
        for button in (self.history_button, self.settings_button):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        form = QFormLayout()
        self.role = QComboBox()
        for key, name in ROLES.items():
            self.role.addItem(name, key)
        self.mode = QComboBox()
        for key, name in MODES.items():
            self.mode.addItem(name, key)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))
        self.mode_help = QLabel("")
        self.mode_help.setWordWrap(True)
        self.mode_help.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # under its box
        self.mode_help.setMinimumWidth(600)  # its height is reckoned at its narrowest: two empty lines below it
        self.stage = QComboBox()
        self.question = QComboBox()  # grouped by stage, the role's questions only, full text in the list
        self.question.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.question.setMinimumContentsLength(50)
        self.question.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.question.view().setMinimumWidth(700)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Найти вопрос по словам, например «клиент» или «зарплата»")
        self.search.setClearButtonEnabled(True)
        self._form = form
        form.addRow("Роль:", self.role)
        form.addRow("Режим:", self.mode)
        form.addRow("", self.mode_help)
        form.addRow("Этап (для тренировки этапа):", self.stage)
        form.addRow("Вопрос (для повтора):", self.question)
        form.addRow("", self.search)
        layout.addLayout(form)

        mic = QGroupBox("Проверка микрофона")
        mic_layout = QHBoxLayout(mic)
        self.meter = LevelMeter()
        self.mic_button = QPushButton("Записать 3 секунды")
        self.mic_play_button = QPushButton("▶ Прослушать себя")
        self.mic_play_button.setEnabled(False)
        self.mic_result = QLabel("Скажите пару фраз обычным голосом — мы скажем, хорошо ли вас слышно.")
        self.mic_result.setWordWrap(True)
        mic_layout.addWidget(self.meter, 2)
        mic_layout.addWidget(self.mic_button)
        mic_layout.addWidget(self.mic_play_button)
        mic_layout.addWidget(self.mic_result, 2)
        layout.addWidget(mic)

        self.model_progress = QProgressBar()
        self.model_progress.setRange(0, 0)
        self.model_label = QLabel("Подготовка модели распознавания речи…")
        layout.addWidget(self.model_label)
        layout.addWidget(self.model_progress)

        self.outline = QLabel("")  # «5 вопросов, около 15 минут»: what the session will take
        self.start_button = QPushButton("Начать")
        self.start_button.setMinimumHeight(40)
        layout.addWidget(self.outline)
        layout.addWidget(self.start_button)
        layout.addStretch(1)

        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self._mode_changed()
        self.mic_button.clicked.connect(self.mic_check_requested)
        self.mic_play_button.clicked.connect(self.mic_playback_requested)
        self.history_button.clicked.connect(self.history_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.search.textChanged.connect(self._list_questions)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(*self.choice()))
        for combo in (self.role, self.mode, self.stage, self.question):
            combo.currentIndexChanged.connect(lambda _: self.choice_changed.emit(*self.choice()))

    def choice(self) -> tuple[str, str, str, str]:
        """Role, mode, stage and question as chosen now (an empty string for none)."""
        return (self.role.currentData() or "", self.mode.currentData() or "", self.stage.currentData() or "",
                self.question.currentData() or "")

    def show_outline(self, text: str) -> None:
        """What the chosen session will take, e.g. «5 вопросов, около 15 минут»."""
        self.outline.setText(f"Тренировка: {text}." if text else "")

    def _role_changed(self) -> None:
        """Only the role's questions, and only stages that have some (no empty stage on offer)."""
        role = self.role.currentData()
        mine = [q for q in self.questions if role in q.roles]
        chosen = self.stage.currentData()
        self.stage.clear()
        for key, name in STAGES.items():
            if any(q.stage == key for q in mine):  # how many are asked, the outline under the form says: the
                self.stage.addItem(name, key)       # stage's count in the bank («вопросов: 7») read as a contradiction
        index = self.stage.findData(chosen) if chosen is not None else -1
        self.stage.setCurrentIndex(max(index, 0))
        self._list_questions()

    def _not_a_choice(self, index: int) -> None:
        """A line of the question list that cannot be chosen (a stage's heading, "nothing found")."""
        model = self.question.model()
        assert isinstance(model, QStandardItemModel)  # a QComboBox's own model
        item = model.item(index)
        if item is not None:
            item.setEnabled(False)

    def _list_questions(self) -> None:
        """The role's questions grouped by stage, full text, narrowed to those with every word searched for."""
        role, words = self.role.currentData(), self.search.text().lower().split()
        found = [q for q in self.questions if role in q.roles and all(w in q.text.lower() for w in words)]
        chosen = self.question.currentData()
        self.question.clear()
        for key, name in STAGES.items():
            in_stage = [q for q in found if q.stage == key]
            if not in_stage:
                continue
            self.question.addItem(f"— {name} —")  # a heading, not a choice
            self._not_a_choice(self.question.count() - 1)
            for q in in_stage:
                self.question.addItem(q.text, q.id)
                self.question.setItemData(self.question.count() - 1, q.text, Qt.ItemDataRole.ToolTipRole)
        if not found:
            self.question.addItem("Таких вопросов нет: сократите запрос")
            self._not_a_choice(0)
        index = self.question.findData(chosen) if chosen is not None else -1
        self.question.setCurrentIndex(index if index >= 0 else (1 if found else 0))
        self.start_button.setEnabled(not self._model_broken and (bool(found) or self.mode.currentData() != "retake"))

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.mode_help.setText(MODE_HELP.get(mode, ""))
        phone = mode == "phone"
        self.mic_play_button.setText("▶ Прослушать, как по телефону" if phone else "▶ Прослушать себя")
        self.mic_play_button.setToolTip(
            "Как вас услышит рекрутер: запись проверки, пропущенная через телефонную линию; она нигде не сохраняется"
            if phone else "Как вас слышит микрофон: запись проверки, она нигде не сохраняется")
        # only what the mode uses is shown: a greyed-out search box still took the keys typed into it
        self._form.setRowVisible(self.stage, mode == "stage")
        for widget in (self.question, self.search):
            self._form.setRowVisible(widget, mode == "retake")
        self._list_questions()

    def model_failed(self, reason: str) -> None:
        """No session without a model: its answers could not be transcribed (one could be started before)."""
        self._model_broken = True
        self.model_progress.hide()
        self.model_label.setText(f"Модель распознавания речи не загрузилась: {reason}")
        self.start_button.setEnabled(False)
        self.start_button.setToolTip("Занятие начнётся, когда модель распознавания речи загрузится")

    def model_ready(self) -> None:
        if self._model_broken:
            self._model_broken = False
            self.start_button.setToolTip("")
            self._list_questions()  # enables «Начать» as the choice allows
        self.model_progress.hide()  # a full bar left on screen said nothing
        self.model_label.setText("Модель готова: речь распознаётся на этом компьютере.")

    def mic_recording(self, left_s: float) -> None:
        """The check is recording: say so, with the seconds left (the last verdict is gone until the new one)."""
        self.mic_result.setText(f"● Идёт запись: скажите пару фраз… (ещё {max(1, round(left_s))} с)")
        self.mic_button.setEnabled(False)
        self.mic_play_button.setEnabled(False)

    def phone_chosen(self) -> bool:
        """A phone session: the microphone check is heard as the line will carry it."""
        return self.mode.currentData() == "phone"

    def mic_checked(self, verdict: str, *, playable: bool = False) -> None:
        self.mic_result.setText(verdict)
        self.mic_button.setEnabled(True)
        self.mic_play_button.setEnabled(playable)
