"""The window never dies at start: a broken own question bank, broken settings, a read-only data folder."""

from __future__ import annotations

import json

import pytest

from sobes.audio.fake_backend import FakeBackend


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("SOBES_DATA_DIR", str(folder))
    return folder


def opened(qtbot, fixtures_dir):
    from sobes.desktop.app import build_window

    window = build_window(backend=FakeBackend(fixtures_dir / "intro.wav"), speak=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_broken_own_question_bank_opens_with_the_bundled_questions_and_says_so(data, qtbot, fixtures_dir,
                                                                                 analyzer):
    (data / "questions").mkdir()
    (data / "questions" / "mine.yaml").write_text("questions:\n- id: MY-01\n  text: [unclosed\n", encoding="utf-8")
    window = opened(qtbot, fixtures_dir)
    assert window.notices.isVisible()
    assert "Ваш банк вопросов не загружен" in window.notices.text() and "mine.yaml" in window.notices.text()
    assert len(window.bank.questions) > 100  # the bundled bank
    window.history.close()


@pytest.mark.parametrize("stored, kept_role", [
    ("{not json", None),
    (json.dumps({"role": "sales_support", "follow_ups": "yes",
                 "thresholds": {"long_pause_s": "nan", "from_an_older_version": 3, "min_pause_s": 0.3}}),
     "sales_support"),
])
def test_broken_settings_fall_back_to_defaults_and_say_so(data, qtbot, fixtures_dir, analyzer, stored, kept_role):
    (data / "settings.json").write_text(stored, encoding="utf-8")
    window = opened(qtbot, fixtures_dir)
    assert window.notices.isVisible() and "стандарт" in window.notices.text()
    assert window.settings.role == (kept_role or "client_manager")
    if kept_role:
        assert window.settings.thresholds == {"min_pause_s": 0.3}  # the good value kept, the others dropped
        assert window.analyzer.judge.norms.min_pause_s == 0.3
    window.history.close()


def test_a_read_only_data_folder_is_told_in_russian_not_a_crash(read_only_folder, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from sobes.desktop.startup_checks import open_history, take_instance_lock
    from sobes.interview.history import History

    monkeypatch.setenv("SOBES_DATA_DIR", str(read_only_folder / "sobes"))
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: told.append(args[2]))
    assert take_instance_lock(ask=True) is None and "только для чтения" in told[-1]
    assert open_history(ask=True) is None and "только для чтения" in told[-1]
    with pytest.raises(Exception, match="только для чтения") as error:
        History()
    assert not error.value.damaged  # never offered as "start a fresh history"
