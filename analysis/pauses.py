"""Silent pauses measured from the audio, not from word timestamps.

Whisper's word times drift around silences (the first word after a long pause
is timed early), so pause edges come from the speech-activity frames. Word
times only tell where a pause falls: between sentences or inside one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sobes.analysis.judge import Judge
from sobes.analysis.speech_activity import SpeechActivity
from sobes.analysis.transcript import Word

# a pause after the end of a sentence or a clause is where a speaker breathes; one mid-clause sounds like
# searching for words (ANCHORS). Beam search writes a comma where greedy decoding wrote a full stop.
_BOUNDARY = (".", "!", "?", "…", ",", ";", ":", "—")


@dataclass
class Pause:
    start: float
    end: float
    duration: float
    within_sentence: bool  # mid-clause (no sentence or clause end before it): reads as searching for words
    long: bool = False  # long by the norms the answer was judged with (``Judge.long_pause``)


@dataclass
class PausesSection:
    items: list[Pause] = field(default_factory=list)
    count: int = 0
    long_count: int = 0  # the pauses marked long
    max_s: float | None = None
    total_s: float | None = None
    pause_ratio: float | None = None
    mean_length_of_run_s: float | None = None
    longest_run_s: float | None = None  # the longest stretch of speech without a pause
    response_latency_s: float | None = None
    speech_start_s: float | None = None
    speech_end_s: float | None = None
    reason: str | None = None


def measure_pauses(activity: SpeechActivity, hop_s: float, words: list[Word], judge: Judge, *,
                   filled: Sequence[tuple[float, float]] = ()) -> PausesSection:
    """Pauses of at least ``min_pause_s`` between the first and the last speech.

    ``filled`` are hesitation spans ("эээ"): time inside them is not silence, so
    a gap is cut around them and only its silent parts count.
    """
    runs = activity.runs(hop_s)
    if not runs:
        return PausesSection(reason="no speech found in the recording")
    speech_start, speech_end = runs[0][0], runs[-1][1]
    gaps = [(a_end, b_start) for (_, a_end), (b_start, _) in zip(runs, runs[1:])]
    silent = [piece for gap in gaps for piece in _subtract(gap, filled)]
    pauses = [_pause(start, end, words, judge) for start, end in silent if end - start >= judge.norms.min_pause_s]
    span = speech_end - speech_start
    total = sum(p.duration for p in pauses)
    return PausesSection(
        items=pauses,
        count=len(pauses),
        long_count=sum(p.long for p in pauses),
        max_s=round(max((p.duration for p in pauses), default=0.0), 3),
        total_s=round(total, 3),
        pause_ratio=round(total / span, 3) if span > 0 else None,
        mean_length_of_run_s=round((span - total) / (len(pauses) + 1), 3),
        longest_run_s=round(max(end - start for start, end in zip([speech_start] + [p.end for p in pauses],
                                                                  [p.start for p in pauses] + [speech_end])), 3),
        response_latency_s=round(speech_start, 3),
        speech_start_s=round(speech_start, 3),
        speech_end_s=round(speech_end, 3),
    )


def _subtract(gap: tuple[float, float], filled) -> list[tuple[float, float]]:
    pieces = [gap]
    for f_start, f_end in filled:
        pieces = [part for start, end in pieces
                  for part in ((start, min(end, f_start)), (max(start, f_end), end))
                  if part[1] > part[0]]
    return pieces


def _pause(start: float, end: float, words: list[Word], judge: Judge) -> Pause:
    before = [w for w in words if (w.start + w.end) / 2 <= start]
    within = bool(before) and not before[-1].word.rstrip('"»)').endswith(_BOUNDARY)
    duration = round(end - start, 3)
    return Pause(round(start, 3), round(end, 3), duration, within, judge.long_pause(duration, within))
