"""Reports of answers written out word by word, without the speech model: the review, the export and the
comparisons read them as they read a recording's (the content and coaching are the real ones)."""

from __future__ import annotations

from pathlib import Path

from sobes.analysis.coaching import coach_words, written_delivery
from sobes.analysis.content.section import QuestionContext
from sobes.analysis.fillers import find_fillers, summarize_fillers
from sobes.analysis.pauses import PausesSection
from sobes.analysis.report import ModelInfo, Report, SourceInfo, Timing
from sobes.analysis.tempo import TempoSection
from sobes.analysis.transcript import Transcript, Word
from sobes.interview.history import History
from sobes.interview.session import Step
from tests.judges import DEFAULT


def words_at(text: str, start: float = 0.0, step: float = 0.4) -> list[Word]:
    """The words of ``text`` from ``start`` seconds on, one every ``step`` seconds."""
    return [Word(w, round(start + i * step, 2), round(start + i * step + 0.3, 2), 1.0)
            for i, w in enumerate(text.split())]


def written_report(text: str, question: QuestionContext, *, start: float = 0.0, latency_s: float | None = None,
                   example: str | None = None) -> Report:
    """A report of ``text`` said from ``start`` seconds on: its content, coaching, fillers and tempo, a pauses
    section whose response latency is ``latency_s`` (``start`` by default)."""
    if example is not None:
        question = QuestionContext(question.text, question.answer_type, question.time_budget_s, example,
                                   question.purpose, question.question_id)
    words = words_at(text, start)
    seconds = words[-1].end
    delivery = written_delivery(words, seconds - start, DEFAULT)
    content, coaching = coach_words(words, question, DEFAULT, delivery)
    report = Report("answer.wav", seconds, True, "ru", ModelInfo("test", "int8", 1), SourceInfo("wav", 16000, 1),
                    Transcript(" ".join(w.word for w in words), words), Timing(), delivery=delivery, content=content,
                    coaching=coaching)
    report.fillers = summarize_fillers(find_fillers(words), len(words), seconds - start)
    report.tempo = TempoSection(words=len(words), words_per_min=round(len(words) / (seconds - start) * 60, 1))
    report.pauses = PausesSection(count=0, long_count=0, max_s=0.3,
                                  response_latency_s=start if latency_s is None else latency_s,
                                  speech_start_s=start, speech_end_s=seconds)
    return report


def stored(history: History, session_id: int, step: Step, report: Report, folder: Path):
    """``report`` kept in the history as an analysed take at ``step``."""
    take = history.start_take(session_id, step, folder)
    take.seconds = report.duration_s
    history.finish_take(take)
    history.add_report(take, report)
    return take
