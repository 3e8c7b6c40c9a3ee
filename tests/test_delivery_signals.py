"""Delivery metrics on synthesized signals with known properties (seeded), and odd inputs.

These call the pure functions directly; the real-model tests are in
test_delivery_audio.py.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from sobes.analysis.delivery import analyze_delivery
from sobes.analysis.features import compute_features, yin
from sobes.analysis.loudness import measure_loudness
from sobes.analysis.norm_overrides import with_overrides
from sobes.analysis.norms import NORMS, Norms
from sobes.analysis.pitch import measure_pitch
from sobes.analysis.report import Report
from sobes.analysis.transcript import Word
from sobes.core.audio_file import load_audio
from sobes.core.errors import InputError
from tests.judges import DEFAULT, VOICING, judge_with

SR = 16_000


def voiced(f0, seconds, *, amplitude=0.3, vibrato_st=0.0, rate_hz=0.5, seed=0):
    """A glottal-like pulse train with harmonics; pitch follows a slow sine in semitones."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SR)) / SR
    pitch = f0 * 2 ** (vibrato_st * np.sin(2 * np.pi * rate_hz * t) / 12)
    phase = 2 * np.pi * np.cumsum(pitch) / SR
    y = sum(np.sin(k * phase) / k for k in range(1, 12))
    y += 0.01 * rng.standard_normal(len(t))
    return (amplitude * y / np.abs(y).max()).astype(np.float32)


@pytest.mark.parametrize("f0", [85.0, 120.0, 210.0, 330.0])
def test_yin_finds_known_pitch(f0):
    y = voiced(f0, 1.0)
    estimate, aperiodicity = yin(y, sr=SR, hop=160, fmin=60, fmax=400)
    middle = estimate[10:-10]
    assert np.median(middle) == pytest.approx(f0, rel=0.01)
    assert np.median(aperiodicity[10:-10]) < 0.2


def test_noise_is_not_voiced():
    rng = np.random.default_rng(1)
    features = compute_features((0.2 * rng.standard_normal(SR)).astype(np.float32), SR, voicing_threshold=VOICING)
    assert np.mean(~np.isnan(features.f0_hz)) < 0.1


def _words_over(seconds, n=None):
    n = n or int(seconds * 2)
    step = seconds / n
    return [Word("слово", i * step, i * step + step * 0.8, 1.0) for i in range(n)]


def _pitch(y):
    """Pitch section with every frame taken as speech (a buzz is not speech to Silero)."""
    features = compute_features(y, SR, voicing_threshold=VOICING)
    return measure_pitch(features, np.ones(len(features.times), bool), Norms())


def _loudness(y):
    features = compute_features(y, SR, voicing_threshold=VOICING)
    return measure_loudness(y, SR, features, np.ones(len(features.times), bool), None)


def test_monotone_and_expressive_pitch():
    flat = _pitch(voiced(120, 12, vibrato_st=0.3))
    lively = _pitch(voiced(120, 12, vibrato_st=5.0))
    assert flat.median_hz == pytest.approx(120, rel=0.03)
    monotone = DEFAULT.norms.monotone_sd_st
    assert flat.sd_semitones < monotone and any(sd < monotone for *_, sd in flat.windows)
    assert lively.sd_semitones > 2.5 and not any(sd < monotone for *_, sd in lively.windows)
    assert lively.range_semitones == pytest.approx(10, abs=1.5)  # ±5 st sine: 5th–95th ≈ 9.8


def test_loudness_follows_gain_and_flags_quiet_and_clipped():
    base = voiced(150, 5, amplitude=0.3)
    normal, quiet = _loudness(base), _loudness(base * 10 ** (-30 / 20))
    clipped = _loudness(np.clip(base * 8, -1, 1))
    assert normal.rms_dbfs - quiet.rms_dbfs == pytest.approx(30, abs=0.5)
    assert normal.lufs - quiet.lufs == pytest.approx(30, abs=0.5)
    assert DEFAULT.level(quiet.rms_dbfs, 0.0) == "quiet" and DEFAULT.level(normal.rms_dbfs, 0.0) == "ok"
    assert clipped.clipping_ratio > 0.01 and DEFAULT.level(clipped.rms_dbfs, clipped.clipping_ratio) == "loud"


def test_snr_drops_with_added_noise(fixtures_dir):
    speech = load_audio(fixtures_dir / "pauses.wav").samples
    rng = np.random.default_rng(2)
    words = _words_over(len(speech) / SR)
    snrs = []
    for noise_db in (-60, -40, -30):
        noisy = speech + (10 ** (noise_db / 20) * rng.standard_normal(len(speech))).astype(np.float32)
        snrs.append(analyze_delivery(noisy, SR, words, DEFAULT).loudness.snr_db)
    assert snrs[0] > snrs[1] > snrs[2]
    assert snrs[2] == pytest.approx(-14 + 30 + 3, abs=6)  # speech level ≈ -14 dBFS, noise -30 dBFS RMS


def test_pauses_survive_background_noise(fixtures_dir, manifest):
    """Silero plus an adaptive floor: the 2.5 s pause is still found at 20 dB SNR."""
    speech = load_audio(fixtures_dir / "pauses.wav").samples
    rng = np.random.default_rng(3)
    noisy = speech + (10 ** (-35 / 20) * rng.standard_normal(len(speech))).astype(np.float32)
    pauses = analyze_delivery(noisy, SR, _words_over(len(speech) / SR), DEFAULT).pauses
    truth = max(manifest["pauses"]["events"], key=lambda e: e["end"] - e["start"])
    match = max(pauses.items, key=lambda p: p.duration)
    assert abs(match.start - truth["start"]) <= 0.15 and abs(match.end - truth["end"]) <= 0.15


@pytest.mark.parametrize("make", [
    lambda rng: np.zeros(SR * 3, np.float32),                                   # digital silence
    lambda rng: (0.3 * rng.standard_normal(SR * 3)).astype(np.float32),        # white noise
    lambda rng: np.sum([0.1 * np.sin(2 * np.pi * f * np.arange(SR * 4) / SR)   # a chord: "music"
                        for f in (220, 277, 330, 440)], axis=0).astype(np.float32),
    lambda rng: np.ones(SR, np.float32),                                       # DC, fully clipped
    lambda rng: (0.3 * rng.standard_normal(SR // 10)).astype(np.float32),      # 0.1 s
])
def test_odd_signals_give_valid_sections(make):
    y = make(np.random.default_rng(4))
    metrics = analyze_delivery(y, SR, [], DEFAULT)
    for section in (metrics.tempo, metrics.pitch):
        assert section.reason  # nothing to measure, and it says why
    assert metrics.tempo.syllables_per_sec is None
    assert metrics.fillers.count == 0


def test_single_word():
    y = voiced(140, 0.6)
    y = np.concatenate([np.zeros(SR // 2, np.float32), y, np.zeros(SR // 2, np.float32)])
    metrics = analyze_delivery(y, SR, [Word("Да.", 0.5, 1.1, 0.9)], DEFAULT)
    assert metrics.tempo.reason and metrics.tempo.syllables_per_sec is None
    assert metrics.pauses.count == 0 and metrics.pauses.response_latency_s == pytest.approx(0.5, abs=0.1)


def test_telephone_band_speech(fixtures_dir):
    """8 kHz audio (decoded to 16 kHz) keeps pauses and pitch measurable."""
    y = load_audio(fixtures_dir / "intro_8k.wav").samples
    metrics = analyze_delivery(y, SR, _words_over(len(y) / SR), DEFAULT)
    assert metrics.pitch.median_hz and 70 < metrics.pitch.median_hz < 250
    assert metrics.pauses.count >= 2


def test_ten_minute_answer(fixtures_dir):
    """Long answers: features are computed in blocks; the report stays valid."""
    clip = load_audio(fixtures_dir / "star.wav").samples
    repeats = int(600 / (len(clip) / SR)) + 1
    y = np.tile(clip, repeats)[: SR * 600]
    words = _words_over(600, n=1200)
    metrics = analyze_delivery(y, SR, words, DEFAULT)
    assert metrics.tempo.words == 1200 and len(metrics.tempo.curve) == 60
    assert metrics.pauses.count > 50 and metrics.pitch.median_hz is not None
    assert len(metrics.loudness.envelope) == pytest.approx(6000, abs=2)


def test_report_with_sections_round_trips(report_for):
    report = report_for("fillers.wav")
    again = Report.from_dict(json.loads(report.to_json()))
    assert again == report
    assert again.fillers.items[0].kind in ("lexical", "hesitation")


def test_norms_are_documented_and_overridable():
    assert all(n.source and n.why and n.name for n in NORMS.values()) and len(NORMS) >= 25
    custom = with_overrides(Norms(), {"long_pause_s": 1.5, "fast_words_per_min": "150"})
    assert custom.long_pause_s == 1.5 and custom.fast_words_per_min == 150.0
    with pytest.raises(InputError, match="нормы «pause_lenght» нет"):
        with_overrides(Norms(), {"pause_lenght": 1})
    with pytest.raises(InputError, match="Длинная пауза: «1000» не подходит — нужно число от 0,3 до 30 с"):
        with_overrides(Norms(), {"long_pause_s": 1000})


def test_a_threshold_changes_the_verdict(fixtures_dir, manifest):
    """The 2.5 s pause is long by default, and not when the user allows 3 s."""
    y = load_audio(fixtures_dir / "pauses.wav").samples
    words = _words_over(len(y) / SR)
    assert analyze_delivery(y, SR, words, DEFAULT).pauses.long_count == 1
    relaxed = judge_with(long_pause_s=3.0, mid_sentence_pause_s=3.0)
    assert analyze_delivery(y, SR, words, relaxed).pauses.long_count == 0


def test_hesitations_survive_moderate_noise(report_for, fixtures_dir, manifest):
    """White noise 26 dB under the speech: hesitations still found, none invented."""
    rng = np.random.default_rng(5)
    hits = total = invented = 0
    for name in ("hesitations", "fillers", "hesitant", "star", "intro"):
        y = load_audio(fixtures_dir / f"{name}.wav").samples
        noisy = (y + 10 ** (-40 / 20) * rng.standard_normal(len(y))).astype(np.float32)
        words = report_for(f"{name}.wav").transcript.words
        found = [f for f in analyze_delivery(noisy, SR, words, DEFAULT).fillers.items if f.kind == "hesitation"]
        truth = [e for e in manifest[name]["events"] if e["kind"] == "hesitation"]
        matched = [any(f.start < e["end"] and e["start"] < f.end for f in found) for e in truth]
        hits, total = hits + sum(matched), total + len(truth)
        invented += len(found) - sum(matched)
    assert hits / total >= 0.85 and invented == 0
