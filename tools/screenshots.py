"""Screenshots of every screen in a real window under Xvfb: docs/screenshots/*.png.

    python tools/screenshots.py [--out docs/screenshots] [--size 1920x1080] [--scale 2]

Starts Xvfb when there is no DISPLAY, uses the fake microphone replaying a
Festival answer and the real model, answers two questions of a stage and
walks start → interview → review (its top and its details) → summary →
history (the library) → progress → a past answer reopened → settings →
the help page (F1) → the save dialog of an export, saving a PNG of each,
named with the window's size. HOME is a scratch folder too: the save
dialog opens in its Documents, never the user's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def run_in_scratch(shoot: Callable[[], None]) -> None:
    """``shoot`` on a display (Xvfb when there is none) with scratch data, home and cache folders, never the
    user's (the save dialog opens in the scratch home's Documents); then exit at once."""
    server = ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    work = Path(tempfile.mkdtemp(prefix="sobes-shots-"))
    os.environ["SOBES_DATA_DIR"] = str(work / "data")
    os.environ["HOME"] = str(work / "home")
    (work / "home" / "Documents").mkdir(parents=True)
    os.environ.setdefault("SOBES_CACHE_DIR", str(work / "cache"))
    try:
        shoot()
    finally:
        if server is not None:
            server.terminate()
    sys.stdout.flush()
    os._exit(0)  # skip the final GC, where PySide6 6.12 with NumPy 2 can crash (see desktop/app.py)


def wait_for(app, condition, timeout: float) -> None:
    """Process ``app``'s events until ``condition()`` holds; a TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        time.sleep(0.02)
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the expected state")


def save_window(app, window, path: Path) -> None:
    """``window`` as drawn once its pending events have run, as a PNG at ``path`` (printed)."""
    for _ in range(10):
        app.processEvents()
    window.grab().save(str(path))
    print(path, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 2 for 200 %%")
    parser.add_argument("--size", default="1024x768", help="window size, e.g. 1920x1080")
    args = parser.parse_args()
    os.environ["QT_SCALE_FACTOR"] = args.scale
    width, height = (int(n) for n in args.size.split("x"))
    run_in_scratch(lambda: shoot(args.out, width, height, args.scale))


def shoot(out: Path, width: int, height: int, scale: str) -> None:
    """Two answers of a behavioural stage, then every screen a candidate meets after them."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea

    from sobes.audio.fake_backend import FakeBackend
    from sobes.desktop.app import build_window
    from sobes.desktop.menus import show_help
    from sobes.interview.settings import Settings

    app = QApplication([])
    Settings(follow_ups=False).save()
    backend = FakeBackend(ROOT / "tests" / "fixtures" / "star.wav", realtime=True, speed=2)
    window = build_window(backend=backend, speak=False)
    window.resize(width // int(float(scale)), height // int(float(scale)))
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    suffix = f"-{width}x{height}" + ("" if scale == "1" else f"@{scale}x")

    def wait(condition, timeout=90.0):
        wait_for(app, condition, timeout)

    def save(name):
        save_window(app, window, out / f"{name}{suffix}.png")

    def save_dialog(name, open_it) -> None:
        """The modal dialog ``open_it`` opens, as it is drawn, then closed."""
        def grab():
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(100, grab)
                return
            for _ in range(20):
                app.processEvents()
                time.sleep(0.02)
            path = out / f"{name}{suffix}.png"
            dialog.grab().save(str(path))
            print(path)
            dialog.done(0)

        QTimer.singleShot(300, grab)
        open_it()

    def answer(shoot_live: bool) -> None:
        wait(lambda: window.host.session.state == "think")
        window.interview.buttons["start_answer_now"].click()
        wait(lambda: window.host.recorder is not None and window.host.recorder.level().seconds > 2)
        if shoot_live:
            wait(lambda: window.host.recorder.level().seconds > 17)
            wait(lambda: "Темп: —" not in window.interview.live.text() and window.interview.live.text() != "")
            save("2-interview")
        wait(lambda: window.host.recorder.level().seconds > 26)  # the whole answer is in
        window.interview.buttons["stop_answer"].click()
        wait(lambda: window.stack.currentWidget() is window.review)

    wait(lambda: window.analyzer.model_label is not None)
    save("1-start")
    start = window.start
    start.mode.setCurrentIndex(start.mode.findData("stage"))
    start.stage.setCurrentIndex(start.stage.findData("behavioral"))
    start.start_button.click()
    answer(shoot_live=True)
    save("3-review")
    scroll = window.review.findChild(QScrollArea).verticalScrollBar()
    scroll.setValue(scroll.maximum())
    save("4-review-details")
    scroll.setValue(0)
    window.review.next_button.click()
    answer(shoot_live=False)
    window.session._ending = True  # as "Завершить" does once confirmed
    window.review.stop()
    window.host.runner.finish()
    wait(lambda: window.stack.currentWidget() is window.summary)
    save("5-summary")
    window.show_history()
    screen = window.history_screen
    screen.answers.selectRow(0)
    save("6-history")
    body = screen.findChild(QScrollArea).verticalScrollBar()
    body.setValue(body.maximum())
    save("7-progress")
    screen.open_button.click()
    wait(lambda: window.stack.currentWidget() is window.review)
    save("8-past-answer")
    window.show_screen(window.settings_screen)
    save("9-settings")
    save_dialog("10-help", lambda: show_help(window))
    window.show_history()
    screen.table.selectRow(0)
    export = next(b for b in screen.findChildren(QPushButton) if "HTML" in b.text())
    save_dialog("11-export-dialog", export.click)
    window.history.close()


if __name__ == "__main__":
    main()
