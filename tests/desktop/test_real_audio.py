"""The window with the real PortAudio path (the private PulseAudio's null sink): a phone screening, spoken and
recorded."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, tmp_path, analyzer, monkeypatch, pulse):
    from sobes.desktop.app import build_window
    from sobes.interview.settings import Settings

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    Settings(follow_ups=False).save()
    win = build_window(speak=True)  # real devices, real Festival prompts
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.start.model_label.text().startswith("Модель готова"), timeout=60_000)
    yield win
    win.host.close()
    win.history.close()


def test_phone_screening_with_the_default_microphone(window, qtbot, fixtures_dir, pulse):
    start = window.start
    start.mode.setCurrentIndex(start.mode.findData("phone"))
    start.start_button.click()
    assert "Телефонный звонок" in window.interview.question.text()  # no question text on the phone
    # ring, then the opening spoken through the phone line; PHN-00 has no think time
    qtbot.waitUntil(lambda: window.host.session.state == "answer", timeout=60_000)
    qtbot.waitUntil(lambda: window.host.recorder is not None and window.host.recorder.level().seconds > 0.5,
                    timeout=10_000)
    player = pulse.play(fixtures_dir / "intro.wav")
    player.wait(timeout=30)
    window.interview.buttons["stop_answer"].click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=60_000)
    text = window.review.transcript.toPlainText().lower()
    assert "иванова" in text or "клиент" in text
    assert "✓ Приветствие" in window.review.coaching.items.text()
    qtbot.waitUntil(lambda: "Как вас слышно по телефону" in window.review.phone.text(), timeout=60_000)
    window.host.runner.abort()
