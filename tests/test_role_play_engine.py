"""A role play's decisions: the scenarios in the bank, the client's path from what each reply held, the session
around it (the client speaks, the candidate answers at once, the client's last line, the questions after it).
Replies are written reports: the real content analysis, no speech model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sobes.analysis.content.conversation import ReplyBehaviours
from sobes.interview import plans
from sobes.interview.conversation import Conversation
from sobes.interview.events import QuestionAsked
from sobes.interview.question_bank import BankError, load_bank
from sobes.interview.session import Analyze, Finished, PlayCue, Session, Speak, StartRecording
from tests.judges import DEFAULT
from tests.written_reports import written_report

# the guides' replies to «Я уже неделю жду доставку» (seed_digest §4, rows 10 and 11)
GOOD = ("Мне очень жаль, я понимаю ваше недовольство. Позвольте мне разобраться. Подскажите, пожалуйста, номер "
        "вашего заказа?",
        "Спасибо. Я проверил: диван на складе. Предлагаю бесплатную доставку курьером завтра до двенадцати часов, "
        "я лично проконтролирую.",
        "Если завтра не привезём, я верну вам стоимость доставки и дам скидку десять процентов на следующий заказ. "
        "Как вам такое предложение?")
BAD = ("Это не моя вина, у нас проблемы с логистикой. Вам нужно обратиться в другой отдел.",
       "Ну, всякое бывает, у нас много заказов. Наверное, просто не успели. Что я могу сделать?",
       "Я не знаю.")


class Driver:
    """Plays the runner's part at once: every recording is take 1, 2, 3…, analysed as the next scripted reply."""

    def __init__(self, replies: tuple[str, ...]):
        self.effects: list = []
        self.replies = list(replies)

    def __call__(self, effect):
        self.effects.append(effect)

    def of(self, kind):
        return [e for e in self.effects if isinstance(e, kind)]

    def play(self, session: Session) -> None:
        now, take = 0.0, 0
        while session.state not in ("summary", "aborted"):
            assert session.state == "question", session.state
            session.prompt_finished(now)
            if session.state == "think":  # a question after the role play: its think time runs out
                now += session.step.think_s
                session.tick(now)
            if session.state != "answer":
                continue  # the client's last line: heard, not answered
            take += 1
            now += 10
            session.stop_answer(now)
            session.answer_recorded(take, now)
            text = self.replies.pop(0) if session.step.turn and self.replies else "Я волновался, но держался."
            session.analysis_done(take, written_report(text, session.step.context()), now)


def play(bank, replies):
    driver = Driver(replies)
    session = Session([], driver, DEFAULT, follow_ups=False, conversation=Conversation(bank.scenario("RPL-DELAY")))
    session.start(0.0)
    driver.play(session)
    return session, driver


def test_the_bundled_scenarios_are_valid_and_each_role_has_one(bank):
    assert len(bank.scenarios) >= 6
    for role in ("client_manager", "sales_support", "account_manager"):
        assert bank.scenarios_for(role)
    assert any(s.phone for s in bank.scenarios) and any(not s.phone for s in bank.scenarios)


LINES = "lines: {angrier: a, escalate: b, vague: c, test: d, push: e}"


def scenario_file(path: Path, scenario_id: str = "MY-01", lines: str = LINES) -> Path:
    """A bank file of one scenario, its ``lines`` field as given."""
    path.write_text(f"""scenarios:
- id: {scenario_id}
  title: Клиент
  roles: [client_manager]
  phone: false
  client: Кто-то
  need: Что-то
  opening: Здравствуйте
  detail: Подробности
  {lines}
  endings: {{agreement: a, callback: b, leaves: c}}
""", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lines", "problem"), [
    ("lines: {angrier: a, escalate: b, vague: c, test: d}", "в lines нет реплик: push"),
    ("lines: [a, b]", "поле lines должно быть: словарь"),
    ("lines: {angrier: a, escalate: b, vague: c, test: d, push: e, shout: f}", "в lines неизвестные реплики: shout"),
])
def test_a_broken_scenario_is_named_with_its_line(tmp_path: Path, lines: str, problem: str):
    path = scenario_file(tmp_path / "mine.yaml", lines=lines)
    with pytest.raises(BankError) as raised:
        load_bank([path])
    assert f"{path}:2: MY-01: {problem}" in str(raised.value)


def test_a_scenario_id_may_not_repeat_a_question_id(tmp_path: Path, bank):
    question = bank.questions[0]
    clash = scenario_file(tmp_path / "clash.yaml", question.id)
    with pytest.raises(BankError, match="повторяется"):
        load_bank([Path(question.file), clash])


def test_the_good_replies_calm_the_client_and_end_in_agreement(bank):
    session, driver = play(bank, GOOD)
    conversation = session.conversation
    assert conversation.said == ["opening", "detail", "test", "agreement"]
    assert conversation.outcome == "agreement"
    spoken = [s.step for s in driver.of(Speak)]
    assert [s.turn for s in spoken[:4]] == [1, 2, 3, 4] and spoken[3].listen_only
    assert not any(s.escalated for s in spoken[:4]) and all(s.voice == "client" for s in spoken[:4])
    assert [s.debrief for s in spoken[4:]] == [1, 2, 3] and all(s.voice == "interviewer" for s in spoken[4:])
    (finished,) = driver.of(Finished)
    assert [step.turn for step, _ in finished.reports] == [1, 2, 3, 0, 0, 0]


def test_blame_escalates_and_the_client_leaves(bank):
    session, driver = play(bank, BAD)
    assert session.conversation.said == ["opening", "escalate", "leaves"]
    assert session.conversation.outcome == "leaves"
    spoken = [s.step for s in driver.of(Speak)]
    assert spoken[1].escalated and spoken[2].listen_only and spoken[2].text.startswith("Всё, я оформляю возврат")


def test_the_reply_starts_as_soon_as_the_client_has_spoken(bank):
    driver = Driver(GOOD)
    session = Session([], driver, DEFAULT, conversation=Conversation(bank.scenario("RPL-DELAY")))
    session.start(0.0)
    session.prompt_finished(3.0)
    assert session.state == "answer"
    assert [c.name for c in driver.of(PlayCue)] == ["start"]  # the press' cue: nothing "ran out"
    assert driver.of(StartRecording)[0].limit_s == 90


def test_a_reply_skipped_in_silence_is_heard_as_silence(bank):
    driver = Driver(())
    session = Session([], driver, DEFAULT, conversation=Conversation(bank.scenario("RPL-DELAY")))
    session.start(0.0)
    session.prompt_finished(3.0)
    session.skip(5.0)
    session.answer_recorded(1, 5.0, spoke=False)
    assert session.state == "question" and session.step.turn == 2 and not session.step.escalated
    assert session.conversation.said == ["opening", "push"]  # «Так что вы мне предлагаете?»
    session.prompt_finished(8.0)
    session.skip(9.0)
    session.answer_recorded(2, 9.0, spoke=False)
    assert session.step.escalated and session.conversation.said == ["opening", "push", "angrier"]
    assert not driver.of(Analyze)


def test_an_offer_without_a_deadline_is_asked_when(bank):
    conversation = Conversation(bank.scenario("RPL-INTERNET"))
    conversation.opening()
    line = conversation.answer(ReplyBehaviours.of("empathy", "offer"))
    assert line.kind == "vague" and line.text.startswith("Проверите — это когда?")


def test_a_promised_call_after_the_detail_ends_in_a_callback(bank):
    conversation = Conversation(bank.scenario("RPL-REFUND"))
    conversation.opening()
    assert conversation.answer(ReplyBehaviours.of("empathy", "question")).kind == "detail"
    line = conversation.answer(ReplyBehaviours.of("deadline"))
    assert (line.kind, line.ending) == ("callback", "callback")


def test_sympathy_alone_gets_nowhere(bank):
    conversation = Conversation(bank.scenario("RPL-DISCOUNT"))
    conversation.opening()
    kinds = [conversation.answer(ReplyBehaviours.of("empathy", "question")).kind]
    while conversation.outcome is None:
        kinds.append(conversation.answer(ReplyBehaviours.of("empathy")).kind)
    assert kinds == ["detail", "push", "angrier", "leaves"]


def test_every_conversation_ends_within_five_replies_and_never_says_a_line_twice(bank):
    rng = random.Random(7)
    keys = ("empathy", "question", "offer", "deadline", "agreement", "blame", "argue", "passive")
    outcomes = set()
    for _ in range(500):
        conversation = Conversation(bank.scenario(rng.choice(bank.scenarios).id))
        conversation.opening()
        while conversation.outcome is None:
            line = conversation.answer(ReplyBehaviours.of(*rng.sample(keys, rng.randint(0, 3))))
            assert line.text
        assert conversation.replies <= 5 and len(set(conversation.said)) == len(conversation.said)
        outcomes.add(conversation.outcome)
    assert outcomes == {"agreement", "callback", "leaves"}


def test_the_screen_names_a_client_line_and_a_question_after_the_role_play(bank):
    session, driver = play(bank, GOOD)
    spoken = [s.step for s in driver.of(Speak)]
    assert QuestionAsked(spoken[1], False, 1, 0).where == "Клиент · реплика 2"
    assert QuestionAsked(spoken[4], False, 1, 0).where == "Вопрос после ролевой игры 1 из 3"


def test_a_role_play_outline_and_scenario_choice(bank):
    outline = plans.outline(bank, "role_play", DEFAULT, role="client_manager")
    assert outline is not None and outline.text().startswith("до 5 ответов клиенту и 3 вопроса после игры, около ")
    assert plans.scenario_for(bank, "client_manager", "RPL-DELAY").title == "Доставка задерживается на неделю"
    assert plans.scenario_for(bank, "account_manager", seed=1) in bank.scenarios_for("account_manager")
    with pytest.raises(KeyError):
        plans.scenario_for(bank, "client_manager", "RPL-NONE")


def test_silence_is_never_agreed_to_nor_waited_for(bank):
    """The walkthrough: a reply nobody could make out, after the client tested an offer, was answered «Хорошо, жду
    вашего звонка» and the outcome read as a callback."""
    conversation = Conversation(bank.scenario("RPL-DELAY"))
    conversation.opening()
    assert conversation.answer(ReplyBehaviours.of("empathy", "offer", "deadline")).kind == "test"
    line = conversation.answer(ReplyBehaviours(), heard=False)
    assert line.kind == "push" and line.ending is None
    assert conversation.answer(ReplyBehaviours(), heard=False).kind == "angrier"


def test_the_summary_ends_with_the_clients_last_words_and_leaves_the_replies_to_the_review(bank, history):
    from sobes.interview.summary import summarize

    session, driver = play(bank, BAD)
    (finished,) = driver.of(Finished)
    summary = summarize(history, history.start_session("role_play", "client_manager"), list(finished.reports),
                        DEFAULT, conversation=session.conversation)
    assert summary["role_play"]["ending"] == bank.scenario("RPL-DELAY").endings["leaves"]
    replies = {step.text for step, _ in finished.reports if step.turn}
    assert replies and not any(item["tip"] in replies for item in summary["work_on"])
    assert all(item["metric"] not in ("item", "relevance") for item in summary["work_on"])
