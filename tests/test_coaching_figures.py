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


def test_off_topic_on_answers_written_after_the_topics_were_built():
    """The second held-out set (tests/fixtures/coaching/unseen.yaml), measured once before anything was changed for
    it: 0.20 recall at 0.014 false alarms. Low, and stated so in docs/content.md; it must not get worse."""
    unseen = coaching_eval.off_topic("unseen")
    assert unseen.off == 60 and unseen.on == 70
    assert unseen.false_alarm_rate <= 0.05 and unseen.recall >= 0.18


def test_train_figures_hold_with_each_answer_left_out_of_the_examples():
    """The train answers are the topics' examples: judged with themselves they look better than they are."""
    left_out = coaching_eval.off_topic("train", leave_out=True)
    assert left_out.false_alarm_rate <= 0.05 and left_out.recall >= 0.3


@pytest.mark.parametrize("key, precision, recall", [
    ("situation", 0.85, 0.75), ("task", 0.9, 0.75), ("action", 0.9, 0.9), ("result", 0.85, 0.75),
    ("tone", 0.8, 0.9), ("steps", 0.7, 0.75), ("greeting", 0.9, 0.7), ("question", 0.9, 0.8),
])
def test_checklist_items_on_held_out_answers(key, precision, recall):
    got_precision, got_recall, labelled = coaching_eval.items("heldout")[key]
    assert labelled >= 5 and got_precision >= precision and got_recall >= recall, (got_precision, got_recall)
