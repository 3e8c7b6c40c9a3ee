"""The pieces streaming is built from give what the whole-signal functions give (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from sobes.analysis.features import FeatureStream, compute_features
from sobes.core.resample import Resampler, resample
from tests.judges import VOICING


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
    resampler = Resampler(source_rate, 16_000)
    out = np.concatenate([resampler.push(block) for block in in_random_blocks(signal, 2)] + [resampler.flush()])
    whole = resample(signal, source_rate, 16_000)
    assert len(out) == len(whole) == round(len(signal) * 16_000 / source_rate)
    np.testing.assert_array_equal(out, whole)  # sample for sample, not just close


def test_resampling_keeps_time():
    """A click at 1.000 s is at 1.000 s after resampling: no filter delay shifts word and pause times."""
    click = np.zeros(96_000, np.float32)
    click[48_000] = 1.0
    assert np.argmax(resample(click, 48_000, 16_000)) == 16_000


def test_resampling_each_block_alone_would_dent_the_signal():
    """Why one resampler keeps its state: resampling each block on its own differs at every block edge."""
    tone = (0.5 * np.sin(2 * np.pi * 200 * np.arange(48_000) / 48_000)).astype(np.float32)
    naive = np.concatenate([resample(tone[i:i + 4_800], 48_000, 16_000) for i in range(0, len(tone), 4_800)])
    assert np.max(np.abs(naive - resample(tone, 48_000, 16_000))) > 1e-3


def test_features_computed_while_recording_equal_those_of_the_whole_answer(fixtures_dir):
    from sobes.core.audio_file import load_audio

    y = load_audio(fixtures_dir / "hesitations.wav").samples
    stream = FeatureStream(16_000, voicing_threshold=VOICING)
    fed = 0
    for block in in_random_blocks(y, 3):
        fed += len(block)
        stream.update(y[:fed])
    got, whole = stream.features(y), compute_features(y, 16_000, voicing_threshold=VOICING)
    assert len(stream._parts) > 3  # really computed in pieces
    for name in ("times", "rms_db", "aperiodicity", "cepstra"):
        np.testing.assert_allclose(getattr(got, name), getattr(whole, name), atol=1e-6, err_msg=name)
    np.testing.assert_allclose(got.f0_hz, whole.f0_hz, atol=1e-6)  # NaN where unvoiced, in both
