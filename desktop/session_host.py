"""Runs an interview Session for the window: performs its effects, feeds back its events.

Everything slow (rendering a prompt, opening the microphone, stopping and
closing a take, analysis) runs through ``desktop.worker``; a 100 ms QTimer
ticks the session and reads the level meter. The host holds no interview
logic: the Session decides, the host only does.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from sobes.analysis.audio_file import load_audio
from sobes.analysis.engine import Analyzer
from sobes.analysis.streaming import StreamingWorker
from sobes.audio import cues
from sobes.audio.playback import play
from sobes.audio.recorder import Recorder
from sobes.audio.voice import VoiceError, render_prompt
from sobes.core.errors import user_message
from sobes.desktop import worker
from sobes.interview.history import History
from sobes.interview.session import (
    Analyze,
    PlayCue,
    Session,
    ShowSummary,
    Speak,
    StartRecording,
    StopRecording,
)

logger = logging.getLogger(__name__)
CUES = {"start": cues.start_beep, "end_of_time": cues.end_of_time, "ring": lambda: cues.ringing_tone(rings=1)}


class SessionHost(QObject):
    state_changed = Signal(str)
    question = Signal(str, bool)  # text, phone mode (text hidden)
    level = Signal(object)  # audio.recorder.Level
    live = Signal(object)  # analysis.streaming.LiveIndicators while the candidate speaks
    report_ready = Signal(int, object, object)  # answer id, Report, path of the recording
    summary_ready = Signal(dict)
    error = Signal(str)  # Russian, for the user
    busy = Signal(str)  # what is happening, while waiting

    def __init__(self, analyzer: Analyzer, history: History, recordings: Path, *, backend=None,
                 input_device=None, output_device=None, speak=True, review_each_answer=True):
        super().__init__()
        self.analyzer, self.history, self.recordings = analyzer, history, recordings
        self.backend, self.input_device, self.output_device = backend, input_device or None, output_device or None
        self.speak_prompts = speak
        self.session: Session | None = None
        self.recorder: Recorder | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._tick)
        self._last_state = ""
        self.review_each_answer = review_each_answer
        self._reviewing = False
        self._held = None  # the next question, held while the candidate reviews an answer
        self._playing: list = []  # playbacks still running
        self._stream = None  # (StreamingTranscriber, StreamingWorker) of the answer being recorded
        self._streamed: dict = {}  # recording path -> Streamed: what was done while recording

    # --- control from the window -----------------------------------------------------------
    def begin(self, plan, *, mode: str, role: str, follow_ups: bool, phone: bool) -> None:
        self.session = Session(plan, self.history, self.recordings, self._effect, mode=mode, role=role,
                               follow_ups=follow_ups, phone=phone)
        self.session.start(time.monotonic())
        self.timer.start()
        self._emit_state()

    def continue_(self) -> None:
        """The candidate is done reviewing: ask the next question."""
        self._reviewing = False
        held, self._held = self._held, None
        if held is not None:
            self._effect(held)

    def retake(self) -> None:
        """Record the answer just reviewed once more."""
        self._reviewing, self._held = False, None
        if self.session is not None:
            self.session.retake_last(time.monotonic())

    def act(self, name: str) -> None:
        """A button: start_answer_now, stop_answer, skip, retry, pause, resume, abort."""
        if self.session is not None:
            getattr(self.session, name)(time.monotonic())
            self._emit_state()

    # --- effects -------------------------------------------------------------------------------
    def _effect(self, effect) -> None:
        if isinstance(effect, Speak) and self._reviewing:
            self._held = effect
            return
        if isinstance(effect, Speak):
            self.question.emit(effect.text, effect.phone)
            self._speak(effect)
        elif isinstance(effect, PlayCue):
            self._play(CUES[effect.name](), 16_000)
        elif isinstance(effect, StartRecording):
            self._start_recording(effect)
        elif isinstance(effect, StopRecording):
            self._stop_recording()
        elif isinstance(effect, Analyze):
            self.busy.emit("Анализ ответа…")
            streamed = self._streamed.pop(str(effect.path), None)
            worker.run(lambda: self._analyse(effect, streamed),
                       on_result=lambda report: self._analysed(effect, report),
                       on_error=lambda exc: self._analysis_failed(effect, exc))
        elif isinstance(effect, ShowSummary):
            self.timer.stop()
            self.summary_ready.emit(effect.summary)
        self._emit_state()

    def _analyse(self, effect: Analyze, streamed):
        """With a transcript made while recording only the analysis is left; else the whole file."""
        if streamed is None:
            return self.analyzer.analyze_file(effect.path, question=effect.question)
        return self.analyzer.analyze_streamed(streamed, effect.path.name, question=effect.question)

    def _speak(self, effect: Speak) -> None:
        if not self.speak_prompts:
            self.session.prompt_finished(time.monotonic())
            return

        def render():
            audio = load_audio(render_prompt(effect.text))
            from sobes.audio.telephone import (
                telephone_channel,  # scipy.signal: deferred, 0.5 s to import
            )

            samples = telephone_channel(audio.samples, audio.sample_rate) if effect.phone else audio.samples
            return samples, audio.sample_rate

        def failed(exc):
            if isinstance(exc, VoiceError):
                self.error.emit("Голос интервьюера недоступен — читайте вопрос с экрана.")
            self.session.prompt_finished(time.monotonic())
            self._emit_state()

        worker.run(render, on_result=lambda r: self._play(*r, then=self._prompt_done), on_error=failed)

    def _prompt_done(self) -> None:
        self.session.prompt_finished(time.monotonic())
        self._emit_state()

    def _play(self, samples, rate, then=None) -> None:
        try:
            playback = play(samples, rate, device=self.output_device, backend=self.backend)
        except Exception as exc:  # no output device: go on silently, the text is on screen
            logger.warning("playback failed: %s", exc)
            self.error.emit(user_message(exc, "Не удалось воспроизвести звук."))
            if then:
                then()
            return
        # Hold the stream until it has played: a PortAudio stream collected while its callback runs crashes.
        self._playing.append(playback)

        def finished(_=None):
            self._playing.remove(playback)
            if playback.error is not None:  # the output vanished mid-prompt: say so, the text is on screen
                logger.warning("playback stopped: %s", playback.error)
                self.error.emit(f"{playback.error} Вопрос — на экране.")
            if then:
                then()

        worker.run(playback.wait, on_result=finished, on_error=finished)

    def _start_recording(self, effect: StartRecording) -> None:
        self._stream, on_block = None, None
        if self.analyzer.model_label is not None:  # the model is loaded: transcribe while recording
            transcriber = self.analyzer.new_stream(source_rate=48_000)
            self._stream = (transcriber, StreamingWorker(transcriber))

            def on_block(block):  # at the rate the device opened with, set before the first block
                transcriber.feed(block, rate=recorder.rate)

        self.recorder = recorder = Recorder(effect.path, device=self.input_device, backend=self.backend,
                                            on_block=on_block)

        def failed(exc):
            self.error.emit(user_message(exc, "Не удалось начать запись."))
            self.session.abort(time.monotonic())
            self._emit_state()

        worker.run(recorder.start, on_error=failed)

    def _stop_recording(self) -> None:
        recorder, stream = self.recorder, self._stream
        self._stream = None

        def stop_all():
            result = recorder.stop()
            if stream is not None:
                self._streamed[str(result.path)] = stream[1].stop()
            return result

        def saved(result):
            if result.error:
                self.error.emit(result.error)
            self.session.answer_recorded(result.path, result.seconds, time.monotonic(), error=result.error)
            self._emit_state()

        worker.run(stop_all, on_result=saved, on_error=lambda e: self.error.emit("Не удалось сохранить запись."))

    def _analysed(self, effect: Analyze, report) -> None:
        self._reviewing = self.review_each_answer
        self.report_ready.emit(effect.answer_id, report, effect.path)
        self.session.analysis_done(effect.answer_id, report, time.monotonic())
        self._emit_state()

    def _analysis_failed(self, effect: Analyze, exc) -> None:
        self.error.emit(f"Не удалось проанализировать ответ: {exc}. Запись сохранена.")
        self.session.analysis_failed(effect.answer_id, str(exc), time.monotonic())
        self._emit_state()

    # --- clock ---------------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.session is None:
            return
        if self.recorder is not None and self.session.state == "answer":
            self.level.emit(self.recorder.level())
            if self._stream is not None:
                self.live.emit(self._stream[0].live())
            if self.recorder.failed:
                self.session.stop_answer(time.monotonic())
        self.session.tick(time.monotonic())
        self._emit_state()

    def _emit_state(self) -> None:
        state = self.session.state if self.session else "idle"
        if state != self._last_state:
            self._last_state = state
            self.state_changed.emit(state)

    def time_left(self) -> float | None:
        return self.session.time_left(time.monotonic()) if self.session else None
