"""What the candidate sees while speaking: pace, fillers, time since the last pause — numbers that mean something.

The words come from streaming: the committed pieces, then the newest glimpse
(audio decoded every few seconds while the candidate speaks) or the tail
decoded in their last pause (analysis.streaming), so they are about three
seconds behind the voice. Pace is measured over these words
alone, over their last ``window_s`` seconds: the very figure the final report
gives for that stretch (a window that reached past the last word counted
seconds with no words yet and drifted down as the answer went on). Until
there is ``min_speech_s`` of speech the pace is not a number but a reason.
Fillers are the filler words among them, as the final report counts them
from the transcript (its hesitations it finds in the audio, so they are not
counted here). The time since the last pause comes from the voice activity
of the audio itself, which is current to the last second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sobes.analysis.fillers import FillerItem, find_fillers, spoken_words
from sobes.analysis.speech_activity import true_runs
from sobes.analysis.transcript import Word

WINDOW = 512  # Silero's window (32 ms at 16 kHz)
RATE = 16_000


@dataclass(frozen=True)
class LiveIndicators:
    words_per_min: float | None  # over the last ``window_s`` of the words so far; None with a ``pace_reason``
    pace_reason: str | None  # why there is no pace yet (Russian)
    fillers: int  # filler words ("ну", "как бы") in the words so far
    since_pause_s: float | None  # since the last pause of at least ``pause_s`` in the audio
    transcribed_s: float  # how far the words reach


def live_indicators(words: list[Word], probabilities: np.ndarray, heard_s: float, *, speech_threshold: float,
                    pause_s: float, window_s: float = 25.0, min_speech_s: float = 8.0) -> LiveIndicators:
    """The indicators for the words transcribed so far and Silero's probabilities of the audio heard so far; a pause
    is ``pause_s`` of silence, the shortest pause the report counts (the norm ``min_pause_s``: with 0.5 s the live
    "без паузы" reached 27 s on a real answer whose report found a pause every 5.5 s at most)."""
    fillers = len(filler_words(words))
    reach = words[-1].end if words else 0.0
    wpm: float | None = None
    reason: str | None = "темп появится после 10 с речи"  # 8 s of words reach here about 10 s into the speech
    if words and reach - words[0].start >= min_speech_s:
        start = max(words[0].start, reach - window_s)
        wpm = round(words_per_minute(words, start, reach), 1)
        reason = None
    return LiveIndicators(wpm, reason, fillers, _since_pause(probabilities, heard_s, speech_threshold, pause_s),
                          round(reach, 2))


def filler_words(words: list[Word]) -> list[FillerItem]:
    """The filler words ("ну", "как бы") among ``words``: what the live counter counts.

    Words only: "э" is written down by greedy decoding far more often than by beam search, and the report counts
    hesitations from the audio (analysis.hesitations), so a transcribed one here would not agree with it.
    """
    return [item for item in find_fillers(words) if item.kind == "lexical"] if words else []


def words_per_minute(words: list[Word], start: float, end: float) -> float:
    """Spoken words (not hesitations) whose middle lies in ``[start, end]``, per minute of that stretch: the one
    definition of live pace."""
    inside = sum(1 for w in spoken_words(words) if start <= (w.start + w.end) / 2 <= end)
    return inside / max(end - start, 1e-6) * 60


def _since_pause(probabilities: np.ndarray, heard_s: float, threshold: float, pause_s: float) -> float | None:
    """Seconds since the end of the last stretch of ``pause_s`` without speech; None before anything was said."""
    speech = probabilities > threshold
    if not speech.any():
        return None
    need = max(1, int(round(pause_s * RATE / WINDOW)))
    if not speech[-need:].any():
        return 0.0  # a pause is going on now
    ends = [end for start, end in true_runs(~speech) if end - start >= need and end < len(speech)]
    last_pause_end = ends[-1] if ends else int(np.argmax(speech))  # else: since speech began
    return round(max(0.0, heard_s - last_pause_end * WINDOW / RATE), 1)
