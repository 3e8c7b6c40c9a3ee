"""The settings screen on its own: the norms' table has the room, and shares are shown in per cent."""

from __future__ import annotations

import pytest

from sobes.analysis.norms import NORMS


@pytest.fixture
def screen(qtbot, tmp_path, monkeypatch):
    from sobes.desktop.screens.settings_screen import SettingsScreen
    from sobes.interview.settings import Settings

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path / "data"))
    widget = SettingsScreen(Settings(), [])
    qtbot.addWidget(widget)
    return widget


def row_of(screen, name: str) -> int:
    return screen.names.index(name)


def rows_in_sight(screen) -> int:
    table = screen.table
    return sum(1 for row in range(table.rowCount())
               if table.rowViewportPosition(row) + table.rowHeight(row) <= table.viewport().height())


@pytest.mark.parametrize("size", [(1000, 700), (1400, 943)])  # the window's first size on 1024x768 and 1920x1080
def test_the_norms_table_takes_the_room_the_screen_has(screen, qtbot, size):
    screen.resize(*size)
    screen.show()
    qtbot.waitExposed(screen)
    screen.table.resizeRowsToContents()
    assert screen.table.height() >= size[1] * 0.5, "the table is squeezed under the form"
    assert rows_in_sight(screen) >= 6
    assert not screen.model_result.isVisible() and not screen.calibration_result.isVisible()  # no empty lines


def test_shares_are_shown_and_typed_in_per_cent(screen):
    shares = [name for name, norm in NORMS.items() if norm.unit == "доли"]
    assert shares
    cells = {screen.table.item(row_of(screen, name), 3).text() for name in shares}
    assert cells == {"%"}
    row = row_of(screen, "vad_speech_prob")
    assert screen.table.item(row, 2).text() == "50"  # 0,5 of 1
    assert "50 %" in screen.table.item(row, 2).toolTip()
    screen.table.item(row, 2).setText("35")
    values, problems = screen._check()
    assert not problems and values["vad_speech_prob"] == pytest.approx(0.35)
    screen.table.item(row, 2).setText("0,5")  # a share where a per cent is asked: said in per cent
    values, problems = screen._check()
    assert "vad_speech_prob" in problems and "vad_speech_prob" not in values
    assert "от 5 до 95 %" in problems["vad_speech_prob"]
    screen._reset(None)
    assert screen.table.item(row, 2).text() == "50"
    assert screen._save()
    assert screen.settings.thresholds == {}  # the defaults, not 0.5000001
