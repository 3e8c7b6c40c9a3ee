"""Shared fixtures: the committed Festival recordings, and one warm model per test session.

Tests never touch the user's real folders: the model cache goes to a
temporary directory for the whole session (subprocesses inherit it).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory):
    cache = tmp_path_factory.mktemp("sobes-cache")
    previous = os.environ.get("SOBES_CACHE_DIR")
    os.environ["SOBES_CACHE_DIR"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("SOBES_CACHE_DIR", None)
    else:
        os.environ["SOBES_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def analyzer(isolated_cache):
    """The real bundled model, loaded once for every test that needs it."""
    from analysis.engine import Analyzer

    engine = Analyzer()
    engine.prepare()
    return engine


@pytest.fixture(scope="session")
def report_for(analyzer, fixtures_dir):
    """Report of a committed fixture by file name, computed once per session."""

    @functools.cache
    def report_for(filename: str):
        return analyzer.analyze_file(fixtures_dir / filename)

    return report_for
