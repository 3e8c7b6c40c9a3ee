"""The transcript with fillers, hesitations, hedges and long pauses marked; click a word to play from it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser

from sobes.analysis.report import Report
from sobes.analysis.transcript import Word
from sobes.core.numbers import ru_number

MARKS = {"lexical": "#ffd27f", "hesitation": "#ff9e9e", "hedge": "#d9c2ff"}


class TranscriptView(QTextBrowser):
    word_clicked = Signal(float)  # seconds

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        # as tall as its text, the page scrolls: a box of fixed height cut its last line (and the marks' legend
        # under it) in half at 1024×768, a strip showing through above the graph
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend = QLabel("")  # the marks this transcript has, named: for the screen to place under it
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color:#555")
        self._words: list[Word] = []
        self._report: Report | None = None
        self._current = -1
        self.anchorClicked.connect(lambda url: self.word_clicked.emit(self._words[int(url.path())].start))

    def show_report(self, report) -> None:
        self._report, self._words, self._current = report, report.transcript.words, -1
        self._render()

    def follow(self, seconds: float | None) -> None:
        """Highlight the word being played; ``None``: nothing is playing."""
        index = -1 if seconds is None else max((i for i, w in enumerate(self._words) if w.start <= seconds),
                                               default=-1)
        if index != self._current:
            self._current = index
            self._render()

    def _render(self) -> None:
        report = self._report
        if report is None:
            return
        spans = [(f.start, f.end, f.kind) for f in (report.fillers.items if report.fillers else [])]
        spans += [(h.start, h.end, "hedge") for h in (report.hedges.items if report.hedges else [])]
        long_pauses = [p for p in (report.pauses.items if report.pauses else []) if p.long]  # as the card counts
        parts: list[str] = []
        pause_index = 0
        for i, word in enumerate(self._words):
            while pause_index < len(long_pauses) and long_pauses[pause_index].start <= word.start:
                pause = long_pauses[pause_index]
                parts.append(f"<span style='color:#8c1d18'>[долгая пауза {ru_number(pause.duration)} с]</span>")
                pause_index += 1
            kind = next((k for s, e, k in spans if s - 0.05 <= word.start and word.end <= e + 0.05), None)
            style = f"background:{MARKS[kind]};" if kind else ""
            if i == self._current:
                style += "font-weight:bold;text-decoration:underline;"
            parts.append(f"<a href='w:{i}' style='color:black;text-decoration:none;{style}'>"
                         f"{html.escape(word.word)}</a>")
        self.setHtml(f"<p style='font-size:15px;line-height:160%'>{' '.join(parts)}</p>")
        self.legend.setText(_legend(report, spans))
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The height of the text at the present width, so that no line is cut."""
        document = self.document()
        document.setTextWidth(self.viewport().width())
        height = int(document.size().height()) + 2 * self.frameWidth() + 4
        if height != self.height():
            self.setFixedHeight(max(48, height))


def _legend(report, spans: list[tuple[float, float, str]]) -> str:
    """The marks named, only those the transcript has: an answer with no marks had a legend of nothing."""
    names = {"lexical": "слово-паразит", "hesitation": "заминка", "hedge": "неуверенность"}
    shown = [f"<span style='background:{MARKS[kind]}'>{name}</span>" for kind, name in names.items()
             if any(k == kind for _, _, k in spans)]
    hesitations = [f for f in (report.fillers.items if report.fillers else []) if f.source == "audio"]
    heard = f"заминок, слышных только в звуке: {len(hesitations)}" if hesitations else ""
    if not shown and not heard:
        return ""
    marks = f"Отметки: {' '.join(shown)}" if shown else ""
    return "; ".join(p for p in (marks, heard) if p)
