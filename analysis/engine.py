"""File in, report out: the engine the CLI, the session and the desktop app share.

The input is decoded before the model is touched, so a bad file fails fast
and costs no model load; the model is resolved and loaded once, lazily.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import replace
from pathlib import Path

from sobes.analysis.coaching import coach_words, delivery_moments
from sobes.analysis.content.section import QuestionContext, analyze_content
from sobes.analysis.decode_speed import DecodeSpeed
from sobes.analysis.delivery import analyze_delivery
from sobes.analysis.judge import Judge
from sobes.analysis.model_store import ModelSpec, resolve_model
from sobes.analysis.report import ModelInfo, Report, SourceInfo, Timing
from sobes.analysis.streaming import StreamingTranscriber
from sobes.analysis.transcribe import (
    CancelCheck,
    ProgressCallback,
    TranscribeOptions,
    load_model,
    transcribe,
)
from sobes.analysis.transcript import Transcript
from sobes.analysis.verdicts import judge_delivery
from sobes.core.audio_file import LoadedAudio, load_audio
from sobes.core.memory import release_freed_memory

logger = logging.getLogger(__name__)


class Analyzer:
    """Analyses answers with one model kept warm for the life of the object.

    Parameters
    ----------
    model : str, optional
        ``None`` for the bundled model, a local model folder, or a hub name.
    options : TranscribeOptions
        Decoding settings.
    judge : Judge
        Everything judged, with the user's norms. It may be replaced while the analyzer lives (the settings were
        saved): every later analysis, and whoever reads ``analyzer.judge``, uses the new one.
    """

    def __init__(self, model: str | None, judge: Judge, options: TranscribeOptions = TranscribeOptions()):
        self._model_arg = model
        self._options = options
        self.judge = judge
        self._spec: ModelSpec | None = None
        self._whisper = None
        self.speed = DecodeSpeed()  # one for all answers: a machine busy during one answer is busy at the next

    @classmethod
    def with_model(cls, whisper, label: str, judge: Judge, options: TranscribeOptions = TranscribeOptions()
                   ) -> Analyzer:
        """An analyzer on a model object of one's own (anything with faster-whisper's ``transcribe``): tests
        of the session use a scripted one, so they need no Whisper."""
        analyzer = cls(None, judge, options)
        analyzer._whisper, analyzer._spec = whisper, ModelSpec(label, label)
        return analyzer

    @property
    def options(self) -> TranscribeOptions:
        """The decoding settings, with the speech threshold the user's norms give (one value everywhere)."""
        return replace(self._options, vad_threshold=self.judge.norms.vad_speech_prob)

    @property
    def model_name(self) -> str | None:
        """The model as the user named it (None: the bundled one); it stays for the analyzer's life."""
        return self._model_arg

    @property
    def model_label(self) -> str | None:
        """The model's name once resolved (``prepare`` or the first analysis)."""
        return self._spec.label if self._spec else None

    def new_stream(self):
        """A ``StreamingTranscriber`` on this analyzer's model, for transcription while recording."""
        self.prepare()
        return StreamingTranscriber(self._whisper, self.options, speed=self.speed,
                                   voicing_threshold=self.judge.norms.voicing_aperiodicity)

    def analyze_streamed(self, streamed, name: str, *, question: QuestionContext = QuestionContext()) -> Report:
        """Analyse an answer transcribed while it was recorded (``analysis.streaming.Streamed``)."""
        return self.analyze_audio(streamed.audio, name, question=question, transcript=streamed.transcript,
                                  vad_probabilities=streamed.probabilities, features=streamed.features)

    def prepare(self, *, warm_up: bool = True) -> float:
        """Resolve and load the model now; returns the seconds it took (0 if warm).

        ``warm_up``: also load what the first analysis needs (for an app that will analyse answers as they
        come); a command that analyses one file and exits leaves that to the analysis, after the transcription,
        so the two never hold their memory at once.
        """
        started = time.perf_counter()
        if self._spec is None:
            spec = resolve_model(self._model_arg)
            self._whisper = load_model(spec, self.options)
            if warm_up:
                self._warm_up()
            self._spec = spec  # last: ``model_label`` is set only once everything is ready
        return time.perf_counter() - started

    def _warm_up(self) -> None:
        """Load what the first analysis would otherwise load (VAD, morphology, loudness, the word vectors and the
        topics' examples), ahead of time.

        Without it the first answer's report comes ~1.5 s later than the others (0.9 s of it the topics).
        """
        import numpy as np

        from sobes.analysis.content import conversation_meaning
        from sobes.analysis.transcript import Word

        noise = np.random.default_rng(0).normal(0, 0.01, 16_000).astype(np.float32)
        words = [Word("Ну,", 0.1, 0.3, 1.0), Word("в", 0.3, 0.4, 1.0), Word("общем,", 0.4, 0.8, 1.0)]
        analyze_delivery(noise, 16_000, words, self.judge)
        analyze_content(words, QuestionContext("Расскажите о себе.", "self_presentation"), self.judge)
        conversation_meaning.warm_up()  # a role play's client answers back without waiting for its examples

    def analyze_file(
        self,
        path: str | os.PathLike,
        *,
        question: QuestionContext = QuestionContext(),
        transcript: Transcript | None = None,
        progress: ProgressCallback | None = None,
        should_cancel: CancelCheck | None = None,
    ) -> Report:
        """Decode, transcribe and analyse one file; ``question`` says what was asked.

        ``transcript`` is given when it was made while recording (``analysis.streaming``).

        Raises ``AudioLoadError``, ``ModelError`` or ``Cancelled``.
        """
        started = time.perf_counter()
        audio = load_audio(path)
        decode_s = time.perf_counter() - started
        return self.analyze_audio(audio, Path(path).name, decode_s=decode_s, question=question, transcript=transcript,
                                  progress=progress, should_cancel=should_cancel)

    def analyze_audio(
        self,
        audio: LoadedAudio,
        name: str,
        *,
        decode_s: float = 0.0,
        question: QuestionContext = QuestionContext(),
        transcript: Transcript | None = None,
        vad_probabilities=None,
        features=None,
        progress: ProgressCallback | None = None,
        should_cancel: CancelCheck | None = None,
    ) -> Report:
        """Analyse an already decoded signal (used by recording, which has no file to decode).

        ``name`` is the file's name without its folder: reports are exported and must not reveal where a
        user keeps their files. A transcript, Silero probabilities and features made while recording save
        their work here.
        """
        load_s = self.prepare()
        started = time.perf_counter()
        if transcript is None:  # after the fact: the whole recording at once, with all its context
            transcript = transcribe(self._whisper, audio.samples, self.options.whole(), progress=progress,
                                    should_cancel=should_cancel)
            release_freed_memory()  # the decoder's buffers, before the analysis adds its own
        transcribe_s = time.perf_counter() - started
        started = time.perf_counter()
        report = Report(
            file=name,
            duration_s=round(audio.duration_s, 3),
            speech_detected=bool(transcript.words),
            language=self.options.language,
            model=ModelInfo(self.model_label or "", self.options.compute_type, self.options.beam_size),
            source=SourceInfo(audio.source_format, audio.source_sample_rate, audio.source_channels),
            transcript=transcript,
            timing=Timing(),
            warnings=list(audio.warnings),
        )
        judge = self.judge  # one judge for the whole answer, even if the settings change meanwhile
        metrics = analyze_delivery(audio.samples, audio.sample_rate, transcript.words, judge,
                                   probabilities=vad_probabilities, features=features)
        report.add_delivery(metrics, judge_delivery(metrics, judge, started_by_itself=question.started_by_itself))
        report.content, report.coaching = coach_words(transcript.words, question, judge, report.delivery,
                                                      delivery_moments(report.fillers, report.pauses))
        report.timing = Timing(
            decode_s=round(decode_s, 3),
            load_s=round(load_s, 3),
            transcribe_s=round(transcribe_s, 3),
            analyze_s=round(time.perf_counter() - started, 3),
        )
        logger.info("analysed %s: %.1f s of audio, %d words", name, audio.duration_s,
                    len(transcript.words))
        return report
