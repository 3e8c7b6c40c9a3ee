"""How the answer sounded: every delivery section computed from the audio and the words.

The acoustic features and the speech-activity frames are computed once and
shared; each section is a pure function of them. Order matters in one place:
hesitations are found before pauses, so that a filled pause is never also
counted as a silent one (the confusion ANCHORS.md records in Praat tools).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

import numpy as np

from sobes.analysis.features import Features, features_of, fold_octave_errors
from sobes.analysis.fillers import FillersSection, find_fillers, spoken_words, summarize_fillers
from sobes.analysis.hedges import HedgesSection, find_hedges
from sobes.analysis.hesitations import detect_hesitations, merge_hesitations
from sobes.analysis.judge import Judge
from sobes.analysis.loudness import LoudnessSection, measure_loudness
from sobes.analysis.pauses import PausesSection, measure_pauses
from sobes.analysis.pitch import PitchSection, measure_pitch
from sobes.analysis.speech_activity import detect_speech
from sobes.analysis.tempo import TempoSection, measure_tempo
from sobes.analysis.transcript import Word

logger = logging.getLogger(__name__)


@dataclass
class DeliveryMetrics:
    tempo: TempoSection
    pauses: PausesSection
    fillers: FillersSection
    hedges: HedgesSection
    pitch: PitchSection
    loudness: LoudnessSection
    seconds: dict[str, float]  # compute time per stage, for bench/analysis_speed.py


def analyze_delivery(y: np.ndarray, sr: int, words: list[Word], judge: Judge, *,
                     probabilities: np.ndarray | None = None, features: Features | None = None) -> DeliveryMetrics:
    """All delivery sections for a 16 kHz mono signal and its recognised words.

    ``probabilities`` (Silero's) and ``features`` are given when streaming has computed them already.
    """
    clock, norms = _Clock(), judge.norms
    if features is None:
        features = features_of(y, sr, voicing_threshold=norms.voicing_aperiodicity)
    features = replace(features, f0_hz=fold_octave_errors(features.f0_hz))
    clock.lap("features")
    activity = detect_speech(y, features, norms, probabilities=probabilities)
    clock.lap("speech_activity")
    lexical = find_fillers(words)
    transcribed = [f for f in lexical if f.kind == "hesitation"]
    lexical = [f for f in lexical if f.kind == "lexical"]
    clock.lap("fillers")
    heard = detect_hesitations(y, sr, features, activity, words, lexical, norms) if words else []
    hesitations = merge_hesitations(transcribed, heard)
    clock.lap("hesitations")
    pauses = measure_pauses(activity, features.hop_s, words, judge,
                            filled=[(h.start, h.end) for h in hesitations])
    clock.lap("pauses")
    spoken = spoken_words(words)
    tempo = measure_tempo(spoken, _pauses_inside_words_span(pauses, spoken), norms)
    clock.lap("tempo")
    fillers = summarize_fillers(lexical + hesitations, len(words), tempo.speaking_time_s)
    hedges = find_hedges(words)
    clock.lap("hedges")
    pitch = measure_pitch(features, activity.speech, norms)
    clock.lap("pitch")
    loudness = measure_loudness(y, sr, features, activity.speech, activity.noise_floor_db)
    clock.lap("loudness")
    return DeliveryMetrics(tempo, pauses, fillers, hedges, pitch, loudness, clock.laps)


def _pauses_inside_words_span(pauses: PausesSection, words: list[Word]) -> float:
    if not words:
        return 0.0
    first, last = words[0].start, words[-1].end
    return sum(max(0.0, min(p.end, last) - max(p.start, first)) for p in pauses.items)


class _Clock:
    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 4)
        self._last = now
