"""Start: role and mode (a role play's scenario with its client and what the client needs), a microphone check,
and the model's preparation."""

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
from sobes.interview.role_play_text import scenario_brief, scenario_label

MODE_HELP = {
    "full": "Вопросы всех этапов по порядку, как на настоящем собеседовании: от рассказа о себе до оффера.",
    "stage": "Несколько вопросов одного этапа — например, только поведенческие.",
    "self_presentation": "Только рассказ о себе: 1–2 минуты, с разбором структуры.",
    "phone": "Звонок рекрутера: вопрос звучит как по телефону, и вы слышите, как вас слышат на линии. "
             "Проверка микрофона тоже звучит так, как вас услышат по телефону.",
    "retake": "Один вопрос ещё раз — чтобы сравнить ответ с прошлой попыткой.",
    "role_play": "Разговор с недовольным клиентом: клиент говорит первым, вы отвечаете вслух, и клиент отвечает "
                 "вам — в зависимости от того, что вы сказали. Потом три вопроса о разговоре и разбор: что "
                 "получилось, что исправить и где.",
}


CONTENT_WIDTH = 900  # pixels: on a wide screen the form stays readable, centred, not 1900 pixels of combo box


class StartScreen(QWidget):
    start_requested = Signal(str, str, str, str, str)  # role, mode, stage, question id, role play's scenario id
    choice_changed = Signal(str, str, str, str, str)  # the same, whenever one changes: to say what it will take
    mic_check_requested = Signal()
    mic_playback_requested = Signal()
    history_requested = Signal()
    settings_requested = Signal()

    def __init__(self, questions, parent=None, *, role: str | None = None, mode: str | None = None,
                 scenarios=(), scenario: str | None = None):
        """``role``, ``mode`` and ``scenario`` (a role play's id): those the candidate chose last time, offered
        again; ``scenarios``: the bank's role plays."""
        super().__init__(parent)
        self.questions = list(questions)
        self.scenarios = list(scenarios)
        self._remembered_scenario = scenario
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
        self.scenario = QComboBox()  # the role's role plays, by title
        self.scenario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scenario.setMinimumContentsLength(40)
        self.scenario_brief = QLabel("")  # who the client is and what they need: known before the start
        self.scenario_brief.setWordWrap(True)
        self.scenario_brief.setTextFormat(Qt.TextFormat.PlainText)  # an own bank's text is text, never markup
        self.scenario_brief.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scenario_brief.setMinimumWidth(600)
        self._form = form
        form.addRow("Роль:", self.role)
        form.addRow("Режим:", self.mode)
        form.addRow("", self.mode_help)
        form.addRow("Этап (для тренировки этапа):", self.stage)
        form.addRow("Вопрос (для повтора):", self.question)
        form.addRow("", self.search)
        form.addRow("Ситуация:", self.scenario)
        form.addRow("", self.scenario_brief)
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
        self.outline.setWordWrap(True)
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
        self.scenario.currentIndexChanged.connect(self._scenario_changed)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(*self.choice()))
        for combo in (self.role, self.mode, self.stage, self.question, self.scenario):
            combo.currentIndexChanged.connect(lambda _: self.choice_changed.emit(*self.choice()))

    def choice(self) -> tuple[str, str, str, str, str]:
        """Role, mode, stage, question and role play as chosen now (an empty string for none)."""
        return (self.role.currentData() or "", self.mode.currentData() or "", self.stage.currentData() or "",
                self.question.currentData() or "", self.scenario.currentData() or "")

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
        self._list_scenarios()
        self._list_questions()

    def _list_scenarios(self) -> None:
        """The role's role plays by title; the one chosen before stays chosen (the one remembered, at first)."""
        role = self.role.currentData()
        chosen = self.scenario.currentData() or self._remembered_scenario
        self.scenario.blockSignals(True)
        self.scenario.clear()
        for scenario in self.scenarios:
            if role in scenario.roles:
                self.scenario.addItem(scenario_label(scenario.title, scenario.phone), scenario.id)
                self.scenario.setItemData(self.scenario.count() - 1, scenario.title, Qt.ItemDataRole.ToolTipRole)
        if not self.scenario.count():
            self.scenario.addItem("Для этой роли ролевых игр нет: выберите другую роль")
            self._not_a_choice_in(self.scenario, 0)
        index = self.scenario.findData(chosen) if chosen else -1
        self.scenario.setCurrentIndex(max(index, 0))
        self.scenario.blockSignals(False)
        self._scenario_changed()

    def _scenario_changed(self) -> None:
        """Who the client is and what they need, under the choice: the candidate knows the situation first."""
        chosen = self.scenario.currentData()
        scenario = next((s for s in self.scenarios if s.id == chosen), None)
        self.scenario_brief.setText(scenario_brief(scenario) if scenario is not None else "")
        self._name_playback()

    def scenario_chosen(self) -> str:
        """The role play chosen (its id), or an empty string."""
        return self.scenario.currentData() or ""

    def _not_a_choice(self, index: int) -> None:
        """A line of the question list that cannot be chosen (a stage's heading, "nothing found")."""
        self._not_a_choice_in(self.question, index)

    @staticmethod
    def _not_a_choice_in(combo: QComboBox, index: int) -> None:
        model = combo.model()
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
        self._enable_start(bool(found))

    def _enable_start(self, questions_found: bool = True) -> None:
        """«Начать» as the choice allows: a retake needs a question, a role play a scenario, any session a model."""
        mode = self.mode.currentData()
        possible = {"retake": questions_found, "role_play": bool(self.scenario.currentData())}.get(mode, True)
        self.start_button.setEnabled(not self._model_broken and possible)

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.mode_help.setText(MODE_HELP.get(mode, ""))
        self._name_playback()
        # only what the mode uses is shown: a greyed-out search box still took the keys typed into it
        self._form.setRowVisible(self.stage, mode == "stage")
        for widget in (self.question, self.search):
            self._form.setRowVisible(widget, mode == "retake")
        for row in (self.scenario, self.scenario_brief):
            self._form.setRowVisible(row, mode == "role_play")
        self._list_questions()

    def _name_playback(self) -> None:
        """«▶ Прослушать, как по телефону» when the session is a call: a recruiter's, or a client's."""
        phone = self.phone_chosen()
        listener = "клиент" if self.mode.currentData() == "role_play" else "рекрутер"
        self.mic_play_button.setText("▶ Прослушать, как по телефону" if phone else "▶ Прослушать себя")
        self.mic_play_button.setToolTip(
            f"Как вас услышит {listener}: запись проверки, пропущенная через телефонную линию; она нигде не "
            "сохраняется" if phone else "Как вас слышит микрофон: запись проверки, она нигде не сохраняется")

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
        """A phone session (a recruiter's call, or a client who calls): the microphone check is heard as the line
        will carry it."""
        mode = self.mode.currentData()
        if mode == "role_play":
            chosen = self.scenario.currentData()
            return any(s.id == chosen and s.phone for s in self.scenarios)
        return mode == "phone"

    def mic_checked(self, verdict: str, *, playable: bool = False) -> None:
        self.mic_result.setText(verdict)
        self.mic_button.setEnabled(True)
        self.mic_play_button.setEnabled(playable)
