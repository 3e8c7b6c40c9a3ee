"""The session runner: takes from the (fake) microphone through streaming, analysis and storage, without Qt.

Most tests use a scripted transcriber (``tests.fakes.FakeWhisper``) so they
test the runner's own work fast; the last ones use the real model.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from sobes.analysis.engine import Analyzer
from sobes.audio.fake_backend import FakeBackend
from sobes.core.audio_file import load_audio
from sobes.interview import events
from sobes.interview.runner import VOICE_FAILED, SessionRunner
from sobes.interview.settings import Settings
from tests.fakes import FakeWhisper
from tests.judges import DEFAULT


class Clock:
    """The session's clock, moved by the test (think and answer time pass at once)."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def make_runner(tmp_path, history, analyzer, sources, *, speed: float = 20, speak: bool = False, **options):
    seen: list = []
    clock = Clock()
    backend = FakeBackend(sources, realtime=True, speed=speed)  # a 26 s answer in 1.3 s, as a microphone delivers
    runner = SessionRunner(analyzer=analyzer, history=history, recordings=tmp_path / "recordings",
                           on_event=seen.append, backend=backend, speak=speak, clock=clock, **options)
    return runner, seen, clock


def drive(runner, clock, until, *, answer_s: float = 0.0, timeout: float = 60.0) -> None:
    """Tick as a user interface would, letting time pass: think time at once; each answer lasts until the
    fake microphone has delivered its file (plus ``answer_s``), then stops."""
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, f"stuck in {runner.state}"
        runner.tick()
        if runner.state == "think":
            clock.now += 1000.0
        elif runner.state == "answer" and runner.recording is not None:
            streams = runner.backend.streams
            fed = [s for s in streams if hasattr(s, "fed")]
            if fed and fed[-1].fed.is_set() and runner.recording.level().seconds > 0:
                clock.now += answer_s
                runner.stop_answer()
        time.sleep(0.005)


@pytest.fixture
def fake_analyzer():
    return Analyzer.with_model(FakeWhisper(), "scripted", DEFAULT)


def test_a_session_stores_each_take_when_it_starts_and_its_report_when_analysed(tmp_path, history, bank,
                                                                                 fake_analyzer, fixtures_dir):
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer,
                                      [fixtures_dir / "pauses.wav", fixtures_dir / "star.wav"])
    runner.begin([bank.by_id("HR-01"), bank.by_id("HR-03")], mode="stage", role="client_manager",
                 follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.recording is not None)
    (row,) = history.answers(runner.session_id)
    assert row["status"] == "recording" and row["audio_path"].endswith(".wav")  # stored before it ends
    drive(runner, clock, lambda: any(isinstance(e, events.TakeAnalysed) for e in seen))
    runner.continue_()
    drive(runner, clock, lambda: runner.state == "summary")
    assert history.session(runner.session_id)["status"] == "active"  # the last answer is being reviewed...
    runner.continue_()  # ..."Далее": the summary
    drive(runner, clock, lambda: any(isinstance(e, events.SessionFinished) for e in seen))
    takes = [e.take for e in seen if isinstance(e, events.TakeAnalysed)]
    asked = [(e.number, e.total) for e in seen if isinstance(e, events.QuestionAsked)]
    assert asked == [(1, 2), (2, 2)] and len(takes) == 2
    rows = history.answers(runner.session_id)
    assert [r["status"] for r in rows] == ["analyzed", "analyzed"] and rows[1]["words_per_min"]
    for take, row in zip(takes, rows):
        assert take.id == row["id"] and take.streamed is not None  # transcribed while it was recorded
        assert take.audio().duration_s == pytest.approx(row["duration_s"], abs=0.05)
        assert take.report.transcript.words and take.report.file == take.path.name
    assert history.session(runner.session_id)["status"] == "completed"
    assert any(isinstance(e, events.SessionFinished) for e in seen)
    runner.close()


def test_closing_mid_answer_keeps_the_take_or_forgets_it_when_asked(tmp_path, history, bank, fake_analyzer,
                                                                      fixtures_dir):
    for keep in (True, False):
        runner, _, clock = make_runner(tmp_path, history, fake_analyzer, fixtures_dir / "star.wav")
        runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=False)
        drive(runner, clock, lambda r=runner: r.recording is not None and r.recording.level().seconds > 2)
        path = runner.recording.take.path
        runner.close(keep_answer=keep)
        rows = history.answers(runner.session_id)
        if keep:
            assert rows[0]["status"] == "recorded" and rows[0]["duration_s"] > 2 and path.stat().st_size > 44
        else:
            assert rows == [] and not path.exists()
        assert history.session(runner.session_id)["status"] == "interrupted"


def test_a_retried_answer_stays_as_an_earlier_attempt(tmp_path, history, bank, fake_analyzer, fixtures_dir):
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, fixtures_dir / "pauses.wav")
    runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.recording is not None and runner.recording.level().seconds > 1)
    runner.retry()
    drive(runner, clock, lambda: runner.state == "summary")
    first, second = history.answers(runner.session_id)
    assert first["replaced_by"] == second["id"] and second["replaced_by"] is None
    assert first["audio_path"] != second["audio_path"] and first["status"] == "recorded"
    runner.close()


def test_a_microphone_that_does_not_open_is_said_and_nothing_is_stored(tmp_path, history, bank, fake_analyzer,
                                                                       fixtures_dir):
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, fixtures_dir / "pauses.wav")
    runner.backend.rates = ()  # the device refuses every sample rate
    runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.state == "aborted")
    assert any(isinstance(e, events.Problem) and "частот" in e.message for e in seen)
    assert history.answers(runner.session_id) == []
    runner.close()


def test_a_failed_analysis_keeps_the_take_for_later(tmp_path, history, bank, fixtures_dir):
    class Broken(FakeWhisper):
        def transcribe(self, samples, **_):
            raise RuntimeError("the model broke")

    analyzer = Analyzer.with_model(Broken(), "broken", DEFAULT)
    runner, seen, clock = make_runner(tmp_path, history, analyzer, fixtures_dir / "pauses.wav")
    runner.begin([bank.by_id("HR-01"), bank.by_id("HR-03")], mode="stage", role="client_manager",
                 follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.state == "summary")
    assert [r["status"] for r in history.answers(runner.session_id)] == ["failed", "failed"]  # kept, both
    assert any(isinstance(e, events.Problem) and "Запись сохранена" in e.message for e in seen)
    runner.close()


@pytest.mark.parametrize("norms, level, pace", [
    ({}, "ok", "ok"),
    # the user's norms, as Settings saves them: the live meter and the live pace are judged by them
    ({"too_quiet_dbfs": -9.0, "fast_words_per_min": 100.0}, "quiet", "fast"),
])
def test_the_live_indicators_and_level_reach_the_interface_judged_by_the_users_norms(
        tmp_path, history, bank, fake_analyzer, fixtures_dir, norms, level, pace):
    fake_analyzer.judge = Settings(thresholds=norms).judge()
    # two stories a second apart: streaming commits the first at the pause, and live pace needs 15 s of it
    story = load_audio(fixtures_dir / "star.wav").samples
    answer = np.concatenate([story, np.zeros(16_000, np.float32), story])
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, answer, speed=8)
    runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.state == "summary", answer_s=1.0)
    levels = [e for e in seen if isinstance(e, events.LevelChanged)]
    assert levels and levels[-1].level.seconds > 20
    assert Counter(e.judged for e in levels if e.level.seconds > 3).most_common(1)[0][0] == level
    paces = [e.pace for e in seen if isinstance(e, events.LiveChanged) and e.live.words_per_min is not None]
    assert paces and set(paces) == {pace}  # the fake transcriber says 150 words a minute
    assert any(isinstance(e, events.Working) for e in seen)
    runner.close()


# --- with the real model ------------------------------------------------------------------------------
def test_a_real_session_with_follow_ups_and_a_phone_check(tmp_path, history, bank, analyzer, fixtures_dir):
    """The bundled model, end to end: the interviewer's follow-ups come from what the answers said."""
    runner, seen, clock = make_runner(tmp_path, history, analyzer, [fixtures_dir / "intro.wav",
                                                                     fixtures_dir / "pauses.wav"],
                                      hold_for_review=False)
    runner.begin([bank.by_id("SELF-01")], mode="phone", role="client_manager", follow_ups=True, phone=True)
    drive(runner, clock, lambda: runner.state == "summary" and not runner.busy, timeout=120)
    asked = [e.step for e in seen if isinstance(e, events.QuestionAsked)]
    # a 12 s self-presentation with a name and years but no achievement: the interviewer asks for one
    assert len(asked) == 2 and asked[1].is_follow_up
    assert asked[1].text == "Каким достижением вы гордитесь больше всего? Сколько это в цифрах?"
    checks = [e.check for e in seen if isinstance(e, events.PhoneChecked)]
    assert checks and 0.5 < checks[0].agreement <= 1.0
    rows = history.answers(runner.session_id)
    assert rows[0]["question_id"] == "SELF-01" and rows[1]["question_id"].startswith("SELF-01-F-")
    runner.close()


def test_a_streamed_report_equals_the_report_of_the_saved_file(tmp_path, history, bank, analyzer, fixtures_dir):
    """One resampler for live and file audio: the take's streamed audio is the saved file's, sample for sample,
    and so are the delivery metrics."""
    runner, seen, clock = make_runner(tmp_path, history, analyzer, fixtures_dir / "pauses.wav")
    runner.begin([bank.by_id("HR-03")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.state == "summary", timeout=120)
    (take,) = [e.take for e in seen if isinstance(e, events.TakeAnalysed)]
    assert take.rate == 48_000
    from sobes.core.audio_file import load_audio

    saved = load_audio(take.path)
    np.testing.assert_array_equal(take.streamed.audio.samples, saved.samples)
    again = analyzer.analyze_file(take.path, question=take.step.context())
    streamed = take.report
    assert [round(p.start, 2) for p in streamed.pauses.items] == [round(p.start, 2) for p in again.pauses.items]
    assert streamed.pitch.median_hz == again.pitch.median_hz and streamed.loudness.rms_dbfs == again.loudness.rms_dbfs
    # the whole 13 s answer was left after the stop (the fake microphone delivers it at 20× real time), so it
    # was decoded greedily, as the candidate would be waiting: the same samples give the same words that way
    from sobes.analysis.wer import word_error_rate, words_of

    fast = Analyzer.with_model(analyzer._whisper, "base", DEFAULT, options=analyzer.options.fast())
    same_way = fast.analyze_file(take.path, question=take.step.context())
    assert word_error_rate(words_of(same_way.transcript.text), words_of(streamed.transcript.text)) <= 0.05
    runner.close()


def test_the_last_answer_can_be_recorded_again_before_the_summary(tmp_path, history, bank, fake_analyzer,
                                                                     fixtures_dir):
    """"Перезаписать ответ" on the last question asks it once more; closing while reviewing it completes the
    session (it is not left interrupted)."""
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer,
                                      [fixtures_dir / "pauses.wav", fixtures_dir / "star.wav"])
    runner.begin([bank.by_id("HR-01")], mode="retake", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: any(isinstance(e, events.TakeAnalysed) for e in seen))
    assert not any(isinstance(e, events.SessionFinished) for e in seen)
    runner.retake()
    drive(runner, clock, lambda: sum(isinstance(e, events.TakeAnalysed) for e in seen) == 2)
    assert [r["attempt"] for r in history.answers(runner.session_id)] == [1, 2]
    runner.close()
    assert history.session(runner.session_id)["status"] == "completed"


# --- issue 29: phantom answers, the voice, the cue ---------------------------------------------------------
SILENCE = np.zeros(16_000 * 30, np.float32)  # a microphone that hears nobody for 30 s


def until_recording(runner, clock, seconds: float = 0.5) -> None:
    """Tick until the take has ``seconds`` recorded (the think time runs out at once)."""
    drive(runner, clock, lambda: runner.recording is not None and runner.recording.level().seconds > seconds)


def test_a_take_left_without_a_word_is_not_kept(tmp_path, history, bank, fake_analyzer):
    """«Пропустить», «Повторить вопрос» (on the phone, where the recording starts as the question ends) and
    «Завершить» after the think time ran out each stored a silent take («записан, ждёт разбора», or «Речь не
    обнаружена» in the summary for a question never answered)."""
    for leave, phone in (("skip", False), ("retry", True), ("finish", False)):
        runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, [SILENCE, SILENCE])
        runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=phone)
        until_recording(runner, clock)
        path = runner.recording.take.path
        getattr(runner, leave)()
        if leave == "retry":  # the question is asked again: its new recording starts, then the candidate ends
            until_recording(runner, clock)
            assert history.answers(runner.session_id)[0]["status"] == "recording"  # only the new take
            runner.finish()
        drive(runner, clock, lambda r=runner: r.state == "summary" and not r.busy)
        assert history.answers(runner.session_id) == [] and not path.exists(), leave
        (finished,) = [e for e in seen if isinstance(e, events.SessionFinished)]
        assert finished.summary["answers"] == [], leave
        runner.close()


def test_a_skipped_answer_with_speech_is_kept_and_analysed(tmp_path, history, bank, fake_analyzer, fixtures_dir):
    """Skipped after 19.6 s of answer, the take was left «ждёт разбора»: what a candidate said is never lost."""
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, [fixtures_dir / "star.wav"],
                                      hold_for_review=False)
    runner.begin([bank.by_id("HR-01"), bank.by_id("HR-03")], mode="stage", role="client_manager",
                 follow_ups=False, phone=False)
    until_recording(runner, clock, 5.0)
    runner.skip()
    drive(runner, clock, lambda: any(isinstance(e, events.TakeAnalysed) for e in seen))
    (row,) = history.answers(runner.session_id)
    assert row["question_id"] == "HR-01" and row["status"] == "analyzed" and row["duration_s"] > 5
    runner.close()


def test_a_question_the_voice_cannot_say_is_shown_and_waits(tmp_path, history, bank, fake_analyzer, monkeypatch):
    """The think clock ran on over a question nobody heard; the status bar named a Debian package."""
    from sobes.audio.voice import VoiceError

    def broken(text, *, phone=False, **_):
        raise VoiceError("голос интервьюера не установлен")

    monkeypatch.setattr("sobes.interview.runner.prompt_signal", broken)
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, SILENCE, speak=True)
    runner.begin([bank.by_id("HR-01")], mode="phone", role="client_manager", follow_ups=False, phone=True)
    deadline = time.monotonic() + 10
    while runner.state != "reading":
        assert time.monotonic() < deadline, runner.state
        runner.tick()
        time.sleep(0.01)
    clock.now += 1000.0
    runner.tick()
    assert runner.state == "reading" and runner.time_left() is None and runner.recording is None
    (problem,) = [e.message for e in seen if isinstance(e, events.Problem)]
    assert problem == VOICE_FAILED and "festvox" not in problem and "apt" not in problem
    runner.question_read()
    assert runner.state == "think" and runner.time_left() == bank.by_id("HR-01").think_s
    runner.close()


def test_the_next_question_is_rendered_while_the_candidate_answers(tmp_path, history, bank, fake_analyzer,
                                                                   fixtures_dir, monkeypatch):
    """The interviewer took 8–11 s from «Начать» to the think timer: rendering (1–1.5 s a question, more on a
    busy machine) came after the answer; now it comes while the candidate thinks and answers."""
    rendered: list[str] = []

    def render(text, *, phone=False, **_):
        rendered.append(text)
        return np.zeros(1600, np.float32), 16_000

    monkeypatch.setattr("sobes.interview.runner.prompt_signal", render)
    first, second = bank.by_id("HR-01"), bank.by_id("HR-03")
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, [fixtures_dir / "pauses.wav"] * 2,
                                      speak=True)
    runner.begin([first, second], mode="stage", role="client_manager", follow_ups=False, phone=False)
    until_recording(runner, clock)
    assert rendered == [first.text, second.text]  # the second is ready before the first answer ends
    drive(runner, clock, lambda: any(isinstance(e, events.TakeAnalysed) for e in seen))
    runner.continue_()
    drive(runner, clock, lambda: runner.state == "summary")
    assert rendered == [first.text, second.text]  # said from what was rendered ahead, not rendered again
    runner.close()


def test_a_recording_started_by_the_think_time_running_out_plays_its_cue(tmp_path, history, bank, fake_analyzer):
    """A candidate who looked away hears that the recording has started."""
    from sobes.audio import cues

    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, SILENCE)
    runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    until_recording(runner, clock)
    played = runner.backend.played
    deadline = time.monotonic() + 5
    while not played:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert len(played[0]) == pytest.approx(len(cues.think_over(48_000)), abs=1024)  # at the device's rate
    runner.close()


def test_history_counts_the_answers_its_summary_lists(tmp_path, history, bank, fake_analyzer, fixtures_dir):
    """History said «Ответов: 10» where the session's summary listed 7: an answer asked again counted twice."""
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, [fixtures_dir / "pauses.wav"] * 3,
                                      hold_for_review=False)
    runner.begin([bank.by_id("HR-01"), bank.by_id("HR-03")], mode="stage", role="client_manager",
                 follow_ups=False, phone=False)
    until_recording(runner, clock, 2.0)
    runner.retry()  # something was said: kept as an earlier attempt
    drive(runner, clock, lambda: any(isinstance(e, events.SessionFinished) for e in seen))
    (finished,) = [e for e in seen if isinstance(e, events.SessionFinished)]
    assert len(history.answers(runner.session_id)) == 3 and len(finished.summary["answers"]) == 2
    (row,) = [s for s in history.sessions() if s["id"] == runner.session_id]
    assert row["answers"] == 2
    runner.close()


def test_a_recording_that_started_by_itself_and_stayed_silent_is_not_blamed_as_slow(tmp_path, history, bank,
                                                                                   fake_analyzer, fixtures_dir):
    """A candidate who looked away was told «Вы начали отвечать через 65,5 с…» as if slow on purpose."""
    story = load_audio(fixtures_dir / "star.wav").samples
    late = np.concatenate([np.zeros(16_000 * 9, np.float32), story])  # 9 s of nobody, then the answer
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, late)
    runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: any(isinstance(e, events.TakeAnalysed) for e in seen))  # the think time ran out
    (take,) = [e.take for e in seen if isinstance(e, events.TakeAnalysed)]
    (latency,) = [v for v in take.report.delivery.verdicts if v.metric == "latency"]
    assert latency.value > 8 and latency.verdict == "attention"
    assert latency.tip.startswith("Запись началась сама") and "Вы начали отвечать" not in latency.tip
    runner.close()


def test_on_the_phone_the_question_comes_after_the_ring_tone(tmp_path, history, bank, fake_analyzer, monkeypatch):
    """A question rendered ahead (or cached) was said over the ring's tone."""
    monkeypatch.setattr("sobes.interview.runner.prompt_signal",
                        lambda text, *, phone=False, **_: (np.zeros(160, np.float32), 16_000))
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, SILENCE, speak=True)
    started = time.monotonic()
    runner.begin([bank.by_id("PHN-02")], mode="phone", role="client_manager", follow_ups=False, phone=True)
    deadline = started + 10
    while runner.state == "question":
        assert time.monotonic() < deadline
        runner.tick()
        time.sleep(0.01)
    assert time.monotonic() - started >= 0.95  # the ring tone (0.8 s) and a breath
    runner.close()


@pytest.mark.parametrize("leave", ["skip", "retry", "finish"])
def test_leaving_while_the_microphone_opens_keeps_nothing_and_leaves_it_closed(tmp_path, history, bank,
                                                                               fake_analyzer, monkeypatch, leave):
    """«Пропустить» as the think time ran out stored a 0.02 s take «записан, ждёт разбора»: the stop came while
    the microphone was still opening, failed ('the recorder has not been started'), and kept the take."""
    from sobes.interview.recording import TakeRecording

    opening = TakeRecording.start

    def slow_start(self):
        time.sleep(0.3)  # a real device takes this long to open
        opening(self)

    monkeypatch.setattr(TakeRecording, "start", slow_start)
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, SILENCE)
    runner.begin([bank.by_id("HR-01"), bank.by_id("HR-03")], mode="stage", role="client_manager",
                 follow_ups=False, phone=False)
    drive(runner, clock, lambda: runner.state == "answer")
    getattr(runner, leave)()
    deadline = time.monotonic() + 20
    while not (runner.state in ("think", "summary") and not runner.busy):  # the clock stands: no new recording
        assert time.monotonic() < deadline, runner.state
        runner.tick()
        time.sleep(0.005)
    time.sleep(0.5)  # a start still under way would have opened the microphone by now
    assert history.answers(runner.session_id) == []
    assert all(not s.active for s in runner.backend.streams if hasattr(s, "fed"))
    runner.close()


def test_a_finished_session_leaves_no_take_in_memory_at_the_next(tmp_path, history, bank, fake_analyzer,
                                                                 fixtures_dir):
    """The window runs one runner for every session: it kept each session's takes (audio, streamed transcript,
    report), and the window grew by about 25 MB a session (bench/window_memory.py). They are the history's now."""
    import gc
    import weakref

    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, fixtures_dir / "pauses.wav",
                                      hold_for_review=False)
    runner.begin([bank.by_id("HR-01")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    drive(runner, clock, lambda: any(isinstance(e, events.SessionFinished) for e in seen))
    (take,) = [weakref.ref(e.take) for e in seen if isinstance(e, events.TakeAnalysed)]
    seen.clear()
    runner.backend.streams.clear()  # the fake microphone's own bookkeeping (a real device keeps no stream)
    runner.begin([bank.by_id("HR-03")], mode="stage", role="client_manager", follow_ups=False, phone=False)
    gc.collect()
    assert take() is None
    runner.close()


def test_a_role_play_renders_every_line_the_client_may_say_ahead_on_spare_cpu(tmp_path, history, bank,
                                                                              fake_analyzer, monkeypatch):
    """Which line the client says next is known only when the reply is analysed; rendered then, the client spoke
    1–2 s later than chosen. Every possible line is rendered while the candidate answers, at the lowest priority."""
    ahead: list[str] = []

    def render(text, **options):
        if options.get("spare_cpu_only"):
            ahead.append(text)
        return Path("unused.wav")

    monkeypatch.setattr("sobes.interview.runner.render_prompt", render)
    monkeypatch.setattr("sobes.interview.runner.prompt_signal",
                        lambda text, **_: (np.zeros(160, np.float32), 16_000))
    runner, seen, clock = make_runner(tmp_path, history, fake_analyzer, SILENCE, speak=True)
    scenario = bank.scenario("RPL-DELAY")
    runner.begin([], mode="role_play", role="client_manager", follow_ups=False, phone=False, scenario=scenario)
    deadline = time.monotonic() + 10
    while len(ahead) < 13 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert set(ahead) >= {scenario.detail, *scenario.lines.values(), *scenario.endings.values()}
    runner.close()
