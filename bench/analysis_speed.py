"""Seconds per audio minute of the delivery analysis (everything but speech recognition).

    python bench/analysis_speed.py [--minutes N]

Takes a real transcript of the demo answer, tiles audio and words to N
minutes (default 1), runs ``analyze_delivery`` once to warm up and then
``--repeat`` times, and prints the median seconds per audio minute of each
stage. Target: under 0.5 s per minute in total.

It also compares pitch estimators on a synthetic voice with a known pitch
contour: ours (vectorised YIN at 8 kHz), librosa.yin and librosa.pyin (the
first call of librosa's numba code is timed apart as "first call").
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms

ROOT = Path(__file__).resolve().parents[1]

from sobes.analysis.delivery import analyze_delivery  # noqa: E402
from sobes.analysis.engine import Analyzer  # noqa: E402
from sobes.analysis.features import compute_features  # noqa: E402
from sobes.analysis.transcript import Word  # noqa: E402
from sobes.core.audio_file import load_audio  # noqa: E402

SR = 16_000


def tiled(minutes: float):
    path = ROOT / "assets" / "demo" / "answer.wav"
    report = Analyzer(None, Judge(Norms())).analyze_file(path)
    clip = load_audio(path).samples
    clip_s = len(clip) / SR
    repeats = int(minutes * 60 / clip_s) + 1
    y = np.tile(clip, repeats)[: int(minutes * 60 * SR)]
    words = [Word(w.word, w.start + k * clip_s, w.end + k * clip_s, w.probability)
             for k in range(repeats) for w in report.transcript.words if w.end + k * clip_s <= minutes * 60]
    return y, words


def stage_times(y, words, repeat: int) -> dict[str, float]:
    analyze_delivery(y, SR, words, Judge(Norms()))  # warm-up: model loads, caches
    runs = [analyze_delivery(y, SR, words, Judge(Norms())).seconds for _ in range(repeat)]
    return {stage: statistics.median(r[stage] for r in runs) for stage in runs[0]}


def synthetic_voice(seconds: float = 60.0):
    """A harmonic voice whose pitch glides between 90 and 180 Hz, with its true contour."""
    t = np.arange(int(seconds * SR)) / SR
    f0 = 127 * 2 ** (6 * np.sin(2 * np.pi * 0.3 * t) / 12)
    phase = 2 * np.pi * np.cumsum(f0) / SR
    y = sum(np.sin(k * phase) / k for k in range(1, 15)).astype(np.float32)
    return 0.3 * y / np.abs(y).max(), f0


def gross_error(estimate: np.ndarray, truth_at_frames: np.ndarray) -> float:
    """Share of frames more than 20 % off the true pitch (unvoiced counts as an error)."""
    bad = ~np.isfinite(estimate) | (np.abs(estimate / truth_at_frames - 1) > 0.2)
    return float(np.mean(bad))


def compare_pitch(seconds: float = 60.0) -> list[tuple[str, float, float, float]]:
    import librosa

    y, f0 = synthetic_voice(seconds)
    def frames_at(n):
        return f0[np.minimum(np.arange(n) * 160, len(f0) - 1)]
    rows = []

    started = time.perf_counter()
    ours = compute_features(y, SR, voicing_threshold=Norms().voicing_aperiodicity).f0_hz
    rows.append(("ours: YIN (NumPy, 8 kHz)", 0.0, time.perf_counter() - started,
                 gross_error(ours, frames_at(len(ours)))))

    for name, run in [
        ("librosa.yin", lambda x: librosa.yin(x, fmin=60, fmax=400, sr=SR, frame_length=800, hop_length=160)),
        ("librosa.pyin", lambda x: librosa.pyin(x, fmin=60, fmax=400, sr=SR, frame_length=800,
                                                hop_length=160)[0]),
    ]:
        started = time.perf_counter()
        run(y[: SR])
        first = time.perf_counter() - started
        started = time.perf_counter()
        estimate = run(y)
        rows.append((name, first, time.perf_counter() - started, gross_error(estimate, frames_at(len(estimate)))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-pitch-comparison", action="store_true")
    args = parser.parse_args()

    y, words = tiled(args.minutes)
    times = stage_times(y, words, args.repeat)
    total = sum(times.values())
    print(f"delivery analysis of {args.minutes:g} min ({len(words)} words), median of {args.repeat}:")
    for stage, seconds in times.items():
        print(f"  {stage:16} {seconds / args.minutes:7.3f} s per audio minute")
    print(f"  {'total':16} {total / args.minutes:7.3f} s per audio minute (target < 0.5)")

    if not args.no_pitch_comparison:
        print("pitch estimators on 60 s of synthetic voice (90–180 Hz glide):")
        print(f"  {'estimator':28} {'first call s':>12} {'s/min':>7} {'gross error':>12}")
        for name, first, seconds, error in compare_pitch():
            print(f"  {name:28} {first:12.2f} {seconds:7.3f} {error:12.3f}")


if __name__ == "__main__":
    main()
