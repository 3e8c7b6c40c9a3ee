"""One figure over dates, its norm as a shaded band: drawn from ``interview.progress.Series``."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sobes.analysis.labels import ru_number
from sobes.interview.progress import TRACKED, Series

NORM_BRUSH = (76, 175, 80, 45)  # light green; the band is also named in the legend, never colour alone


class ProgressChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setMinimumHeight(220)
        self.plot.setMouseEnabled(x=False, y=False)  # the page scrolls; the chart does not zoom
        self.plot.hideButtons()
        layout.addWidget(self.note)
        layout.addWidget(self.plot)

    def show_series(self, data: Series, kind_name: str) -> None:
        """Hidden with a reason until there are two points; else the points by date over the norm band."""
        tracked = TRACKED[data.metric]
        self.plot.clear()
        self.plot.setVisible(data.enough)
        if not data.enough:
            self.note.setText(f"{tracked.name} ({kind_name}): график появится, когда будет хотя бы два разобранных "
                              "ответа такого вида.")
            return
        low, high = data.norm
        self.note.setText(f"{tracked.name}, {tracked.unit} — {kind_name}. Зелёная полоса — норма "
                          f"({_band(low, high, tracked.digits)}); точки — ответы по датам.")
        values = [v for _, v in data.points]
        top = max(values + [low + 1.0] + ([high] if high != float("inf") else [])) * 1.15 + 0.5
        band = pg.LinearRegionItem((low, min(high, top) if high > low else low + 0.05), orientation="horizontal",
                                   movable=False, brush=pg.mkBrush(*NORM_BRUSH), pen=pg.mkPen(None))
        self.plot.addItem(band)
        self.plot.plot([t for t, _ in data.points], values, pen=pg.mkPen("#3367d6", width=2), symbol="o",
                       symbolBrush="#3367d6")
        self.plot.setYRange(min(0.0, min(values)), top, padding=0)
        self.plot.setLabel("left", tracked.unit)


def _band(low: float, high: float, digits: int) -> str:
    if low == high:
        return ru_number(low, digits)
    if high == float("inf"):
        return f"от {ru_number(low, digits)}"
    if low == 0:
        return f"до {ru_number(high, digits)}"
    return f"от {ru_number(low, digits)} до {ru_number(high, digits)}"
