"""Pitch on a real voice: the project's YIN (with the octave fold) against librosa's pYIN, clip by clip.

For each recording of tests/fixtures/real (a real female voice, telephone band) both pitch tracks are
taken over the same speech frames (the project's speech activity), and their median (Hz) and spread (SD in
semitones around the median, as the report gives it) compared. Targets: the median within 5 % on every
clip; the spread not inflated by octave jumps (ours at most 0.5 semitone over pYIN's).

librosa is the bench extra (``scripts/setup.sh bench``); its numba start-up and its pYIN's speed are why
the analysis itself does not use it.

    .venv/bin/python bench/real_pitch.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from sobes.analysis.delivery import analyze_delivery
from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms
from sobes.core.audio_file import load_audio

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real"
MEDIAN_TOLERANCE = 0.05
SPREAD_TOLERANCE_ST = 0.5


def spread_st(f0: np.ndarray) -> float:
    values = 12 * np.log2(f0 / np.median(f0))
    return float(np.std(values))


def main() -> None:
    import librosa

    names = sorted(json.loads((REAL / "truth.json").read_text(encoding="utf-8")))
    print(f"{'recording':36} {'ours, Hz':>9} {'pYIN, Hz':>9} {'diff':>6} {'ours SD, st':>12} {'pYIN SD, st':>12}")
    worst_median, worst_spread, ours_s, pyin_s = 0.0, -9.0, 0.0, 0.0
    failures = 0
    for name in names:
        audio = load_audio(REAL / name)
        started = time.perf_counter()
        metrics = analyze_delivery(audio.samples, 16_000, [], Judge(Norms()))
        ours_s += time.perf_counter() - started
        ours_median, ours_sd = metrics.pitch.median_hz, metrics.pitch.sd_semitones
        started = time.perf_counter()
        f0, voiced, _ = librosa.pyin(audio.samples, fmin=60, fmax=400, sr=16_000, frame_length=1024, hop_length=160)
        pyin_s += time.perf_counter() - started
        f0 = f0[voiced & ~np.isnan(f0)]
        if ours_median is None or len(f0) < 50:
            print(f"{name:36} {'—':>9} {'—':>9}  (too little voiced speech)")
            continue
        pyin_median, pyin_sd = float(np.median(f0)), spread_st(f0)
        diff = ours_median / pyin_median - 1
        worst_median = max(worst_median, abs(diff))
        worst_spread = max(worst_spread, ours_sd - pyin_sd)
        bad = abs(diff) > MEDIAN_TOLERANCE or ours_sd - pyin_sd > SPREAD_TOLERANCE_ST
        failures += bad
        print(f"{name:36} {ours_median:9.1f} {pyin_median:9.1f} {diff:+6.1%} {ours_sd:12.2f} {pyin_sd:12.2f}"
              + ("  ✗" if bad else ""))
    print(f"\nworst median difference {worst_median:.1%} (target ≤ {MEDIAN_TOLERANCE:.0%}); spread over pYIN at most "
          f"{worst_spread:+.2f} st (target ≤ +{SPREAD_TOLERANCE_ST}); clips off target: {failures} of {len(names)}")
    print(f"time: ours (whole delivery analysis) {ours_s:.1f} s, pYIN alone {pyin_s:.1f} s")


if __name__ == "__main__":
    main()
