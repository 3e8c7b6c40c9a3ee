"""Correcting a take's transcript: its content judged again from what the candidate really said, kept in the history
(the recording and how it sounded stay as they were)."""

from __future__ import annotations

from sobes.analysis.correction import rejudged
from sobes.analysis.judge import Judge
from sobes.core.errors import InputError
from sobes.interview.history import History
from sobes.interview.take import Take


def correct_take(history: History, take: Take, text: str, judge: Judge) -> Take:
    """Judge ``take`` again with ``text`` as its transcript and store the new report; the take is updated."""
    if take.report is None or not take.report.speech_detected:
        raise InputError("у этого ответа нет распознанного текста: исправлять нечего")
    history.add_report(take, rejudged(take.report, text, take.step.context(), judge))
    return take
