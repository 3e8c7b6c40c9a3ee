"""A role-play reply's good behaviours read by meaning (analysis/content/conversation_meaning.py): what is said in
words no cue list holds is read, what is about something else is not, and no mistake is ever read this way."""

from __future__ import annotations

import pytest

from sobes.analysis.content import conversation_cues as cue
from sobes.analysis.content import conversation_meaning as meaning
from sobes.analysis.content.cues import find_span
from sobes.analysis.content.sentences import split_units
from tests import role_play_eval
from tests.written_reports import words_at


def read(text: str) -> dict:
    return meaning.meaning_moments(split_units(words_at(text)))


@pytest.mark.parametrize(("text", "key"), [
    ("Сделаем так: завтра утром его погрузят первым, водитель наберёт вас за час до приезда.", "offer"),
    ("Ирина, мне правда очень неловко, что вам пришлось столько ждать.", "empathy"),
    ("Подъём на этаж и сборку мы возьмём на себя, платить за это не нужно.", "compensation"),
])
def test_a_behaviour_said_in_words_no_cue_holds_is_read(text, key):
    tokens = split_units(words_at(text))[0].tokens
    assert find_span(tokens, cue.GOOD[key], tolerant=True) is None  # the cue lists miss it
    found = read(text)[key]
    assert found.words == text and found.start == 0.0 and found.label


def test_the_first_sentence_that_reads_as_it_gives_the_moment():
    text = ("Мне правда очень неловко, что вам пришлось столько ждать. "
            "Сделаем так: завтра утром его погрузят первым, водитель наберёт вас за час до приезда.")
    found = read(text)
    assert found["empathy"].start == 0.0
    assert found["offer"].words.startswith("Сделаем так") and found["offer"].start == 3.6  # the 10th word


@pytest.mark.parametrize("text", [
    "Вчера я ездил на дачу и собирал там яблоки.",
    "Да, я вижу ваш заказ.",
    "Скидку на этот диван я вам дать не могу.",  # refused: no compensation, no offer
])
def test_what_is_about_something_else_is_not_read(text):
    assert not read(text)


def test_only_good_behaviours_are_read_by_meaning():
    assert set(meaning.KEYS) <= set(cue.GOOD) and not set(meaning.KEYS) & set(cue.MISTAKES)
    assert set(meaning.LEAST_SIMILARITY) == set(meaning.LEAST_MARGIN)
    assert all(margin >= 0 for margin in meaning.LEAST_MARGIN.values())  # the nearest example decides


def test_the_examples_come_from_the_guides_and_the_tuning_replies_never_the_held_out_ones():
    examples = meaning.load_examples()
    held_out = " ".join(reply.reply for reply in role_play_eval.replies() if reply.held_out)
    assert len(examples) >= 100
    assert not [e.text for e in examples if e.text in held_out and len(e.text.split()) > 2]
    for key in meaning.KEYS:
        assert sum(key in e.shows for e in examples) >= 10, key
