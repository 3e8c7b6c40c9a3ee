"""`sobes interview`: a whole phone screening in the terminal, through the real PortAudio path.

The questions are spoken by Festival through the telephone line into the
private PulseAudio's null sink (tests/pulse.py); each time the terminal says "Говорите", a recorded
answer is played into the sink, whose monitor is the default microphone.
Nothing is faked: the proof that the session runner needs no window.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sobes.interview.history import History
from sobes.interview.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.model  # sobes interview analyses each answer


def test_a_phone_screening_in_the_terminal(tmp_path, fixtures_dir, pulse):
    environment = {**os.environ, "SOBES_DATA_DIR": str(tmp_path / "data")}
    # the interviewer's follow-ups are tested in test_runner and test_coaching; here they would double the time
    Settings(follow_ups=False).save(tmp_path / "data")
    process = subprocess.Popen(
        [sys.executable, "-m", "sobes.cli.main", "interview", "--mode", "phone", "--role", "sales_support",
         "--seconds", "3", "--think", "0", "--seed", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, cwd=ROOT)
    lines, players = [], []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Говорите"):
            players.append(pulse.play(fixtures_dir / "intro.wav"))  # the candidate answers
    process.wait(timeout=300)
    process.stdout.close()
    for player in players:
        player.kill()
        player.wait()
    output = "".join(lines)
    errors = process.stderr.read()
    assert process.returncode == 0, output + errors
    process.stderr.close()
    numbers = [line.split(":")[0] for line in lines if line.startswith("Вопрос")]
    assert numbers == ["Вопрос 1 из 4", "Вопрос 2 из 4", "Вопрос 3 из 4", "Вопрос 4 из 4"]
    assert "Итоги собеседования" in output and "Через телефонную линию" in output
    assert ".wav" not in output + errors and "ALSA lib" not in errors  # no file names, no libasound lines
    # each answer's phone-line check comes with its feedback, before the next question
    for block in output.split("\nВопрос ")[1:]:
        assert block.count("Разбор ответа") <= 1
        assert ("Разбор ответа" in block) == ("Через телефонную линию" in block), block
    history = History(tmp_path / "data" / "history.db")
    (session,) = history.sessions()
    assert session["mode"] == "phone" and session["status"] == "completed"
    answers = history.answers(session["id"])
    assert len(answers) == len(numbers) and all(a["status"] == "analyzed" for a in answers)
    heard = " ".join(history.report(a["id"]).transcript.text.lower() for a in answers)
    assert "здравствуйте" in heard or "иванова" in heard  # what was played into the microphone was recorded
    history.close()
