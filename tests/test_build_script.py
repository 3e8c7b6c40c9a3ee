"""packaging/build.sh sets up what it needs (scripts/setup.sh package) before PyInstaller runs.

After ``./scripts/run.sh`` the venv had no PyInstaller and the build stopped
with «No module named PyInstaller». The script runs here in a copy of the
tree whose set-up and Python only write down how they were called: cheap,
and the real build stays in tests/test_packaging.py (--run-slow).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RECORDER = """#!/usr/bin/env bash
echo "{name} $*" >> "{log}"
{tail}
"""


def _tree(tmp_path: Path, setup_exit: int = 0) -> Path:
    tree = tmp_path / "tree"
    (tree / "packaging").mkdir(parents=True)
    (tree / "scripts").mkdir()
    (tree / ".venv" / "bin").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "build.sh", tree / "packaging" / "build.sh")
    log = tmp_path / "calls.log"
    scripts = {tree / "scripts" / "setup.sh": RECORDER.format(name="setup", log=log, tail=f"exit {setup_exit}"),
               tree / ".venv" / "bin" / "python": RECORDER.format(
                   name="python", log=log, tail='mkdir -p "$(dirname "$0")/../../dist/sobes"; echo "$PWD"')}
    for path, text in scripts.items():
        path.write_text(text)
        path.chmod(0o755)
    return tree


def test_build_sets_up_pyinstaller_before_building(tmp_path):
    tree = _tree(tmp_path)
    done = subprocess.run(["bash", str(tree / "packaging" / "build.sh")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert calls[0] == "setup package"
    assert any(call.startswith("python -m PyInstaller") for call in calls[1:])


def test_build_stops_when_the_set_up_fails(tmp_path):
    tree = _tree(tmp_path, setup_exit=1)
    done = subprocess.run(["bash", str(tree / "packaging" / "build.sh")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode != 0
    assert (tmp_path / "calls.log").read_text().splitlines() == ["setup package"]
