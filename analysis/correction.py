"""A transcript the candidate corrected: what the recogniser misheard put right, and the content judged again.

The corrected words keep the times of the words they stand for (aligned with the recognised ones by their
normalised forms), so "▶" still plays the right moment; words put in where the recogniser heard something else
share its time. Only what the answer said is judged again: how it sounded (pace, pauses, fillers, loudness) was
measured on the recording, which did not change.
"""

from __future__ import annotations

import copy
import difflib

from sobes.analysis.coaching import coach_words, delivery_moments
from sobes.analysis.content.section import QuestionContext
from sobes.analysis.judge import Judge
from sobes.analysis.report import Report
from sobes.analysis.text import normalize
from sobes.analysis.transcript import Transcript, Word
from sobes.core.errors import InputError

MAX_WORDS = 5000  # an answer of an hour at a fast pace; more is not a correction of this answer


def corrected_words(words: list[Word], text: str) -> list[Word]:
    """``text``'s words on the times of ``words``: kept words keep their times, changed ones share the time of
    what they replace (evenly), added ones fit between their neighbours."""
    said = text.split()
    matcher = difflib.SequenceMatcher(a=[normalize(w.word) for w in words], b=[normalize(w) for w in said],
                                      autojunk=False)
    out: list[Word] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [Word(said[j1 + k], words[i1 + k].start, words[i1 + k].end, words[i1 + k].probability)
                    for k in range(j2 - j1)]
            continue
        if j2 == j1:
            continue  # words taken out
        start = words[i1].start if i1 < len(words) else (words[-1].end if words else 0.0)
        end = words[i2 - 1].end if i2 > i1 else (words[i1].start if i1 < len(words) else start)
        step = max(end - start, 0.0) / (j2 - j1)
        out += [Word(said[j1 + k], round(start + k * step, 3), round(start + (k + 1) * step, 3), 1.0)
                for k in range(j2 - j1)]
    return out


def rejudged(report: Report, text: str, question: QuestionContext, judge: Judge) -> Report:
    """A copy of ``report`` with the corrected transcript and its content and coaching judged again."""
    if not text.split():
        raise InputError("текст ответа пустой: исправьте слова, а не удаляйте их все")
    if len(text.split()) > MAX_WORDS:
        raise InputError(f"в исправленном тексте больше {MAX_WORDS} слов: это не текст этого ответа")
    fixed = copy.deepcopy(report)
    words = corrected_words(report.transcript.words, text)
    fixed.transcript = Transcript(" ".join(w.word for w in words), words)
    fixed.transcript_corrected = True
    fixed.content, fixed.coaching = coach_words(words, question, judge, report.delivery,
                                                delivery_moments(report.fillers, report.pauses))
    return fixed
