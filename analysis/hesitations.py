"""Filled pauses ("эээ", "ммм", drawn-out words) found in the audio itself.

Whisper rarely writes hesitations down (faster-whisper #319, #901), so they are
detected acoustically, following Audhkhasi et al. 2009 and Verkhodanova &
Shapranov 2014: a voiced stretch of at least ~250 ms whose spectral envelope
(formants) and pitch barely move. Ordinary speech changes its envelope every
phoneme (~12 per second); a held vowel or nasal murmur does not.

A candidate that lies inside a recognised word of normal length is that
word's own vowel and is dropped; one inside a word far longer than its
syllables allow is a drawn-out word ("ну-у-у"); one over a lexical filler is
already counted. Hesitations that Whisper did transcribe are merged with the
audio ones so that nothing is counted twice.
"""

from __future__ import annotations

import numpy as np

from sobes.analysis.features import Features, fold_octave_errors
from sobes.analysis.fillers import FillerItem
from sobes.analysis.norms import Norms
from sobes.analysis.speech_activity import SpeechActivity, true_runs
from sobes.analysis.text import count_syllables
from sobes.analysis.transcript import Word

_DRIFT_FRAMES = 5  # 50 ms on each side of a frame
_MAX_VOICING_GAP = 3  # frames of unvoiced tolerated inside a hesitation (30 ms)
_NASAL_HIGH_SHARE = 0.03  # a nasal murmur ("м") keeps under 3 % (-15 dB) of its energy in 1–4 kHz
_WORD_TOLERANCE_S = 0.05
_LEAD_S = 0.1  # calibrated here: Festival's "эээ, вот" and "ммм, короче" begin 0.2–0.25 s before the word's start
_BLOCK_FRAMES = 30_000  # 5 minutes of frames


def detect_hesitations(y: np.ndarray, sr: int, features: Features, activity: SpeechActivity,
                       words: list[Word], lexical: list[FillerItem],
                       norms: Norms) -> list[FillerItem]:
    """Hesitations found in the audio, each as a ``FillerItem`` of kind "hesitation"."""
    if activity.speech_level_db is None:
        return []
    hop = features.hop_s
    voiced = _fill_gaps(~np.isnan(features.f0_hz), _MAX_VOICING_GAP)
    audible = features.rms_db > max(activity.speech_level_db - 30.0, (activity.noise_floor_db or -120) + 10)
    sounding = voiced & audible
    steady = sounding & (envelope_drift(features.cepstra, half_window=_DRIFT_FRAMES)
                         < norms.hesitation_envelope_drift)
    found = []
    for a, b in true_runs(steady):
        a, b = _widen_within(a, b, sounding, _DRIFT_FRAMES)
        start, end = a * hop, b * hop
        if end - start < norms.hesitation_min_s:
            continue
        if _pitch_spread_st(fold_octave_errors(features.f0_hz[a:b], half_window=b - a)) > norms.hesitation_pitch_sd_st:
            continue
        if _covered_by(start, end, lexical):
            continue
        if _inside_normal_word(start, end, words, norms):
            continue
        label = "м" if _high_share(y, sr, start, end) < _NASAL_HIGH_SHARE else "э"
        confidence = round(min(0.95, 0.6 + (end - start - norms.hesitation_min_s)), 2)
        found.append(FillerItem(label, round(start, 3), round(end, 3), "hesitation",
                                confidence, source="audio"))
    return found


def merge_hesitations(transcribed: list[FillerItem], acoustic: list[FillerItem]) -> list[FillerItem]:
    """One item per hesitation: audio timing, the transcript's spelling where both found it."""
    merged, used = [], set()
    for heard in acoustic:
        twin = next((k for k, t in enumerate(transcribed)
                     if k not in used and t.start < heard.end + 0.2 and heard.start < t.end + 0.2), None)
        if twin is None:
            merged.append(heard)
        else:
            used.add(twin)
            merged.append(FillerItem(transcribed[twin].text, heard.start, heard.end, "hesitation",
                                     max(heard.confidence, transcribed[twin].confidence), source="both"))
    merged += [t for k, t in enumerate(transcribed) if k not in used]
    return sorted(merged, key=lambda item: item.start)


def envelope_drift(cepstra: np.ndarray, *, half_window: int) -> np.ndarray:
    """Distance between the mean cepstra of the ``half_window`` frames before and after each frame.

    Averaging first removes frame-to-frame jitter (harmonics crossing the
    filters), leaving the movement of the formants. Shape (n_frames,); the
    edges, where a window does not fit, are +inf.
    """
    n, k = len(cepstra), half_window
    drift = np.full(n, np.inf)
    for first in range(k, n - k + 1, _BLOCK_FRAMES):  # a block at a time: flat memory on an hour's answer
        last = min(first + _BLOCK_FRAMES, n - k + 1)
        block = cepstra[first - k:last + k]
        cumulative = np.vstack([np.zeros((1, block.shape[1])), np.cumsum(block, axis=0)])
        centres = np.arange(k, last - first + k)
        before = (cumulative[centres] - cumulative[centres - k]) / k
        after = (cumulative[centres + k] - cumulative[centres]) / k
        drift[first:last] = np.linalg.norm(before - after, axis=1)
    return drift


def _widen_within(a: int, b: int, mask: np.ndarray, frames: int) -> tuple[int, int]:
    """Give back the ``frames`` the drift windows cost at each edge, staying inside ``mask``."""
    for _ in range(frames):
        if a > 0 and mask[a - 1]:
            a -= 1
        if b < len(mask) and mask[b]:
            b += 1
    return a, b


def _inside_normal_word(start: float, end: float, words: list[Word], norms: Norms) -> bool:
    """True when the span is the vowel of a recognised word of ordinary length.

    A word far longer than its syllables allow was drawn out, or Whisper glued
    an untranscribed hesitation onto it: then the span is a hesitation.
    """
    for word in words:
        if start >= word.start - _WORD_TOLERANCE_S and end <= word.end + _WORD_TOLERANCE_S:
            normal = 0.15 + norms.hesitation_max_syllable_s * max(count_syllables(word.word), 1)
            return word.end - word.start <= normal
    return False


def _covered_by(start: float, end: float, items: list[FillerItem]) -> bool:
    """The span is a drawn-out lexical filler ("ну-у-у"): mostly inside it, and not begun before it.

    Beam search stretches a word's start back over a hesitation said just before it ("эээ, вот"): a
    steady vowel that starts well before the filler is a hesitation of its own.
    """
    return any(start >= i.start - _LEAD_S and min(end, i.end) - max(start, i.start) > 0.5 * (end - start)
               for i in items)


def _pitch_spread_st(f0: np.ndarray) -> float:
    """Spread of a candidate's pitch in semitones.

    The caller folds the tracker's octave errors against the candidate's own
    median first: inside a held vowel the errors can be so many that the
    quarter-second neighbourhood the whole answer is folded against is split.
    """
    voiced = f0[~np.isnan(f0)]
    if len(voiced) < 3:
        return np.inf
    semitones = 12 * np.log2(voiced / np.median(voiced))
    return float(np.std(semitones))


def _high_share(y: np.ndarray, sr: int, start: float, end: float) -> float:
    """Share of the segment's energy between 1 and 4 kHz (where vowels have F2/F3)."""
    segment = y[int(start * sr):int(end * sr)]
    power = np.abs(np.fft.rfft(segment * np.hanning(len(segment)))) ** 2
    freqs = np.fft.rfftfreq(len(segment), 1 / sr)
    return float(power[(freqs > 1000) & (freqs < 4000)].sum() / max(power.sum(), 1e-12))


def _fill_gaps(mask: np.ndarray, max_gap: int) -> np.ndarray:
    out = mask.copy()
    for a, b in true_runs(~mask):
        if 0 < a and b < len(mask) and b - a <= max_gap:
            out[a:b] = True
    return out
