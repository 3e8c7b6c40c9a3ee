"""Analysing takes that were recorded but never analysed: the app stopped, or a history was rebuilt.

A take is stored the moment its recording starts (``History.start_take``), so
a crash between recording and report leaves it ``recorded``. This module
finishes the job later, with the question's kind and time budget taken from
the bank when the question is still there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sobes.analysis.engine import Analyzer
from sobes.core.errors import AudioLoadError, Cancelled
from sobes.interview.history import History
from sobes.interview.question_bank import QuestionBank, load_bank_or_none
from sobes.interview.session import Step
from sobes.interview.take import Take

logger = logging.getLogger(__name__)


def asked(take: Take, bank: QuestionBank | None, analyzer: Analyzer) -> Step:
    """The question ``take`` answers as the bank asks it (its kind and time budget decide the checks); a question
    no longer in the bank is judged as a story, by its stored text."""
    try:
        question = bank.by_id(take.step.question_id) if bank else None
    except KeyError:
        question = None
    return Step.of(question, analyzer.judge) if question is not None else Step(
        take.step.question_id, take.step.text, "star", 0.0, 0.0)


def analyze_pending(history: History, analyzer: Analyzer, *, progress: Callable[[float], None] | None = None,
                    should_cancel: Callable[[], bool] | None = None) -> tuple[int, int]:
    """Analyse every pending take and store its report; returns (analysed, failed).

    A take whose audio cannot be read (deleted, damaged) is marked failed with the reason, so it is
    not offered again and again; a ``ModelError`` ends the run with nothing marked. ``progress`` gets the
    fraction of takes done; ``should_cancel`` is asked between takes (``Cancelled`` then).
    """
    bank = load_bank_or_none()
    analysed = failed = 0
    pending = history.pending_takes()
    for done, take in enumerate(pending):
        if progress is not None:
            progress(done / len(pending))
        if should_cancel is not None and should_cancel():
            raise Cancelled("анализ отложенных ответов отменён")
        take.step = asked(take, bank, analyzer)
        try:
            report = analyzer.analyze_audio(take.audio(), take.path.name, question=take.step.context())
        except AudioLoadError as exc:  # the take's own problem; a model problem stops the whole run
            logger.warning("take %s could not be analysed: %s", take.id, exc)
            history.mark_failed(take, str(exc))
            failed += 1
            continue
        history.add_report(take, report)
        analysed += 1
    return analysed, failed
