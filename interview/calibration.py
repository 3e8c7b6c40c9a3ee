"""The personal tempo: the candidate reads a neutral passage aloud at their usual pace, and the tempo norm
becomes a band around that pace (a slow, deliberate speaker is not told "too slow" for their own normal)."""

from __future__ import annotations

from sobes.analysis.engine import Analyzer
from sobes.interview.scratch import ScratchRecording

# A neutral passage to read aloud at one's usual pace.
READING_PASSAGE = ("Добрый день! Меня зовут Анна, я работаю с корпоративными клиентами уже несколько лет. "
                   "Каждый день я отвечаю на вопросы партнёров, готовлю предложения и слежу за договорами. "
                   "Мне нравится находить решения, которые устраивают и клиента, и компанию.")
READING_S = 20.0  # the passage takes 15–20 s at an ordinary pace
# calibrated here: the norm becomes 75–135 % of the reading pace (reading is steadier than answering)
SLOW_SHARE, FAST_SHARE = 0.75, 1.35


class TempoCalibration:
    """``start`` and ``finish`` block (run them on a worker)."""

    def __init__(self, analyzer: Analyzer, *, device: str | None = None, backend=None):
        self.analyzer = analyzer
        self._recording = ScratchRecording("reading", device=device, backend=backend)

    def start(self) -> None:
        self._recording.start()

    def finish(self) -> float | None:
        """The reading pace in words per minute, or None when no speech was recognised."""
        _, audio = self._recording.stop()
        if audio is None:
            return None
        tempo = self.analyzer.analyze_audio(audio, "reading").tempo
        return tempo.words_per_min if tempo is not None else None


def tempo_norms(words_per_min: float) -> dict[str, float]:
    """The tempo norm around a reading pace, as the settings store it."""
    return {"slow_words_per_min": round(words_per_min * SLOW_SHARE),
            "fast_words_per_min": round(words_per_min * FAST_SHARE)}
