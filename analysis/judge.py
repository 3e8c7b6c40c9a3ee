"""The one judge: every rule that turns a measured number into a judgement, with one set of norms.

A ``Judge`` is made from the user's norms (``Judge.of(settings.thresholds)``) and held by the engine (its
``Analyzer.judge``), which the session runner, the window and the command line read: the review's verdicts and
length, the live meter, the microphone check, the phone check, the summary's and the progress chart's
comparisons all ask it. Nothing else compares a figure with a norm, and nothing judges with the defaults by
accident: a judge is always given (``Judge(Norms())`` says the defaults out loud). The delivery verdicts with
their tips are composed from these rules in ``analysis.verdicts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sobes.analysis.content.kinds import AnswerKind
from sobes.analysis.norm_overrides import with_overrides
from sobes.analysis.norms import Norms


class Judge:
    def __init__(self, norms: Norms):
        self.norms = norms

    @classmethod
    def of(cls, overrides: Mapping[str, Any]) -> Judge:
        """A judge with the user's values over the defaults (``InputError`` for a name or value that will not do)."""
        return cls(with_overrides(Norms(), dict(overrides)))

    def __repr__(self) -> str:
        return f"Judge({self.norms!r})"

    # --- tempo -------------------------------------------------------------------------------
    def tempo(self, words_per_min: float) -> str:
        """``slow``, ``ok`` or ``fast``, on words per minute as shown (whole words: 89.6 is shown as 90, and 90 is
        inside the norm — "! 90 слов в минуту, норма 90–170" said otherwise)."""
        n, rate = self.norms, round(words_per_min)
        return "slow" if rate < n.slow_words_per_min else "fast" if rate > n.fast_words_per_min else "ok"

    def tempo_far(self, words_per_min: float) -> bool:
        """Beyond the tempo norm by more than ``tempo_problem_pct``: a problem, not just a note."""
        n, share = self.norms, self.norms.tempo_problem_pct / 100
        return words_per_min < n.slow_words_per_min * (1 - share) or words_per_min > n.fast_words_per_min * (1 + share)

    # --- pauses ------------------------------------------------------------------------------
    def long_pause(self, duration_s: float, within_sentence: bool) -> bool:
        """The one definition of a long pause: over ``long_pause_s`` anywhere, or over ``mid_sentence_pause_s`` in
        the middle of a sentence (a 3 s pause mid-sentence is one long pause, not two). Judged as shown, to a tenth
        of a second: "паузы до 2,5 с" never flags a pause it shows as "2,5 с"."""
        n, shown = self.norms, round(duration_s, 1)
        return shown > n.long_pause_s or (within_sentence and shown > n.mid_sentence_pause_s)

    def breathless(self, speaking_s: float | None) -> bool:
        """Speech has gone on without a pause (of ``min_pause_s``) for longer than ``no_pause_speech_s``: live, since
        the last pause; in the report, the longest such stretch."""
        return speaking_s is not None and speaking_s > self.norms.no_pause_speech_s

    # --- level -------------------------------------------------------------------------------
    def clipped(self, clipped_ratio: float) -> bool:
        """More clipped samples than is inaudible: the one clipping rule (meter, microphone check, report)."""
        return clipped_ratio > self.norms.clipping_ratio_max

    def level(self, speech_dbfs: float, clipped_ratio: float) -> str:
        """``silent``, ``quiet``, ``loud`` or ``ok`` for a voice's level in dBFS: the same for the live meter, the
        microphone check and the answer's report. ``silent``: no voice heard at all."""
        n = self.norms
        if self.clipped(clipped_ratio) or speech_dbfs > n.too_loud_dbfs:
            return "loud"
        if speech_dbfs < n.no_voice_dbfs:
            return "silent"
        return "quiet" if speech_dbfs < n.too_quiet_dbfs else "ok"

    def quieter_on_phone(self, direct_dbfs: float | None, phone_dbfs: float | None) -> float | None:
        """How many dB quieter the answer is through the telephone line, when the ear would notice; else None."""
        if direct_dbfs is None or phone_dbfs is None:
            return None
        drop = direct_dbfs - phone_dbfs
        return drop if drop >= self.norms.phone_quieter_db else None

    # --- length ------------------------------------------------------------------------------
    def length_range(self, kind: AnswerKind) -> tuple[float | None, float]:
        """The shortest and longest right length of an answer of ``kind`` (None: no shortest), by what kind of
        answer it is — a story 1–3 minutes, a self-presentation 1–2, a salary figure briefly — never by a share of
        the question's timer: the window and the command line judge the same answer alike."""
        n = self.norms
        return {"story": (n.story_min_s, n.story_max_s),
                "reasoned": (n.reasoned_min_s, n.reasoned_max_s),
                "self_presentation": (n.self_presentation_min_s, n.self_presentation_max_s),
                "presentation": (n.presentation_min_s, n.presentation_max_s),
                "brief": (None, n.brief_answer_max_s),
                "follow_up": (None, n.follow_up_max_s)}[kind.length]

    def length(self, kind: AnswerKind, spoken_s: float, *, complete: bool) -> str:
        """``short``, ``ok`` or ``long`` for an answer of ``kind`` spoken for ``spoken_s``. An answer that has
        everything its kind asks for (``complete``) is never too short: a 50 s story with its result is a story; nor
        is one a few seconds under the shortest (``short_below_pct``)."""
        low, high = self.length_range(kind)
        if low is not None and spoken_s < low * self.norms.short_below_pct / 100 and not complete:
            return "short"
        return "long" if spoken_s > high else "ok"

    # --- a role play -------------------------------------------------------------------------
    def under_pressure(self, pace_change_pct: float | None, loudness_change_db: float | None) -> str:
        """``faster``, ``louder`` or ``calm``: the candidate's replies to a client who pressed harder against their
        own other replies (``pressure_faster_pct``, ``pressure_louder_db``); when both changed past their norm, the
        one further past it is named. A change not measured counts as none."""
        n = self.norms
        faster = (pace_change_pct or 0.0) / n.pressure_faster_pct
        louder = (loudness_change_db or 0.0) / n.pressure_louder_db
        if max(faster, louder) <= 1:
            return "calm"
        return "faster" if faster >= louder else "louder"

    # --- progress ----------------------------------------------------------------------------
    def band(self, metric: str) -> tuple[float, float]:
        """The range of a figure followed over time (``interview.progress.TRACKED``) that is within the norm."""
        n = self.norms
        return {"fillers_per_100_words": (0.0, n.fillers_per_100_attention),
                "words_per_min": (n.slow_words_per_min, n.fast_words_per_min),
                "long_pauses": (0.0, 0.0),
                "response_latency_s": (0.0, n.latency_attention_s),
                "star_parts": (4.0, 4.0),
                "pitch_sd_st": (n.flat_sd_st, float("inf"))}[metric]

    def compare(self, metric: str, before: float, now: float) -> str:
        """``in_norm`` when both figures are within the norm (a change there is never called worse), ``same`` for a
        change under ``same_change_pct`` of the earlier figure, else ``better`` or ``worse``: nearer the norm or
        farther from it."""
        low, high = self.band(metric)

        def off(value: float) -> float:
            return max(low - value, value - high, 0.0)

        if off(before) == 0 and off(now) == 0:
            return "in_norm"
        if abs(now - before) <= self.norms.same_change_pct / 100 * max(abs(before), 1e-9) or off(now) == off(before):
            return "same"
        return "better" if off(now) < off(before) else "worse"
