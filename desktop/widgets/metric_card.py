"""One delivery verdict as a card: the metric, its value, the norm and source, and the tip."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

COLORS = {"good": "#1b7f3b", "attention": "#a66a00", "problem": "#b3261e"}
NAMES = {"tempo": "Темп", "pauses": "Паузы", "latency": "Начало ответа", "fillers": "Слова-паразиты",
         "hesitations": "Заминки", "hedges": "Неуверенность", "pitch": "Интонация", "loudness": "Громкость",
         "noise": "Фон"}


class MetricCard(QFrame):
    def __init__(self, verdict, parent=None):
        super().__init__(parent)
        color = COLORS.get(verdict.verdict, "#444444")
        self.setObjectName("card")
        self.setStyleSheet(f"#card {{ border: 2px solid {color}; border-radius: 8px; }}")
        layout = QVBoxLayout(self)
        value = "—" if verdict.value is None else f"{verdict.value:g}".replace(".", ",")
        title = QLabel(f"<b>{NAMES.get(verdict.metric, verdict.metric)}</b>: "
                       f"<span style='color:{color}'>{value}</span>")
        norm = QLabel(f"Норма: {verdict.norm}")
        norm.setToolTip(f"Источник: {verdict.source}")
        tip = QLabel(verdict.tip)
        tip.setWordWrap(True)
        for widget in (title, norm, tip):
            layout.addWidget(widget)
