"""The analysis's own signal steps give SciPy's and pyloudnorm's numbers, and the analysis never imports SciPy.

Why: importing ``scipy.signal`` cost 0.6 s and 65–89 MB of every `sobes analyze` (docs/performance.md), so the
analysis does these few steps with NumPy and FFmpeg; SciPy and pyloudnorm stay as the references here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sobes.analysis.features import dct_matrix, halve_rate
from sobes.analysis.k_weighting import k_weighted, k_weighting
from sobes.analysis.loudness import _lufs


@pytest.mark.parametrize("sr", [8_000, 16_000, 44_100, 48_000])
def test_k_weighting_is_pyloudnorms_filters(sr):
    from pyloudnorm.iirfilter import IIRfilter

    theirs = [IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, sr, "high_shelf"), IIRfilter(0.0, 0.5, 38.0, sr, "high_pass")]
    for (b, a), other in zip(k_weighting(sr), theirs):
        np.testing.assert_allclose(np.array(b) / a[0], other.b / other.a[0], rtol=1e-12)
        np.testing.assert_allclose(np.array(a) / a[0], other.a / other.a[0], rtol=1e-12)
        assert other.passband_gain == 1.0  # so the stages need no gain of their own


@pytest.mark.parametrize("chunk_s", [0.013, 1.0, 60.0])
def test_filtering_in_blocks_is_filtering_whole(chunk_s):
    from scipy.signal import lfilter

    y = np.random.default_rng(3).standard_normal(16_000 * 3 + 17).astype(np.float32)
    expected = y.astype(np.float64)
    for b, a in k_weighting(16_000):
        expected = lfilter(b, a, expected)
    got = np.concatenate(list(k_weighted(y, 16_000, chunk_s=chunk_s)))
    assert len(got) == len(y)
    np.testing.assert_allclose(got, expected, atol=1e-10)


def test_integrated_loudness_is_pyloudnorms(fixtures_dir):
    import pyloudnorm

    from sobes.core.audio_file import load_audio

    speech = load_audio(fixtures_dir / "star.wav").samples
    for y in (speech, 0.05 * speech, speech[:int(0.45 * 16_000)]):
        assert _lufs(y, 16_000) == pytest.approx(pyloudnorm.Meter(16_000).integrated_loudness(y.astype(np.float64)),
                                                 abs=0.01)


@pytest.mark.parametrize("n", [1, 2, 3, 41, 1001, 48_007])
def test_halving_the_rate_is_polyphase_resampling(n):
    from scipy.signal import resample_poly

    y = np.random.default_rng(n).standard_normal(n).astype(np.float32)
    got, expected = halve_rate(y), resample_poly(y, 8_000, 16_000)
    assert got.dtype == np.float32 and len(got) == len(expected)
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_the_cepstral_transform_is_the_orthonormal_dct():
    from scipy.fft import dct

    x = np.random.default_rng(0).standard_normal((7, 26))
    np.testing.assert_allclose(x @ dct_matrix(26).T, dct(x, type=2, norm="ortho", axis=1), atol=1e-12)


def test_analysing_an_answer_does_not_import_scipy():
    script = (
        "import sys, numpy as np\n"
        "from sobes.analysis.delivery import analyze_delivery\n"
        "from sobes.analysis.content.section import QuestionContext, analyze_content\n"
        "from sobes.analysis.transcript import Word\n"
        "from tests.judges import DEFAULT\n"
        "t = np.arange(16_000 * 3) / 16_000\n"
        "y = (0.3 * np.sin(2 * np.pi * 150 * t) * (np.sin(2 * np.pi * 0.7 * t) > 0)).astype(np.float32)\n"
        "words = [Word('продажи', 0.1, 0.6, 0.9), Word('выросли', 0.8, 1.3, 0.9)]\n"
        "analyze_delivery(y, 16_000, words, DEFAULT)\n"
        "analyze_content(words, QuestionContext('Расскажите о себе.', 'self_presentation'), DEFAULT)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'pyloudnorm')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"
