"""Russian speech to timed words with faster-whisper, on the CPU.

The model is loaded once per process and kept warm (``load_model``), because
loading costs more than transcribing a short answer. Transcription reports the
fraction of audio done and can be cancelled between segments.

Settings and why: chosen on real human speech (tests/fixtures/real) by
bench/real_speech.py, and kept where they also hold on the Festival fixtures;
the table is in docs/transcription.md.

* ``beam_size=5``: on the real voice greedy decoding made 0.145 word errors
  where beam 5 makes 0.124 ("нажмите один" came out garbled); the greedy
  choice before was made on the synthetic voice alone. Hesitations do not
  depend on it: they are found in the audio (analysis/hesitations.py).
* VAD on, ``vad_min_silence_ms=500``, ``vad_speech_pad_ms=400``: as accurate
  as no VAD or the 2000/400 default on real speech (0.124 against 0.122 and
  0.124) with the best word edges at pauses (0.089 s from the true edge
  against 0.125 s without VAD), and faster. 200 ms of padding cut word
  starts on the real voice (0.132). Its threshold (``decoder_vad_threshold``
  0.35) is below the speech probability the pauses are measured with (0.5):
  at 0.5 short words were dropped whole («нет», «пароль», «быстрый набор»
  came out empty) and the real voice's error rate was 0.130 against plain
  faster-whisper's 0.127; at 0.35 it is 0.127 (docs/transcription.md).
* ``condition_on_previous_text=False``: conditioning once raised the error
  rate on real speech (0.150) and causes repetition loops after a mis-heard
  word. Measured again on answers longer than one 30 s window (2026-12-05:
  the real voice's prompts joined into 70–90 s, and the held-out short ones
  into ~60 s): 0.114 both ways, and 0.185 against 0.194 held out, for 12–20 %
  more decoding time; kept off (docs/transcription.md).
* ``initial_prompt=None``: a prompt describing the interview made the real
  voice's error rate 0.49 (the model followed the prompt, not the audio).
* No temperature fallback (``temperatures=(0.0,)``): it did not change the
  error rate on real speech (0.124 both ways) and cost a fifth more time,
  and it samples at random: the same recording came out with different words
  on two runs ("нажмите решетку" once, "нажмиfully чисток" the other), so a
  re-analysis could contradict the review the candidate read. CTranslate2's
  random generator cannot be seeded per call (one per thread, seeded once).
* **Loops** are what the fallback used to catch: a piece that ends inside a
  word can come out "…Анны Иванова и и и и и…" (175 words of "и", 11.8 s to
  decode 4 s of audio). Each decoding may produce at most
  ``max_tokens_per_s`` tokens per second of audio (a runaway stops there),
  and a window whose words loop (a run of one to three words repeated
  ``loop_repeats`` times in a row) is decoded again with
  ``loop_repetition_penalty``: deterministic, and only for that window, so
  ordinary speech is decoded as measured.
* While the candidate speaks, every piece is decoded with these settings; a
  tail the candidate waits for that beam search would not decode in time, and
  pieces a busy machine is behind on, are decoded greedily (``fast()``); the
  tails and the glimpses for the live counters with a short encoder window
  too (analysis/short_windows.py, analysis/streaming.py).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from sobes.analysis.errors import ModelError
from sobes.analysis.model_store import ModelSpec, resolve_model
from sobes.analysis.short_windows import encoder_margin, short_window_model
from sobes.analysis.transcript import Transcript, Word
from sobes.core.errors import Cancelled
from sobes.core.offline import disable_telemetry

logger = logging.getLogger(__name__)

RATE = 16_000
# Longer recordings are transcribed in windows of about this length: memory stays near 200 MB for the
# transcription of any length (20 minutes at once took 1.1 GB here); answers up to 3 minutes are one window.
WINDOW_S = 180.0
_ONE_WINDOW_S = 30.0  # what Whisper's encoder reads at once
_MAX_NEW_TOKENS = 400  # Whisper's 448 tokens less the prompt's
_MAX_NEW_TOKENS_CONDITIONED = 220  # when the previous text is the prompt: faster-whisper gives it up to 223 tokens

ProgressCallback = Callable[[float], None]
CancelCheck = Callable[[], bool]

# Phrases Whisper is known to invent on noise in Russian (subtitle credits from
# its training data). A candidate never says them in an interview answer.
_HALLUCINATIONS = re.compile(r"субтитр|dimatorzok|продолжение следует|редактор субтитров", re.I)
# the recogniser gives a hyphenated word's tail as a word of its own ("из" "-за", "кто" "-то"): one word again
_HYPHEN_TAIL = re.compile(r"^-[а-яё]", re.I)


@dataclass(frozen=True)
class TranscribeOptions:
    """Decoding settings; the defaults are the measured choice for interview speech."""

    language: str = "ru"
    compute_type: str = "int8"
    cpu_threads: int = 0  # 0: all cores
    beam_size: int = 5
    vad_filter: bool = True
    vad_threshold: float = 0.5  # Silero's speech probability: where streaming cuts pieces (the norm's value)
    decoder_vad_threshold: float = 0.35  # the decoder's own filter, lower: a word dropped is an error (calibrated here)
    vad_min_silence_ms: int = 500
    vad_speech_pad_ms: int = 400
    condition_on_previous_text: bool = False
    initial_prompt: str | None = None
    temperatures: tuple[float, ...] = (0.0,)  # (0.0,): deterministic; faster-whisper's fallback: (0.0, 0.2, … 1.0)
    max_tokens_per_s: float = 12.0  # calibrated here: twice the most measured (6 a second, real voice and Festival)
    loop_repeats: int = 4  # a run of 1–3 words repeated this often in a row is a decoding loop (calibrated here)
    loop_repetition_penalty: float = 1.1  # for the second decoding of a window that looped (calibrated here)
    encoder_margin_s: float | None = None  # the encoder reads all 30 s of a window, as trained
    # a short window (``fast(short_window=True)``) reads the audio and this much of its padding: calibrated here,
    # a second reads as well as three (analysis/short_windows.py, docs/transcription.md)
    short_window_margin_s: float = 1.0
    # 0: windows decoded one after the other, each read again from where the last text ended (faster-whisper's
    # ``transcribe``); n: its batched pipeline, Silero's chunks of up to 30 s each read once, n at a time, text
    # without timestamp tokens (word times from the alignment as before); ``whole()`` chooses it
    batch_size: int = 0
    whole_batch_size: int = 1  # calibrated here: 2 was quicker (0.83x plain) but peaked at 1.41x its memory

    @property
    def threads(self) -> int:
        return self.cpu_threads or os.cpu_count() or 1

    def whole(self) -> TranscribeOptions:
        """The same for a recording analysed after the fact, all of it at once: past one window, faster-whisper's
        batched pipeline read the real voice's long answers as well or better in fewer passes (the demo answer:
        two, not three), and quicker (docs/transcription.md). Streaming's pieces are decoded as measured for them."""
        return replace(self, batch_size=self.whole_batch_size) if self.vad_filter else self

    def fast(self, *, short_window: bool = False) -> TranscribeOptions:
        """The same, greedy: for pieces a busy machine is behind on (analysis/streaming.py). ``short_window``: the
        encoder also reads only the audio, not 30 s of padding (2-3 times quicker on a few seconds, a little less
        accurate): for glimpses and for tails a candidate waits for."""
        margin = self.short_window_margin_s if short_window else self.encoder_margin_s
        return replace(self, beam_size=1, encoder_margin_s=margin)


_models: dict[tuple[str, str, int], object] = {}
_models_lock = threading.Lock()


def load_model(spec: ModelSpec, options: TranscribeOptions = TranscribeOptions()):
    """Return a warm ``WhisperModel`` for ``spec``, loading it on first use."""
    key = (spec.path_or_name, options.compute_type, options.threads)
    with _models_lock:
        if key not in _models:
            _models[key] = _load(spec, options)
        return _models[key]


def check_model(name: str | None) -> str:
    """Resolve and load the model a user named (None: the bundled one, checksums included); its label, or
    ``ModelError`` saying what is wrong. For the settings' "Проверить модель"."""
    spec = resolve_model(name)
    load_model(spec)
    return spec.label


def _load(spec: ModelSpec, options: TranscribeOptions):
    disable_telemetry()  # before faster-whisper can load ONNX Runtime, whoever calls
    # CTranslate2's OpenMP threads wait for each other by sleeping, not spinning: with two other busy programs on
    # two cores a spinning thread burns the time slice its partner needs (10 s of audio: 5.3 s spinning, 3.9 s
    # sleeping; quiet 2.4 s both ways; docs/performance.md). Read once, when the library first loads.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from faster_whisper import WhisperModel  # heavy import, deferred to first use

    logger.info("loading model %s (%s, %d threads)", spec.label, options.compute_type, options.threads)
    try:
        return short_window_model(WhisperModel)(
            spec.path_or_name,
            device="cpu",
            compute_type=options.compute_type,
            cpu_threads=options.threads,
            local_files_only=not spec.is_hub,
        )
    except Exception as exc:  # CTranslate2 and the hub client raise many types
        logger.debug("model load failed: %r", exc)
        if spec.is_hub:
            raise ModelError(
                f"не удалось загрузить модель {spec.path_or_name} из интернета ({_first_line(exc)}): проверьте "
                "подключение или пользуйтесь встроенной моделью (без --model)"
            ) from None
        raise ModelError(
            f"не удалось загрузить модель из {spec.path_or_name} ({_first_line(exc)}): она повреждена или это не "
            "модель Whisper в формате CTranslate2 (встроенную проверяет и чинит команда sobes model prepare)"
        ) from None


def transcribe(
    model,
    samples: np.ndarray,
    options: TranscribeOptions = TranscribeOptions(),
    *,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
) -> Transcript:
    """Transcribe a 16 kHz mono float32 signal into timed words.

    A recording longer than ``WINDOW_S`` is transcribed in windows of about
    that length, each cut in the quietest moment near its end: faster-whisper
    computes its features over all the audio it is given at once, which for
    20 minutes costs 1.1 GB of memory (docs/performance.md).

    Parameters
    ----------
    model : faster_whisper.WhisperModel
    samples : np.ndarray, shape (n,), float32
    progress : callable, optional
        Called with the fraction of audio done, from 0.0 to 1.0 (last call 1.0).
    should_cancel : callable, optional
        Polled between segments; when it returns True, ``Cancelled`` is raised.
    """
    total = len(samples)
    report = progress or (lambda fraction: None)
    cancelled = should_cancel or (lambda: False)
    report(0.0)
    words: list[Word] = []
    texts: list[str] = []
    for begin, end in windows(samples):
        def done_until(seconds: float, begin: int = begin) -> None:
            report(min((begin + seconds * RATE) / total, 1.0))

        _transcribe_window(model, samples[begin:end], options, begin / RATE, words, texts, done_until, cancelled)
    report(1.0)
    return Transcript(" ".join(t for t in texts if t), _monotonic(words, total / RATE))


def windows(samples: np.ndarray, *, window_s: float = 0.0, search_s: float = 20.0) -> list[tuple[int, int]]:
    """Sample ranges of about ``window_s`` (``WINDOW_S`` when 0) that cover ``samples``, cut in quiet moments.

    Each cut is the quietest 50 ms in the last ``search_s`` seconds of its window, so it falls in a pause
    and no word is split.
    """
    size = int((window_s or WINDOW_S) * RATE)
    search, frame = int(search_s * RATE), RATE // 20
    ranges, begin = [], 0
    while len(samples) - begin > size:
        low = begin + size - search
        region = samples[low:begin + size]
        energy = np.square(region[:len(region) // frame * frame].reshape(-1, frame), dtype=np.float64).mean(axis=1)
        cut = low + int(np.argmin(energy)) * frame + frame // 2
        ranges.append((begin, cut))
        begin = cut
    ranges.append((begin, len(samples)))
    return ranges


def _transcribe_window(model, samples: np.ndarray, options: TranscribeOptions, offset: float,
                       words: list[Word], texts: list[str], done_until, cancelled: CancelCheck) -> None:
    """Transcribe one window; its words are added to ``words`` at ``offset`` seconds into the recording."""
    segments = _decode(model, samples, options)
    if _looped([w.word.strip().lower() for s in segments for w in s.words or ()], options.loop_repeats):
        logger.info("a decoding loop at %.1f s: decoded again with a repetition penalty", offset)
        segments = _decode(model, samples, options, repetition_penalty=options.loop_repetition_penalty)
    for segment in segments:
        if cancelled():
            raise Cancelled("распознавание отменено")
        if _HALLUCINATIONS.search(segment.text):
            logger.info("dropped a hallucinated segment at %.1f s", offset + segment.start)
        else:
            texts.append(re.sub(r"(?<=\w) -(?=[а-яё])", "-", segment.text.strip(), flags=re.I))
            for w in segment.words or ():
                if w.word.strip():
                    _add_word(words, Word(w.word.strip(), w.start + offset, w.end + offset,
                                          round(float(w.probability), 3)))
        done_until(segment.end)


def _add_word(words: list[Word], word: Word) -> None:
    """``word`` after ``words``; a hyphenated word's tail ("-за" after "из") joins the word before it."""
    if words and _HYPHEN_TAIL.match(word.word):
        last = words.pop()
        word = Word(last.word + word.word, last.start, word.end, min(last.probability, word.probability))
    words.append(word)


def _decode(model, samples: np.ndarray, options: TranscribeOptions, *, repetition_penalty: float = 1.0) -> list:
    """faster-whisper's segments of one window, with at most ``max_tokens_per_s`` tokens a second of audio."""
    cap = _MAX_NEW_TOKENS_CONDITIONED if options.condition_on_previous_text else _MAX_NEW_TOKENS
    budget = min(int(len(samples) / RATE * options.max_tokens_per_s) + 16, cap)
    settings = dict(
        language=options.language,
        beam_size=options.beam_size,
        word_timestamps=True,
        condition_on_previous_text=options.condition_on_previous_text,
        initial_prompt=options.initial_prompt,
        temperature=list(options.temperatures),
        max_new_tokens=budget,
        repetition_penalty=repetition_penalty,
        vad_filter=options.vad_filter,
        vad_parameters={
            "threshold": options.decoder_vad_threshold,
            "min_silence_duration_ms": options.vad_min_silence_ms,
            "speech_pad_ms": options.vad_speech_pad_ms,
        },
    )
    with encoder_margin(model, options.encoder_margin_s):  # per thread: the model is shared
        if options.batch_size and options.vad_filter and len(samples) > _ONE_WINDOW_S * RATE:
            # more than one window: each of Silero's chunks read once. Within one window both read it once, and
            # the sequential decoder read the held-out short recordings better (0.197 against 0.204)
            from faster_whisper import BatchedInferencePipeline  # loaded with the model already

            segments, _info = BatchedInferencePipeline(model).transcribe(samples, batch_size=options.batch_size,
                                                                          **settings)
        else:
            segments, _info = model.transcribe(samples, **settings)
        return list(segments)


def _looped(words: list[str], repeats: int) -> bool:
    """Whether a run of one to three words comes ``repeats`` times in a row: a decoding loop, not speech."""
    for size in (1, 2, 3):
        for start in range(len(words) - size * repeats + 1):
            run = words[start:start + size]
            if all(words[start + k * size:start + (k + 1) * size] == run for k in range(1, repeats)):
                return True
    return False


def _monotonic(words: list[Word], duration: float) -> list[Word]:
    """Clamp word times into [0, duration] and make them non-decreasing.

    Cross-attention timestamps occasionally overlap by a frame at segment
    joins; the report promises ordered, in-range times.
    """
    previous_end = 0.0
    for word in words:
        start = min(max(word.start, previous_end), duration)
        end = min(max(word.end, start), duration)
        word.start, word.end = round(float(start), 3), round(float(end), 3)  # plain floats: JSON-safe
        previous_end = end
    return words


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
