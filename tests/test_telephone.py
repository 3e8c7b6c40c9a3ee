"""The telephone channel: G.711 bit for bit, the band, tones, and Whisper through the line."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest

from sobes.audio.telephone import alaw2lin, busy_tone, lin2alaw, lin2ulaw, ringing_tone, telephone_channel, ulaw2lin
from sobes.core.audio_file import LoadedAudio

ALL_PCM = np.arange(-32768, 32768, dtype=np.int16)
ALL_CODES = np.arange(256, dtype=np.uint8)


@pytest.fixture(scope="module")
def audioop():
    if sys.version_info >= (3, 13):
        pytest.skip("audioop was removed in Python 3.13; the check runs on 3.11/3.12")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop
    return audioop


def test_ulaw_matches_audioop_bit_for_bit(audioop):
    expected = np.frombuffer(audioop.lin2ulaw(ALL_PCM.tobytes(), 2), np.uint8)
    assert np.array_equal(lin2ulaw(ALL_PCM), expected)
    decoded = np.frombuffer(audioop.ulaw2lin(ALL_CODES.tobytes(), 2), np.int16)
    assert np.array_equal(ulaw2lin(ALL_CODES), decoded)


def test_alaw_matches_audioop_bit_for_bit(audioop):
    expected = np.frombuffer(audioop.lin2alaw(ALL_PCM.tobytes(), 2), np.uint8)
    assert np.array_equal(lin2alaw(ALL_PCM), expected)
    decoded = np.frombuffer(audioop.alaw2lin(ALL_CODES.tobytes(), 2), np.int16)
    assert np.array_equal(alaw2lin(ALL_CODES), decoded)


def _band_levels(y, sr=16_000):
    power = np.abs(np.fft.rfft(y)) ** 2
    freqs = np.fft.rfftfreq(len(y), 1 / sr)
    inside = power[(freqs > 500) & (freqs < 3000)].mean()
    return (10 * np.log10(power[freqs > 4000].mean() / inside),
            10 * np.log10(power[(freqs > 20) & (freqs < 150)].mean() / inside))


@pytest.mark.parametrize("law", ["alaw", "ulaw"])
def test_band_outside_300_3400_is_suppressed(law):
    noise = (0.1 * np.random.default_rng(0).standard_normal(16_000 * 3)).astype(np.float32)
    above, below = _band_levels(telephone_channel(noise, law=law, noise_dbfs=None))
    assert above < -30 and below < -30


def test_channel_keeps_length_and_rejects_unknown_law():
    y = np.zeros(12_345, np.float32)
    assert len(telephone_channel(y)) == len(y)
    with pytest.raises(ValueError, match="alaw"):
        telephone_channel(y, law="gsm")


def _on_off(tone, sr=16_000):
    envelope = np.abs(tone).reshape(-1, sr // 100).max(axis=1) > 0.05  # 10 ms frames
    edges = np.flatnonzero(np.diff(envelope.astype(int)))
    return np.diff(np.concatenate([[0], edges + 1])) / 100


def test_russian_call_progress_tones():
    ring = ringing_tone(rings=2)
    assert len(ring) / 16_000 == pytest.approx(8.0)
    assert list(_on_off(ring)[:3]) == pytest.approx([0.8, 3.2, 0.8], abs=0.03)
    spectrum = np.abs(np.fft.rfft(ring))
    assert np.fft.rfftfreq(len(ring), 1 / 16_000)[np.argmax(spectrum)] == pytest.approx(425, abs=1)
    assert list(_on_off(busy_tone(3.2))[:4]) == pytest.approx([0.4, 0.4, 0.4, 0.4], abs=0.03)


def test_whisper_still_understands_the_phone_line(analyzer, fixtures_dir, manifest):
    from sobes.core.audio_file import load_audio

    audio = load_audio(fixtures_dir / "pauses.wav")
    line = telephone_channel(audio.samples, law="alaw")
    report = analyzer.analyze_audio(LoadedAudio(line, 16_000, 8_000, 1, "telephone"), "phone")
    text = report.transcript.text.lower()
    found = [w for w in manifest["pauses"]["key_words"] if w in text]
    assert len(found) >= 3, text
