"""One delivery verdict as a card: the metric, its value, the norm and source, and the tip."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from sobes.analysis.labels import METRIC_NAMES, ru_number

COLORS = {"good": "#1b7f3b", "attention": "#a66a00", "problem": "#b3261e"}


class MetricCard(QFrame):
    def __init__(self, verdict, parent=None):
        super().__init__(parent)
        color = COLORS.get(verdict.verdict, "#444444")
        self.setObjectName("card")
        self.setStyleSheet(f"#card {{ border: 2px solid {color}; border-radius: 8px; }}")
        layout = QVBoxLayout(self)
        value = ru_number(verdict.value, 2)
        title = QLabel(f"<b>{METRIC_NAMES.get(verdict.metric, verdict.metric)}</b>: "
                       f"<span style='color:{color}'>{value}</span>")
        norm = QLabel(f"Норма: {verdict.norm}")
        norm.setWordWrap(True)
        norm.setToolTip(f"Источник: {verdict.source}")
        tip = QLabel(verdict.tip)
        tip.setWordWrap(True)
        for widget in (title, norm, tip):
            layout.addWidget(widget)
