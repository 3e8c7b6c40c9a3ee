"""A session carried out: the prompts spoken, the takes recorded, streamed, analysed and stored.

``interview.session`` decides; the runner does what it asks. Everything slow
(rendering and playing a prompt, opening the microphone, closing a take,
analysis) runs on the runner's own threads; their results come back through
a queue that ``tick`` empties, so the session and every event the user
interface receives stay on one thread: the window's (a Qt timer calls
``tick``) or the terminal's loop. Nothing here knows Qt.

A take is stored the moment its recording starts and every later step only
changes its state (``interview.take``). Closing mid-answer keeps the answer
unless the user says otherwise; a take the candidate left without a word
(skipped, asked again, session ended) is discarded.

The interviewer's next question is rendered while the candidate still answers
the one before (``_prefetch``): the candidate then waits only for the
question to be said. A question no voice can say is shown, and its think time
waits for the candidate's "Начать обдумывание" (``question_read``).
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from sobes.analysis.engine import Analyzer
from sobes.audio.playback import Playback, play
from sobes.audio.prompt import cue_signal, prompt_signal
from sobes.audio.voice import VoiceError, render_prompt
from sobes.core.errors import Cancelled, user_message
from sobes.core.memory import release_freed_memory
from sobes.interview import events
from sobes.interview.conversation import Conversation
from sobes.interview.history import NOTHING_RECORDED, History, cannot_use
from sobes.interview.phone_check import check_through_phone
from sobes.interview.question_bank import Question
from sobes.interview.recording import TakeRecording
from sobes.interview.scenarios import Scenario
from sobes.interview.session import (
    ANSWER,
    DEBRIEF,
    ENDED,
    SAVING,
    Aborted,
    Analyze,
    DiscardTake,
    Effect,
    Finished,
    PlayCue,
    Session,
    Speak,
    StartRecording,
    Step,
    StopRecording,
)
from sobes.interview.summary import summarize
from sobes.interview.take import Take

logger = logging.getLogger(__name__)

AHEAD_TIMEOUT_S = 60.0  # a line rendered on spare CPU waits its turn on a busy machine; nobody waits for it
RING_TONE_S = 1.0  # the phone's ring tone (0.8 s) and a breath: the interviewer speaks after it, not over it
VOICE_FAILED = ("Голос интервьюера сейчас недоступен: прочитайте вопрос на экране — время на обдумывание пойдёт, "
                "когда вы будете готовы.")


def _unspoken_message(exc: BaseException) -> str:
    """What the status bar says when a question was not (wholly) said: the voice failed, or the speakers were
    lost mid-question (that is worth knowing: the next question would not be heard either)."""
    if isinstance(exc, VoiceError):
        return VOICE_FAILED
    return (f"{user_message(exc, 'Вопрос не удалось воспроизвести.')} Прочитайте вопрос на экране — время на "
            "обдумывание пойдёт, когда вы будете готовы.")


class SessionRunner:
    """Runs one session after another for a user interface; ``tick`` it every 50–100 ms from that interface's thread.

    Parameters
    ----------
    analyzer : the engine (its model is used for streaming once it is loaded)
    history : where sessions and takes are stored
    recordings : the folder of the takes' files
    on_event : called on the ticking thread with each ``interview.events`` event
    speak : say the questions aloud (else they are only shown)
    hold_for_review : after each analysed answer, wait for ``continue_`` before the next question
    """

    def __init__(self, *, analyzer: Analyzer, history: History, recordings: Path,
                 on_event: Callable[[events.Event], None], backend=None, input_device=None, output_device=None,
                 speak: bool = True, hold_for_review: bool = True, clock: Callable[[], float] = time.monotonic):
        self.analyzer, self.history, self.recordings = analyzer, history, recordings
        self.on_event, self.clock = on_event, clock
        self.backend, self.input_device, self.output_device = backend, input_device or None, output_device or None
        self.speak, self.hold_for_review = speak, hold_for_review
        self.session: Session | None = None
        self.session_id: int | None = None
        self.mode = self.role = ""
        self._pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="session")
        # the interviewer's questions rendered ahead, one at a time (two Festivals would only slow each other)
        self._voice = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-voice")
        # a role play's possible lines, rendered on spare CPU beside it: never queued before a line that is needed
        self._ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-voice-ahead")
        self._prompts: dict[tuple[str, bool, str], Future] = {}  # by text, phone line and voice
        self._quiet_from = 0.0  # (monotonic) when the phone's ring tone has sounded: a question waits for it
        self._done: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._takes: dict[int, Take] = {}
        self._recording: TakeRecording | None = None
        self._playing: set[Playback] = set()
        self._speaking: set[Playback] = set()  # the questions among them: a skipped one stops for the next
        # the next question, or the end of the session, held while the candidate reviews an answer: a retake
        # of the last answer can still come before the summary
        self._held: Speak | Finished | None = None
        self._reviewing = False
        self._progress: tuple[str, float | None] | None = None  # written by the analysis thread
        self._shown_progress: tuple[str, float | None] | None = None
        self._last_state = ""
        self._closing = threading.Event()
        self._outstanding = 0  # background jobs whose results have not been applied yet

    # --- control from the user interface -----------------------------------------------------
    def begin(self, plan: list[Question], *, mode: str, role: str, follow_ups: bool, phone: bool,
              scenario: Scenario | None = None) -> None:
        """``scenario``: a role play — the client speaks first and answers back (``plan`` is then empty)."""
        self.mode, self.role = mode, role
        self.session_id = self.history.start_session(mode, role)
        self._reviewing, self._held = False, None
        # the last session's takes (their audio and reports) are the history's now: kept here, each session left
        # its answers in the window's memory (+25 MB a session over ten, bench/window_memory.py)
        self._takes.clear()
        self._prompts.clear()
        self.session = Session(plan, self._effect, self.analyzer.judge, follow_ups=follow_ups, phone=phone,
                               conversation=Conversation(scenario) if scenario is not None else None)
        self.session.start(self.clock())
        if scenario is not None:
            self._render_ahead(scenario)
        self._publish_state()

    def tick(self) -> None:
        """Apply what the background finished, advance the timers, tell the interface what changed."""
        while True:
            try:
                self._done.get_nowait()()
            except queue.Empty:
                break
            except (sqlite3.Error, OSError) as exc:
                self._history_failed(exc)
                return
        session = self.session
        if session is None:
            return
        recording = self._recording
        if recording is not None and session.state == ANSWER:
            judge, level = self.analyzer.judge, recording.level()
            self.on_event(events.LevelChanged(level, judge.level(level.speech_dbfs, level.clipped_ratio)))
            live = recording.live(judge.norms.min_pause_s)
            if live is not None:
                pace = judge.tempo(live.words_per_min) if live.words_per_min is not None else None
                self.on_event(events.LiveChanged(live, pace, judge.breathless(live.since_pause_s)))
            if recording.failed:
                session.stop_answer(self.clock())
        session.tick(self.clock())
        if self._progress != self._shown_progress:
            self._shown_progress = self._progress
            if self._progress is not None:
                self.on_event(events.Working(*self._progress))
        self._publish_state()

    def question_read(self) -> None:
        """The candidate has read a question the voice could not say: its think time starts."""
        self._command(lambda s, now: s.question_read(now))

    def start_answer_now(self) -> None:
        self._command(lambda s, now: s.start_answer_now(now))

    def stop_answer(self) -> None:
        self._command(lambda s, now: s.stop_answer(now))

    def skip(self) -> None:
        self._command(lambda s, now: s.skip(now))

    def retry(self) -> None:
        self._command(lambda s, now: s.retry(now))

    def pause(self) -> None:
        self._command(lambda s, now: s.pause(now))

    def resume(self) -> None:
        self._command(lambda s, now: s.resume(now))

    def abort(self) -> None:
        self._command(lambda s, now: s.abort(now))

    def finish(self) -> None:
        """End the session now: the answer in progress is kept and analysed, then the summary of what was given."""
        self._reviewing, self._held = False, None
        self._command(lambda s, now: s.finish(now))

    def continue_(self) -> None:
        """The candidate is done reviewing: ask the next question."""
        self._reviewing = False
        held, self._held = self._held, None
        if held is not None:
            self._effect(held)

    def retake(self) -> None:
        """Record the answer just reviewed once more (the reviewed take stays, as an earlier attempt)."""
        self._reviewing, self._held = False, None
        self._command(lambda s, now: s.retake_last(now))

    @property
    def _session(self) -> Session:
        """The running session (the effects that need it only come from one)."""
        if self.session is None:
            raise RuntimeError("no session has begun")
        return self.session

    @property
    def _session_id(self) -> int:
        if self.session_id is None:
            raise RuntimeError("no session has begun")
        return self.session_id

    @property
    def state(self) -> str:
        return self.session.state if self.session else "idle"

    @property
    def busy(self) -> bool:
        """Background work is still running, or its result waits for the next ``tick``."""
        return self._outstanding > 0

    @property
    def recording(self) -> TakeRecording | None:
        return self._recording

    def time_left(self) -> float | None:
        return self.session.time_left(self.clock()) if self.session else None

    def close(self, *, keep_answer: bool = True, timeout_s: float = 10.0) -> None:
        """Stop everything: the take being recorded is kept (or discarded when asked), analysis is cancelled,
        prompts stop, the threads end. The session is left interrupted unless it had ended."""
        self._closing.set()
        recording, self._recording = self._recording, None
        if recording is not None:
            take = recording.stop()
            if keep_answer:
                self.history.finish_take(take)
            else:
                self.history.discard_take(take)
        for playback in list(self._playing):
            playback.stop()
        held, self._held = self._held, None
        if isinstance(held, Finished):  # closed while reviewing the last answer: the session is complete
            self._finished(held)
        if self.session is not None and self.session_id is not None and self.session.state not in ENDED:
            self.history.end_session(self.session_id, "interrupted")
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._voice.shutdown(wait=False, cancel_futures=True)
        self._ahead.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + timeout_s
        for thread in threading.enumerate():
            if thread.name.startswith("session") and thread is not threading.current_thread():
                thread.join(max(0.0, deadline - time.monotonic()))

    def _history_failed(self, exc: BaseException) -> None:
        """The history could not be written (a full disk, most often): the session ends and says why.

        Why not go on: nothing more could be kept. Left to the exception, the window stayed on «Распознаём
        ответ… 100 %» for good, with «Завершить» doing nothing. The recordings stay on the disk, and an answer
        whose row still says it is being recorded is found again at the next start (``recover_after_crash``).
        """
        logger.error("the history could not be written: %r", exc)
        self._progress = None
        if self.session is None or self.session.state in ENDED:
            return  # stopped already, and said why
        self.on_event(events.Problem(f"Занятие остановлено: {cannot_use(self.history.path, exc)}. Записанные "
                                     "ответы остались на диске — они появятся в истории при следующем запуске."))
        try:
            self.session.abort(self.clock())
        except (sqlite3.Error, OSError) as again:  # ending the session is a write as well
            logger.error("the session could not be marked as ended: %r", again)
        self._publish_state()

    # --- effects ---------------------------------------------------------------------------------
    def _finished(self, effect: Finished) -> None:
        session = self.session
        takes = {id(take.report): take.id for take in self._takes.values() if take.report is not None}
        summary = summarize(self.history, self._session_id, list(effect.reports), self.analyzer.judge,
                            planned=len(session.plan) if session is not None else 0,
                            early=session is not None and session.ending_early,
                            conversation=session.conversation if session is not None else None,
                            take_ids=[takes.get(id(report)) for _, report in effect.reports])
        self.history.end_session(self._session_id, "completed", summary)
        self.on_event(events.SessionFinished(self._session_id, summary))

    def _effect(self, effect: Effect) -> None:
        if isinstance(effect, Speak):
            if self._reviewing:
                self._held = effect
                self._prefetch(effect.step, effect.phone)  # said the moment the review is closed
            else:
                self._ask(effect)
        elif isinstance(effect, PlayCue):
            if effect.name == "ring":
                self._quiet_from = time.monotonic() + RING_TONE_S
            self._play(*cue_signal(effect.name))
        elif isinstance(effect, StartRecording):
            self._start_take(effect)
        elif isinstance(effect, StopRecording):
            self._stop_take()
        elif isinstance(effect, DiscardTake):
            self.history.discard_take(self._takes.pop(effect.take_id))
        elif isinstance(effect, Analyze):
            self._analyse(self._takes[effect.take_id])
        elif isinstance(effect, Finished):
            if self._reviewing and not self._session.ending_early:
                self._held = effect
            else:
                self._finished(effect)
        elif isinstance(effect, Aborted):
            self.history.end_session(self._session_id, "aborted")

    def _ask(self, effect: Speak) -> None:
        session, step = self._session, effect.step
        for earlier in list(self._speaking):  # skipped while it was said: the next question is not said over it
            earlier.stop()
        self.on_event(events.QuestionAsked(step, effect.phone, session.number, session.total))
        if not self.speak:
            self._later(lambda: session.prompt_finished(self.clock()))
            return
        rendering = self._prompt(step, effect.phone)  # (samples, rate)
        self._prefetch_coming()

        def still_asked() -> bool:  # a question skipped while it was said does not start the next one's clock
            return session.current is step

        def spoken(_=None) -> None:
            if still_asked():
                session.prompt_finished(self.clock())

        def unspoken(exc: BaseException) -> None:
            logger.warning("the question was not spoken: %r", exc)
            if still_asked():
                self.on_event(events.Problem(_unspoken_message(exc)))
                session.prompt_failed(self.clock())

        def say() -> None:
            signal = rendering.result()
            step.spoken_s = len(signal[0]) / signal[1]  # the client's share of a role play's talk
            time.sleep(max(0.0, self._quiet_from - time.monotonic()))  # a question rendered ahead: not over the ring
            self._play_and_wait(*signal, speaking=True)

        self._background(say, then=spoken, failed=unspoken)

    def _prompt(self, step: Step, phone: bool) -> Future:
        """The question's signal being rendered: the one rendered ahead, or a rendering started now."""
        future = self._prompts.pop((step.text, phone, step.voice), None)
        return future if future is not None else self._render(step, phone)

    def _render(self, step: Step, phone: bool) -> Future:
        try:
            return self._voice.submit(prompt_signal, step.text, phone=phone, voice=step.voice)
        except RuntimeError as exc:  # closing: the pool takes no more work
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def _prefetch(self, step: Step, phone: bool) -> None:
        """Render ``step``'s question ahead, while the candidate thinks, answers or reviews."""
        key = (step.text, phone, step.voice)
        if self.speak and key not in self._prompts and not self._closing.is_set():
            self._prompts[key] = self._render(step, phone)

    def _render_ahead(self, scenario: Scenario) -> None:
        """Every line the client may say, and the questions after the game, rendered into the voice's cache while
        the candidate answers: which line comes is known only when the reply is analysed, and Festival then took
        1–2 s more before the client spoke (bench/role_play_latency.py). Rendered once, cached for good; on spare
        CPU only, in a queue of their own."""
        if not self.speak:
            return
        texts = [scenario.detail, *scenario.lines.values(), *scenario.endings.values(), *DEBRIEF]
        for text in texts:
            try:
                self._ahead.submit(render_prompt, text, spare_cpu_only=True, timeout_s=AHEAD_TIMEOUT_S)
            except RuntimeError:  # closing: the pool takes no more work
                return

    def _prefetch_coming(self) -> None:
        coming = self._session.coming
        if coming is not None:
            self._prefetch(coming, self._session.phone)

    def _play(self, samples, rate) -> None:
        self._background(lambda: self._play_and_wait(samples, rate), then=lambda _: None,
                         failed=lambda exc: logger.warning("a cue did not play: %s", exc))

    def _play_and_wait(self, samples, rate, *, speaking: bool = False) -> None:
        """Play on the output device and wait for the end (the stream is closed then); on a background thread.
        ``speaking``: a question (stopped when the next one is asked)."""
        playback = play(samples, rate, device=self.output_device, backend=self.backend)
        self._playing.add(playback)
        if speaking:
            self._speaking.add(playback)
        try:
            playback.wait()
        finally:
            self._playing.discard(playback)
            self._speaking.discard(playback)
        if playback.error is not None:
            raise playback.error

    def _start_take(self, effect: StartRecording) -> None:
        take = self.history.start_take(self._session_id, effect.step, self.recordings)
        take.started_by_itself = effect.by_timeout
        self._takes[take.id] = take
        analyzer = self.analyzer if self.analyzer.model_label is not None else None  # stream once the model is warm
        recording = TakeRecording(take, analyzer=analyzer, device=self.input_device, backend=self.backend)
        self._recording = recording

        def failed(exc: BaseException) -> None:
            self._recording = None
            self.history.discard_take(take)  # the microphone never opened: nothing was recorded
            self.on_event(events.Problem(user_message(exc, "Не удалось начать запись.")))
            self._session.abort(self.clock())

        self._background(recording.start, then=lambda _: None, failed=failed)

    def _stop_take(self) -> None:
        recording, self._recording = self._recording, None
        if recording is None:
            return
        self._progress = ("Сохраняем ответ…", None)
        # an answer the candidate ended is analysed whatever it holds; one left (skipped, asked again, the
        # session ended) is kept only if something was said in it
        session = self._session
        left = session.state != SAVING or session.ending_early
        spoke = True

        def stop() -> Take:
            nonlocal spoke
            take = recording.stop(transcribed)
            spoke = take.heard_speech() if left else True
            return take

        def saved(take: Take) -> None:
            self.history.finish_take(take)
            if take.error:
                self.on_event(events.Problem(take.error))
            if self.session is not None:
                self._session.answer_recorded(take.id, self.clock(), spoke=spoke)

        def failed(exc: BaseException) -> None:  # what reached the disk is kept and goes on as the take
            logger.error("stopping a take failed: %r", exc)
            recording.take.error = user_message(exc, "Запись остановилась с ошибкой; сохранённая часть оставлена.")
            saved(recording.take)

        def transcribed(fraction: float) -> None:  # the file is closed; the rest of the answer is transcribed
            self._progress = ("Распознаём ответ…", round(fraction, 2))

        self._background(stop, then=saved, failed=failed)

    def _analyse(self, take: Take) -> None:
        if take.seconds <= 0:  # nothing reached the disk (it was full, or the device gave nothing): no answer
            self.history.mark_failed(take, take.error or NOTHING_RECORDED)
            self._session.analysis_failed(take.id, self.clock())
            return
        # a streamed answer is transcribed already (the stop's progress reached 100 %): only the analysis is left
        self._progress = ("Распознаём ответ…", 0.0) if take.streamed is None else ("Готовим разбор…", None)

        def progress(fraction: float) -> None:
            self._progress = ("Распознаём ответ…", round(fraction, 2))

        def analysed(report) -> None:
            self.history.add_report(take, report)
            self._progress = None
            self._reviewing = self.hold_for_review and not take.step.turn  # the client answers back at once
            self.on_event(events.TakeAnalysed(take))
            # (not during a role play's conversation: a second transcription would slow the client's answer)
            if self._session.phone and report.speech_detected and not take.step.turn:
                self._background(lambda: check_through_phone(self.analyzer, take.audio(), direct=report),
                                 then=lambda check: self.on_event(events.PhoneChecked(take, check)))
            self._session.analysis_done(take.id, report, self.clock())

        def failed(exc: BaseException) -> None:
            self._progress = None
            message = user_message(exc, "анализ не удался")
            self.history.mark_failed(take, message)
            self.on_event(events.Problem(f"Не удалось проанализировать ответ ({message}). Запись сохранена: "
                                         "её можно проанализировать позже из истории."))
            self._session.analysis_failed(take.id, self.clock())

        self._background(lambda: self._report_for(take, progress), then=analysed, failed=failed)

    def _report_for(self, take: Take, progress: Callable[[float], None]):
        """The take's report; on a background thread. A streamed take has only its tail and the analysis left."""
        question = replace(take.step.context(), started_by_itself=take.started_by_itself)
        try:
            if take.streamed is not None:
                return self.analyzer.analyze_streamed(take.streamed, take.path.name, question=question)
            return self.analyzer.analyze_audio(take.audio(), take.path.name, question=question, progress=progress,
                                               should_cancel=self._closing.is_set)
        finally:
            # the streaming's and the analysis' buffers go back to the system: glibc kept them, and the window grew
            # with every answer (bench/window_memory.py: 700–832 MB over ten sessions; 534–613 MB with this)
            release_freed_memory()

    # --- plumbing ------------------------------------------------------------------------------
    def _command(self, action: Callable[[Session, float], None]) -> None:
        if self.session is not None:
            action(self.session, self.clock())
            self._publish_state()

    def _background(self, work: Callable[[], Any], *, then: Callable[[Any], None],
                    failed: Callable[[BaseException], None] | None = None) -> None:
        """Run ``work`` on a pool thread; ``then``/``failed`` run later on the ticking thread."""
        if self._closing.is_set():
            return
        self._outstanding += 1

        def apply(action: Callable[[], None]) -> Callable[[], None]:
            def applied() -> None:
                self._outstanding -= 1
                action()
            return applied

        def finished(future: Future) -> None:
            if future.cancelled() or self._closing.is_set():
                return
            error = future.exception()
            if error is None:
                self._done.put(apply(lambda: then(future.result())))
            elif failed is not None and not isinstance(error, Cancelled):
                self._done.put(apply(lambda: failed(error)))
            else:
                if not isinstance(error, Cancelled):
                    logger.error("background work failed: %r", error)
                self._done.put(apply(lambda: None))

        self._pool.submit(work).add_done_callback(finished)

    def _later(self, action: Callable[[], None]) -> None:
        """Run ``action`` at the next tick (never inside the session's own call that asked for it)."""
        self._done.put(action)

    def _publish_state(self) -> None:
        state = self.state
        if state != self._last_state:
            self._last_state = state
            self.on_event(events.StateChanged(state))
