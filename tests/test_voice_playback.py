"""Interviewer voice (Festival, cached), playback and cues, with the fake and the real device."""

from __future__ import annotations

import re

import numpy as np
import pytest

from sobes.audio import voice
from sobes.audio.cues import end_of_time, start_beep
from sobes.audio.fake_backend import FakeBackend
from sobes.audio.playback import play
from sobes.audio.voice import VoiceError, render_prompt


def test_prompt_is_rendered_once_and_understood(tmp_path, analyzer):
    path = render_prompt("Расскажите, пожалуйста, о своём опыте работы с клиентами.", cache=tmp_path)
    stamp = path.stat().st_mtime_ns
    again = render_prompt("Расскажите,  пожалуйста, о своём опыте работы с клиентами.", cache=tmp_path)
    assert again == path and path.stat().st_mtime_ns == stamp  # cached (whitespace does not matter)
    assert len(list(tmp_path.iterdir())) == 1
    text = analyzer.analyze_file(path).transcript.text.lower()
    assert "опыт" in text and "клиент" in text


def test_prompt_errors_are_clear(tmp_path, monkeypatch):
    with pytest.raises(VoiceError, match="текст вопроса пуст"):
        render_prompt("   ", cache=tmp_path)
    monkeypatch.setattr(voice.shutil, "which", lambda name: None)
    with pytest.raises(VoiceError, match="голос интервьюера не установлен на этом компьютере") as raised:
        render_prompt("Добрый день", cache=tmp_path)
    assert not re.search(r"[A-Za-z]", str(raised.value))  # no package names for the candidate (issue 29)


def test_playback_plays_everything_and_signals_the_end():
    backend = FakeBackend(np.zeros(1, np.float32))
    tone = start_beep(16_000)
    ended = []
    playback = play(tone, 16_000, backend=backend, on_done=ended.append)
    assert playback.wait(5) and playback.error is None and ended == [playback]
    played = backend.played[0][:, 0]
    assert len(played) >= len(tone) * 3  # resampled to 48 kHz for the device
    assert np.abs(played).max() == pytest.approx(np.abs(tone).max(), rel=0.05)


def test_output_device_that_vanishes_mid_prompt():
    backend = FakeBackend(np.zeros(1, np.float32), fail_after_s=0.1)
    playback = play(end_of_time(16_000), 16_000, backend=backend)
    assert playback.wait(5)
    assert "Устройство вывода звука отключилось" in str(playback.error)


def test_cues_are_short_and_audible():
    for cue in (start_beep(), end_of_time()):
        assert 0.1 < len(cue) / 16_000 < 1.0 and 0.1 < np.abs(cue).max() <= 0.5


def test_prompts_through_real_portaudio_leave_no_handles_or_threads_behind(pulse):
    """Each playback used to keep its PortAudio stream open: ~7 handles and a thread per spoken question.

    Four prompts (each takes ~2 s to drain through PulseAudio here, and leaked 7 handles); fifty go through the
    session below.
    """
    import os

    def open_handles_and_threads() -> tuple[int, int]:
        return len(os.listdir("/proc/self/fd")), len(os.listdir("/proc/self/task"))

    assert play(start_beep(), 16_000).wait(10)  # the first opens the audio system for good
    before = open_handles_and_threads()
    for _ in range(4):
        assert play(start_beep(), 16_000).wait(10)
    stopped = play(np.zeros(16_000 * 5, np.float32), 16_000)
    stopped.stop()  # stopped half-way, as the review's playback is
    after = open_handles_and_threads()
    assert after[0] <= before[0] + 2 and after[1] <= before[1] + 1, (before, after)


def test_fifty_spoken_prompts_in_a_session_close_every_stream(qtbot, tmp_path, analyzer, monkeypatch, fixtures_dir):
    from sobes.audio import prompt
    from sobes.desktop.session_host import SessionHost
    from sobes.interview.history import History
    from sobes.interview.question_bank import load_bank

    monkeypatch.setattr(prompt, "render_prompt", lambda text: fixtures_dir / "intro_8k.wav")
    backend = FakeBackend(np.zeros(16_000, np.float32))
    host = SessionHost(analyzer, History(tmp_path / "h.db"), tmp_path / "rec", backend=backend, speak=True)
    bank = load_bank()
    questions = [q for q in bank.questions if q.think_s > 0][:50]
    host.begin(questions, mode="stage", role="client_manager", follow_ups=False, phone=False)
    for _ in questions:
        qtbot.waitUntil(lambda: host.runner.state == "think", timeout=10_000)
        host.runner.skip()
    qtbot.waitUntil(lambda: host.runner.state == "summary", timeout=10_000)
    qtbot.waitUntil(lambda: all(getattr(s, "closed", True) for s in backend.streams), timeout=10_000)
    outputs = [s for s in backend.streams if not hasattr(s, "fed")]
    assert len(outputs) >= 50 and all(s.closed for s in outputs)
    host.close()
    host.runner.history.close()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5_000)
