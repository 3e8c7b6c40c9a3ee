"""`sobes interview` in the terminal: seconds from the end of each answer to its feedback.

    python bench/interview_latency.py [--seconds 15] [--answers 3] [--load 2]

Runs `sobes interview` (HR stage, think time 0, answers of ``--seconds``) in a
private PulseAudio whose microphone plays the demo answer as each recording
starts (cut off by the time limit: the worst case, the tail decoded after the
stop). The clock starts when the recording's time is up (the line «Говорите»
plus ``--seconds``) and stops at the first line of feedback. Nothing of the
user's own sound setup is touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from cpu_load import cpu_load  # noqa: E402

from sobes.interview.settings import Settings  # noqa: E402
from tests import pulse  # noqa: E402

DEMO = ROOT / "assets" / "demo" / "answer.wav"
FEEDBACK = ("Главное", "Темп")  # the first lines of an answer's feedback


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--answers", type=int, default=3)
    parser.add_argument("--load", type=int, default=0, help="CPU-bound processes running beside it")
    parser.add_argument("--verbose", action="store_true", help="print what sobes interview prints, timed")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sobes-bench-"))
    daemon = pulse.start(folder / "pulse")
    environment = {**os.environ, **daemon.environment, "SOBES_DATA_DIR": str(folder / "data"),
                   "PYTHONUNBUFFERED": "1"}  # each line as it is printed
    Settings(follow_ups=False).save(folder / "data")
    command = [sys.executable, "-m", "sobes.cli.main", "interview", "--mode", "stage", "--stage", "hr",
               "--role", "sales_support", "--seconds", str(args.seconds), "--think", "0", "--seed", "1"]
    waits, players = [], []
    with cpu_load(args.load):
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env=environment, cwd=ROOT)
        assert process.stdout is not None
        answer_ends: float | None = None
        for line in process.stdout:
            now = time.perf_counter() - started
            if args.verbose:
                print(f"{now:7.2f} {line.rstrip()[:100]}", flush=True)
            if line.startswith("Говорите"):
                answer_ends = now + args.seconds
                players.append(daemon.play(DEMO))
            elif answer_ends is not None and any(word in line for word in FEEDBACK):
                waits.append(now - answer_ends)
                answer_ends = None
                if len(waits) >= args.answers:
                    break
        process.terminate()
        process.wait(timeout=60)
    for player in players:
        player.kill()
    daemon.stop()
    print(f"sobes interview, answers of {args.seconds:g} s cut off mid-speech, {args.load} CPU-bound processes "
          f"beside it: end of answer -> feedback {', '.join(f'{w:.1f}' for w in waits)} s "
          f"(median {statistics.median(waits):.1f} s)  target <= 2 s quiet")


if __name__ == "__main__":
    main()
