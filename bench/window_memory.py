"""The window's memory over many sessions: does it level off, or does each session leave something behind?

One real window (offscreen) with the fake microphone replaying a 20 s
answer runs ``--sessions`` sessions one after another, each as a candidate
goes through it: a question, the answer, its review, the summary, back to
the start screen. After each, the process's resident memory (VmRSS) is
printed; the target (issue 30) is a flat line, within ±30 MB, from the 3rd
session to the last (the first ones load the model, the word vectors and
Qt's caches).

    .venv/bin/python bench/window_memory.py [--sessions 10]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from window_wait import wait_for_window  # noqa: E402

ANSWER = ROOT / "tests/fixtures/star.wav"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def one_session(app, window) -> None:
    def until(condition, timeout: float) -> None:
        wait_for_window(app, window, condition, timeout)

    window.begin("client_manager", "retake", "", "BEH-03")
    until(lambda: window.host.runner.state == "think", 30)
    window.interview.buttons["start_answer_now"].click()
    until(lambda: window.host.recorder is not None and window.host.recorder.level().seconds >= 21, 60)
    window.interview.buttons["stop_answer"].click()
    until(lambda: window.stack.currentWidget() is window.review and window.review.report is not None, 120)
    window.review.next_requested.emit()
    until(lambda: window.stack.currentWidget() is window.summary, 30)
    window.summary.new_requested.emit()
    until(lambda: window.stack.currentWidget() is window.start and not window.host.runner.busy, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--trace", action="store_true",
                        help="also list where Python's own allocations grew from the 3rd session to the last")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start(8)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        os.environ["SOBES_DATA_DIR"] = data
        from PySide6.QtWidgets import QApplication

        from sobes.audio.fake_backend import FakeBackend
        from sobes.desktop.app import build_window
        from sobes.interview.settings import Settings

        Settings(follow_ups=False, voice="text").save()
        app = QApplication([])
        backend = FakeBackend(ANSWER, realtime=True, speed=4)
        window = build_window(backend=backend, speak=False)
        window.show()
        deadline = time.monotonic() + 120
        while window.analyzer.model_label is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        print(f"window with the model loaded: {rss_mb():.0f} MB")
        after = []
        for number in range(1, args.sessions + 1):
            one_session(app, window)
            backend.streams.clear()  # the fake microphone keeps every stream it opened (and through it each take's
            backend.played.clear()  # recorder and transcriber); a real device keeps nothing
            gc.collect()
            after.append(rss_mb())
            print(f"after session {number:2}: {after[-1]:.0f} MB", flush=True)
            if args.trace and number == 3:
                third = tracemalloc.take_snapshot()
        steady = after[2:]
        if steady:
            low, high = min(steady), max(steady)
            print(f"from the 3rd session on: {low:.0f}–{high:.0f} MB, spread {high - low:.0f} MB (target: ±30 MB)")
        if args.trace and len(after) > 3:
            for stat in tracemalloc.take_snapshot().compare_to(third, "traceback")[:8]:
                print(f"{stat.size_diff / 1e6:+.1f} MB in {stat.count_diff:+d} blocks:")
                print("\n".join(f"    {line}" for line in stat.traceback.format()[-8:]))
    sys.stdout.flush()
    os._exit(0)  # skip the interpreter's final clean-up of Qt objects


if __name__ == "__main__":
    main()
