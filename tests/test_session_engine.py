"""The session's decisions alone: a fake clock, no files, no devices, no model, no Qt."""

from __future__ import annotations

from types import SimpleNamespace

from sobes.interview import plans
from sobes.interview.session import (
    Aborted,
    Analyze,
    DiscardTake,
    Finished,
    PlayCue,
    Session,
    Speak,
    StartRecording,
    StopRecording,
)
from tests.judges import DEFAULT


def report(*follow_ups: str):
    """What the session reads of a report: its follow-up questions."""
    items = [SimpleNamespace(question=q, reason="потому что", kind="number") for q in follow_ups]
    return SimpleNamespace(content=SimpleNamespace(follow_ups=items))


class Driver:
    """Plays the runner's part instantly: every recording becomes take 1, 2, 3…"""

    def __init__(self):
        self.effects: list = []
        self.takes = 0

    def __call__(self, effect):
        self.effects.append(effect)

    def of(self, kind):
        return [e for e in self.effects if isinstance(e, kind)]

    def answer(self, session: Session, now: float, report_=None) -> float:
        """Through one question: spoken, think time, answer, saved, analysed."""
        session.prompt_finished(now)
        now += session.current.think_s
        session.tick(now)
        assert session.state == "answer"
        now += 5
        session.stop_answer(now)
        self.takes += 1
        session.answer_recorded(self.takes, now)
        assert session.state == "analysis" and self.effects[-1] == Analyze(self.takes, session.current)
        session.analysis_done(self.takes, report_ or report(), now)
        return now


def test_a_session_asks_answers_follows_up_and_finishes(bank):
    driver = Driver()
    plan = [bank.by_id("SELF-01"), bank.by_id("BEH-03")]
    session = Session(plan, driver, DEFAULT)
    session.start(0.0)
    assert [s.step.question_id for s in driver.of(Speak)] == ["SELF-01"] and (session.number, session.total) == (1, 2)
    now = driver.answer(session, 0.0, report("Расскажите подробнее о своих результатах."))
    assert driver.of(Speak)[-1].step.text.startswith("Расскажите подробнее") and session.current.is_follow_up
    assert (session.number, session.total) == (1, 2)  # "Вопрос 1 из 2", named a follow-up on screen
    now = driver.answer(session, now, report("На такой уточняющий не спрашивают второй раз."))
    assert session.current.question_id == "BEH-03"  # no follow-up to a follow-up
    driver.answer(session, now)
    assert session.state == "summary" and [a.step.question_id for a in driver.of(StartRecording)] == [
        "SELF-01", "SELF-01-F-number", "BEH-03"]
    (finished,) = driver.of(Finished)
    assert [step.question_id for step, _ in finished.reports] == ["SELF-01", "SELF-01-F-number", "BEH-03"]
    assert [c.name for c in driver.of(PlayCue)] == ["think_over"] * 3  # each think time ran out


def test_follow_ups_can_be_switched_off(bank):
    driver = Driver()
    session = Session([bank.by_id("SELF-01")], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    driver.answer(session, 0.0, report("Расскажите подробнее."))
    assert session.state == "summary"


def test_answer_limit_stops_the_recording_with_a_tone(bank):
    driver = Driver()
    question = bank.by_id("PHN-02")
    session = Session([question], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(1.0)
    session.tick(1.0 + question.think_s)
    assert session.state == "answer"
    session.tick(1.0 + question.think_s + question.answer_s - 0.1)
    assert session.state == "answer" and session.time_left(1.0 + question.think_s + 10) == question.answer_s - 10
    session.tick(1.0 + question.think_s + question.answer_s)
    assert session.state == "saving" and driver.effects[-2:] == [PlayCue("end_of_time"), StopRecording()]


def test_pause_freezes_the_timer_and_a_skipped_answer_with_speech_is_analysed(bank):
    driver = Driver()
    first, second = bank.by_id("HR-01"), bank.by_id("HR-03")
    session = Session([first, second], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(0.0)
    session.pause(5.0)
    session.tick(1000.0)
    assert session.state == "paused" and session.time_left(1000.0) is None
    session.resume(1000.0)
    session.tick(1000.0 + first.think_s - 5.0)  # 15 s were left when paused
    assert session.state == "answer"
    session.skip(1010.0)
    assert session.state == "skipping" and driver.effects[-1] == StopRecording()
    session.answer_recorded(1, 1010.0, spoke=True)  # nothing a candidate said is lost: it is their answer
    assert session.state == "analysis" and driver.effects[-1] == Analyze(1, session.current)
    session.analysis_done(1, report(), 1020.0)
    assert session.current.question_id == "HR-03" and [s.question_id for s, _ in session.reports] == ["HR-01"]


def test_a_take_left_without_a_word_is_discarded(bank):
    """Issue 29: «Пропустить» and «Повторить вопрос» as the recording began, and «Завершить» after the think time
    ran out, each left a take of silence («записан, ждёт разбора», or «Речь не обнаружена» in the summary)."""
    for leave, then in (("skip", "HR-03"), ("retry", "HR-01"), ("finish", None)):
        driver = Driver()
        session = Session([bank.by_id("HR-01"), bank.by_id("HR-03")], driver, DEFAULT, follow_ups=False)
        session.start(0.0)
        session.prompt_finished(0.0)
        session.tick(1000.0)  # the think time ran out: the recording started by itself
        assert session.state == "answer"
        getattr(session, leave)(1001.0)
        session.answer_recorded(1, 1001.0, spoke=False)
        assert DiscardTake(1) in driver.effects and not driver.of(Analyze), leave
        if then is None:
            (finished,) = driver.of(Finished)
            assert session.state == "summary" and finished.reports == ()
        else:
            assert session.state == "question" and session.current.question_id == then


def test_an_answer_ended_by_the_candidate_is_analysed_even_when_silent(bank):
    """«Закончить ответ» or the answer's time: the analysis says the microphone heard nothing."""
    driver = Driver()
    session = Session([bank.by_id("HR-01")], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(0.0)
    session.start_answer_now(1.0)
    session.stop_answer(2.0)
    session.answer_recorded(1, 2.0, spoke=False)
    assert session.state == "analysis" and not driver.of(DiscardTake)


def test_a_question_the_voice_could_not_say_waits_to_be_read(bank):
    """Issue 29: the think clock started over a question nobody heard; now it waits for «Начать обдумывание»."""
    driver = Driver()
    question = bank.by_id("HR-01")
    session = Session([question, bank.by_id("HR-03")], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    session.prompt_failed(1.0)
    session.tick(1000.0)
    assert session.state == "reading" and session.time_left(1000.0) is None and not driver.of(StartRecording)
    session.prompt_finished(1000.0)  # a late "spoken" does not start it either
    assert session.state == "reading"
    session.question_read(1000.0)
    assert session.state == "think" and session.time_left(1000.0) == question.think_s
    session.start_answer_now(1001.0)  # pressed: the short cue; ran out (above): the one a candidate notices
    assert driver.of(PlayCue)[-1] == PlayCue("start") and not driver.of(StartRecording)[-1].by_timeout
    driver2 = Driver()
    skipped = Session([question, bank.by_id("HR-03")], driver2, DEFAULT, follow_ups=False)
    skipped.start(0.0)
    skipped.prompt_failed(1.0)
    skipped.skip(2.0)
    assert skipped.state == "question" and skipped.current.question_id == "HR-03"


def test_a_recording_started_by_the_think_time_running_out_has_its_own_cue(bank):
    driver = Driver()
    session = Session([bank.by_id("HR-01")], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(0.0)
    session.tick(1000.0)
    assert driver.of(PlayCue) == [PlayCue("think_over")] and driver.of(StartRecording)[0].by_timeout


def test_retry_asks_the_same_question_again_without_counting_it_twice(bank):
    driver = Driver()
    question = bank.by_id("HR-03")
    session = Session([question, bank.by_id("HR-05")], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    session.prompt_finished(0.0)
    session.start_answer_now(1.0)  # ready before the think time is over
    session.retry(3.0)
    assert session.state == "retrying"
    session.answer_recorded(1, 3.0)  # something was said: kept, as an earlier attempt
    assert not driver.of(DiscardTake) and not driver.of(Analyze)
    assert session.state == "question" and session.current.question_id == "HR-03"
    assert [s.step.question_id for s in driver.of(Speak)] == ["HR-03", "HR-03"]
    assert (session.number, session.total) == (1, 2)


def test_retake_after_the_review_asks_the_answered_question_next(bank):
    driver = Driver()
    session = Session([bank.by_id("HR-03"), bank.by_id("HR-05")], driver, DEFAULT, follow_ups=False)
    session.start(0.0)
    driver.answer(session, 0.0)
    assert session.current.question_id == "HR-05"  # asked (the runner holds it while the review is open)
    session.retake_last(10.0)
    assert session.current.question_id == "HR-03" and (session.number, session.total) == (1, 2)
    retaken = report()
    driver.answer(session, 10.0, retaken)
    assert session.current.question_id == "HR-05"
    assert [(s.question_id, r) for s, r in session.reports] == [("HR-03", retaken)]  # summarised once, the new


def test_abort_stops_the_recording_and_ends(bank):
    driver = Driver()
    session = Session([bank.by_id("HR-03")], driver, DEFAULT)
    session.start(0.0)
    session.prompt_finished(0.0)
    session.start_answer_now(1.0)
    session.abort(2.0)
    assert session.state == "aborted" and driver.effects[-2:] == [StopRecording(), Aborted()]
    session.abort(3.0)  # an ended session cannot be changed again
    assert driver.effects.count(Aborted()) == 1
    session.answer_recorded(1, 3.0, spoke=False)  # nothing was said: no answer is left behind
    assert driver.effects[-1] == DiscardTake(1)


def test_phone_screening_rings_first_and_speaks_through_the_line(bank):
    driver = Driver()
    plan = plans.phone_screening(bank, "sales_support", seed=1)
    assert plan[0].id == "PHN-00" and len(plan) == 4
    Session(plan, driver, DEFAULT, phone=True).start(0.0)
    assert driver.effects[0] == PlayCue("ring") and driver.effects[1].phone is True


def test_plans_per_mode(bank):
    full = plans.full_interview(bank, "client_manager", seed=3)
    assert [q.stage for q in full][:2] == ["self_presentation", "hr"] and len(full) == 9
    assert plans.full_interview(bank, "client_manager", seed=3) == full  # seeded
    drill = plans.stage_drill(bank, "sales_support", "stress", n=4, seed=1)
    assert len(drill) == 4 and {q.stage for q in drill} == {"stress"}
    assert plans.self_presentation(bank)[0].answer_type == "self_presentation"
    assert plans.plan(bank, "retake", role="client_manager", question_id="HR-01")[0].id == "HR-01"
    assert plans.plan(bank, "stage", role="product_manager", stage="role_play") == []


def test_a_retaken_answer_brings_its_own_follow_up_not_a_second_one(bank):
    """The walkthrough found two follow-ups queued after "Перезаписать": both stored as one question's attempts."""
    driver = Driver()
    session = Session([bank.by_id("SELF-01"), bank.by_id("BEH-03")], driver, DEFAULT)
    session.start(0.0)
    now = driver.answer(session, 0.0, report("Как вы рассчитали эти цифры?"))
    assert session.current.is_follow_up  # asked; the runner holds it while the review is open
    session.retake_last(now)
    assert session.current.question_id == "SELF-01" and (session.number, session.total) == (1, 2)
    now = driver.answer(session, now, report("Почему вас заинтересовала эта вакансия?"))
    assert session.current.text == "Почему вас заинтересовала эта вакансия?" and session.number == 1
    now = driver.answer(session, now)
    assert session.current.question_id == "BEH-03" and session.number == 2  # the first take's follow-up is gone
