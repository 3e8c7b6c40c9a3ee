"""The coaching summary of one answer, first thing on the review: the headline, up to three fixes with a
button to hear the moment, the guides' better answer, and what the answer had and lacked."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QPushButton, QVBoxLayout, QWidget

from sobes.analysis.labels import clock, example_or_advice, in_headline


class CoachingView(QWidget):
    seek = Signal(float)  # "прослушать" at a fix's moment

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.headline_play = QPushButton("")  # the headline's moment, when the headline is a fix (off topic…)
        self.headline_play.setToolTip("Прослушать это место ответа")
        self._headline_at = 0.0
        self.headline_play.clicked.connect(lambda: self.seek.emit(self._headline_at))
        headline_row = QHBoxLayout()
        headline_row.addWidget(self.headline, 1)
        headline_row.addWidget(self.headline_play)
        self.fixes = QVBoxLayout()
        self.example = QLabel("")
        self.example.setWordWrap(True)
        self.items = QLabel("")
        self.items.setWordWrap(True)
        self.layout_.addLayout(headline_row)
        self.layout_.addLayout(self.fixes)
        self.layout_.addWidget(self.example)
        self.layout_.addWidget(self.items)

    def show_coaching(self, coaching) -> None:
        while self.fixes.count():
            row = _taken(self.fixes).layout()
            while row is not None and row.count():
                widget = _taken(row).widget()
                if widget is not None:
                    widget.hide()  # at once, not when the event loop gets to deleteLater
                    widget.deleteLater()
        self.headline_play.hide()
        if coaching is None:
            self.headline.setText("")
            self.example.setText("")
            self.items.setText("")
            return
        self.headline.setText(escape(coaching.headline))
        # the headline is often the first fix (an off-topic answer's always): said once, its moment beside it
        said = next((f for f in coaching.fixes if in_headline(f.text, coaching.headline) and f.start is not None),
                    None)
        if said is not None and said.start is not None:
            self._headline_at = said.start
            self.headline_play.setText(f"▶ {clock(said.start)}")
            self.headline_play.show()
        fixes = [f for f in coaching.fixes if not in_headline(f.text, coaching.headline)]
        for number, fix in enumerate(fixes, 1):
            row = QHBoxLayout()
            text = QLabel(f"{number}. {escape(fix.text)}" if len(fixes) > 1 else escape(fix.text))
            text.setWordWrap(True)
            row.addWidget(text, 1)
            if fix.start is not None:
                button = QPushButton(f"▶ {clock(fix.start)}")
                button.setToolTip("Прослушать это место ответа")
                button.clicked.connect(lambda _=False, at=fix.start: self.seek.emit(at))
                row.addWidget(button)
            self.fixes.addLayout(row)
        example = next((f.example for f in coaching.fixes if f.example), None)
        heading, words = example_or_advice(example) if example else ("", "")
        self.example.setText(f"<b>{heading}:</b> {escape(words)}" if example else "")
        had = "".join(f"<li>✓ {escape(i.label)}" + (f" — «{escape(i.evidence)}»" if i.evidence else "") + "</li>"
                      for i in coaching.covered)
        lacked = "".join(f"<li>✗ {escape(i.label)}</li>" for i in coaching.missing)
        self.items.setText((f"<b>Есть в ответе:</b><ul>{had}</ul>" if had else "")
                           + (f"<b>Не хватает:</b><ul>{lacked}</ul>" if lacked else ""))


def _taken(layout: QLayout) -> QLayoutItem:
    """The first item of a layout that has one, taken out of it."""
    item = layout.takeAt(0)
    assert item is not None
    return item
