"""A microphone level meter: RMS in dBFS as a bar, red when clipping, grey when too quiet."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

FLOOR_DB = -60


class LevelMeter(QProgressBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRange(FLOOR_DB, 0)
        self.setValue(FLOOR_DB)
        self.setTextVisible(True)
        self.setFormat("—")
        self.setMinimumWidth(200)

    def show_level(self, level) -> None:
        self.setValue(max(FLOOR_DB, int(level.rms_dbfs)))
        note = " перегруз!" if level.clipping else " слишком тихо" if level.too_quiet else ""
        self.setFormat(f"{level.rms_dbfs:.0f} дБFS{note}")
        color = "#b3261e" if level.clipping else "#888888" if level.too_quiet else "#1b7f3b"
        self.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")

    def reset(self) -> None:
        self.setValue(FLOOR_DB)
        self.setFormat("—")
