"""Space on the interview screen: a press just after the recording began means «Начать ответ», not «Закончить»."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Signal


class FakeRunner:
    def __init__(self):
        self.state = "think"
        self.calls: list[str] = []

    def __getattr__(self, name):
        return lambda *_: self.calls.append(name)


class FakeHost(QObject):
    question = Signal(object)
    state_changed = Signal(str)
    level = Signal(object)
    live = Signal(object)

    def __init__(self):
        super().__init__()
        self.runner = FakeRunner()

    def time_left(self):
        return None


@pytest.fixture
def screen(qtbot):
    from sobes.desktop.screens.interview import InterviewScreen

    widget = InterviewScreen(FakeHost())
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(("after_s", "stopped"), [(0.3, False), (1.2, False), (1.9, False), (2.5, True)])
def test_space_in_the_first_two_seconds_of_a_recording_does_not_stop_it(screen, monkeypatch, after_s, stopped):
    """Phone questions give 3 s to think: a Space 1,2 s after the recording began by itself stopped it at 0,67 s of
    silence, and the take stayed in History as an answer «Речь не обнаружена» (found walking the retake mode)."""
    from sobes.desktop.screens import interview

    clock = [100.0]
    monkeypatch.setattr(interview.time, "monotonic", lambda: clock[0])
    runner = screen.host.runner
    runner.state = "answer"
    screen.show_state("answer")
    clock[0] += after_s
    screen.space()
    assert ("stop_answer" in runner.calls) is stopped


def test_space_starts_the_answer_in_think_time(screen):
    screen.show_state("think")
    screen.space()
    assert screen.host.runner.calls == ["start_answer_now"]
