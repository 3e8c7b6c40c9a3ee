"""`sobes interview --mode role_play` and `sobes questions` (issue 31): the role plays are listed with the numbers
`--scenario` takes, a wrong number is one Russian line (exit code 2), the terminal prints the client's lines and the
candidate's words, then the review of the conversation with the reply and moment each fix points to; and a whole
role play in the terminal, on the fake microphone and the real model, ends with that review in the history."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from sobes.cli.interview_cmd import Terminal
from sobes.interview import events
from sobes.interview.history import History
from sobes.interview.question_bank import load_bank
from sobes.interview.session import Step
from sobes.interview.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def sobes(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sobes.cli.main", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT, timeout=timeout)


def review_summary(take_id: int | None = 7) -> dict:
    """A role play's summary as the runner stores it: a conversation of two replies the client left after."""
    moment = {"key": "empathy", "label": "Признали недовольство клиента", "words": "понимаю, как это неприятно",
              "start": 0.4}
    mistake = {"key": "blame", "label": "Перекладываете вину", "words": "это не моя вина", "start": 1.1}
    turns = [{"turn": n, "client": f"Реплика клиента номер {n}.", "escalated": n == 2, "transcript": said,
              "good": good, "mistakes": bad, "seconds": 14.0, "words_per_min": 128.0, "loudness_dbfs": -20.0,
              "take_id": take_id}
             for n, said, good, bad in ((1, "Понимаю, как это неприятно. Когда вы оформили заказ?", [moment], []),
                                        (2, "Это не моя вина, у нас проблемы с логистикой.", [], [mistake]))]
    review = {"schema_version": 1, "outcome": "leaves", "outcome_text": "Клиент ушёл к конкурентам.",
              "headline": "Вы спорили с клиентом, и он ушёл: признайте его недовольство и предложите решение.",
              "fixes": [{"text": "Не перекладывайте вину на другой отдел.", "turn": 2, "start": 1.1,
                         "quote": "это не моя вина"},
                        {"text": "Предложите решение со сроком.", "turn": 1, "start": 0.0, "quote": ""}],
              "turns": turns, "talk_share": 0.58, "words_per_min": 128.0, "fillers_per_100_words": 2.1,
              "calm": {"pace_change_pct": 18.0, "loudness_change_db": 1.0, "verdict": "faster",
                       "text": "Когда клиент давил, вы заговорили быстрее на 18 %."}}
    answers = [{"question_id": "RPL-X-R1", "question": "Реплика клиента номер 1.", "turn": 1, "follow_up": False,
                "overall": "good", "content": None, "headline": "", "star_complete": False},
               {"question_id": "RPL-X-D1", "question": "Что вы чувствовали в этой ситуации?", "turn": 0,
                "follow_up": False, "overall": "good", "content": "good", "headline": "", "star_complete": False}]
    return {"answers": answers, "work_on": [], "planned": 0, "compared_to_previous": {}, "first_session": True,
            "role_play": review, "scenario": {"id": "RPL-X", "title": "Доставка задерживается на неделю",
                                              "client": "Покупатель интернет-магазина",
                                              "need": "Получить заказ или деньги назад"}}


def test_the_role_plays_are_listed_with_their_numbers_client_and_need():
    bank = load_bank()
    done = sobes("questions")
    assert done.returncode == 0, done.stderr
    listing = done.stdout.split("Ролевые игры с клиентом", 1)[1]
    for number, scenario in enumerate(bank.scenarios, 1):
        assert f"{number:5}. {scenario.title}" in listing
        assert f"Клиент: {scenario.client}" in listing and f"Что нужно клиенту: {scenario.need}" in listing
        assert scenario.id not in done.stdout  # the bank's ids are not the candidate's
    assert "--mode role_play --scenario НОМЕР" in listing


def test_a_roles_listing_shows_only_its_role_plays_and_validate_counts_them():
    bank = load_bank()
    role = "product_manager"
    done = sobes("questions", "--role", role)
    mine = [s.title for s in bank.scenarios_for(role)]
    others = [s.title for s in bank.scenarios if s.title not in mine]
    assert all(title in done.stdout for title in mine) and not any(title in done.stdout for title in others)
    assert ("Ролевые игры с клиентом" in sobes("questions", "--stage", "hr").stdout) is False
    checked = sobes("questions", "--validate")
    assert checked.returncode == 0 and f"Ролевых игр с клиентом: {len(bank.scenarios)}" in checked.stdout


@pytest.mark.parametrize(("args", "said"), [
    (("--mode", "role_play", "--scenario", "99"), "ролевой игры «99» нет: укажите её номер"),
    (("--mode", "role_play", "--scenario", "доставка"), "ролевой игры «доставка» нет"),
    (("--scenario", "1"), "--scenario выбирает ролевую игру: добавьте --mode role_play"),
])
def test_a_wrong_scenario_is_one_russian_line_and_exit_code_2(args, said, tmp_path):
    done = sobes("interview", *args, env={"SOBES_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and said in done.stderr, done.stderr


def test_the_help_says_role_play_and_scenario_in_russian():
    done = sobes("interview", "--help")
    assert "role_play — ролевая игра" in done.stdout and "--scenario НОМЕР" in done.stdout
    assert "Ролевые игры с клиентом" in done.stdout


class Runner:
    """What the terminal uses of a SessionRunner."""

    def __init__(self):
        self.session = SimpleNamespace(phone=False)
        self.busy, self.state, self.recording, self.continued = False, "analysis", None, 0

    def continue_(self) -> None:
        self.continued += 1


def test_the_terminal_prints_the_clients_lines_the_replies_and_the_conversations_review(capsys):
    terminal = Terminal(seconds=3)
    terminal.runner = runner = Runner()
    client = Step("RPL-X-R1", "Я уже неделю жду доставку!", "role_play", 0, 90, turn=1, voice="client")
    terminal.show(events.QuestionAsked(client, False, 1, 1))
    terminal.show(events.StateChanged("answer"))
    heard = SimpleNamespace(speech_detected=True, transcript=SimpleNamespace(text="Понимаю, как это неприятно."))
    terminal.show(events.TakeAnalysed(SimpleNamespace(id=3, step=client, report=heard)))
    assert runner.continued == 1  # no review between replies: the client answers back
    debrief = Step("RPL-X-D1", "Что вы чувствовали в этой ситуации?", "short", 10, 90, debrief=1)
    terminal.show(events.QuestionAsked(debrief, False, 1, 1))
    terminal.show(events.SessionFinished(1, review_summary()))
    out = capsys.readouterr().out
    assert "Клиент · реплика 1: Я уже неделю жду доставку!" in out
    assert "Отвечайте клиенту: идёт запись." in out and "Вы: Понимаю, как это неприятно." in out
    assert "Разбор ролевой игры «Доставка задерживается на неделю»:" in out
    assert "Чем закончился разговор: Клиент ушёл к конкурентам." in out
    assert "1. Не перекладывайте вину на другой отдел. (реплика 2, 0:01) Вы сказали: «это не моя вина»" in out
    assert "✗ Перекладываете вину — «это не моя вина»" in out and "Кто сколько говорил: вы — 58 %" in out
    assert "Вопросы после разговора:" in out and "Ответов: 1." in out  # the replies are not counted as answers
    assert "RPL" not in out and "None" not in out


@pytest.mark.model  # every reply and answer is analysed by the real model
def test_a_whole_role_play_in_the_terminal(tmp_path, fixtures_dir):
    """The fake microphone says the same answer to everything (a self-presentation, no empathy): the client gets
    angrier and leaves; the three questions after it are answered; the review says how it ended."""
    bank = load_bank()
    number, scenario = next((n, s) for n, s in enumerate(bank.scenarios, 1) if not s.phone)
    data = tmp_path / "data"
    Settings(follow_ups=False).save(data)
    done = sobes("interview", "--mode", "role_play", "--scenario", str(number), "--seconds", "3", "--think", "0",
                 "--silent", env={"SOBES_DATA_DIR": str(data), "SOBES_FAKE_INPUT": str(fixtures_dir / "intro.wav")},
                 timeout=400)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    out = done.stdout
    assert f"Ситуация: {scenario.title}" in out and f"Клиент · реплика 1: {scenario.opening}" in out
    assert out.count("Вопрос после ролевой игры") == 3 and out.count("Разбор ответа") == 3
    assert "Разбор ролевой игры" in out and "Чем закончился разговор:" in out and "Весь разговор:" in out
    history = History(data / "history.db")
    (session,) = history.sessions()
    assert session["mode"] == "role_play" and session["status"] == "completed"
    assert '"role_play"' in session["summary_json"]
    replies = [a for a in history.answers(session["id"]) if a["answer_type"] == "role_play"]
    assert len(replies) == out.count("\nВы: ") and replies
    history.close()
