"""Waiting for the real window in a bench: its events run until what the bench waits for has happened.

The window benches (app_latency.py, window_memory.py) drive one window offscreen; each step waits for the
session to get somewhere, and a session that never does stops the bench with its state rather than hang it.
"""

from __future__ import annotations

import time


def wait_for_window(app, window, condition, timeout: float) -> None:
    """Process ``app``'s events until ``condition()`` holds; after ``timeout`` seconds, stop the bench and say the
    state ``window``'s session is stuck in."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"stuck: {window.host.runner.state}")
        app.processEvents()
        time.sleep(0.005)
