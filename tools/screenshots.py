"""Screenshots of every screen in a real window under Xvfb: docs/screenshots/*.png.

    python tools/screenshots.py [--out docs/screenshots] [--scale 1]

Starts Xvfb when there is no DISPLAY, uses the fake microphone replaying a
Festival answer and the real model, walks start → interview → review →
summary → history → settings, and saves a PNG of each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ensure_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is not installed: run `bash scripts/setup.sh`")
    display = ":97"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1200x24"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = display
    time.sleep(1.0)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 2 for 200 %%")
    parser.add_argument("--width", type=int, default=1024)
    args = parser.parse_args()
    server = ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ["QT_SCALE_FACTOR"] = args.scale
    work = Path(tempfile.mkdtemp(prefix="sobes-shots-"))
    os.environ["SOBES_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("SOBES_CACHE_DIR", str(work / "cache"))
    try:
        shoot(args.out, args.width, work, args.scale)
    finally:
        if server is not None:
            server.terminate()
    sys.stdout.flush()
    os._exit(0)  # skip the final GC, where PySide6 6.12 with NumPy 2 can crash (see desktop/app.py)


def shoot(out: Path, width: int, work: Path, scale: str) -> None:
    from PySide6.QtWidgets import QApplication

    from sobes.audio.fake_backend import FakeBackend
    from sobes.desktop.app import build_window
    from sobes.interview.settings import Settings

    app = QApplication([])
    Settings(follow_ups=True).save()
    backend = FakeBackend(ROOT / "tests" / "fixtures" / "star.wav", realtime=True, speed=2)
    window = build_window(backend=backend, speak=False)
    window.resize(width, 760)
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if scale == "1" else f"@{scale}x"

    def wait(condition, timeout=60.0):
        deadline = time.monotonic() + timeout
        while not condition():
            app.processEvents()
            time.sleep(0.02)
            if time.monotonic() > deadline:
                raise TimeoutError("the app did not reach the expected state")

    def save(name):
        for _ in range(10):
            app.processEvents()
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        print(path)

    wait(lambda: window.analyzer.model_label is not None)
    save("1-start")
    start = window.start
    start.mode.setCurrentIndex(start.mode.findData("stage"))
    start.stage.setCurrentIndex(start.stage.findData("behavioral"))
    start.start_button.click()
    wait(lambda: window.host.session.state == "think")
    window.interview.buttons["start_answer_now"].click()
    wait(lambda: window.host.recorder is not None and window.host.recorder.level().seconds > 12)
    wait(lambda: "Темп: —" not in window.interview.live.text() and window.interview.live.text() != "")
    save("2-interview")
    wait(lambda: window.host.recorder.level().seconds > 26)  # the whole answer is in
    window.interview.buttons["stop_answer"].click()
    wait(lambda: window.stack.currentWidget() is window.review)
    save("3-review")
    window.host.runner.abort()
    window._summary(__import__("sobes.interview.summary", fromlist=["summarize"]).summarize(
        window.history, window.host.runner.session_id, window.host.session.reports))
    save("4-summary")
    window.show_history()
    window.history_screen.table.selectRow(0)
    save("5-history")
    window.show_screen(window.settings_screen)
    save("6-settings")
    window.history.close()


if __name__ == "__main__":
    main()
