"""Shared fixtures: the committed Festival recordings, and one warm model per test session.

Tests never touch the user's real folders: the model cache goes to a
temporary directory for the whole session (subprocesses inherit it).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from pathlib import Path

import pytest

# Qt tests run without a screen; set before any Qt import (ANCHORS model 11).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory):
    """Model cache and user data in temporary folders for the whole session (subprocesses inherit them)."""
    cache = tmp_path_factory.mktemp("sobes-cache")
    data = tmp_path_factory.mktemp("sobes-data")
    previous = {name: os.environ.get(name) for name in ("SOBES_CACHE_DIR", "SOBES_DATA_DIR")}
    os.environ["SOBES_CACHE_DIR"], os.environ["SOBES_DATA_DIR"] = str(cache), str(data)
    yield cache
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def analyzer(isolated_cache):
    """The real bundled model, loaded once for every test that needs it."""
    from sobes.analysis.engine import Analyzer

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


def _mounted_tmpfs(folder: Path, options: str):
    """A real, separate filesystem at ``folder`` (root only): a size limit or read-only that root obeys too."""
    folder.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    return folder


@pytest.fixture
def tiny_filesystem(tmp_path):
    """A 256 kB filesystem: the disk really fills up."""
    yield _mounted_tmpfs(tmp_path / "tiny", "size=256k")
    subprocess.run(["umount", str(tmp_path / "tiny")], check=False)


@pytest.fixture
def full_filesystem(tiny_filesystem):
    """A filesystem with no byte left."""
    with open(tiny_filesystem / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 512)
        except OSError:
            pass
    return tiny_filesystem


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody can write to, root included (a read-only mount)."""
    yield _mounted_tmpfs(tmp_path / "read-only", "ro,size=64k")
    subprocess.run(["umount", str(tmp_path / "read-only")], check=False)


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow (packaging builds)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="takes minutes: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
