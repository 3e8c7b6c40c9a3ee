"""Shared fixtures: the committed Festival recordings, one warm model per test session, a private PulseAudio.

Tests never touch the user's real folders or sound: the model cache and
data go to temporary folders, and PulseAudio clients reach only the
session's own daemon (tests/pulse.py), for the whole session (subprocesses
inherit all of it).

Tests that load the speech model are marked ``model`` (automatically when
they use ``analyzer`` or ``report_for``); ``./scripts/test.sh --fast`` leaves
them out, and fails any other test that loads the model all the same.
"""

from __future__ import annotations

import errno
import functools
import inspect
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from tests import pulse as pulse_daemon

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


@pytest.fixture(scope="session", autouse=True)
def private_pulse(tmp_path_factory):
    """The session's own PulseAudio, which this process and every subprocess use instead of the user's.

    Set for every test, not only those that ask for ``pulse``: any test that opens a real device then
    reaches this daemon, never the user's speakers or microphone. Without pulseaudio installed the
    variables point at a socket nobody listens on, and the tests that need ``pulse`` fail.
    """
    folder = tmp_path_factory.mktemp("pulse")
    previous = {name: os.environ.get(name) for name in pulse_daemon.CLIENT_VARIABLES}
    try:
        daemon = pulse_daemon.start(folder)
    except RuntimeError as exc:
        daemon, problem = None, str(exc)
        os.environ.update({"PULSE_SERVER": f"unix:{folder / 'none'}", "PULSE_COOKIE": str(folder / "cookie")})
    else:
        problem = None
        os.environ.update(daemon.environment)
    yield daemon or problem
    if daemon is not None:
        daemon.stop()
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def pulse(private_pulse) -> pulse_daemon.PrivatePulse:
    """The private PulseAudio: ``pulse.play(path)`` is heard by the default microphone (the null sink's monitor)."""
    if isinstance(private_pulse, str):
        pytest.fail(private_pulse)
    assert private_pulse.running(), (private_pulse.folder / "daemon.log").read_text(errors="replace")
    return private_pulse


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bank():
    """The bundled question bank (the session's data folder holds no questions of a user's)."""
    from sobes.interview.question_bank import load_bank

    return load_bank()


@pytest.fixture
def history(tmp_path):
    """An empty history in a file of its own."""
    from sobes.interview.history import History

    store = History(tmp_path / "history.db")
    yield store
    store.close()


@pytest.fixture(scope="session")
def analyzer(isolated_cache):
    """The real bundled model, loaded once for every test that needs it."""
    from sobes.analysis.engine import Analyzer
    from tests.judges import DEFAULT

    engine = Analyzer(None, DEFAULT)
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
def disk_full_after(monkeypatch):
    """``disk_full_after(blocks)``: a recording's writer is told "No space left on device" after that many
    blocks, as on a disk that fills up mid-take (``full_filesystem`` is a disk full from the start)."""
    from sobes.audio.wav_file import StreamingWavWriter

    real_append = StreamingWavWriter.append

    def after(blocks: int) -> None:
        written = [0]

        def append_until_full(self, pcm):
            written[0] += 1
            if written[0] > blocks:
                raise OSError(errno.ENOSPC, "No space left on device")
            real_append(self, pcm)

        monkeypatch.setattr(StreamingWavWriter, "append", append_until_full)

    return after


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody can write to, root included (a read-only mount)."""
    yield _mounted_tmpfs(tmp_path / "read-only", "ro,size=64k")
    subprocess.run(["umount", str(tmp_path / "read-only")], check=False)


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow (packaging builds)")


MODEL_FIXTURES = {"analyzer", "report_for"}  # a test using one of these (or a fixture that does) is marked model


def fast_run(config) -> bool:
    """The fast tier: ``-m "not model"`` (what ``scripts/test.sh --fast`` passes)."""
    return "not model" in (config.getoption("markexpr") or "")


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))  # also those that the test's fixtures use
        if MODEL_FIXTURES & fixtures:
            item.add_marker(pytest.mark.model)
        if "pulse" in fixtures:  # real-time audio: scripts/test.sh --fast runs these beside the rest
            item.add_marker(pytest.mark.pulse)
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="takes minutes: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def no_model_in_the_fast_tier(request, tmp_path_factory, monkeypatch):
    """In the fast tier a test that loads the speech model fails, so that an unmarked one cannot slow it down.

    In this process, constructing ``faster_whisper.WhisperModel`` fails the test at once (or, on a worker
    thread, at its teardown). A subprocess
    (``sobes analyze``, a window) is found out by the model cache: each test gets an empty one of its own,
    and every load of the bundled model first assembles the model there. A test about the session's cache
    itself (it asks for ``isolated_cache``: assembling is quick) keeps that cache.
    """
    if not fast_run(request.config) or request.node.get_closest_marker("model"):
        yield
        return
    import faster_whisper

    in_workers = []  # a failure raised on another thread does not reach the test: told at teardown

    def refuse(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            in_workers.append(threading.current_thread().name)
        pytest.fail("this test loads the speech model: mark it @pytest.mark.model", pytrace=False)

    monkeypatch.setattr(faster_whisper, "WhisperModel", refuse)
    cache = tmp_path_factory.getbasetemp() / "model-guard" / request.node.nodeid.replace("/", "_")[-150:]
    if "isolated_cache" not in inspect.signature(request.function).parameters:
        monkeypatch.setenv("SOBES_CACHE_DIR", str(cache))  # not created: only an assembly would create it
    yield
    assembled = (cache / "models").is_dir() and any((cache / "models").iterdir())
    if in_workers or assembled:
        where = f"in thread {in_workers[0]}" if in_workers else "in a subprocess"
        pytest.fail(f"this test loaded the speech model ({where}): mark it @pytest.mark.model", pytrace=False)
