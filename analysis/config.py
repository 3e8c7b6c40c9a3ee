"""Every threshold of the delivery analysis, in one place, with its source.

Each field's metadata names where the number comes from: a publication, a
peer product, the guides in shared/seeds (via seed_digest.md), or
"calibrated here" with what it was calibrated on. The desktop settings screen
lists them with ``describe_thresholds()`` and stores user overrides, applied
with ``Thresholds.with_overrides``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


def _t(value: float, source: str) -> Any:
    return field(default=value, metadata={"source": source})


@dataclass(frozen=True)
class Thresholds:
    # --- speech activity and pauses -------------------------------------------------
    vad_speech_prob: float = _t(0.5, "Silero VAD default speech probability")
    silence_below_speech_db: float = _t(
        25.0, "de Jong & Wempe 2009: silence is 25 dB under the speech level")
    silence_above_floor_db: float = _t(
        6.0, "calibrated here: 6 dB over the noise floor of non-speech frames")
    min_pause_s: float = _t(0.25, "De Jong & Bosker 2013; 250 ms is the common silent-pause cut-off")
    long_pause_s: float = _t(2.0, "seed_digest §6.5: a pause over 2–3 s inside an answer is long")
    mid_sentence_pause_s: float = _t(1.2, "ANCHORS: a pause over ~1.2 s mid-clause reads as uncertainty")
    latency_attention_s: float = _t(
        3.0, "seed_digest §6.5 / 001 L336: a short pause before answering is fine, 2–3 s at most")
    latency_problem_s: float = _t(6.0, "calibrated here: twice the attention level")
    # --- tempo ----------------------------------------------------------------------
    slow_syllables_per_s: float = _t(
        3.0, "calibrated here: seed_digest §6.5's 90 words/min at ~2.3 syllables per Russian word")
    fast_syllables_per_s: float = _t(
        6.0, "calibrated here: seed_digest §6.5's 170 words/min at ~2.3 syllables per Russian word")
    tempo_window_s: float = _t(10.0, "calibrated here: a tempo point every 10 s of the answer")
    # --- fillers and hesitations ----------------------------------------------------
    fillers_per_100_attention: float = _t(
        3.0, "seed_digest §6.5: flag more than ~3 fillers per 100 words")
    fillers_per_100_problem: float = _t(
        6.0, "ANCHORS: ~4–5 per 100 words is ordinary spontaneous Russian; more is a problem")
    filler_repeat_attention: int = _t(3, "seed_digest §6.5: one filler repeated more than 3 times")
    hesitations_per_min_attention: float = _t(
        2.0, "calibrated here: one hesitation every 30 s is noticeable in a short answer")
    hesitations_per_min_problem: float = _t(
        5.0, "ANCHORS: 4–6 filled pauses per minute is ordinary speech, above it stands out")
    hesitation_min_s: float = _t(0.25, "ANCHORS: filled pauses last at least 250–400 ms (Audhkhasi 2009)")
    hesitation_pitch_sd_st: float = _t(1.2, "parley: filled pauses have ≤ 1.2 semitone pitch spread")
    hesitation_envelope_drift: float = _t(
        1.5, "calibrated here: mel-cepstral distance between the 50 ms before and after a frame; "
             "held vowels in the test audio stay under 0.9, 95 % of voiced speech frames are over 2.5")
    hesitation_max_syllable_s: float = _t(
        0.30, "calibrated here: a word longer than 0.3 s per syllable + 0.15 s is drawn out")
    voicing_aperiodicity: float = _t(0.25, "calibrated here: YIN aperiodicity under which a frame is voiced")
    hedges_per_100_attention: float = _t(
        2.0, "calibrated here; seed_digest §6.3 (001 L79: «наверное», «надеюсь» read as «Неуверенность»)")
    hedges_per_100_problem: float = _t(4.0, "calibrated here: twice the attention level")
    # --- pitch ----------------------------------------------------------------------
    monotone_sd_st: float = _t(1.0, "ANCHORS (parley): under ~1 semitone SD reads as monotone")
    flat_sd_st: float = _t(
        1.5, "calibrated here: between parley's monotone (< 1) and expressive (≳ 2.5 semitones SD)")
    pitch_window_s: float = _t(10.0, "calibrated here: monotony judged over 10 s windows")
    # --- loudness -------------------------------------------------------------------
    too_quiet_dbfs: float = _t(-35.0, "calibrated here: speech under -35 dBFS RMS is hard to hear")
    too_loud_dbfs: float = _t(-8.0, "calibrated here: speech over -8 dBFS RMS leaves no headroom")
    clipping_ratio_max: float = _t(0.001, "calibrated here: more than 0.1 % clipped samples is audible")
    snr_attention_db: float = _t(20.0, "calibrated here: background noise under 20 dB SNR is noticeable")
    snr_problem_db: float = _t(10.0, "calibrated here: under 10 dB SNR words get lost")

    def with_overrides(self, overrides: dict[str, float]) -> "Thresholds":
        """A copy with the user's values; unknown names are an error, not ignored."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(f"unknown threshold(s): {', '.join(unknown)}")
        return replace(self, **{k: type(getattr(self, k))(v) for k, v in overrides.items()})


def describe_thresholds(thresholds: Thresholds = Thresholds()) -> list[dict[str, Any]]:
    """Name, value, default and source of every threshold, for settings screens and docs."""
    defaults = Thresholds()
    return [{"name": f.name, "value": getattr(thresholds, f.name), "default": getattr(defaults, f.name),
             "source": f.metadata["source"]} for f in fields(thresholds)]
