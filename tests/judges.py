"""Judges for tests: the defaults a new user has, and a judge with a few norms changed."""

from __future__ import annotations

from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms

DEFAULT = Judge(Norms())
VOICING = Norms().voicing_aperiodicity  # the features' voicing threshold by default
MIN_PAUSE = Norms().min_pause_s  # the shortest pause that counts, by default


def judge_with(**norms: float) -> Judge:
    return Judge.of(norms)


def content_of(words, question=None):
    """The content section of ``words`` as a new user's norms judge it (a story by default)."""
    from sobes.analysis.content.section import QuestionContext, analyze_content

    return analyze_content(words, question or QuestionContext(), DEFAULT)
