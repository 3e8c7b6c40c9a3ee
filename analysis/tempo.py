"""Tempo: words per minute, speech rate and articulation rate in syllables per second.

Words per minute is the measure a candidate reads and is judged on (the
guides give their norm in it); syllables per second (speech rate, de Jong &
Wempe 2009) and the articulation rate, which leaves the silent pauses out,
are kept for the analysis. Rates count the whole span from the first to the
last word. This module measures; ``analysis.verdicts`` judges.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sobes.analysis.norms import Norms
from sobes.analysis.text import count_syllables
from sobes.analysis.transcript import Word


@dataclass
class TempoPoint:
    start: float
    end: float
    syllables_per_sec: float
    words_per_min: float


@dataclass
class TempoSection:
    words: int = 0
    syllables: int = 0
    speaking_time_s: float | None = None
    words_per_min: float | None = None
    syllables_per_sec: float | None = None
    articulation_rate_sps: float | None = None
    curve: list[TempoPoint] = field(default_factory=list)
    reason: str | None = None


def measure_tempo(words: list[Word], pause_total_s: float, norms: Norms) -> TempoSection:
    """Tempo of the answer; ``pause_total_s`` is the silent-pause time inside the span."""
    if len(words) < 2:
        return TempoSection(words=len(words), reason="too few words to measure tempo")
    span = words[-1].end - words[0].start
    if span <= 0:
        return TempoSection(words=len(words), reason="words have no duration")
    syllables = sum(count_syllables(w.word) for w in words)
    rate = syllables / span
    speaking = span - min(pause_total_s, span * 0.9)
    return TempoSection(
        words=len(words),
        syllables=syllables,
        speaking_time_s=round(span, 3),
        words_per_min=round(len(words) / span * 60, 1),
        syllables_per_sec=round(rate, 2),
        articulation_rate_sps=round(syllables / speaking, 2),
        curve=tempo_curve(words, window_s=norms.tempo_window_s),
    )


def tempo_curve(words: list[Word], *, window_s: float) -> list[TempoPoint]:
    """Speech rate per window of ``window_s``; a short last window joins the previous one."""
    start, end = words[0].start, words[-1].end
    edges = [start]
    while edges[-1] + window_s < end:
        edges.append(edges[-1] + window_s)
    if len(edges) > 1 and end - edges[-1] < window_s / 2:
        edges.pop()
    edges.append(end)
    points = []
    for left, right in zip(edges, edges[1:]):
        inside = [w for w in words if left <= (w.start + w.end) / 2 < right or
                  (right == end and (w.start + w.end) / 2 == end)]
        length = right - left
        points.append(TempoPoint(round(left, 2), round(right, 2),
                                 round(sum(count_syllables(w.word) for w in inside) / length, 2),
                                 round(len(inside) / length * 60, 1)))
    return points
