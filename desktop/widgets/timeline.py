"""The answer on a time axis: loudness and pitch, pauses, fillers and the STAR parts as coloured spans."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Signal

from sobes.desktop.widgets.progress_chart import RussianAxis

FLOOR_DB = -60
STAR_COLORS = {"situation": (66, 133, 244, 60), "task": (251, 188, 5, 60), "action": (52, 168, 83, 60),
               "result": (234, 67, 53, 60)}


class Timeline(pg.GraphicsLayoutWidget):
    seek = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground("w")
        self.setMinimumHeight(220)
        # a decimal comma on every axis («0,5 с», not «0.5»), as everywhere else in the app
        self.loudness = self.addPlot(row=0, col=0, axisItems=_russian_axes())
        self.pitch = self.addPlot(row=1, col=0, axisItems=_russian_axes())
        self.pitch.setXLink(self.loudness)
        self.loudness.setLabel("left", "громкость, дБ")
        self.pitch.setLabel("left", "высота голоса, Гц")
        self.pitch.setLabel("bottom", "секунды от начала ответа")
        for plot in (self.loudness, self.pitch):
            plot.setMouseEnabled(x=False, y=False)  # the wheel scrolls the page; a click plays from there
            plot.hideButtons()  # no auto-range "A" button
            plot.setMenuEnabled(False)
        self.playhead = pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen("k", width=1))
        self.loudness.addItem(self.playhead)
        self.loudness.scene().sigMouseClicked.connect(self._clicked)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        event.ignore()  # to the scrolling page around it

    def show_report(self, report) -> None:
        """A fresh view for each answer: its whole length, the play head at the start."""
        for plot in (self.loudness, self.pitch):
            plot.clear()
            plot.enableAutoRange()
        self.playhead.setPos(0)
        self.loudness.addItem(self.playhead)
        if report.loudness and report.loudness.envelope:
            times = [t for t, _ in report.loudness.envelope]
            levels = [max(level, FLOOR_DB) for _, level in report.loudness.envelope]  # silence would squash it
            self.loudness.plot(times, levels, pen=pg.mkPen("#3367d6", width=1.5))
        if report.pitch and report.pitch.track:
            points = [(t, hz) for t, hz in report.pitch.track if hz is not None]
            if points:
                self.pitch.plot([t for t, _ in points], [hz for _, hz in points], pen=None, symbol="o", symbolSize=3,
                                symbolBrush="#7b1fa2")
        for pause in report.pauses.items if report.pauses else []:
            region = pg.LinearRegionItem((pause.start, pause.end), movable=False, brush=(128, 128, 128, 50))
            self.loudness.addItem(region)
        for filler in report.fillers.items if report.fillers else []:
            color = "#b3261e" if filler.kind == "hesitation" else "#e08e00"
            self.loudness.addItem(pg.InfiniteLine(pos=filler.start, angle=90, pen=pg.mkPen(color, width=2)))
        content = report.content
        for part in content.star.parts if content and content.star else []:
            region = pg.LinearRegionItem((part.start, part.end), movable=False, brush=STAR_COLORS[part.label])
            self.pitch.addItem(region)

    def move_playhead(self, seconds: float) -> None:
        self.playhead.setPos(seconds)

    def _clicked(self, event) -> None:
        point = self.loudness.vb.mapSceneToView(event.scenePos())
        self.seek.emit(max(0.0, point.x()))


def _russian_axes() -> dict[str, RussianAxis]:
    return {"left": RussianAxis(orientation="left"), "bottom": RussianAxis(orientation="bottom")}
