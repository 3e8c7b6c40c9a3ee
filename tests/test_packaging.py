"""The packaged app: build it with PyInstaller, then run the frozen binary (opt-in: --run-slow, ~2 min).

The smoke test fails on anything a frozen build typically loses: a module
PyInstaller did not see, a missing Qt platform plugin, the VAD asset, the
shipped model or PortAudio.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.syscalls import hostile_environment, needs_strace, traced

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.model]  # the frozen app analyses
BROKEN = ("Traceback", "ModuleNotFoundError", "ImportError", "Could not load the Qt platform plugin",
          "Cannot load library")


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), str(out)], check=True, timeout=1200)
    return out / "sobes" / "sobes"


def run_frozen(app: Path, *args: str, tmp_path: Path, env: dict | None = None, timeout: float = 180):
    """Run the frozen binary away from the source tree, with empty data and cache folders."""
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environment.update(SOBES_DATA_DIR=str(tmp_path / "data"), SOBES_CACHE_DIR=str(tmp_path / "cache"))
    environment.update(env or {})
    done = subprocess.run([str(app), *args], cwd=tmp_path, env=environment, capture_output=True, text=True,
                          timeout=timeout)
    output = done.stdout + done.stderr
    assert not any(sign in output for sign in BROKEN), output
    return done


def test_frozen_cli_analyzes_a_recording_with_the_shipped_model(app, tmp_path, fixtures_dir):
    fixture = tmp_path / "answer.wav"
    shutil.copy(fixtures_dir / "intro.wav", fixture)
    done = run_frozen(app, "analyze", str(fixture), "--json", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["model"]["name"] == "whisper-base (bundled)"
    assert "здравствуйте" in report["transcript"]["text"].lower()
    assert report["pauses"]["count"] >= 1 and report["pitch"]["median_hz"]  # the delivery analysis ran
    assert not (tmp_path / "cache").exists()  # the model came from inside the app, nothing assembled


def test_frozen_coach_reads_what_an_answer_is_about(app, tmp_path):
    """The topics and the word vectors travel with the app: an off-topic answer is caught there too."""
    done = run_frozen(app, "coach", "--question", "BEH-03", "--json", "--text",
                      "Рассчитываю на сто двадцать тысяч рублей на руки, плюс премия по итогам квартала.",
                      tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    relevance = json.loads(done.stdout)["content"]["relevance"]
    assert relevance["verdict"] == "off_topic" and relevance["answer_topic"] == "salary"


@needs_strace
def test_frozen_app_sends_nothing_and_writes_no_telemetry(app, tmp_path, fixtures_dir):
    """The packaged app, watched at the system-call level, with the user's environment allowing telemetry."""
    shutil.copy(fixtures_dir / "intro.wav", tmp_path / "answer.wav")
    environment = hostile_environment(tmp_path, SOBES_CACHE_DIR=str(tmp_path / "cache"))
    for key in ("PYTHONPATH", "VIRTUAL_ENV"):
        environment.pop(key, None)
    done, offending = traced([str(app), "analyze", "answer.wav", "--json"], env=environment,
                             log=tmp_path / "trace-cli", cwd=tmp_path)
    assert done.returncode == 0 and '"speech_detected": true' in done.stdout, done.stderr
    assert offending == []
    environment["QT_QPA_PLATFORM"] = "offscreen"
    done, offending = traced([str(app), "desktop", "--self-test"], env=environment, log=tmp_path / "trace-window",
                             cwd=tmp_path)
    assert done.returncode == 0 and "painted: True" in done.stdout, done.stdout + done.stderr
    assert offending == []


def test_frozen_cli_reports_bad_input_in_one_line(app, tmp_path):
    done = run_frozen(app, "analyze", str(tmp_path / "missing.wav"), tmp_path=tmp_path, env={})
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0


def test_frozen_window_opens_offscreen_and_loads_the_model(app, tmp_path):
    done = run_frozen(app, "desktop", "--self-test", tmp_path=tmp_path, env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "window shown on 'offscreen', painted: True" in done.stdout
    assert "Qt in Russian: True" in done.stdout  # the file dialogs' own texts travel with the app


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (scripts/setup.sh installs it)")
def test_frozen_window_opens_on_a_real_x_display(app, tmp_path):
    """The xcb platform plugin and its libraries: what a user's Linux desktop loads."""
    environment = {"QT_QPA_PLATFORM": "xcb"}
    done = run_frozen(Path("xvfb-run"), "-a", str(app), "desktop", "--self-test", tmp_path=tmp_path,
                      env=environment)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "window shown on 'xcb', painted: True" in done.stdout


def test_frozen_app_finds_portaudio_inside_itself(app, tmp_path):
    done = run_frozen(app, "devices", tmp_path=tmp_path)
    assert (app.parent / "_internal" / "libportaudio.so.2").is_file()
    assert done.returncode in (0, 2)  # 2: no audio system here, said in one line
    assert "PortAudio library not found" not in done.stderr
