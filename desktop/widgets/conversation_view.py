"""The review of a role play, as the summary and a past session from History show it: the headline, how the
conversation ended, up to three fixes each with «▶» at its reply and moment, then the conversation turn by turn
(the client's line, the candidate's words, what was good and what was a mistake, with the words), and the figures
of the whole conversation.

It draws the review's dict (``summary["role_play"]``) and nothing else; a «▶» asks to play a reply's recording
from a moment (``play``: the take and the second), which the screen holding this view does.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sobes.interview.role_play_text import (
    LAST_WORDS,
    figures,
    fix_place,
    last_words,
    moment_text,
    reply_figures,
    scenario_brief,
    take_of_turn,
)

GOOD, MISTAKE = "#1e6b34", "#a3231b"  # beside the marks ✓ and ✗, never colour alone


def _label(text: str = "", *, rich: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class ConversationView(QWidget):
    play = Signal(int, float)  # a reply's take, and the second to play it from
    stop = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.title = _label()
        self.title.setStyleSheet("font-size: 17px;")
        self.brief = _label(rich=False)
        self.brief.setStyleSheet("color: #555;")
        self.headline = _label(rich=False)
        self.headline.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.outcome = _label()
        self.stop_button = QPushButton("■ Стоп")
        self.stop_button.setToolTip("Остановить запись")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.clicked.connect(self.stop_button.hide)
        self.stop_button.hide()  # shown once a reply is played: a «Стоп» with nothing playing puzzled
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignTop)
        self.fixes_title = _label("<b>Что исправить</b>")
        self.fixes = QVBoxLayout()
        self.turns_title = _label("<b>Как шёл разговор</b>")
        self.turns = QVBoxLayout()
        self.figures = _label()
        for item in (self.title, self.brief, top, self.outcome, self.fixes_title, self.fixes, self.turns_title,
                     self.turns, self.figures):
            if isinstance(item, QWidget):
                self.layout_.addWidget(item)
            else:
                self.layout_.addLayout(item)
        self.fix_buttons: list[QPushButton] = []
        self.turn_buttons: list[QPushButton] = []

    def show_review(self, review: dict, scenario: dict | None = None) -> None:
        """``review``: the summary's ``role_play``; ``scenario``: its ``scenario`` (title, client, need)."""
        for layout in (self.fixes, self.turns):
            _clear(layout)
        self.stop_button.hide()
        self.fix_buttons, self.turn_buttons = [], []
        scenario = scenario or {}
        title = scenario.get("title")
        self.title.setText(f"<b>Ролевая игра:</b> {escape(title)}" if title else "<b>Ролевая игра</b>")
        self.brief.setText(scenario_brief(scenario))
        self.brief.setVisible(bool(self.brief.text()))
        self.headline.setText(review.get("headline") or "")
        outcome = review.get("outcome_text")
        self.outcome.setText(f"<b>Чем закончился разговор:</b> {escape(outcome)}" if outcome else "")
        self.outcome.setVisible(bool(outcome))
        fixes = review.get("fixes") or []
        self.fixes_title.setVisible(bool(fixes))
        for number, fix in enumerate(fixes, 1):
            self._add_fix(review, number if len(fixes) > 1 else None, fix)
        turns = review.get("turns") or []
        self.turns_title.setVisible(bool(turns))
        for turn in turns:
            self._add_turn(turn)
        ending = last_words(review)
        if ending:  # a row of its own, as the turns are: _clear takes rows
            row = QHBoxLayout()
            row.addWidget(_label(f"<b>{escape(LAST_WORDS)}:</b> {escape(ending)}"))
            self.turns.addLayout(row)
        rows = "".join(f"<tr><td><b>{escape(name)}:</b></td><td>{escape(value)}</td></tr>"
                       for name, value in figures(review))
        self.figures.setText(f"<b>Весь разговор</b><table cellpadding='3'>{rows}</table>")

    def _play(self, take: int, seconds: float) -> None:
        self.stop_button.show()
        self.play.emit(take, seconds)

    def _add_fix(self, review: dict, number: int | None, fix: dict) -> None:
        row = QHBoxLayout()
        quote = (fix.get("quote") or "").strip()
        text = (f"{number}. " if number else "") + escape(fix.get("text", "")) + (
            f" <span style='color:#555'>Вы сказали: «{escape(quote)}»</span>" if quote else "")
        row.addWidget(_label(text), 1)
        take = take_of_turn(review, fix.get("turn"))
        place = fix_place(fix)
        if take is not None and place:
            button = QPushButton(f"▶ {place[:1].upper()}{place[1:]}")
            button.setToolTip("Прослушать это место разговора")
            start = float(fix.get("start") or 0.0)
            button.clicked.connect(lambda _=False, t=take, s=start: self._play(t, s))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.fix_buttons.append(button)
        self.fixes.addLayout(row)

    def _add_turn(self, turn: dict) -> None:
        number = turn.get("turn")
        sharper = " <i>(клиент стал резче)</i>" if turn.get("escalated") else ""
        said = (turn.get("transcript") or "").strip()
        lines = [f"<b>Реплика {number}</b>", f"<b>Клиент:</b> {escape(turn.get('client', ''))}{sharper}",
                 f"<b>Вы:</b> {escape(said) if said else '<i>речь не распознана</i>'}"]
        lines += [f"<span style='color:{GOOD}'>✓ {escape(moment_text(m))}</span>" for m in turn.get("good") or []]
        lines += [f"<span style='color:{MISTAKE}'>✗ {escape(moment_text(m))}</span>"
                  for m in turn.get("mistakes") or []]
        figures_ = reply_figures(turn)
        if figures_:
            lines.append(f"<span style='color:#555'>{escape(figures_)}</span>")
        row = QHBoxLayout()
        row.addWidget(_label("<br>".join(lines)), 1)
        take = turn.get("take_id")
        if isinstance(take, int):
            button = QPushButton("▶ Слушать")
            button.setToolTip("Прослушать этот ответ")
            button.clicked.connect(lambda _=False, t=take: self._play(t, 0.0))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.turn_buttons.append(button)
        self.turns.addLayout(row)


def _clear(layout) -> None:
    """Every row of ``layout`` gone at once (hidden now: deleteLater waits for the event loop)."""
    while layout.count():
        item = layout.takeAt(0)
        row = item.layout() if item is not None else None
        while row is not None and row.count():
            inner = row.takeAt(0)
            widget = inner.widget() if inner is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
