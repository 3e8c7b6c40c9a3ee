"""`sobes interview`'s terminal: an answer's feedback names no file, and on the phone its line check comes with
it, before the next question (the runner is held until then), not under the next question.

The runner is a stand-in here (the whole session through PortAudio is in
test_interview_cli.py); the reports are real analyses on a scripted
transcriber.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sobes.analysis.engine import Analyzer
from sobes.cli.interview_cmd import Terminal
from sobes.interview import events
from sobes.interview.phone_check import PhoneCheck
from sobes.interview.session import Step
from tests.fakes import FakeWhisper
from tests.judges import DEFAULT


class HeldRunner:
    """What the terminal uses of a SessionRunner built with hold_for_review=True."""

    def __init__(self, phone: bool):
        self.session = SimpleNamespace(phone=phone)
        self.busy = True
        self.state = "analysis"
        self.continued = 0
        self.recording = None

    def continue_(self) -> None:
        self.continued += 1


@pytest.fixture(scope="module")
def report(fixtures_dir):
    return Analyzer.with_model(FakeWhisper(), "scripted", DEFAULT).analyze_file(fixtures_dir / "star.wav")


def _terminal(phone: bool) -> tuple[Terminal, HeldRunner]:
    terminal = Terminal(seconds=3)
    terminal.runner = runner = HeldRunner(phone)
    terminal.show(events.QuestionAsked(Step("PHN-00", "Алло, удобно говорить?", "phone_opening", 0, 0), phone, 2, 4))
    return terminal, runner


def _take(report):
    return SimpleNamespace(id=7, report=report, path=None)


def test_the_feedback_names_the_question_not_the_file(report, capsys):
    terminal, runner = _terminal(phone=False)
    terminal.show(events.TakeAnalysed(_take(report)))
    out = capsys.readouterr().out
    assert "Разбор ответа на вопрос 2 из 4" in out
    assert report.file not in out and ".wav" not in out and "Файл" not in out
    assert "Распознавание" not in out  # the recogniser's timings are for `sobes analyze`
    assert runner.continued == 1  # off the phone the next question comes at once


def test_on_the_phone_the_line_check_comes_with_its_answer(report, capsys):
    terminal, runner = _terminal(phone=True)
    terminal.show(events.TakeAnalysed(_take(report)))
    terminal.poll()
    assert runner.continued == 0  # the next question waits for the check
    check = PhoneCheck(0.93, "", "", None, None, None, None)
    terminal.show(events.PhoneChecked(_take(report), check))
    assert runner.continued == 1
    out = capsys.readouterr().out
    assert out.index("Разбор ответа") < out.index("Через телефонную линию расшифровка совпала на 93 %")


def test_a_phone_check_that_failed_does_not_hold_the_session(report, capsys):
    terminal, runner = _terminal(phone=True)
    terminal.show(events.TakeAnalysed(_take(report)))
    runner.busy = False  # the check's background job ended without a result
    terminal.poll()
    assert runner.continued == 1


def test_seconds_end_every_answer_follow_ups_too():
    """A follow-up is the session's, not the plan's --seconds shortened: the terminal ends it on time itself, in
    seconds recorded (a microphone slow to open made «--seconds 3» a 1 s answer, and the test of a whole phone
    session found no speech in it)."""
    terminal = Terminal(seconds=3)
    runner = HeldRunner(phone=False)
    runner.stopped = 0
    runner.stop_answer = lambda: setattr(runner, "stopped", runner.stopped + 1)
    recorded = [0.0]
    runner.recording = SimpleNamespace(level=lambda: SimpleNamespace(seconds=recorded[0]))
    terminal.runner = runner
    runner.state = "answer"
    terminal.show(events.StateChanged("answer"))
    recorded[0] = 2.9
    terminal.poll()
    assert runner.stopped == 0
    recorded[0] = 3.1
    terminal.poll()
    terminal.poll()
    assert runner.stopped == 1  # once
