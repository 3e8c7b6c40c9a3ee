"""A microphone level meter: the level as a bar, red when too loud, grey when too quiet (as judged for it), and
the judgement in words (the colour is never the only cue; decibels mean nothing to a candidate)."""

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

    def show_level(self, level, judged: str) -> None:
        """``level``: ``audio.recorder.Level``; ``judged``: ``quiet``, ``loud`` or ``ok`` (analysis.verdicts)."""
        self.setValue(max(FLOOR_DB, int(level.rms_dbfs)))
        self.setFormat({"loud": "Громкость: слишком громко, звук искажается", "quiet": "Громкость: тихо — говорите "
                        "громче или ближе к микрофону", "silent": "Голоса пока не слышно"}.get(judged,
                                                                                          "Громкость: хорошо"))
        color = {"loud": "#f19a93", "quiet": "#c9c9c9", "silent": "#c9c9c9"}.get(judged, "#8fd19e")
        # light colours under dark text, centred: black on dark green was hard to read
        self.setStyleSheet(f"QProgressBar {{ text-align: center; }} QProgressBar::chunk {{ background: {color}; }}")

    def reset(self) -> None:
        self.setValue(FLOOR_DB)
        self.setFormat("—")
