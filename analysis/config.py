"""Every threshold of the delivery analysis, in one place, with its source.

Each field's metadata is the developers' record of where the number comes
from (a publication, a peer product, the interview guides, or a measurement
made on this project's recordings), listed in docs/metrics.md and never
shown to a user. What a candidate reads — the
Russian name, unit and reason, the source named as people cite it — is in
``analysis.norms``; the settings screen and `sobes thresholds` show that, and
store user overrides, applied with ``Thresholds.with_overrides``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sobes.core.errors import InputError


def _t(value: float, source: str, lo: float, hi: float) -> Any:
    """A threshold with its source and the range a user may set it to (outside it, the analysis means nothing)."""
    return field(default=value, metadata={"source": source, "range": (lo, hi)})


@dataclass(frozen=True)
class Thresholds:
    # --- speech activity and pauses -------------------------------------------------
    vad_speech_prob: float = _t(0.5, "Silero VAD default speech probability", 0.05, 0.95)
    silence_below_speech_db: float = _t(
        25.0, "de Jong & Wempe 2009: silence is 25 dB under the speech level", 3, 60)
    silence_above_floor_db: float = _t(
        6.0, "calibrated here: 6 dB over the noise floor of non-speech frames", 0, 40)
    min_pause_s: float = _t(0.25, "De Jong & Bosker 2013; 250 ms is the common silent-pause cut-off", 0.05, 2)
    long_pause_s: float = _t(2.0, "seed_digest §6.5: a pause over 2–3 s inside an answer is long", 0.3, 30)
    mid_sentence_pause_s: float = _t(1.2, "ANCHORS: a pause over ~1.2 s mid-clause reads as uncertainty", 0.2, 30)
    latency_attention_s: float = _t(
        3.0, "seed_digest §6.5 / 001 L336: a short pause before answering is fine, 2–3 s at most", 0.5, 60)
    latency_problem_s: float = _t(6.0, "calibrated here: twice the attention level", 0.5, 120)
    # --- tempo ----------------------------------------------------------------------
    slow_words_per_min: float = _t(90.0, "seed_digest §6.5: under ~90 words/min reads as sluggish", 30, 300)
    fast_words_per_min: float = _t(170.0, "seed_digest §6.5: over ~170 words/min is hard to follow", 60, 400)
    tempo_window_s: float = _t(10.0, "calibrated here: a tempo point every 10 s of the answer", 2, 120)
    # --- fillers and hesitations ----------------------------------------------------
    fillers_per_100_attention: float = _t(
        3.0, "seed_digest §6.5: flag more than ~3 fillers per 100 words", 0, 100)
    fillers_per_100_problem: float = _t(
        6.0, "ANCHORS: ~4–5 per 100 words is ordinary spontaneous Russian; more is a problem", 0, 100)
    filler_repeat_attention: int = _t(3, "seed_digest §6.5: one filler repeated more than 3 times", 1, 100)
    hesitations_per_min_attention: float = _t(
        2.0, "calibrated here: one hesitation every 30 s is noticeable in a short answer", 0, 60)
    hesitations_per_min_problem: float = _t(
        5.0, "ANCHORS: 4–6 filled pauses per minute is ordinary speech, above it stands out", 0, 60)
    hesitation_min_s: float = _t(0.25, "ANCHORS: filled pauses last at least 250–400 ms (Audhkhasi 2009)", 0.05, 5)
    hesitation_pitch_sd_st: float = _t(1.2, "parley: filled pauses have ≤ 1.2 semitone pitch spread", 0.1, 12)
    hesitation_envelope_drift: float = _t(
        1.5, "calibrated here: mel-cepstral distance between the 50 ms before and after a frame; "
             "held vowels in the test audio stay under 0.9, 95 % of voiced speech frames are over 2.5", 0.1, 20)
    hesitation_max_syllable_s: float = _t(
        0.30, "calibrated here: a word longer than 0.3 s per syllable + 0.15 s is drawn out", 0.05, 3)
    voicing_aperiodicity: float = _t(0.25, "calibrated here: YIN aperiodicity under which a frame is voiced", 0.01, 1)
    hedges_per_100_attention: float = _t(
        2.0, "calibrated here; seed_digest §6.3 (001 L79: «наверное», «надеюсь» read as «Неуверенность»)", 0, 100)
    hedges_per_100_problem: float = _t(4.0, "calibrated here: twice the attention level", 0, 100)
    # --- pitch ----------------------------------------------------------------------
    monotone_sd_st: float = _t(1.0, "ANCHORS (parley): under ~1 semitone SD reads as monotone", 0, 12)
    flat_sd_st: float = _t(
        1.5, "calibrated here: between parley's monotone (< 1) and expressive (≳ 2.5 semitones SD)", 0, 12)
    pitch_window_s: float = _t(10.0, "calibrated here: monotony judged over 10 s windows", 2, 120)
    # --- loudness -------------------------------------------------------------------
    no_voice_dbfs: float = _t(-55.0, "calibrated here: a live level under -55 dBFS is a room, not a voice", -120, 0)
    too_quiet_dbfs: float = _t(-35.0, "calibrated here: speech under -35 dBFS RMS is hard to hear", -100, 0)
    too_loud_dbfs: float = _t(-8.0, "calibrated here: speech over -8 dBFS RMS leaves no headroom", -60, 0)
    clipping_ratio_max: float = _t(0.001, "calibrated here: more than 0.1 % clipped samples is audible", 0, 1)
    snr_attention_db: float = _t(20.0, "calibrated here: background noise under 20 dB SNR is noticeable", 0, 100)
    snr_problem_db: float = _t(10.0, "calibrated here: under 10 dB SNR words get lost", 0, 100)
    # --- length of an answer ----------------------------------------------------------
    short_answer_share: float = _t(
        0.3, "calibrated here: under a third of the question's time budget leaves out what the guides ask for",
        0.05, 1)
    long_answer_share: float = _t(1.1, "calibrated here: over the time budget by more than 10 %", 1, 5)
    self_presentation_min_s: float = _t(60.0, "seed_digest §2.2 and the question hints: 1–2 minutes", 10, 600)
    self_presentation_max_s: float = _t(120.0, "seed_digest §2.2 and the question hints: 1–2 minutes", 20, 900)
    brief_answer_max_s: float = _t(
        45.0, "calibrated here: a salary figure, a yes or a greeting said in more than 45 s is lost in words",
        5, 600)

    def with_overrides(self, overrides: dict[str, Any]) -> Thresholds:
        """A copy with the user's values; an unknown name or a value out of range is an error, not ignored."""
        values, problems = self.check_overrides(overrides)
        if problems:
            raise InputError(problems[0])
        return replace(self, **values)

    def check_overrides(self, overrides: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The usable values among ``overrides`` and one line (Russian) for each that is not.

        For settings saved by another version: the good values are kept, the others reported.
        """
        by_name = {f.name: f for f in fields(self)}
        values: dict[str, Any] = {}
        problems = []
        for name, raw in overrides.items():
            if name not in by_name:
                problems.append(f"порога «{short(name)}» нет (список порогов: sobes thresholds)")
                continue
            lo, hi = by_name[name].metadata["range"]
            try:
                value = float(raw)
            except (TypeError, ValueError, OverflowError):
                problems.append(f"порог {name}: нужно число, а не «{short(raw)}»")
                continue
            whole = isinstance(getattr(self, name), int)
            if not math.isfinite(value) or not lo <= value <= hi or (whole and value != int(value)):
                kind = "целое число" if whole else "число"
                span = f"от {lo:g} до {hi:g}".replace(".", ",")
                problems.append(f"порог {name}: {short(raw)} не подходит — нужно {kind} {span}")
                continue
            values[name] = int(value) if whole else value
        return values, problems


def describe_thresholds(thresholds: Thresholds = Thresholds()) -> list[dict[str, Any]]:
    """Name, value, default, range and source of every threshold, for settings screens and docs."""
    defaults = Thresholds()
    return [{"name": f.name, "value": getattr(thresholds, f.name), "default": getattr(defaults, f.name),
             "range": list(f.metadata["range"]), "source": f.metadata["source"]} for f in fields(thresholds)]


def short(value: object, limit: int = 30) -> str:
    """A user's value quoted in a message: one line, cut short."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"
