"""A candidate's voice and words stay theirs: private files, real deletion, no network, no transcripts in logs."""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import sys
from pathlib import Path

import numpy as np
import pytest

from sobes.audio.wav_file import write_wav
from sobes.interview.history import History
from sobes.interview.session import Step
from tests.syscalls import hostile_environment, needs_strace, traced

ROOT = Path(__file__).resolve().parents[1]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_and_files_are_the_owners_only(tmp_path, monkeypatch):
    previous = os.umask(0o022)  # a typical desktop umask: world-readable by default
    try:
        data = tmp_path / "sobes-data"
        monkeypatch.setenv("SOBES_DATA_DIR", str(data))
        history = History()
        recording = data / "recordings"
        from sobes.interview.paths import private_folder

        private_folder(recording)
        write_wav(recording / "session1-01-HR-01.wav", np.zeros(1600, np.float32), 16_000)
        history.start_session("full", "client_manager")
        assert mode(data) == 0o700 and mode(recording) == 0o700
        assert mode(data / "history.db") == 0o600
        assert mode(recording / "session1-01-HR-01.wav") == 0o600
        assert all(mode(p) & 0o077 == 0 for p in data.glob("history.db*"))  # WAL and shared memory too
        history.close()
        os.chmod(data, 0o755)  # loosened by someone: tightened at the next start
        History().close()
        assert mode(data) == 0o700
    finally:
        os.umask(previous)


def test_deleting_a_session_removes_its_audio_and_its_words_from_the_file(tmp_path):
    history = History(tmp_path / "history.db")
    keep = history.start_session("full", "client_manager")
    gone = history.start_session("full", "client_manager")
    audio = []
    (tmp_path / "recordings").mkdir()
    for session_id, word in ((keep, "сохранить"), (gone, "конфиденциально")):
        path = tmp_path / "recordings" / f"session{session_id}-01-HR-01.wav"
        write_wav(path, np.zeros(1600, np.float32), 16_000)
        audio.append(path)
        step = Step("HR-01", f"Секретный ответ: {word} " * 50, "star", 0, 0)
        answer = history.add_recorded(session_id, step, path, 0.1)
        history.mark_failed(answer, word)
    assert history.delete_session(gone) == 1
    assert not audio[1].exists() and audio[0].exists()
    assert [s["id"] for s in history.sessions()] == [keep]
    history.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("history.db*"))
    assert "конфиденциально".encode() not in raw  # overwritten (secure_delete), not just unlinked
    assert "сохранить".encode() in raw


def test_delete_command(tmp_path, capsys):
    from sobes.cli.main import main

    db = tmp_path / "history.db"
    history = History(db)
    session_id = history.start_session("full", "client_manager")
    (tmp_path / "recordings").mkdir()
    path = tmp_path / "recordings" / "a.wav"
    write_wav(path, np.zeros(160, np.float32), 16_000)
    history.add_recorded(session_id, Step("HR-01", "вопрос", "star", 0, 0), path, 0.01)
    history.close()
    assert main(["history", "--db", str(db), "--delete", str(session_id)]) == 0
    assert not path.exists() and "удалена" in capsys.readouterr().out
    assert main(["history", "--db", str(db), "--delete", str(session_id)]) == 2  # no such session: one line


def test_a_moved_data_folder_still_deletes_its_recordings_and_plays_them(tmp_path, capsys):
    """Rows keep the path a recording was made at; after the data folder was moved (or restored from a backup) a
    deleted session took none of its recordings with it («удалена вместе с записями (0)»)."""
    from sobes.cli.main import main

    before = tmp_path / "before"
    history = History(before / "history.db")
    session_id = history.start_session("full", "client_manager")
    (before / "recordings").mkdir()
    takes = []
    for n in (1, 2):
        path = before / "recordings" / f"session{session_id}-0{n}-HR-01.wav"
        write_wav(path, np.zeros(1600, np.float32), 16_000)
        takes.append(history.add_recorded(session_id, Step("HR-01", "вопрос", "star", 0, 0), path, 0.1).id)
    history.close()
    after = tmp_path / "after"
    shutil.move(before, after)
    moved = History(after / "history.db")
    assert moved.take(takes[0]).path == after / "recordings" / f"session{session_id}-01-HR-01.wav"  # plays
    moved.close()
    assert main(["history", "--db", str(after / "history.db"), "--delete", str(session_id)]) == 0
    assert "(2)" in capsys.readouterr().out and not list((after / "recordings").glob("*.wav"))


def test_deleting_a_session_never_touches_files_outside_the_recordings(tmp_path):
    """A database edited by hand (or from somewhere else) may point anywhere: only recordings are deleted."""
    history = History(tmp_path / "data" / "history.db")
    session_id = history.start_session("full", "client_manager")
    precious = tmp_path / "thesis.wav"
    write_wav(precious, np.zeros(160, np.float32), 16_000)
    recordings = tmp_path / "data" / "recordings"
    recordings.mkdir()
    sneaky = recordings / "link.wav"  # inside the folder, but a link to the precious file
    sneaky.symlink_to(precious)
    for path in (precious, recordings / ".." / ".." / "thesis.wav", sneaky):
        history.add_recorded(session_id, Step("HR-01", "вопрос", "star", 0, 0), path, 0.01)
    assert history.delete_session(session_id) == 1  # the link only
    assert precious.exists() and not sneaky.is_symlink()
    history.close()


def test_logs_at_info_never_contain_the_transcript(analyzer, fixtures_dir, caplog):
    caplog.set_level(logging.INFO)
    report = analyzer.analyze_file(fixtures_dir / "star.wav")
    words = [w.word.strip(".,!?").lower() for w in report.transcript.words if len(w.word) > 5]
    assert len(words) > 10
    logged = caplog.text.lower()
    assert not [word for word in words if word in logged]


@needs_strace
@pytest.mark.model  # sobes analyze in a subprocess
def test_analysis_sends_nothing_and_writes_no_telemetry_at_the_system_call_level(tmp_path, fixtures_dir):
    """From an empty model cache (assembled from the pip parts) to the reports, watched by strace: ONNX Runtime
    (the Silero VAD) is told not to phone home whatever the user's environment says, and files named like
    addresses (FFmpeg would open ``tcp:…`` as a connection) are read as the local files they are."""
    names = ["answer.wav", "tcp:127.0.0.1:5999", "http:x.wav", "udp:127.0.0.1:5999"]
    for name in names:
        shutil.copy(fixtures_dir / "intro.wav", tmp_path / name)
    environment = hostile_environment(tmp_path, SOBES_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "sobes.cli.main", "analyze", *names, "--json", "--out", "reports"]
    done, offending = traced(command, env=environment, log=tmp_path / "trace", cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    reports = json.loads(done.stdout)
    assert [r["speech_detected"] for r in reports] == [True] * 4  # the model and the VAD really ran, on each
    assert offending == []
    assert not (tmp_path / "home" / ".cache" / "Microsoft").exists() and (tmp_path / "reports").is_dir()


@needs_strace
@pytest.mark.model  # the window loads the model
def test_the_window_sends_nothing_at_start(tmp_path):
    environment = hostile_environment(tmp_path, QT_QPA_PLATFORM="offscreen")
    done, offending = traced([sys.executable, "-m", "sobes.cli.main", "desktop", "--self-test"], env=environment,
                             log=tmp_path / "trace", cwd=ROOT)
    assert done.returncode == 0 and "painted: True" in done.stdout, done.stdout + done.stderr
    assert "whisper-base" in done.stdout  # the window loaded the model, as the packaged app's smoke test needs
    assert offending == []
