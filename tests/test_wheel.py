"""The installed package: a wheel built from the repository, installed (not editable) into a fresh venv.

Run with --run-slow (CI does): the venv's dependencies come from the package index (pip's cache, here).
It proves that everything lives under ``sobes`` and that the question banks travel as package data.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.model]  # the installed wheel analyses


def test_the_wheel_installs_and_works_outside_the_repository(tmp_path, fixtures_dir, isolated_cache):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, timeout=600, capture_output=True)
    (wheel,) = wheels.glob("sobes-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   timeout=1200, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(fixtures_dir / "intro.wav", elsewhere / "answer.wav")
    environment = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path),
                   "SOBES_DATA_DIR": str(tmp_path / "data"), "SOBES_CACHE_DIR": str(isolated_cache)}

    def sobes(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(venv / "bin" / "sobes"), *args], cwd=elsewhere, env=environment,
                              capture_output=True, text=True, timeout=600)

    banks = sobes("questions", "--validate")
    assert banks.returncode == 0 and "файлы в порядке" in banks.stdout, banks.stderr
    analysed = sobes("analyze", "answer.wav", "--json")
    assert analysed.returncode == 0, analysed.stderr
    assert "иванова" in json.loads(analysed.stdout)["transcript"]["text"].lower()
    located = subprocess.run([str(venv / "bin" / "python"), "-c", "import sobes.analysis as a; print(a.__file__)"],
                             cwd=elsewhere, env=environment, capture_output=True, text=True, timeout=60)
    assert str(venv) in located.stdout  # the installed copy, not the repository
