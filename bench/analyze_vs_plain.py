"""`sobes analyze` against plain faster-whisper on the same file: whole processes, timed in turns.

    python bench/analyze_vs_plain.py [FILE] [--pairs 5]

A is `sobes analyze FILE --json` (decode, transcribe, the whole analysis and
coaching); B is faster-whisper alone in a fresh process with the same model
and threads, beam 5 and word times (``--plain``: this file run as the
yardstick). They run A B A B …, and each pair gives a ratio, so a machine
whose speed drifts during the run moves both sides of a ratio alike. Wall
seconds from a monotonic clock; CPU seconds and peak memory (the largest
resident set) from the operating system's accounting of each finished child
(``os.wait4``). Targets (issue 28): time within 1.1×, peak memory within 1.2×.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "assets" / "demo" / "answer.wav"


def plain(path: str) -> None:
    """faster-whisper as its README runs it, on the bundled model with the project's threads."""
    from sobes.analysis.model_store import resolve_model
    from sobes.analysis.transcribe import TranscribeOptions
    from sobes.core.offline import disable_telemetry

    disable_telemetry()
    from faster_whisper import WhisperModel

    options = TranscribeOptions()
    model = WhisperModel(resolve_model(None).path_or_name, device="cpu", compute_type=options.compute_type,
                         cpu_threads=options.threads, local_files_only=True)
    segments, _ = model.transcribe(path, language="ru", beam_size=5, word_timestamps=True)
    print(" ".join(segment.text.strip() for segment in segments))


def run(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak resident MiB) of one whole process."""
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed ({status})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEMO))
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--plain", action="store_true", help="be the yardstick: plain faster-whisper on FILE")
    args = parser.parse_args()
    if args.plain:
        plain(args.file)
        return
    analyze = [sys.executable, "-m", "sobes.cli.main", "analyze", args.file, "--json"]
    yardstick = [sys.executable, __file__, "--plain", args.file]
    run(analyze), run(yardstick)  # warm the page cache and the model files, not counted
    pairs = [(run(analyze), run(yardstick)) for _ in range(args.pairs)]
    print(f"{args.file}: {args.pairs} pairs, A = sobes analyze, B = plain faster-whisper (beam 5, word times)")
    for k, label in enumerate(("wall s", "CPU s", "peak MiB")):
        a = [pair[0][k] for pair in pairs]
        b = [pair[1][k] for pair in pairs]
        ratios = [x / y for x, y in zip(a, b)]
        print(f"{label:9} A median {statistics.median(a):7.2f}   B median {statistics.median(b):7.2f}   "
              f"A/B median {statistics.median(ratios):.2f} (pairs {min(ratios):.2f}–{max(ratios):.2f})")


if __name__ == "__main__":
    main()
