"""A role play judged as the guides judge it: each reply's behaviours and mistakes with their words and moments,
and the conversation's review — headline, fixes at the right reply, talk share, pace, fillers, calm under
pressure. Written reports (tests.written_reports): the content and coaching are the real ones, no speech model."""

from __future__ import annotations

import json

import pytest

from sobes.analysis.content.conversation import reply_behaviours
from sobes.analysis.content.conversation_review import ConversationReview, ConversationTurn, review_conversation
from sobes.analysis.content.section import QuestionContext
from sobes.analysis.loudness import LoudnessSection
from sobes.analysis.tempo import TempoSection
from tests import role_play_eval
from tests.judges import DEFAULT, judge_with
from tests.written_reports import written_report

ROLE_PLAY = QuestionContext(None, "role_play", 90)
OPENING = "Здравствуйте. Я уже неделю жду доставку, а её всё нет! Я очень недовольна вашей работой."
ANGRIER = "То есть виноват кто угодно, только не вы? Мне всё равно, какой отдел у вас за это отвечает."
GOOD_REPLIES = (
    "Ирина, я понимаю ваше недовольство, неделя ожидания — это действительно долго. Подскажите, пожалуйста, "
    "номер заказа, я сейчас проверю, где он.",
    "Спасибо. Я вижу заказ на складе. Предлагаю так: завтра до двенадцати курьер привезёт диван, а за ожидание мы "
    "вернём вам стоимость доставки. Как вам такое предложение?",
    "Если что-то сорвётся, я сама позвоню вам сегодня до шести вечера и пришлю другую машину. Спасибо за ваше "
    "терпение, хорошего дня!",
)
BAD_REPLIES = (
    "Это не моя вина, у нас проблемы с логистикой. Вам нужно обратиться в другой отдел.",
    "Ну, всякое бывает, у нас много заказов. Вы неправильно поняли, срок доставки до четырнадцати дней.",
)


def report(text: str, *, words_per_min: float | None = None, dbfs: float | None = -24.0):
    made = written_report(text, ROLE_PLAY)
    if words_per_min is not None:
        made.tempo = TempoSection(words=made.tempo.words, words_per_min=words_per_min)
    made.loudness = LoudnessSection(rms_dbfs=dbfs)
    return made


def turns(replies, *, escalated=(), client_s=6.0, **kwargs):
    return [ConversationTurn(OPENING if i == 0 else ANGRIER, client_s, i in escalated, report(text, **kwargs))
            for i, text in enumerate(replies)]


# --- each reply ---------------------------------------------------------------------------------------------------
def test_a_good_reply_shows_the_guides_behaviours_with_their_words_and_moments():
    said = reply_behaviours(report(GOOD_REPLIES[1]))
    assert {m.key for m in said.good} >= {"offer", "deadline", "compensation", "agreement"} and not said.mistakes
    offer = said.first("offer")
    assert offer is not None and offer.words.lower().startswith("предлагаю") and offer.label
    agreement = said.first("agreement")
    assert agreement is not None and agreement.start is not None and agreement.start > offer.start
    assert said.has("deadline") and said.first("deadline").words == "завтра"


def test_the_guides_bad_reply_blames_and_shows_nothing_good():
    said = reply_behaviours(report(BAD_REPLIES[0]))
    assert [m.key for m in said.mistakes] == ["blame"] and said.first("blame").words == "не моя вина"
    assert said.first("blame").start == 0.4  # «Это» at 0 s, «не моя вина» from the second word
    assert not said.good


@pytest.mark.parametrize(("text", "key"), [
    ("Вы сами виноваты, надо было внимательно читать договор.", "argue"),
    ("Такие правила, я ничего не могу сделать.", "passive"),
    ("Гарантирую, что больше никогда такого не повторится.", "promise"),
    ("Я создам тикет на вторую линию.", "jargon"),
    ("Ну, всякое бывает.", "dismissive"),
])
def test_each_mistake_the_guides_name(text, key):
    assert reply_behaviours(report(text)).has(key)


def test_what_the_cues_miss_said_in_other_words_is_read_by_meaning_and_the_cues_come_first():
    said = reply_behaviours(report("Мне правда очень неловко, что вам пришлось столько ждать. Сделаем так: завтра "
                                   "утром диван погрузят первым, водитель наберёт вас за час до приезда. "
                                   "Вы не возражаете?"))
    assert {m.key for m in said.good} == {"empathy", "offer", "deadline", "agreement"} and not said.mistakes
    assert said.first("empathy").words.startswith("Мне правда очень неловко") and said.first("empathy").start == 0.0
    assert said.first("offer").words.startswith("Сделаем так") and said.first("offer").start == 3.6
    assert said.first("deadline").words == "завтра"  # the cue's words where a cue found it
    gave_up = reply_behaviours(report("Такие правила, мне правда очень неловко."))  # a mistake's sentence: nothing good
    assert [m.key for m in gave_up.mistakes] == ["passive"] and not gave_up.good


@pytest.mark.parametrize("text", [
    "Мы виноваты, простите нас. Я оформлю доставку на завтра.",  # owning the fault is no blame
    "Вы тут ни при чём, это наша ошибка, я всё исправлю сегодня.",
    "Скажите, что я могу для вас сделать, чтобы вы остались?",
    "Я подключу коллег из другого отдела и перезвоню вам сегодня до шести.",  # owning it, with help
    "Понимаю вас. Вернуть всю сумму я не могу, но могу вернуть деньги за три месяца в течение пяти дней.",
])
def test_no_mistake_is_heard_in_a_good_reply(text):
    assert not reply_behaviours(report(text)).mistakes


@pytest.mark.parametrize(("text", "words"), [
    ("Курьер будет у вас до 18:00.", "до 18:00"), ("Мастер приедет через 15 минут.", "через 15 минут"),
    ("Инженер будет в 9 утра.", "в 9 утра"), ("Перезвоню к 12.", "к 12"),
    ("Скорость по тарифу до 100 мегабит.", None),  # a figure, not a time
])
def test_a_time_written_in_digits_is_a_deadline(text, words):
    moment = reply_behaviours(report(text)).first("deadline")
    assert (moment.words if moment else None) == words


def test_what_is_refused_is_not_an_offer_and_a_rhetorical_question_is_not_a_question():
    said = reply_behaviours(report("Скидку дать не могу. Что я могу сделать?"))
    assert not said.has("offer") and not said.has("compensation") and not said.has("question")


def test_nothing_said_is_nothing_shown():
    empty = report("Да.")
    empty.transcript.words.clear()
    assert reply_behaviours(empty).good == () and reply_behaviours(empty).mistakes == ()


# --- the conversation ---------------------------------------------------------------------------------------------
def test_a_good_conversation_and_a_bad_one_get_different_headlines_and_fixes_at_the_right_turn():
    good = review_conversation(turns(GOOD_REPLIES), "agreement", DEFAULT)
    bad = review_conversation(turns(BAD_REPLIES, escalated={1}), "leaves", DEFAULT)
    assert good.headline.startswith("Клиент согласился") and "предложили решение со сроком" in good.headline
    assert not [f for f in good.fixes if f.key in ("blame", "argue", "missing:offer", "missing:empathy")]
    assert bad.headline == ("Клиент ушёл недовольным. Больше всего помешало: в реплике 1 вы переложили вину на "
                            "других.")
    keys = [f.key for f in bad.fixes]
    assert keys == ["blame", "argue", "dismissive"]  # the mistakes before anything missing, blame first
    blame, argue = bad.fixes[0], bad.fixes[1]
    assert (blame.turn, blame.start) == (1, 0.4) and blame.quote.startswith("Это не моя вина")
    assert argue.turn == 2 and argue.quote.startswith("Вы неправильно поняли") and argue.start > 0
    assert [m["key"] for m in bad.to_dict()["turns"][1]["mistakes"]] == ["dismissive", "argue"]


def test_what_was_missing_counts_over_the_whole_conversation():
    """An apology made in the first reply need not be made again in the third; a missing offer is told at the
    last reply, where it was still owed."""
    replies = ("Понимаю ваше недовольство, мне очень жаль.", "Подскажите, пожалуйста, номер заказа?",
               "Я всё проверю на складе.")
    review = review_conversation(turns(replies), "leaves", DEFAULT)
    assert [f.key for f in review.fixes] == ["missing:offer"]
    assert review.fixes[0].turn == 3 and review.fixes[0].quote == "Я всё проверю на складе."
    assert review.headline == ("Клиент ушёл недовольным. Не хватило главного: конкретного решения — что вы "
                               "сделаете и когда.")
    offered = review_conversation(turns(("Понимаю вас, извините.", "Я оформлю доставку на завтра до обеда.")),
                                  "callback", DEFAULT)
    assert [f.key for f in offered.fixes] == ["missing:agreement"] and offered.fixes[0].turn == 2


def test_talk_share_pace_and_fillers_over_all_replies():
    replies = ("Ну понимаю вас, ну извините.", "Я оформлю доставку на завтра до обеда, как вам такой вариант?")
    made = turns(replies, client_s=5.0)
    made[0].report.tempo = TempoSection(words=5, words_per_min=100.0)
    made[1].report.tempo = TempoSection(words=11, words_per_min=150.0)
    review = review_conversation(made, "agreement", DEFAULT)
    seconds = [t.seconds for t in review.turns]
    assert review.talk_share == round(sum(seconds) / (sum(seconds) + 10.0), 3)
    assert review.words_per_min == round(16 / (5 / 100 + 11 / 150), 1)  # words over minutes, not mean of rates
    fillers = sum(t.report.fillers.count for t in made)
    assert fillers >= 2 and review.fillers_per_100_words == round(fillers / 16 * 100, 1)


LONG = ("Понимаю вас, мне очень жаль, что так вышло, и я сейчас же проверю, где ваш заказ и когда его привезут, "
        "а потом сразу вам перезвоню.")


def test_calm_under_pressure_against_the_candidates_own_baseline():
    calm = review_conversation(turns((LONG, LONG, LONG), escalated={1}, words_per_min=120.0), "callback", DEFAULT)
    assert calm.calm.verdict == "calm" and calm.calm.pace_change_pct == 0.0 and calm.calm.loudness_change_db == 0.0
    assert "спокойно" in calm.calm.text and not [f for f in calm.fixes if f.key == "calm"]
    made = turns((LONG, LONG, LONG), escalated={1}, words_per_min=120.0)
    made[1].report.tempo = TempoSection(words=made[1].report.tempo.words, words_per_min=150.0)
    faster = review_conversation(made, "callback", DEFAULT)
    assert faster.calm.verdict == "faster" and faster.calm.pace_change_pct == 25.0
    assert faster.calm.text.startswith("Когда клиент наседал, вы заговорили быстрее обычного — на 25 %")
    assert [f.turn for f in faster.fixes if f.key == "calm"] == [2]
    made[1].report.tempo = TempoSection(words=made[1].report.tempo.words, words_per_min=120.0)
    made[1].report.loudness = LoudnessSection(rms_dbfs=-18.0)
    louder = review_conversation(made, "callback", DEFAULT)
    assert louder.calm.verdict == "louder" and louder.calm.loudness_change_db == 6.0 and "на 6 дБ" in louder.calm.text
    assert review_conversation(made, "callback", judge_with(pressure_louder_db=8.0)).calm.verdict == "calm"


def test_no_escalation_no_verdict_on_calm():
    review = review_conversation(turns((LONG, LONG)), "agreement", DEFAULT)
    assert review.calm.verdict is None and review.calm.text is None


def test_the_review_round_trips_through_json_and_ignores_what_it_does_not_know():
    review = review_conversation(turns(BAD_REPLIES, escalated={1}), None, DEFAULT)
    assert review.outcome == "unfinished" and review.outcome_text
    data = json.loads(json.dumps(review.to_dict(), ensure_ascii=False))
    assert data["schema_version"] == 1 and list(data)[0] == "schema_version"
    data["turns"][0]["take_id"] = 17  # the session adds it
    assert ConversationReview.from_dict(data) == review
    with pytest.raises(ValueError):
        ConversationReview.from_dict({**data, "schema_version": 99})


def test_nothing_said_says_little():
    silent = turns(("Да.",))
    silent[0].report.transcript.words.clear()
    review = review_conversation(silent, "leaves", DEFAULT)
    assert review.fixes == [] and review.headline == "Ответов клиенту не слышно — разговора не получилось."


def test_the_candidate_reads_plain_russian():
    for review in (review_conversation(turns(BAD_REPLIES, escalated={1}), "leaves", DEFAULT),
                   review_conversation(turns(GOOD_REPLIES), "agreement", DEFAULT)):
        shown = [review.headline, review.outcome_text] + [f.text for f in review.fixes] + \
            [m.label for t in review.turns for m in t.good + t.mistakes]
        for text in shown:
            assert not any("a" <= ch.lower() <= "z" for ch in text) and "_" not in text, text


# --- the labelled replies -----------------------------------------------------------------------------------------
def test_the_labelled_set_is_large_varied_and_has_a_held_out_third():
    replies = role_play_eval.replies()
    held_out = [r for r in replies if r.held_out]
    assert len(replies) >= 60 and 0.25 <= len(held_out) / len(replies) <= 0.4
    assert len({r.scenario for r in replies}) == 6 and len({r.id for r in replies}) == len(replies)
    for reply in replies:
        assert reply.good <= set(role_play_eval.GOOD) and reply.mistakes <= set(role_play_eval.MISTAKES), reply.id


def test_the_held_out_replies_meet_their_floors():
    """Figures in docs/content.md («Role play»). The held-out replies say things in words the cue lists do not
    hold: the good behaviours are found there by meaning where the cues miss them (conversation_meaning), mistakes
    only by their cues — a mistake is never heard where none was said, and missed when said in other words."""
    mistakes = role_play_eval.pooled(True, role_play_eval.MISTAKES)
    assert mistakes.false_positives == 0  # precision 1.0 whenever a mistake is heard (≥ 0.9 asked)
    behaviours = role_play_eval.pooled(True, role_play_eval.GOOD)  # cues, then meaning where they found nothing
    assert behaviours.precision is not None and behaviours.precision >= 0.8  # 0.84 measured (cues alone 0.61)
    assert behaviours.recall is not None and behaviours.recall >= 0.6  # 0.69 measured (cues alone 0.25)
    figures = role_play_eval.figures(True)
    for key in ("deadline", "agreement", "compensation"):  # what the client's next line turns on: never said wrongly
        assert figures[key].false_positives == 0, key
    offer = figures["offer"]  # 12 right, 1 wrong (a clarifying question read as an offer by meaning)
    assert offer.precision is not None and offer.precision >= 0.9 and offer.recall is not None and offer.recall >= 0.75
    empathy = figures["empathy"]  # 8 right, 5 wrong: a rebuke or a brush-off in other words read as an acknowledgement
    assert empathy.precision is not None and empathy.precision >= 0.6
    floors = {"empathy": 0.7, "deadline": 0.45, "compensation": 0.45, "agreement": 0.9}  # 0.73, 0.50, 0.50, 0.92
    for key, floor in floors.items():  # measured; cues alone: 0, 0.36, 0, 0.25
        assert (figures[key].recall or 0) >= floor, key
    tuning = role_play_eval.pooled(False, role_play_eval.GOOD + role_play_eval.MISTAKES)
    assert tuning.precision is not None and tuning.precision >= 0.95
    assert tuning.recall is not None and tuning.recall >= 0.9


def test_nothing_is_called_missing_when_the_client_agreed():
    """An acknowledgement said in other words is not heard by the cue lists: after an agreement, the review says
    nothing was missing rather than tell a candidate who calmed the client that they never acknowledged them."""
    replies = ("Диван привезём завтра до двенадцати часов, доставка за наш счёт.",)
    agreed = review_conversation(turns(replies), "agreement", DEFAULT)
    left = review_conversation(turns(replies), "leaves", DEFAULT)
    assert not any(fix.key.startswith("missing:") for fix in agreed.fixes)
    assert "Не хватило" not in agreed.headline
    assert any(fix.key == "missing:empathy" for fix in left.fixes)


@pytest.mark.parametrize(("text", "key", "found"), [
    # the recogniser often writes a question with a full stop (the walkthrough)
    ("Доставим завтра до двенадцати часов, доставка за наш счёт. Как вам такое предложение.", "agreement", True),
    ("Сделаем скидку пять процентов с марта. Вас это устроит.", "agreement", True),
    ("Железно обещаю, новая программа подойдёт всем вашим сотрудникам.", "agreement", False),  # states, asks nothing
    ("Понимаю вас. Скажите, какой объём вы планируете заказывать в месяц.", "question", True),
    # a reply that brushes the client off gets no credit by meaning for its other words
    ("Ну, всякое бывает. Мастера тоже люди, заболел.", "offer", False),
])
def test_what_a_reply_holds_when_the_recogniser_drops_the_question_mark(text, key, found):
    assert reply_behaviours(report(text)).has(key) is found
