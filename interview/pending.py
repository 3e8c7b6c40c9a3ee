"""Analysing answers that were recorded but never analysed: the app stopped, or a history was rebuilt.

An answer is stored the moment its recording ends (``History.add_answer``),
so a crash between recording and report leaves it ``recorded``. This module
finishes the job later, with the question's type and time budget taken from
the bank when the question is still there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sobes.analysis.content.section import QuestionContext
from sobes.analysis.errors import AudioLoadError
from sobes.core.errors import Cancelled
from sobes.interview.history import History
from sobes.interview.question_bank import QuestionBank, load_bank_or_none

logger = logging.getLogger(__name__)


def question_context(row: dict, bank: QuestionBank | None) -> QuestionContext:
    try:
        question = bank.by_id(row["question_id"]) if bank else None
    except KeyError:
        question = None
    if question is None:  # a recovered recording of a question no longer in the bank: judge it as a story
        return QuestionContext(row.get("question_text") or None)
    return question.context()


def analyze_pending(history: History, analyzer, *, progress: Callable[[float], None] | None = None,
                    should_cancel: Callable[[], bool] | None = None) -> tuple[int, int]:
    """Analyse every pending answer and store its report; returns (analysed, failed).

    An answer whose audio cannot be read (deleted, damaged) is marked failed with the reason, so it is
    not offered again and again; a ``ModelError`` ends the run with nothing marked. ``progress`` gets the
    fraction of answers done; ``should_cancel`` is asked between answers (``Cancelled`` then).
    """
    bank = load_bank_or_none()
    analysed = failed = 0
    pending = history.pending_answers()
    for done, row in enumerate(pending):
        if progress is not None:
            progress(done / len(pending))
        if should_cancel is not None and should_cancel():
            raise Cancelled("анализ отложенных ответов отменён")
        try:
            report = analyzer.analyze_file(row["audio_path"], question=question_context(row, bank))
        except AudioLoadError as exc:  # the answer's own problem; a model problem stops the whole run
            logger.warning("answer %s could not be analysed: %s", row["id"], exc)
            history.mark_failed(row["id"], str(exc))
            failed += 1
            continue
        history.add_report(row["id"], report)
        analysed += 1
    return analysed, failed
