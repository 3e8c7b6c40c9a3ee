"""Hostile and odd input: every mistake ends in one line (exit 2), fast, with nothing half-written or touched.

The cases come from a probe of 160 hostile inputs; each test here failed on the code before it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from sobes.cli.main import main
from sobes.interview.history import History
from sobes.interview.session import Step
from tests.judges import VOICING

ROOT = Path(__file__).resolve().parents[1]


def one_line_error(capsys) -> str:
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("sobes") and "ошибка" in err and "Traceback" not in err, err
    return err


# --- special files ---------------------------------------------------------------------------------
@pytest.fixture
def special_files(tmp_path):
    fifo = tmp_path / "answer.wav"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.wav"
    loop.symlink_to(tmp_path / "loop2.wav")
    (tmp_path / "loop2.wav").symlink_to(loop)
    return {"fifo": fifo, "device": Path("/dev/zero"), "folder": tmp_path, "loop": loop}


@pytest.mark.parametrize("kind, message", [("fifo", "не обычный файл"), ("device", "не обычный файл"),
                                           ("folder", "это папка"), ("loop", "по кругу")])
def test_special_files_as_audio_end_at_once(special_files, capsys, kind, message):
    started = time.monotonic()
    assert main(["analyze", str(special_files[kind]), "--json"]) == 2
    assert time.monotonic() - started < 1.0
    assert message in one_line_error(capsys)


@pytest.mark.parametrize("kind, message", [("fifo", "не обычный файл"), ("device", "не обычный файл"),
                                           ("folder", "это папка"), ("loop", "по кругу")])
def test_special_files_as_a_question_bank_end_at_once(special_files, capsys, kind, message):
    started = time.monotonic()
    assert main(["questions", "--validate", str(special_files[kind])]) == 2
    assert time.monotonic() - started < 1.0
    assert message in one_line_error(capsys)


# --- question banks --------------------------------------------------------------------------------
QUESTION = """questions:
- id: MY-01
  text: {text}
  stage: hr
  roles: [client_manager]
  answer_type: short
  think_s: {think}
  answer_s: 60
  source: my own
"""
BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
                 + [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 12)])


@pytest.mark.parametrize("body, message", [
    (BOMB + "\n" + QUESTION.format(text="*a11", think=5), "больше 20000 элементов"),  # an alias in a field
    ("\n".join(["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 12)]) + "\n"
     + QUESTION.format(text="t", think=5).replace("[client_manager]", "*a11"), "вложенность глубже"),
    ("questions: *nowhere\n", "ссылка * на несуществующую метку"),
    ("questions: " + "[" * 50_000 + "]" * 50_000 + "\n", "вложенность глубже"),
    (QUESTION.format(text="t", think=5) + "  1: x\n", "ключ должен быть текстом"),
    (QUESTION.format(text="t", think=5) + "  yes: x\n", "ключ должен быть текстом"),
    (QUESTION.format(text="t", think="9" * 100_000), "слишком длинное число"),
    (QUESTION.format(text="t", think=5).replace("id: MY-01", 'id: "MY-01\\n"'), "лишние пробелы или перевод строки"),
    ("questions: &q [*q]\n", "указывает на саму себя"),
    ("questions:\n" + "- a\n" * 300_000, "больше 20000 элементов"),
])
def test_hostile_banks_are_one_line_naming_file_and_line_in_bounded_time_and_memory(tmp_path, capsys, body,
                                                                                    message):
    path = tmp_path / "bank.yaml"
    path.write_text(body, encoding="utf-8")
    started = time.monotonic()
    assert main(["questions", "--validate", str(path)]) == 2
    seconds = time.monotonic() - started  # ~0.5 s at most here; the bound is "it does not run away"
    err = one_line_error(capsys)
    assert f"{path}:" in err and message in err and seconds < 2.0
    tracemalloc.start()
    try:
        main(["questions", "--validate", str(path)])
        assert tracemalloc.get_traced_memory()[1] < 100e6
    finally:
        tracemalloc.stop()
        capsys.readouterr()


# --- numbers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["analyze", "a.wav", "--budget", "nan"], ["analyze", "a.wav", "--budget", "inf"],
    ["analyze", "a.wav", "--budget", "-5"], ["analyze", "a.wav", "--budget", "1e300"],
    ["record", "a.wav", "--seconds", "nan"], ["record", "a.wav", "--seconds", "-1"],
    ["record", "a.wav", "--seconds", "1e12"], ["phone", "a.wav", "b.wav", "--noise-db", "inf"],
    ["phone", "a.wav", "b.wav", "--noise-db", "40"], ["analyze", "a.wav", "--set", "long_pause_s=nan"],
    ["analyze", "a.wav", "--set", "long_pause_s=-1"], ["analyze", "a.wav", "--set", "min_pause_s=1e308"],
])
def test_absurd_numbers_are_refused_in_one_line(tmp_path, capsys, args):
    os.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        code = main(args)
        raise SystemExit(code)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ошибка" in err and "Traceback" not in err and "usage" not in err


# --- outputs ---------------------------------------------------------------------------------------
def test_analyze_out_that_is_a_file_still_prints_the_report(in_process_analyzer, fixtures_dir, tmp_path, capsys):
    taken = tmp_path / "reports"
    taken.write_text("not a folder")
    assert main(["analyze", str(fixtures_dir / "pauses.wav"), "--json", "--out", str(taken)]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["speech_detected"] is True  # stdout printed first
    assert err.count("\n") == 1 and "это файл" in err and taken.read_text() == "not a folder"


@pytest.mark.parametrize("where", ["read_only_folder", "full_filesystem"])
def test_analyze_out_on_an_unwritable_disk_is_one_line_and_leaves_nothing(in_process_analyzer, fixtures_dir,
                                                                         request, capsys, where):
    folder = request.getfixturevalue(where)
    target = folder / "reports" if where == "full_filesystem" else folder
    assert main(["analyze", str(fixtures_dir / "pauses.wav"), "--json", "--out", str(target)]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["file"] == "pauses.wav" and err.count("\n") == 1
    assert not list(folder.rglob("*.json")) and not list(folder.rglob("*.part"))


@pytest.fixture
def stored_session(tmp_path):
    db = tmp_path / "data" / "history.db"
    history = History(db)
    session = history.start_session("full", "client_manager")
    history.end_session(session, "completed", {"work_on": []})
    history.close()
    return db, session


@pytest.mark.parametrize("flag", ["--html", "--json", "--csv"])
@pytest.mark.parametrize("where", ["missing folder", "a folder", "read_only_folder", "full_filesystem"])
def test_report_exports_fail_in_one_line_without_a_partial_file(stored_session, tmp_path, request, capsys,
                                                                 flag, where):
    db, session = stored_session
    if where == "missing folder":
        target = tmp_path / "nowhere" / "report.out"
    elif where == "a folder":
        target = tmp_path
    else:
        target = request.getfixturevalue(where) / "report.out"
    assert main(["report", str(session), "--db", str(db), flag, str(target)]) == 2
    one_line_error(capsys)
    if where in ("read_only_folder", "full_filesystem"):
        assert [p.name for p in target.parent.iterdir() if p.name != "filler"] == []


@pytest.mark.parametrize("command", [["record", "{out}", "--seconds", "1"], ["phone", "{wav}", "{out}"],
                                     ["say", "Добрый день.", "{out}"]])
@pytest.mark.parametrize("where", ["a folder", "read_only_folder"])
def test_recording_and_rendering_to_an_unwritable_place_is_one_line(tmp_path, fixtures_dir, request, capsys,
                                                                      command, where):
    out = tmp_path if where == "a folder" else request.getfixturevalue(where) / "out.wav"
    args = [part.format(out=out, wav=fixtures_dir / "intro.wav") for part in command]
    assert main(args) == 2
    one_line_error(capsys)


# --- the interviewer's voice -----------------------------------------------------------------------
def test_a_hanging_festival_is_stopped_in_seconds(tmp_path, monkeypatch):
    from sobes.audio.voice import VoiceError, render_prompt

    fake = tmp_path / "bin" / "text2wave"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    started = time.monotonic()
    with pytest.raises(VoiceError, match="не ответил за 1 с"):
        render_prompt("Расскажите о себе.", cache=tmp_path / "prompts", timeout_s=1.0)
    assert time.monotonic() - started < 3.0


# --- damaged audio ---------------------------------------------------------------------------------
def damaged(data: bytes, start_fraction: float, length: int = 2000) -> bytes:
    out = bytearray(data)
    start = int(len(out) * start_fraction)
    out[start:start + length] = np.random.default_rng(1).integers(0, 256, length, dtype=np.uint8).tobytes()
    return bytes(out)


def encode_flac(source: Path, target: Path) -> None:
    import av

    from sobes.core.audio_file import load_audio

    samples = (load_audio(source).samples * 32767).astype(np.int16)
    with av.open(str(target), "w") as container:
        stream = container.add_stream("flac", rate=16_000, layout="mono")
        frame = av.AudioFrame.from_ndarray(samples[None, :], format="s16", layout="mono")
        frame.sample_rate = 16_000
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


@pytest.mark.parametrize("kind", ["truncated flac", "damaged mp3", "damaged ogg"])
def test_damaged_audio_is_analysed_as_far_as_it_decodes_with_a_warning(in_process_analyzer, fixtures_dir,
                                                                         tmp_path, capsys, kind):
    if kind == "truncated flac":
        encode_flac(fixtures_dir / "intro.wav", tmp_path / "whole.flac")
        path = tmp_path / "answer.flac"
        path.write_bytes((tmp_path / "whole.flac").read_bytes()[: (tmp_path / "whole.flac").stat().st_size // 2])
    else:
        suffix = kind.split()[1]
        path = tmp_path / f"answer.{suffix}"
        path.write_bytes(damaged((fixtures_dir / f"intro_44k_stereo.{suffix}").read_bytes(), 0.33))
    assert main(["analyze", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["speech_detected"] and report["duration_s"] > 3
    assert report["warnings"] and "повреждена" in report["warnings"][0]
    assert "внимание" in err and "повреждена" in err


def test_an_intact_file_has_no_warning(report_for):
    assert report_for("intro.wav").warnings == []


def test_a_32_channel_wav_is_audio(tmp_path):
    import wave

    from sobes.core.audio_file import load_audio

    tone = (0.3 * np.sin(2 * np.pi * 220 * np.arange(16_000) / 16_000) * 32767).astype(np.int16)
    path = tmp_path / "many.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(32)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(np.repeat(tone[:, None], 32, axis=1).tobytes())
    audio = load_audio(path)
    assert audio.source_channels == 32 and audio.duration_s == pytest.approx(1.0)
    assert np.sqrt(np.mean(audio.samples ** 2)) == pytest.approx(0.3 / np.sqrt(2), rel=0.05)


# --- files and folders the user did not name ---------------------------------------------------------
def test_a_history_in_a_folder_everyone_writes_to_leaves_the_folder_as_it_was(tmp_path, capsys):
    common = tmp_path / "common"  # a folder every user may write to
    common.mkdir()
    common.chmod(0o1777)  # like /tmp
    assert main(["history", "--db", str(common / "h.db")]) == 0
    assert stat.S_IMODE(common.stat().st_mode) == 0o1777
    assert stat.S_IMODE((common / "h.db").stat().st_mode) == 0o600  # the file Sobes made is private


def test_db_pointing_at_the_windows_history_respects_its_lock(tmp_path, monkeypatch, capsys):
    from sobes.interview.instance_lock import InstanceLock

    data = tmp_path / "data"
    monkeypatch.setenv("SOBES_DATA_DIR", str(data))
    history = History()
    session = history.start_session("full", "client_manager")
    history.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert main(["history", "--db", str(data / "history.db"), "--delete", str(session)]) == 2
        assert "закройте окно" in one_line_error(capsys)
        assert main(["history", "--db", str(data / "history.db")]) == 0
        assert History(data / "history.db").session(session)["status"] == "active"  # not marked interrupted
    finally:
        holder.kill()
        holder.communicate()
    assert not InstanceLock(tmp_path / "elsewhere").held_elsewhere()
    assert not (tmp_path / "elsewhere").exists()  # asking creates nothing


HOLD_LOCK = """
import sys, time
from pathlib import Path
from sobes.interview.instance_lock import InstanceLock
InstanceLock(Path(sys.argv[1])).acquire()
print("holding", flush=True)
time.sleep(600)
"""


def test_exports_carry_no_folder_of_the_users_files(in_process_analyzer, fixtures_dir, tmp_path, capsys):
    import shutil

    from sobes.interview.export import session_csv, session_html, session_json

    recordings = tmp_path / "data" / "recordings"
    recordings.mkdir(parents=True)
    shutil.copy(fixtures_dir / "pauses.wav", recordings / "answer.wav")
    history = History(tmp_path / "data" / "history.db")
    session = history.start_session("full", "client_manager")
    answer = history.add_recorded(session, Step("HR-01", "вопрос", "star", 0, 0), recordings / "answer.wav", 10.0)
    history.add_report(answer, in_process_analyzer.analyze_file(recordings / "answer.wav"))
    gone = history.add_recorded(session, Step("HR-02", "вопрос", "star", 0, 0), recordings / "gone.wav", 10.0)
    history.mark_failed(gone, f"аудиофайл не найден: {recordings / 'gone.wav'}")
    exported = session_json(history, session) + session_html(history, session) + session_csv(history, session)
    assert main(["analyze", str(recordings / "answer.wav"), "--json"]) == 0
    exported += capsys.readouterr().out
    assert str(tmp_path) not in exported and "gone.wav" in exported


# --- long answers ----------------------------------------------------------------------------------
class RecordingModel:
    """Stands in for WhisperModel: remembers how much audio each call was given."""

    def __init__(self):
        self.lengths: list[float] = []

    def transcribe(self, samples, **_):
        self.lengths.append(len(samples) / 16_000)
        return iter(()), None


def test_a_long_recording_is_transcribed_in_windows_cut_in_silence():
    from sobes.analysis.transcribe import WINDOW_S, transcribe, windows

    rng = np.random.default_rng(0)
    speech = rng.normal(0, 0.1, 16_000 * 1200).astype(np.float32)  # 20 minutes of "speech"
    for second in range(5, 1200, 7):  # a quiet 0.3 s every 7 s
        speech[second * 16_000:second * 16_000 + 4_800] *= 0.001
    model = RecordingModel()
    transcribe(model, speech)
    assert len(model.lengths) > 1200 / WINDOW_S and max(model.lengths) <= WINDOW_S
    assert sum(model.lengths) == pytest.approx(1200)
    for begin, _ in windows(speech)[1:]:
        assert np.abs(speech[begin - 400:begin + 400]).max() < 0.01  # every cut is in a quiet moment


def test_an_ordinary_answer_is_one_window():
    from sobes.analysis.transcribe import windows

    assert windows(np.zeros(16_000 * 170, np.float32)) == [(0, 16_000 * 170)]


def test_long_signals_are_measured_in_pieces_with_the_same_result(fixtures_dir):
    import pyloudnorm

    from sobes.analysis.features import compute_features, features_of
    from sobes.analysis.loudness import _lufs
    from sobes.core.audio_file import load_audio

    y = np.tile(load_audio(fixtures_dir / "star.wav").samples, 6)  # ~2.6 minutes
    whole = compute_features(y, 16_000, voicing_threshold=VOICING)
    pieces = features_of(y, 16_000, piece_s=20, voicing_threshold=VOICING)
    np.testing.assert_array_equal(whole.rms_db, pieces.rms_db)
    np.testing.assert_array_equal(whole.cepstra, pieces.cepstra)
    assert _lufs(y, 16_000, chunk_s=7.3) == pytest.approx(
        pyloudnorm.Meter(16_000).integrated_loudness(y.astype(np.float64)), abs=0.01)


@pytest.fixture
def in_process_analyzer(analyzer):
    """`main` in this process analyses with the session's warm model (no second load)."""
    return analyzer
