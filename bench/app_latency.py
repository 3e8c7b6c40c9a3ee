"""Stop → review in the real window: how long a candidate waits after pressing "Закончить ответ".

The window runs offscreen with the fake microphone replaying an answer in
real time (answers of about 15, 60 and 120 s, made from the Festival
fixtures and the demo answer, with the candidate falling silent ``--silence``
seconds before pressing stop; 0 stops mid-sentence). The time is from the
click to the review screen shown with its report. Target: 2 s on a quiet
machine for any length.

    .venv/bin/python bench/app_latency.py                     # 15, 60, 120 s, stop 1 s after the last word
    .venv/bin/python bench/app_latency.py --silence 0 --repeat 3
    .venv/bin/python bench/app_latency.py --load 2            # with two CPU-bound processes beside it
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from cpu_load import cpu_load  # noqa: E402
from window_wait import wait_for_window  # noqa: E402

SOURCES = ["tests/fixtures/intro.wav", "tests/fixtures/star.wav", "assets/demo/answer.wav",
           "tests/fixtures/pauses.wav", "tests/fixtures/hesitant.wav"]


def answer(seconds: float, silence_s: float) -> np.ndarray:
    """About ``seconds`` of speech at 16 kHz (whole sentences from the fixtures), then ``silence_s`` of quiet."""
    from sobes.core.audio_file import load_audio

    pieces, total = [], 0
    while total < seconds * 16_000 * 0.95:
        for source in SOURCES:
            clip = load_audio(ROOT / source).samples
            take = clip[: int(seconds * 16_000) - total] if total + len(clip) > seconds * 16_000 * 1.1 else clip
            pieces += [take, np.zeros(8_000, np.float32)]
            total += len(take) + 8_000
            if total >= seconds * 16_000 * 0.95:
                break
    return np.concatenate(pieces + [np.zeros(int(silence_s * 16_000), np.float32)])


def measure(app, seconds: float, silence_s: float) -> float:
    from sobes.audio.fake_backend import FakeBackend
    from sobes.desktop.app import build_window

    signal = answer(seconds, silence_s)
    window = build_window(backend=FakeBackend(signal, realtime=True), speak=False)
    window.show()

    def until(condition, timeout: float) -> None:
        wait_for_window(app, window, condition, timeout)

    until(lambda: window.analyzer.model_label is not None, 120)
    window.begin("client_manager", "retake", "", "BEH-03")
    until(lambda: window.host.runner.state == "think", 30)
    window.interview.buttons["start_answer_now"].click()
    until(lambda: window.host.recorder is not None and window.host.recorder.level().seconds >= len(signal) / 16_000,
          seconds + 60)
    clicked = time.perf_counter()
    window.interview.buttons["stop_answer"].click()
    until(lambda: window.stack.currentWidget() is window.review and window.review.report is not None, 120)
    waited = time.perf_counter() - clicked
    window.host.close()
    window.history.close()
    window.deleteLater()
    app.processEvents()
    return waited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=float, nargs="*", default=[15, 60, 120])
    parser.add_argument("--silence", type=float, default=1.0, help="quiet before the stop, seconds (0: mid-sentence)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--load", type=int, default=0, help="CPU-bound processes running beside it")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        os.environ["SOBES_DATA_DIR"] = data
        from PySide6.QtWidgets import QApplication

        from sobes.interview.settings import Settings

        Settings(follow_ups=False, voice="text").save()
        app = QApplication([])
        print(f"load: {args.load} CPU-bound processes on {os.cpu_count()} cores")
        print(f"{'answer':>8}  {'stop → review, s (each run)':>30}  median")
        with cpu_load(args.load):
            for seconds in args.lengths:
                runs = [measure(app, seconds, args.silence) for _ in range(args.repeat)]
                print(f"{seconds:6.0f} s  {', '.join(f'{r:.2f}' for r in runs):>30}  {statistics.median(runs):.2f}",
                      flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip the interpreter's final clean-up of Qt objects


if __name__ == "__main__":
    main()
