"""A recording cut short (a copy or a save that stopped) is analysed as far as it goes, and says so.

FFmpeg decodes half a WAV, MP3 or Ogg file without a word, so half the answer vanished from the report
unnoticed (a damaged FLAC already warned). Issue 30, item 10.
"""

from __future__ import annotations

import pytest

from sobes.audio.wav_file import StreamingWavWriter
from sobes.core.audio_file import load_audio


@pytest.mark.parametrize("name", ["intro.wav", "intro_44k_stereo.mp3", "intro_44k_stereo.ogg"])
def test_a_file_cut_in_half_warns_in_one_russian_line(tmp_path, fixtures_dir, name):
    whole = (fixtures_dir / name).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(whole[:len(whole) // 2])
    audio = load_audio(cut)
    assert 3.0 < audio.duration_s < 8.0  # what is there is still analysed
    assert len(audio.warnings) == 1
    warning = audio.warnings[0]
    assert warning.startswith("Запись обрывается") and "\n" not in warning
    assert f"разобрано {audio.duration_s:.1f}".replace(".", ",") in warning
    assert load_audio(fixtures_dir / name).warnings == ()  # the whole file does not


def test_a_cut_mp3_says_how_long_it_should_have_been(tmp_path, fixtures_dir):
    whole = (fixtures_dir / "intro_44k_stereo.mp3").read_bytes()
    (tmp_path / "cut.mp3").write_bytes(whole[:len(whole) // 2])
    assert "из 12,6 с" in load_audio(tmp_path / "cut.mp3").warnings[0]


def test_a_recording_still_being_written_is_not_called_cut(tmp_path, fixtures_dir):
    """Sobes's own writer keeps the header a step behind the data (and at 0 before the first update)."""
    import numpy as np

    writer = StreamingWavWriter(tmp_path / "take.wav", 16_000, 1)
    writer.append((np.sin(np.arange(32_000) / 5) * 8000).astype(np.int16))
    writer.flush()
    writer.append((np.sin(np.arange(16_000) / 5) * 8000).astype(np.int16))
    try:
        assert load_audio(tmp_path / "take.wav").warnings == ()
    finally:
        writer.close()
    assert load_audio(tmp_path / "take.wav").warnings == ()


def test_a_real_recording_is_not_called_cut(fixtures_dir):
    for path in sorted((fixtures_dir / "real").glob("*.flac"))[:5] + sorted(fixtures_dir.glob("*.wav")):
        assert load_audio(path).warnings == (), path.name


def test_a_file_without_its_length_that_runs_past_the_limit_is_not_said_to_last_the_limit():
    """Decoding stops at the limit when the header gives no length: a 3-hour file was said to last «60 мин»."""
    from pathlib import Path

    from sobes.core.audio_file import _too_long

    assert "длится дольше 60 мин" in str(_too_long(Path("ответ.flac"), None, 3600.0))
    assert "длится 180 мин" in str(_too_long(Path("ответ.flac"), 3 * 3600.0, 3600.0))
