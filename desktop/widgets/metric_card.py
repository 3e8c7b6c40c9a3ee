"""One delivery verdict as a card: the metric, its value, the norm and source, and the tip."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from sobes.analysis.labels import METRIC_NAMES, VERDICT_MARK, verdict_value

COLORS = {"good": "#1b7f3b", "attention": "#a66a00", "problem": "#b3261e"}


class MetricCard(QFrame):
    def __init__(self, verdict, parent=None):
        super().__init__(parent)
        color = COLORS.get(verdict.verdict, "#444444")
        self.setObjectName("card")
        self.setStyleSheet(f"#card {{ border: 2px solid {color}; border-radius: 8px; }}")
        layout = QVBoxLayout(self)
        mark = VERDICT_MARK.get(verdict.verdict, "")
        title = QLabel(f"<b>{METRIC_NAMES.get(verdict.metric, verdict.metric)}</b>: "
                       f"<span style='color:{color}'>{mark} {escape(verdict_value(verdict.metric, verdict.value))}"
                       "</span>")
        title.setWordWrap(True)
        norm = QLabel(f"Норма: {escape(verdict.norm)}")
        norm.setWordWrap(True)
        tip = QLabel(verdict.tip)
        tip.setWordWrap(True)
        self.why = QLabel(escape(verdict.why))  # "Почему такая норма?", opened on request
        self.why.setWordWrap(True)
        self.why.setVisible(False)
        self.why_link = QLabel("<a href='why'>Почему такая норма?</a>")
        self.why_link.linkActivated.connect(lambda _: self.why.setVisible(not self.why.isVisible()))
        for widget in (title, norm, tip, self.why_link, self.why):
            layout.addWidget(widget)
        self.why_link.setVisible(bool(verdict.why))
