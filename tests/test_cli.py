"""`sobes analyze`: JSON contract, exit codes and one-line errors, in and out of process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave

import pytest

from sobes.cli.main import main
from sobes.core.audio_file import load_audio


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The installed entry point, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "sobes.cli.main", *args], capture_output=True,
                          text=True, env=os.environ.copy(), timeout=300)


@pytest.mark.model  # sobes analyze in a subprocess
def test_json_report_for_one_file(fixtures_dir):
    result = run_cli("analyze", str(fixtures_dir / "intro.wav"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)  # exactly one JSON document
    assert report["schema_version"] == 5 and report["speech_detected"] is True
    assert "иванова" in report["transcript"]["text"].lower()
    assert report["model"]["name"] == "whisper-base (bundled)"


def test_bad_file_through_the_real_entry_point(tmp_path):
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    result = run_cli("analyze", str(bad), "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.fixture
def in_process(analyzer, capsys):
    """Run `main` in this process, sharing the session's warm model."""

    def run(*args: str):
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _empty_wav(path):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
    return path


@pytest.mark.parametrize("make_input, message", [
    (lambda d: d / "missing.wav", "не найден"),
    (lambda d: d, "это папка"),
    (lambda d: (d / "text.ogg").write_text("hello") and d / "text.ogg", "это не аудиофайл"),
    (lambda d: _empty_wav(d / "empty.wav"), "нулевая длина"),
])
def test_bad_inputs_exit_2_with_one_line(in_process, tmp_path, make_input, message):
    code, out, err = in_process("analyze", str(make_input(tmp_path)), "--json")
    assert code == 2 and out == ""
    assert err.startswith("sobes: ошибка:") and err.count("\n") == 1 and message in err


def test_several_files_give_a_list_and_failures_do_not_stop_the_rest(in_process, fixtures_dir, tmp_path):
    code, out, err = in_process("analyze", str(fixtures_dir / "silence.wav"), str(tmp_path / "gone.wav"),
                                str(fixtures_dir / "pauses.wav"), "--json", "--out", str(tmp_path / "out"))
    assert code == 2 and err.count("\n") == 1 and "gone.wav" in err
    reports = json.loads(out)
    assert [r["speech_detected"] for r in reports] == [False, True]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pauses.json", "silence.json"]


def test_human_summary_in_russian(in_process, fixtures_dir):
    code, out, _ = in_process("analyze", str(fixtures_dir / "pauses.wav"))
    assert code == 0 and "Файл: pauses.wav, 13 с" in out and "Итог:" in out and "договор" in out


def test_silence_summary_says_no_speech(in_process, fixtures_dir):
    code, out, _ = in_process("analyze", str(fixtures_dir / "silence.wav"))
    assert code == 0 and "Речь не обнаружена" in out


def test_bad_model_folder_is_one_line(in_process, fixtures_dir, tmp_path):
    code, out, err = in_process("analyze", str(fixtures_dir / "pauses.wav"),
                                "--model", str(tmp_path / "nomodel"))
    assert code == 2 and err.count("\n") == 1 and "папка модели не найдена" in err


def test_corrupt_model_folder_is_one_line(in_process, fixtures_dir, tmp_path):
    for name in ("model.bin", "config.json", "tokenizer.json"):
        (tmp_path / name).write_bytes(b"garbage")
    code, _, err = in_process("analyze", str(fixtures_dir / "pauses.wav"), "--model", str(tmp_path))
    assert code == 2 and err.count("\n") == 1 and "не удалось загрузить модель" in err


def test_thresholds_can_be_set_from_the_command_line(in_process, fixtures_dir):
    path = str(fixtures_dir / "pauses.wav")
    _, out, _ = in_process("analyze", path, "--json")
    assert json.loads(out)["pauses"]["long_count"] == 1
    code, out, _ = in_process("analyze", path, "--json", "--set", "long_pause_s=3")
    assert code == 0 and json.loads(out)["pauses"]["long_count"] == 0


def test_analyze_judges_with_the_norms_saved_in_settings(in_process, fixtures_dir, tmp_path, monkeypatch):
    """The terminal and the window judge alike: `sobes analyze` reads the norms the candidate saved."""
    from sobes.interview.settings import Settings

    monkeypatch.setenv("SOBES_DATA_DIR", str(tmp_path))
    path = str(fixtures_dir / "pauses.wav")
    _, out, _ = in_process("analyze", path, "--json")
    assert json.loads(out)["pauses"]["long_count"] == 1
    Settings(thresholds={"long_pause_s": 3, "mid_sentence_pause_s": 3}).save()
    _, out, _ = in_process("analyze", path, "--json")
    assert json.loads(out)["pauses"]["long_count"] == 0
    _, out, _ = in_process("analyze", path, "--json", "--set", "long_pause_s=2")  # --set goes over the settings
    assert json.loads(out)["pauses"]["long_count"] == 1
    _, out, _ = in_process("thresholds")
    assert "Длинная пауза: 3 с" in out


@pytest.mark.parametrize("override, message", [
    ("long_pause_s=x", "нужно число"),
    ("long_pause_s", "нужно НОРМА=ЧИСЛО"),
    ("pause_lenght=2", "нормы «pause_lenght» нет"),
    ("long_pause_s=nan", "от 0,3 до 30"),
    ("long_pause_s=1e309", "от 0,3 до 30"),
    ("long_pause_s=-2", "от 0,3 до 30"),
    ("filler_repeat_attention=2.5", "целое число"),
])
def test_bad_threshold_is_one_line(in_process, fixtures_dir, override, message):
    code, out, err = in_process("analyze", str(fixtures_dir / "pauses.wav"), "--set", override)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_thresholds_command_lists_sources(in_process):
    code, out, _ = in_process("thresholds", "--json")
    rows = json.loads(out)
    assert code == 0 and {"long_pause_s", "monotone_sd_st"} <= {r["name"] for r in rows}
    assert all(r["source"] for r in rows)
    assert not any(ref in out for ref in ("seed_digest", "ANCHORS", "calibrated", "§", " L2"))  # JSON too
    code, out, _ = in_process("thresholds")  # what a candidate reads: Russian reasons, no internal references
    assert code == 0 and "Длинная пауза: 2 с" in out
    assert not any(ref in out for ref in ("seed_digest", "ANCHORS", "calibrated", "§", " L2"))


def test_summary_shows_delivery_in_russian(in_process, fixtures_dir):
    code, out, _ = in_process("analyze", str(fixtures_dir / "fillers.wav"))
    assert code == 0
    for label in ("Темп:", "Паузы:", "Слова-паразиты", "Интонация:", "Громкость:", "Речь:"):
        assert label in out


def test_say_and_phone_commands(in_process, tmp_path, fixtures_dir):
    code, out, _ = in_process("say", "Добрый день! Вам удобно говорить?", str(tmp_path / "q.wav"))
    assert code == 0 and load_audio(tmp_path / "q.wav").duration_s > 1.0
    code, out, _ = in_process("phone", str(fixtures_dir / "pauses.wav"), str(tmp_path / "p.wav"), "--compare")
    assert code == 0 and "Совпадение расшифровки через телефон" in out
    phone = load_audio(tmp_path / "p.wav")
    assert phone.duration_s == pytest.approx(load_audio(fixtures_dir / "pauses.wav").duration_s, abs=0.01)


def test_record_without_a_microphone_is_one_line(tmp_path, monkeypatch):
    """No input device at all: a clear error, exit 2, nothing half-written."""
    import numpy as np

    from sobes.audio import devices
    from sobes.audio.fake_backend import FakeBackend

    backend = FakeBackend(np.zeros(10, np.float32))
    backend.query_devices = lambda: [{"name": "HDMI", "max_input_channels": 0, "max_output_channels": 2,
                                      "default_samplerate": 48000.0}]
    monkeypatch.setattr(devices, "get_backend", lambda: backend)
    monkeypatch.setattr("sobes.audio.recorder.get_backend", lambda: backend)
    code = main(["record", str(tmp_path / "r.wav"), "--seconds", "1"])
    assert code == 2 and not (tmp_path / "r.wav").exists()


def test_content_options(in_process, fixtures_dir):
    code, out, _ = in_process("analyze", str(fixtures_dir / "intro.wav"), "--json", "--type", "self_presentation",
                              "--question", "Расскажите о себе", "--budget", "90")
    content = json.loads(out)["content"]
    assert code == 0 and content["answer_type"] == "self_presentation"
    assert {i["key"]: i["covered"] for i in content["items"]}["name"] is True
    assert content["vagueness"]["length_verdict"] == "short"  # 12 s: a self-presentation takes 1–2 minutes
    assert json.loads(out)["coaching"]["headline"].startswith("Самопрезентация короче минуты")
    code, out, _ = in_process("analyze", str(fixtures_dir / "star.wav"))
    assert "STAR:" in out and "Интервьюер спросит дальше:" in out


def test_the_window_analyze_and_coach_judge_one_answer_alike(in_process, analyzer, fixtures_dir, bank):
    """One answer to one bank question: what the session's review shows (the analyser with the step's context),
    `sobes analyze --question ID` and `sobes coach --question ID` on its transcript give the same coaching of what
    it said (the tester found them disagreeing when each built the question its own way)."""
    from sobes.interview.session import Step
    from tests.judges import DEFAULT

    step = Step.of(bank.by_id("BEH-03"), DEFAULT)
    app = analyzer.analyze_file(fixtures_dir / "star.wav", question=step.context())
    code, out, _ = in_process("analyze", str(fixtures_dir / "star.wav"), "--question", "BEH-03", "--json")
    analyzed = json.loads(out)
    assert code == 0 and analyzed["coaching"] == json.loads(app.to_json())["coaching"]
    code, out, _ = in_process("coach", "--question", "BEH-03", "--json", "--text", app.transcript.text,
                              "--seconds", str(app.duration_s))
    coached = json.loads(out)["coaching"]
    assert code == 0 and coached["content"] == app.coaching.content and coached["relevance"] == app.coaching.relevance
    assert [i["key"] for i in coached["covered"]] == [i.key for i in app.coaching.covered]
    assert [i["key"] for i in coached["missing"]] == [i.key for i in app.coaching.missing]
