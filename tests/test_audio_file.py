"""Decoding: every format and rate a candidate may bring, and clear errors for the rest."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from sobes.core.audio_file import load_audio
from sobes.core.errors import AudioLoadError


def test_wav_16k_mono(fixtures_dir, manifest):
    audio = load_audio(fixtures_dir / "intro.wav")
    assert audio.sample_rate == 16_000 and audio.samples.dtype == np.float32
    assert audio.source_channels == 1 and audio.source_sample_rate == 16_000
    assert audio.duration_s == pytest.approx(manifest["intro"]["duration_s"], abs=0.01)


@pytest.mark.parametrize("name, rate, channels", [
    ("intro_44k_stereo.mp3", 44_100, 2),
    ("intro_44k_stereo.ogg", 44_100, 2),
    ("intro_8k.wav", 8_000, 1),
])
def test_other_rates_and_layouts_become_16k_mono(fixtures_dir, name, rate, channels):
    reference = load_audio(fixtures_dir / "intro.wav")
    audio = load_audio(fixtures_dir / name)
    assert (audio.source_sample_rate, audio.source_channels) == (rate, channels)
    assert audio.sample_rate == 16_000 and audio.samples.ndim == 1
    assert audio.duration_s == pytest.approx(reference.duration_s, abs=0.1)
    level = np.sqrt(np.mean(audio.samples ** 2)) / np.sqrt(np.mean(reference.samples ** 2))
    assert 0.5 < level < 2.0  # downmix and resampling keep the level


def _write_wav(path, samples, rate=16_000):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, "<i2").tobytes())


def test_missing_file(tmp_path):
    with pytest.raises(AudioLoadError, match="не найден"):
        load_audio(tmp_path / "nope.wav")


def test_folder(tmp_path):
    with pytest.raises(AudioLoadError, match="это папка"):
        load_audio(tmp_path)


@pytest.mark.parametrize("content", [b"hello, this is text\n" * 50, bytes(range(256)) * 40, b""])
def test_not_audio(tmp_path, content):
    path = tmp_path / "answer.wav"
    path.write_bytes(content)
    with pytest.raises(AudioLoadError, match="это не аудиофайл"):
        load_audio(path)


def test_truncated_header(tmp_path, fixtures_dir):
    path = tmp_path / "cut.wav"
    path.write_bytes((fixtures_dir / "intro.wav").read_bytes()[:30])
    with pytest.raises(AudioLoadError):
        load_audio(path)


def test_zero_length(tmp_path):
    path = tmp_path / "empty.wav"
    _write_wav(path, [])
    with pytest.raises(AudioLoadError, match="нулевая длина"):
        load_audio(path)


def test_non_finite_float_samples_become_silence(tmp_path):
    import av

    path = tmp_path / "float.wav"
    signal = np.sin(np.linspace(0, 200 * np.pi, 16_000)).astype(np.float32) * 0.5
    signal[100:200] = np.nan
    signal[300] = np.inf
    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_f32le", rate=16_000, layout="mono")
        frame = av.AudioFrame.from_ndarray(signal.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = 16_000
        out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    audio = load_audio(path)
    assert np.isfinite(audio.samples).all()
    assert np.abs(audio.samples).max() <= 1.0
    assert np.abs(audio.samples[120:180]).max() == 0.0
