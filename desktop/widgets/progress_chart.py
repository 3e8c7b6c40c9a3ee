"""One figure over dates, its norm as a shaded band: drawn from ``interview.progress.Series``."""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sobes.core.numbers import ru_number
from sobes.interview.progress import TRACKED, Series

NORM_BRUSH = (76, 175, 80, 45)  # light green; the band is also named in the legend, never colour alone


class RussianAxis(pg.AxisItem):
    """Numbers with a decimal comma, as everywhere else in the app."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (Qt's name)
        return [ru_number(v * scale, 0 if spacing * scale >= 1 else 1) for v in values]


class ProgressChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        # answers in order, each labelled with its date: sessions days apart and minutes apart read alike
        self.plot = pg.PlotWidget(background="w", axisItems={"left": RussianAxis(orientation="left")})
        self.plot.setMinimumHeight(220)
        self.plot.setMouseEnabled(x=False, y=False)  # the page scrolls; the chart does not zoom
        self.plot.hideButtons()
        layout.addWidget(self.note)
        layout.addWidget(self.plot)
        self.series: Series | None = None  # what is drawn

    def show_series(self, data: Series, kind_name: str) -> None:
        """Hidden with a reason until there are two points; else the points by date over the norm band."""
        tracked = TRACKED[data.metric]
        self.series = data
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
        order = list(range(1, len(values) + 1))
        self.plot.plot(order, values, pen=pg.mkPen("#3367d6", width=2), symbol="o", symbolBrush="#3367d6")
        every = max(1, len(order) // 8)  # at most about eight dates under the axis
        self.plot.getAxis("bottom").setTicks([[(i, _day(t)) for i, (t, _) in zip(order, data.points)
                                               if (i - 1) % every == 0], []])
        self.plot.setXRange(0.5, len(order) + 0.5, padding=0)
        self.plot.setYRange(min(0.0, min(values)) - 0.04 * top, top, padding=0)  # a point at 0 stays visible
        self.plot.setLabel("left", tracked.unit)


def _day(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%d.%m, %H:%M")


def _band(low: float, high: float, digits: int) -> str:
    if low == high:
        return ru_number(low, digits)
    if high == float("inf"):
        return f"от {ru_number(low, digits)}"
    if low == 0:
        return f"до {ru_number(high, digits)}"
    return f"от {ru_number(low, digits)} до {ru_number(high, digits)}"
