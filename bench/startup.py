"""Start-up of the desktop app (offscreen): seconds to an interactive window, and memory.

    python bench/startup.py [--runs 3]

Each run is a fresh process: it records the time from its own start (the
process start time from /proc) to the first event-loop turn after the
window is shown, then waits for the model to load in the background and
reads the resident memory (VmRSS) at both moments. Targets: window <= 2 s,
RSS <= 700 MB with the model loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
ticks = os.sysconf("SC_CLK_TCK")
with open("/proc/self/stat") as fh:
    start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
with open("/proc/uptime") as fh:
    uptime = float(fh.read().split()[0])
process_start = time.monotonic() - (uptime - start_ticks / ticks)

def rss_mb():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) / 1024

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from sobes.desktop.app import build_window
window = build_window(speak=False)
window.show()
result = {}

def shown():
    result["window_s"] = time.monotonic() - process_start
    result["rss_idle_mb"] = rss_mb()
    wait_model()

def wait_model():
    if window.analyzer.model_label is None:
        QTimer.singleShot(50, wait_model)
        return
    result["model_s"] = time.monotonic() - process_start
    result["rss_model_mb"] = rss_mb()
    print(json.dumps(result), flush=True)
    os._exit(0)

QTimer.singleShot(0, shown)
app.exec()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOBES_DATA_DIR=str(Path(tmp) / "data"))
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)],
                                 capture_output=True, text=True, env=env, timeout=300)
            line = next((text for text in out.stdout.splitlines() if text.startswith("{")), None)
            if line is None:
                sys.exit(f"the app did not start: {out.stderr[-2000:]}")
            runs.append(json.loads(line))
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"desktop start-up, median of {args.runs} fresh processes (offscreen):")
    print(f"  interactive window after {median['window_s']:.2f} s (target <= 2 s); RSS {median['rss_idle_mb']:.0f} MB")
    print(f"  model loaded after {median['model_s']:.2f} s; RSS {median['rss_model_mb']:.0f} MB (target <= 700 MB)")


if __name__ == "__main__":
    main()
