"""A settings file that is not one never stops the app: a pipe, a device, a huge or absurdly nested file."""

from __future__ import annotations

import os
import threading

import pytest

from sobes.interview.settings import Settings


def load_within(folder, seconds=5.0):
    """``Settings.load(folder)``, failing the test instead of hanging when it blocks."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(Settings.load(folder)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"reading the settings still blocks after {seconds} s"
    return result[0]


@pytest.mark.parametrize("make", ["pipe", "zero", "nested", "huge", "folder"])
def test_a_settings_file_that_is_not_one_gives_the_defaults_and_one_russian_line(tmp_path, make):
    path = tmp_path / "settings.json"
    if make == "pipe":
        os.mkfifo(path)  # read, it blocked the window's start for ever
    elif make == "zero":
        path.symlink_to("/dev/zero")  # read, 15 GB in 12 s
    elif make == "nested":
        path.write_text("[" * 200_000, encoding="utf-8")  # a RecursionError killed the window
    elif make == "huge":
        path.write_text('{"role": "' + "x" * 2_000_000 + '"}', encoding="utf-8")
    else:
        path.mkdir()
    settings, problems = load_within(tmp_path)
    assert settings == Settings() and len(problems) == 1 and "стандартные настройки" in problems[0]


def test_ordinary_settings_are_still_read(tmp_path):
    Settings(role="sales_support").save(tmp_path)
    assert load_within(tmp_path) == (Settings(role="sales_support"), [])
