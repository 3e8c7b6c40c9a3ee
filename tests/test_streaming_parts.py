"""The pieces streaming is built from give what the whole-signal functions give (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import resample_poly

from analysis.features import FeatureStream, compute_features
from analysis.resample import StreamResampler


def in_random_blocks(signal: np.ndarray, seed: int):
    rng = np.random.default_rng(seed)
    start = 0
    while start < len(signal):
        size = int(rng.integers(1, 9_000))
        yield signal[start:start + size]
        start += size


@pytest.mark.parametrize("source_rate", [48_000, 44_100, 22_050, 16_000, 8_000])
def test_resampling_blocks_equals_resampling_the_whole(source_rate):
    signal = np.random.default_rng(1).normal(0, 0.3, source_rate * 2).astype(np.float32)
    resampler = StreamResampler(source_rate, 16_000)
    out = np.concatenate([resampler.push(block) for block in in_random_blocks(signal, 2)] + [resampler.flush()])
    whole = resample_poly(signal, *(np.array([16_000, source_rate]) // np.gcd(16_000, source_rate)))
    assert len(out) == len(whole)
    np.testing.assert_allclose(out, whole, atol=1e-5)


def test_resampling_each_block_alone_would_dent_the_signal():
    """Why the stream resampler exists: block-by-block ``resample_poly`` differs at every block edge."""
    tone = (0.5 * np.sin(2 * np.pi * 200 * np.arange(48_000) / 48_000)).astype(np.float32)
    naive = np.concatenate([resample_poly(tone[i:i + 4_800], 1, 3) for i in range(0, len(tone), 4_800)])
    assert np.max(np.abs(naive - resample_poly(tone, 1, 3))) > 1e-3  # vs < 1e-5 for the stream resampler


def test_features_computed_while_recording_equal_those_of_the_whole_answer(fixtures_dir):
    from analysis.audio_file import load_audio

    y = load_audio(fixtures_dir / "hesitations.wav").samples
    stream = FeatureStream(16_000)
    fed = 0
    for block in in_random_blocks(y, 3):
        fed += len(block)
        stream.update(y[:fed])
    got, whole = stream.features(y), compute_features(y, 16_000)
    assert len(stream._parts) > 3  # really computed in pieces
    for name in ("times", "rms_db", "aperiodicity", "cepstra"):
        np.testing.assert_allclose(getattr(got, name), getattr(whole, name), atol=1e-6, err_msg=name)
    np.testing.assert_allclose(got.f0_hz, whole.f0_hz, atol=1e-6)  # NaN where unvoiced, in both
