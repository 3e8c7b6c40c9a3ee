"""The content coaching's figures on the labelled set's held-out split (tests/fixtures/coaching), which nothing
was tuned on; the same figures are in docs/content.md. They hold what was reached, so a change that makes them
worse fails here.

"Off topic" is said only when sure: a good answer in other words told it is off topic costs the candidate's trust
more than a miss. The issue's aim (recall 0.9 at 5 % false alarms) is not reached: word vectors averaged over
an answer tell about half of the answers' topics apart, and the labelled set's off-topic answers are written to
share the question's words and its family of topics.
"""

from __future__ import annotations

import pytest

from tests import coaching_eval


def test_off_topic_is_said_rarely_wrongly_and_more_often_rightly_than_before():
    held_out = coaching_eval.off_topic("heldout")
    assert held_out.off >= 25 and held_out.on >= 90
    assert held_out.false_alarm_rate <= 0.05  # was 0.24 with the shared-word rule
    assert held_out.recall >= 0.4  # was 0.03; 0.31 before the answer was read without the question's own words


@pytest.mark.parametrize("split, off, on, recall", [("unseen", 60, 70, 0.35), ("unseen2", 45, 55, 0.35)])
def test_off_topic_on_answers_written_after_the_topics_were_built(split, off, on, recall):
    """The later held-out sets (tests/fixtures/coaching/unseen*.yaml), each measured once before anything was changed
    for it: unseen 0.20 recall at 0.014 false alarms, then 0.38 once the topics had more answers; unseen2, written
    after that, 0.40 at 0. Low, and stated so in docs/content.md; they must not get worse."""
    figures = coaching_eval.off_topic(split)
    assert (figures.off, figures.on) == (off, on)
    assert figures.false_alarm_rate <= 0.05 and figures.recall >= recall


def test_train_figures_hold_with_each_answer_left_out_of_the_examples():
    """The train answers are the topics' examples: judged with themselves they look better than they are."""
    left_out = coaching_eval.off_topic("train", leave_out=True)
    assert left_out.false_alarm_rate <= 0.05 and left_out.recall >= 0.4


@pytest.mark.parametrize("key, precision, recall", [
    ("situation", 0.85, 0.75), ("task", 0.9, 0.75), ("action", 0.9, 0.9), ("result", 0.85, 0.75),
    ("tone", 0.8, 0.9), ("steps", 0.7, 0.75), ("greeting", 0.9, 0.7), ("question", 0.9, 0.8),
])
def test_checklist_items_on_held_out_answers(key, precision, recall):
    got_precision, got_recall, labelled = coaching_eval.items("heldout")[key]
    assert labelled >= 5 and got_precision >= precision and got_recall >= recall, (got_precision, got_recall)
