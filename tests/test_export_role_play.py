"""A role play's exports and `sobes report N` (issue 31): the HTML leads with the conversation's review as the
window shows it (the situation, the headline, how it ended, each fix with the reply and moment it points to, each
reply with the client's line, the candidate's words, what was good and what was a mistake), every word escaped;
the CSV names a reply «Клиент: …» as History lists it; the JSON keeps the stored review for programs; and
`sobes report N` prints the review `sobes interview` prints at the end.

No speech model: the replies are written out word by word (tests.written_reports) and judged by the real
conversation review."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from sobes.analysis.content.conversation_review import ConversationTurn, review_conversation
from sobes.analysis.content.section import QuestionContext
from sobes.cli.main import main
from sobes.interview.export import session_csv, session_html, session_json, session_text
from sobes.interview.role_play_text import CALM_NOT_MEASURED, fix_place
from sobes.interview.session import Step
from sobes.interview.summary import summarize
from tests.judges import DEFAULT
from tests.written_reports import stored, written_report

SCENARIO = {"id": "RPL-DELAY", "title": "Доставка задерживается на неделю",
            "client": "Покупатель интернет-магазина, заказ опаздывает на неделю",
            "need": "Понять, когда придёт заказ, или получить деньги назад"}
OPENING = "Я уже неделю жду свой заказ! Где он?"
ANGRIER = "Вы издеваетесь? Мне обещали доставку в понедельник!"
KIND_REPLY = "Понимаю, как это неприятно. Подскажите, пожалуйста, номер заказа?"
MARKUP_REPLY = "Это не моя вина, <b>склад</b> всё задержал, я тут ни при чём."
DEBRIEF = "Что вы чувствовали в этой ситуации?"


@pytest.fixture
def role_play(history, tmp_path):
    """A stored role play as the runner leaves it: two replies to the client (the second blames the warehouse, with
    a «<b>» in its words), one question after the conversation, and the summary with the conversation's review
    (each reply with its take) and the scenario."""
    session_id = history.start_session("role_play", "client_manager")
    lines = [(OPENING, False, KIND_REPLY, "OPENING"), (ANGRIER, True, MARKUP_REPLY, "ANGRIER")]
    reports, turns, takes = [], [], []
    for number, (client, escalated, said, kind) in enumerate(lines, 1):
        step = Step(f"RPL-DELAY-{kind}", client, "role_play", 0, 90, turn=number, voice="client",
                    escalated=escalated, spoken_s=3.0)
        report = written_report(said, QuestionContext(client, "role_play", 90), start=0.5)
        takes.append(stored(history, session_id, step, report, tmp_path).id)
        reports.append((step, report))
        turns.append(ConversationTurn(client, 3.0, escalated, report))
    debrief = Step("RPL-DELAY-D1", DEBRIEF, "short", 10, 60, debrief=1)
    report = written_report("Сначала я растерялся, потом понял, что клиенту нужен понятный срок.",
                            QuestionContext(DEBRIEF, "short", 60), start=0.8)
    stored(history, session_id, debrief, report, tmp_path)
    reports.append((debrief, report))
    review = review_conversation(turns, "leaves", DEFAULT).to_dict()
    for turn, take_id in zip(review["turns"], takes):
        turn["take_id"] = take_id
    summary = summarize(history, session_id, reports, DEFAULT) | {"role_play": review, "scenario": SCENARIO}
    history.end_session(session_id, "completed", summary)
    return session_id, review


def test_the_review_found_what_the_export_must_show(role_play):
    """The replies were judged as the test means them: the second one's blame is a fix that points to it."""
    _, review = role_play
    assert review["headline"] and review["fixes"]
    assert any(fix["turn"] == 2 for fix in review["fixes"]), review["fixes"]
    assert review["turns"][1]["mistakes"] and review["turns"][0]["good"]


def test_the_html_leads_with_the_conversations_review(history, role_play):
    session_id, review = role_play
    page = session_html(history, session_id)
    body = page.split("<body>", 1)[1]
    headline = _escaped(review["headline"])
    assert body.index(f"Ролевая игра: {SCENARIO['title']}") < body.index(headline) < body.index("Что исправить")
    assert body.index("Весь разговор") < body.index("Вопросы после разговора")
    assert _escaped(SCENARIO["client"]) in body and _escaped(SCENARIO["need"]) in body
    assert "Чем закончился разговор:" in body and _escaped(review["outcome_text"]) in body
    fix = next(fix for fix in review["fixes"] if fix["turn"] == 2)
    assert f"{_escaped(fix['text'])} <small>({fix_place(fix)})</small>" in body
    assert re.search(r"\(реплика 2, \d:\d\d\)", body)
    assert "<h4>Реплика 1</h4>" in body and "<h4>Реплика 2</h4>" in body
    assert f"<b>Клиент:</b> {_escaped(ANGRIER)} <i>(клиент стал резче)</i>" in body
    mistake = review["turns"][1]["mistakes"][0]
    assert f"✗ {_escaped(mistake['label'])}" in body and f"✓ {_escaped(review['turns'][0]['good'][0]['label'])}" in body
    for name in ("Темп", "Слова-паразиты", "Спокойствие под давлением"):
        assert f"<td>{name}</td>" in body
    # the client did press (reply 2), but two short replies give no pace to compare: never «ни разу не стал резче»
    assert review["calm"]["text"] is None
    assert f"<td>Спокойствие под давлением</td><td>{CALM_NOT_MEASURED}</td>" in body and "ни разу" not in body
    # the replies are told in the review, once; the question after the conversation keeps its own section
    assert body.count(_escaped(KIND_REPLY)) == 1
    assert body.index("Вопросы после разговора") < body.index(f"<h3>{DEBRIEF}</h3>")
    assert "RPL" not in body and "None" not in body


def test_words_said_in_a_reply_are_never_markup(history, role_play):
    session_id, review = role_play
    page = session_html(history, session_id)
    assert "<b>склад</b>" not in page
    assert f"<b>Вы:</b> {_escaped(MARKUP_REPLY)}</p>" in page  # the reply in the conversation
    quoted = [fix["quote"] for fix in review["fixes"] if "<b>" in (fix.get("quote") or "")]
    assert all(f"Вы сказали: «{_escaped(quote)}»" in page for quote in quoted)  # and a fix's quote of it
    assert "&lt;b&gt;склад&lt;/b&gt;" in page


def test_the_csv_names_each_reply_by_the_clients_line_as_history_does(history, role_play):
    session_id, _ = role_play
    rows = list(csv.DictReader(io.StringIO(session_csv(history, session_id)[1:]), delimiter=";"))
    assert [row["Вопрос"] for row in rows] == [f"Клиент: {OPENING}", f"Клиент: {ANGRIER}", DEBRIEF]


def test_the_json_keeps_the_stored_review_and_scenario(history, role_play):
    session_id, review = role_play
    summary = json.loads(session_json(history, session_id))["summary"]
    assert summary["role_play"] == review and summary["scenario"] == SCENARIO


def test_sobes_report_prints_the_review_as_the_interview_ends_with_it(history, role_play, capsys):
    session_id, review = role_play
    text = session_text(history, session_id)
    path = history.path
    history.close()
    assert main(["report", str(session_id), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == text
    assert f"Разбор ролевой игры «{SCENARIO['title']}»:" in out and review["headline"] in out
    assert f"Чем закончился разговор: {review['outcome_text']}" in out
    fix = next(fix for fix in review["fixes"] if fix["turn"] == 2)
    assert f"{fix['text']} ({fix_place(fix)})" in out and "реплика 2, 0:" in out
    assert f"Реплика 2. Клиент: {ANGRIER} (клиент стал резче)" in out and f"Вы: {MARKUP_REPLY}" in out
    assert "Вопросы после разговора:" in out and f"1. {DEBRIEF}" in out
    assert out.count(KIND_REPLY) == 1  # the replies: in the review only
    assert "RPL" not in out and "None" not in out


def test_an_ordinary_session_is_exported_as_before(history, tmp_path):
    """No review, no «Клиент:»: a question is named by its text."""
    session_id = history.start_session("full", "client_manager")
    asked = "Расскажите о себе."
    said = written_report("Меня зовут Анна, я пять лет работаю с клиентами.",
                          QuestionContext(asked, "self_presentation"))
    stored(history, session_id, Step("HR-01", asked, "self_presentation", 0, 90), said, tmp_path)
    page = session_html(history, session_id)
    assert f"<h2>{asked}</h2>" in page and "Ролевая игра" not in page and "Клиент:" not in page
    assert "\n1. Расскажите о себе." in session_text(history, session_id)


def _escaped(text: str) -> str:
    return html.escape(text)
