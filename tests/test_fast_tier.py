"""The fast tier (``./scripts/test.sh --fast``, ``-m "not model"``) leaves out what loads the speech model,
and fails a test that loads it without saying so, in the test's process or in a subprocess."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
pytest_plugins = ["pytester"]

TESTS = '''
import subprocess, sys

import pytest


def test_plain():
    pass


def test_through_the_fixture(analyzer):
    raise AssertionError("left out: it uses the analyzer")


@pytest.mark.model
def test_marked():
    raise AssertionError("left out: marked")


def test_loads_the_model_here():
    import faster_whisper

    faster_whisper.WhisperModel("/no/model/here")  # what sobes.analysis.transcribe does to load one


def test_loads_the_model_in_a_subprocess():
    # the bundled model is assembled into the cache before any load: what `sobes analyze` does first
    code = "from sobes.analysis.model_store import ensure_bundled_model; ensure_bundled_model()"
    subprocess.run([sys.executable, "-c", code], check=True)
'''


def test_the_fast_tier_leaves_out_model_tests_and_fails_unmarked_ones(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))  # tests.*
    pytester.makeconftest("from tests.conftest import *  # noqa: F403\n"
                          "from tests.conftest import pytest_addoption, pytest_collection_modifyitems  # noqa: F401\n")
    pytester.makeini("[pytest]\nmarkers =\n    model: loads the speech model\n    slow: takes minutes\n")
    pytester.makepyfile(test_tier=TESTS)
    result = pytester.runpytest_subprocess("-m", "not model", "-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert outcomes.get("deselected") == 2, result.outlines
    assert outcomes.get("passed") == 2 and outcomes.get("failed") == 1 and outcomes.get("errors") == 1, outcomes
    result.stdout.fnmatch_lines(["*_ test_loads_the_model_here _*", "this test loads the speech model*"])
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_loads_the_model_in_a_subprocess*",
                                 "*loaded the speech model (in a subprocess)*"])
