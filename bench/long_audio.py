"""Time and peak memory of `sobes analyze` on long recordings (1, 5, 20 and 59 minutes).

The recordings are the bundled demo answer repeated with a second of silence
between repeats. Each analysis runs in a fresh process (the model loaded in
it, as a user's first run); peak memory is the process's maximum resident
set size. Target: under 1 GB up to the 60-minute limit.

    .venv/bin/python bench/long_audio.py            # 1 5 20 59
    .venv/bin/python bench/long_audio.py 1 5        # fewer
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

from sobes.audio.wav_file import write_wav  # noqa: E402
from sobes.core.audio_file import load_audio  # noqa: E402

TARGET_MB = 1024


def make_recording(minutes: int, folder: Path) -> Path:
    demo = load_audio(ROOT / "assets" / "demo" / "answer.wav").samples
    unit = np.concatenate([demo, np.zeros(16_000, np.float32)])
    n = minutes * 60 * 16_000
    path = folder / f"answer-{minutes}min.wav"
    write_wav(path, np.tile(unit, -(-n // len(unit)))[:n], 16_000)
    return path


def measure(path: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one `sobes analyze --json` process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "sobes.cli.main", "analyze", str(path), "--json"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"analysis of {path.name} failed: {process.stderr.read().decode()[-500:]}")
    return seconds, usage.ru_maxrss / 1024


def main(argv: list[str]) -> None:
    minutes = [int(m) for m in argv] or [1, 5, 20, 59]
    print(f"{'recording':>10}  {'time, s':>8}  {'real-time factor':>16}  {'peak memory, MB':>15}  under {TARGET_MB} MB")
    with tempfile.TemporaryDirectory() as folder:
        for m in minutes:
            path = make_recording(m, Path(folder))
            seconds, peak = measure(path)
            path.unlink()
            print(f"{m:>6} min  {seconds:8.1f}  {seconds / (m * 60):16.3f}  {peak:15.0f}  "
                  f"{'yes' if peak < TARGET_MB else 'NO'}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
