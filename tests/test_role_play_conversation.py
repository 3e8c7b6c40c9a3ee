"""Issue 31's "done when": a whole role play through the fake microphone with the real model, played by two scripted
candidates — the guides' good replies and their bad ones — and the client's path, the outcome and the coaching
differ as the guides say they should. The replies are spoken by Festival, the client's lines too (through the fake
output), and everything is kept in the history as one session with its turns."""

from __future__ import annotations

import shutil

import pytest

from sobes.audio.voice import render_prompt
from sobes.interview import events
from tests.test_role_play_engine import BAD, GOOD
from tests.test_runner import drive, make_runner

pytestmark = pytest.mark.skipif(shutil.which("text2wave") is None, reason="Festival is set up by scripts/setup.sh")
DEBRIEF_REPLY = "Сначала я волновался, но потом успокоился и думал, как помочь клиенту."


def play(tmp_path, history, bank, analyzer, replies):
    """The scenario «Доставка задерживается на неделю» played through to its summary; the candidate says
    ``replies`` in turn, then the same short reflection to each question after it."""
    voices = [render_prompt(text, cache=tmp_path / "voices") for text in (*replies, *[DEBRIEF_REPLY] * 3)]
    runner, seen, clock = make_runner(tmp_path, history, analyzer, voices, speak=True, hold_for_review=False)
    runner.begin([], mode="role_play", role="client_manager", follow_ups=False, phone=False,
                 scenario=bank.scenario("RPL-DELAY"))
    drive(runner, clock, lambda: any(isinstance(e, events.SessionFinished) for e in seen), answer_s=0.5,
          timeout=300)
    runner.close()
    (finished,) = [e for e in seen if isinstance(e, events.SessionFinished)]
    asked = [e.step for e in seen if isinstance(e, events.QuestionAsked)]
    return finished, asked, runner


@pytest.fixture(scope="module")
def played(tmp_path_factory, bank, analyzer):
    from sobes.interview.history import History

    results = {}
    for name, replies in (("good", GOOD), ("bad", BAD)):
        folder = tmp_path_factory.mktemp(name)
        history = History(folder / "history.db")
        results[name] = (*play(folder, history, bank, analyzer, replies), history)
    return results


def test_the_client_follows_what_each_candidate_said(played):
    good, bad = played["good"], played["bad"]
    good_lines = [step.text for step in good[1] if step.turn]
    bad_lines = [step.text for step in bad[1] if step.turn]
    scenario = good[2].session.conversation.scenario
    # the guides' good replies: acknowledged and asked → the detail; a dated offer → tested; answered → agreed
    assert good_lines == [scenario.opening, scenario.detail, scenario.lines["test"], scenario.endings["agreement"]]
    # «Это не моя вина… в другой отдел» → the client escalates; «Ну, всякое бывает» → the client leaves
    assert bad_lines == [scenario.opening, scenario.lines["escalate"], scenario.endings["leaves"]]
    assert [step.debrief for step in good[1] if step.debrief] == [1, 2, 3]  # the questions after it, both times
    assert [step.debrief for step in bad[1] if step.debrief] == [1, 2, 3]


def test_the_outcome_and_the_coaching_differ_as_the_guides_say(played):
    good = played["good"][0].summary["role_play"]
    bad = played["bad"][0].summary["role_play"]
    assert (good["outcome"], bad["outcome"]) == ("agreement", "leaves")
    assert good["headline"] != bad["headline"]
    first_bad = bad["turns"][0]
    assert any(m["key"] == "blame" for m in first_bad["mistakes"])  # «не моя вина», with its words
    assert bad["fixes"] and bad["fixes"][0]["turn"] == 1
    assert not any(turn["mistakes"] for turn in good["turns"])
    assert {m["key"] for turn in good["turns"] for m in turn["good"]} >= {"empathy", "question", "offer", "deadline"}
    assert 0 < good["talk_share"] < 1 and 0 < bad["talk_share"] < 1  # the client's lines were said and timed


def test_the_role_play_is_one_session_with_its_turns_as_takes(played):
    for name, lines in (("good", ["OPENING", "DETAIL", "TEST"]), ("bad", ["OPENING", "ESCALATE"])):
        finished, _, runner, history = played[name]
        turns = len(lines)
        session = history.session(finished.session_id)
        assert session["mode"] == "role_play" and session["status"] == "completed"
        rows = history.answers(finished.session_id)
        assert [row["question_id"] for row in rows] == (
            [f"RPL-DELAY-{line}" for line in lines] + [f"RPL-DELAY-D{n}" for n in (1, 2, 3)])
        assert all(row["status"] == "analyzed" for row in rows)
        review = finished.summary["role_play"]
        assert [turn["take_id"] for turn in review["turns"]] == [row["id"] for row in rows[:turns]]
        assert finished.summary["scenario"]["title"] == "Доставка задерживается на неделю"
