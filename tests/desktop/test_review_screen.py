"""The review and the summary in a real window at a laptop's 1024x768 and a desktop's 1920x1080 (issue 29): each
thing said once, legends only for what is drawn, STAR shares in words, the transcript uncut, a retake beside the
attempt before it, and no comparison of unlike answers. Answers are written out word by word (no speech model)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea

from sobes.analysis.content.section import QuestionContext
from sobes.desktop.screens.review import ReviewScreen
from sobes.desktop.screens.summary import SummaryScreen
from sobes.interview.history import History
from sobes.interview.session import Step
from tests.desktop.test_app import start_retake, window  # noqa: F401  (the window fixture)
from tests.judges import DEFAULT
from tests.test_review_words import INTRO, NOT_A_SUM, SALARY, STORY
from tests.written_reports import stored, written_report

SIZES = [(1024, 768), (1920, 1080)]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def review(qtbot, request, tmp_path):
    history = History(tmp_path / "history.db")
    screen = ReviewScreen(history=history, analyzer=SimpleNamespace(judge=DEFAULT))
    qtbot.addWidget(screen)
    screen.resize(*request.param)
    screen.show()
    yield screen
    history.close()


def shown(qtbot, screen, question: QuestionContext, report) -> None:
    screen.show_report(question.text or "", report)
    qtbot.wait(50)  # the layout settles


def labels_text(widget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_a_story_shows_its_parts_in_words_and_their_colours(review, qtbot):
    story = QuestionContext("Расскажите о своём достижении", "star", 120)
    shown(qtbot, review, story, written_report(STORY, story))
    assert "ситуация — " in review.star.text() and "% рассказа" in review.star.text()
    assert not re.search(r"\(\d+%\)", review.star.text())  # «Ситуация: есть (38%)» explained nothing
    assert "части рассказа" in review.legend.text() and "ситуация" in review.legend.text()
    assert review.transcript.legend.isVisible() and "слово-паразит" in review.transcript.legend.text()
    assert "неуверенность" not in review.transcript.legend.text()  # no hedge marked: none named


def test_a_self_presentation_has_no_star_legend_and_no_legend_of_no_marks(review, qtbot):
    intro = QuestionContext("Расскажите о себе", "self_presentation", 90)
    shown(qtbot, review, intro, written_report(INTRO, intro))
    assert "ситуация" not in review.legend.text() and not review.star.text()
    assert not review.transcript.legend.isVisible()
    assert "Отметки" not in labels_text(review)
    assert review.findChild(QScrollArea).horizontalScrollBar().maximum() == 0


def test_an_off_topic_headline_is_said_once_with_its_moment_and_advice_is_advice(review, qtbot):
    report = written_report(NOT_A_SUM, SALARY, start=9.0,
                            example="(рекомендация) «назвать конкретный диапазон заработной платы»")
    shown(qtbot, review, SALARY, report)
    coaching = review.coaching
    headline = report.coaching.headline
    assert labels_text(review).count(headline.rstrip(".")) == 1
    assert coaching.headline_play.isVisible() and coaching.headline_play.text() == "▶ 0:09"
    with qtbot.waitSignal(coaching.seek) as played:
        coaching.headline_play.click()
    assert played.args == [9.0]
    assert coaching.example.text().startswith("<b>Что советуют:</b> Назвать конкретный диапазон")
    assert "рекомендация" not in coaching.example.text() and "хорошем ответе" not in coaching.example.text()


def test_a_long_transcript_is_shown_whole_and_its_legend_below_it(review, qtbot):
    """At 1024x768 the transcript's box cut its last line, and the marks' legend showed through as a strip."""
    story = QuestionContext("Расскажите о своём достижении", "star", 120)
    shown(qtbot, review, story, written_report(" ".join([STORY] * 4), story))
    transcript = review.transcript
    assert transcript.verticalScrollBar().maximum() == 0
    assert transcript.document().size().height() <= transcript.viewport().height()
    legend = transcript.legend
    assert legend.isVisible() and legend.geometry().top() >= transcript.geometry().bottom()


def test_the_pause_card_and_the_latency_card_say_which_silence_they_measure(review, qtbot):
    intro = QuestionContext("Расскажите о себе", "self_presentation", 90)
    report = written_report(INTRO, intro, start=45.0)
    from sobes.analysis.verdicts import Verdict

    report.delivery.verdicts = [Verdict("pauses", "good", 0.3, "до 3 с", "Паузы в меру."),
                                Verdict("latency", "problem", 45.0, "до 5 с", "Вы начали отвечать через 45 с.")]
    shown(qtbot, review, intro, report)
    text = labels_text(review)
    assert "внутри ответа самая длинная 0,3 с" in text and "первое слово через 45 с" in text


def test_a_retake_is_shown_beside_the_attempt_before_it(review, qtbot, tmp_path):
    story = QuestionContext("Расскажите о своём достижении", "star", 120)
    step = Step("BEH-03", story.text or "", "star", 10, 120)
    history = review.history
    session = history.start_session("retake", "client_manager")
    first = stored(history, session, step, written_report(STORY.replace("Ну ", "ну ну "), story), tmp_path)
    review.show_take(first)
    assert not review.compared.isVisible()  # nothing to compare the first attempt with
    again = stored(history, session, step, written_report(STORY.replace("Ну ", ""), story), tmp_path)
    again.attempt = 2
    review.show_take(again)
    qtbot.wait(50)
    text = review.compared.text()
    assert review.compared.isVisible() and "По сравнению с прошлой попыткой" in text
    assert "Попытка 1" in text and "Эта попытка (2-я)" in text and "Слова-паразиты" in text and "✓ лучше" in text


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_summary_never_calls_a_later_session_the_first(qtbot, size):
    screen = SummaryScreen()
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.show()
    answer = {"question_id": "SP-01", "question": "Расскажите о себе", "overall": "good", "content": "good",
              "headline": "", "star_complete": False}
    screen.show_summary({"answers": [answer], "work_on": [], "planned": 1, "compared_to_previous": {},
                         "first_session": False})
    assert "первая тренировка" not in screen.text.text() and "Раньше вы не отвечали" in screen.text.text()
    screen.show_summary({"answers": [answer], "work_on": [], "planned": 1, "first_session": False,
                         "compared_to_previous": {"fillers_per_100_words": {
                             "now": 1.0, "before": 2.0, "change": "better", "better": True}}})
    assert "прошлыми ответами того же вида" in screen.text.text()


def test_the_graph_writes_its_numbers_with_a_decimal_comma(review, qtbot):
    """A short answer's time axis read «0.5 1.5» beside «0,3 с» everywhere else."""
    shown(qtbot, review, SALARY, written_report(NOT_A_SUM, SALARY))
    for plot in (review.timeline.loudness, review.timeline.pitch):
        for side in ("bottom", "left"):
            assert plot.getAxis(side).tickStrings([0.5, 1.5], 1.0, 0.5) == ["0,5", "1,5"]

def _answer_whole(win, qtbot) -> None:
    """Answer the question on screen with the whole fixture and wait for the review."""
    qtbot.waitUntil(lambda: win.host.session.state == "think", timeout=10_000)
    win.interview.buttons["start_answer_now"].click()
    qtbot.waitUntil(lambda: win.host.recorder is not None and win.host.recorder.level().seconds > 26,
                    timeout=20_000)
    win.interview.buttons["stop_answer"].click()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.review, timeout=90_000)


def test_a_recorded_again_answer_is_shown_beside_the_first(window, qtbot, tmp_path):  # noqa: F811
    """«Перезаписать ответ» in the real window: the second review says what changed against the first attempt."""
    start_retake(window)
    _answer_whole(window, qtbot)
    review = window.review
    assert not review.compared.isVisible()
    review.retake_button.click()
    _answer_whole(window, qtbot)
    assert review.compared.isVisible() and "Попытка 1" in review.compared.text()
    assert "Эта попытка (2-я)" in review.compared.text() and "Темп" in review.compared.text()
    for width, height in SIZES:
        window.resize(width, height)
        qtbot.wait(100)
        assert review.findChild(QScrollArea).horizontalScrollBar().maximum() == 0
        window.grab().save(str(tmp_path / f"retake_{width}.png"))
