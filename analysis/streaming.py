"""Transcription while the candidate speaks, so the review is ready when the answer ends.

Audio is fed as it is recorded. The pending audio is cut at the first pause
(Silero VAD) after ``min_chunk_s`` and that piece is transcribed on its own;
cuts fall in silence, so no word is split. If nobody pauses for
``max_chunk_s``, the piece is cut there
with an overlap: only words that end before the overlap are kept, and the
next piece starts where the last kept word ended, so words at the edge are
neither lost nor doubled. When the answer ends, only the tail is left; and
when the candidate fell silent before pressing stop, the tail was already
transcribed in that silence (speculatively: dropped if they speak again).
Pieces are decoded with the accurate settings unless the worker has fallen
behind the microphone (a busy machine): then greedily, so the work behind is
done sooner rather than queued. The tail — decoded in the silence before the
stop, or after it — is what a candidate may wait for: it is decoded
accurately when this machine, at its speed just now, can do that within
its budget, and greedily when it cannot (analysis.decode_speed).
For the live counters, the audio since the last piece is also glimpsed
every ``glimpse_every_s`` while the candidate speaks: decoded greedily,
only counted, never part of the transcript.
The acoustic features and Silero probabilities are computed piece by piece
too, so the delivery analysis at the end has only the last second to do.

Where the cuts fall depends only on the audio, never on when the worker got
to it (Silero's values are those of the whole recording; the cut is the
first pause after ``min_chunk_s``, at a fixed place in it), so the same
answer reads the same on a quiet machine however the blocks arrived
(``transcribe_recording`` gives it for a saved recording, for the benches and
tests). A recording analysed after the fact (``sobes analyze``, a recovered
answer) is not cut at all: nobody waits for a moment in particular, and the
whole recording decoded at once has all its context and pays for fewer of
Whisper's 30 s windows (analysis.engine, docs/performance.md).

Live indicators (``analysis.live``) come from the words committed so far with
the newest glimpse or silent tail after them, and the voice activity of the
audio heard so far.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sobes.analysis.decode_speed import DecodeSpeed
from sobes.analysis.features import Features, FeatureStream
from sobes.analysis.live import LiveIndicators, live_indicators
from sobes.analysis.speech_activity import silero_probabilities
from sobes.analysis.transcribe import CancelCheck, ProgressCallback, TranscribeOptions, transcribe
from sobes.analysis.transcript import Transcript, Word
from sobes.core.audio_file import LoadedAudio
from sobes.core.buffer import SampleBuffer
from sobes.core.errors import Cancelled
from sobes.core.resample import Resampler

logger = logging.getLogger(__name__)
RATE = 16_000
_WINDOW = 512  # Silero's window (32 ms)
_CHUNK = 32  # Silero windows (1.02 s): how often the probabilities are brought up to date, and the context
_MINUTE = 1875  # Silero windows computed in one call (silero_probabilities' chunk: one minute)


@dataclass(frozen=True)
class Streamed:
    """What streaming made of an answer: everything the analysis needs but the analysis itself."""

    transcript: Transcript
    audio: LoadedAudio  # at 16 kHz
    probabilities: np.ndarray  # Silero's, per 32 ms window
    features: Features


@dataclass(frozen=True)
class _Decoded:
    """Audio ``[begin, end)`` of the answer (samples at 16 kHz) decoded ahead of need: a glimpse or a silent tail."""

    begin: int
    end: int
    transcript: Transcript
    beam_size: int


class StreamingTranscriber:
    """Feed audio with ``feed``; ``step`` does the work due; ``result`` (or ``finish``) ends the answer."""

    def __init__(self, model, options: TranscribeOptions = TranscribeOptions(), *, source_rate: int = RATE,
                 min_chunk_s: float = 8.0, max_chunk_s: float = 28.0, overlap_s: float = 1.5,
                 min_pause_s: float = 0.5, silence_to_speculate_s: float = 0.35, wait_budget_s: float = 1.5,
                 speculate_budget_s: float = 2.0, behind_s: float = 6.0, busy_slowdown: float = 1.25,
                 glimpse_every_s: float = 2.0, speed: DecodeSpeed | None = None,
                 voicing_threshold: float):
        """``wait_budget_s``: a tail left after the stop is decoded with beam search when that is expected to take
        no longer (calibrated here: 7 s of audio on a quiet machine, inside the 2 s the review may take; under load
        less). ``speculate_budget_s``: the same for a tail decoded in a silence before the stop, which has a head
        start (calibrated here: 11 s of audio quiet, fewer on a busy machine; it starts about half a second after the
        last word, and a stop a second after that waited 2.4 s for a 2.7 s beam search with 3 s, 18 s quiet).
        ``glimpse_every_s``: how much new audio brings a glimpse for the live counters (calibrated here: a filler
        counted about 3 s after it is said, the worker busy 84 s of a 2-minute answer instead of 74 s; ``inf``:
        never).
        ``behind_s``: a piece is decoded greedily when more than this much audio waits after it (calibrated here:
        on a quiet machine the worker is at most a speculative tail, 2–4 s, behind). ``busy_slowdown``: pieces are
        decoded greedily while decoding runs this much slower than on a quiet machine (calibrated here: 0.9–1.1
        quiet, 1.3–1.7 with two CPU-bound programs beside it on two cores).
        ``min_chunk_s`` and ``min_pause_s``: a piece ends in the first pause at least ``min_pause_s`` long
        that starts after ``min_chunk_s`` of pending audio, cut ``min_pause_s / 2`` into it (calibrated here
        on the real voice's 2-minute answers: 8 s and 0.5 s gave 0.123 word errors, 15 s and 0.3 s 0.128,
        5 s 0.139; what is pending at the end is what the candidate may wait for, ≤ about 10 s this way).
        ``silence_to_speculate_s``: how much silence starts a speculative tail (calibrated here: 0.35 s
        brings the report of a 2-minute answer 0.8–1.0 s after a stop 1 s after the last word; 0.5 s:
        1.1 s). docs/performance.md."""
        self.model, self.options, self.source_rate = model, options, source_rate
        self.min_chunk_s, self.max_chunk_s, self.overlap_s, self.min_pause_s = (min_chunk_s, max_chunk_s, overlap_s,
                                                                                 min_pause_s)
        self.silence_to_speculate_s, self.wait_budget_s, self.behind_s = silence_to_speculate_s, wait_budget_s, behind_s
        self.speculate_budget_s, self.glimpse_every_s, self.busy_slowdown = (speculate_budget_s, glimpse_every_s,
                                                                            busy_slowdown)
        self._glimpse: _Decoded | None = None  # the newest glimpse, for the live counters
        self.speed = speed or DecodeSpeed()  # the analyzer's, shared by its answers
        self.fast_pieces = 0  # pieces decoded greedily: the worker was behind, or the machine busy
        self.glimpses_reused = 0  # greedy pieces taken from a glimpse that covered them
        self._decoding: tuple[float, float, float, float] | None = None  # (from, to, started, expected s) now
        self._features = FeatureStream(RATE, voicing_threshold=voicing_threshold)
        self._speculation: _Decoded | None = None  # the newest silent tail
        self._buffer = SampleBuffer()  # the answer at 16 kHz
        self._probs = np.zeros(0, np.float32)  # Silero speech probability per 32 ms window, kept up to date
        self._pending_raw: list[np.ndarray] = []
        self.fed_s = 0.0  # seconds of audio fed (safe to read while the worker moves it on)
        self._resampler: Resampler | None = None
        self._committed = 0  # samples of audio already transcribed
        self.words: list[Word] = []
        self.texts: list[str] = []
        self.tail_s = 0.0  # seconds of audio ``finish`` had to transcribe (0 when the silent tail was ready)
        self.speculations = 0  # silent tails transcribed while recording
        self.speculations_reused = 0  # silent tails that became a piece when the candidate went on
        self.speculation_used = False  # whether the last of them was the answer's tail
        self.reached: Callable[[float], None] | None = None  # told how far into the answer transcription got, s
        self._lock = threading.Lock()  # the audio fed and not yet taken
        self._words_lock = threading.Lock()  # the words committed and how far they reach

    # --- input -----------------------------------------------------------------------------
    def feed(self, samples: np.ndarray, *, rate: int | None = None) -> None:
        """Audio as recorded: int16 or float, mono, at ``rate`` (``source_rate`` when not given).

        The first block fixes the rate: a device's is only known once it is open, and every block
        after is resampled with the same filter.
        """
        block = samples.astype(np.float32) / 32768 if samples.dtype == np.int16 else samples.astype(np.float32)
        with self._lock:
            if self._resampler is None:
                self.source_rate = rate or self.source_rate
                self._resampler = Resampler(self.source_rate, RATE)
            self._pending_raw.append(block)
            self.fed_s += len(block) / self.source_rate

    def _take_fed(self, *, final: bool = False) -> None:
        """Move what was fed into the 16 kHz buffer; ``final`` also drains the resampler's last samples."""
        with self._lock:
            raw, self._pending_raw, resampler = self._pending_raw, [], self._resampler
        if resampler is None:  # nothing fed yet
            return
        if raw:
            self._buffer.append(resampler.push(np.concatenate(raw)))
        if final:
            self._buffer.append(resampler.flush())

    @property
    def _audio(self) -> np.ndarray:
        return self._buffer.samples()

    # --- work --------------------------------------------------------------------------------
    def step(self) -> bool:
        """Do one piece of work if there is any; True when it did.

        The work: the features of the audio fed so far; a finished piece
        (cut in a pause, or forced with an overlap); else a pending tail
        that ends in silence, in case the answer ends there.
        """
        self._take_fed()
        self._features.update(self._audio)
        self._update_probabilities()  # every second, whatever else is due: the live indicators read them
        return self._piece() or self._speculate() or self._glimpse_now()

    def _piece(self) -> bool:
        """Transcribe the next finished piece, if there is one: cut in a pause, or forced with an overlap."""
        pending = len(self._audio) - self._committed
        if pending < self.min_chunk_s * RATE:
            return False
        cut = self._pause_cut()
        if cut is not None:
            options = self._piece_options(cut)
            spoken = self._speculation
            glimpsed = self._glimpsed_until(cut) if options.beam_size == 1 else None
            if spoken is not None and (spoken.begin, spoken.end) == (self._committed, cut) \
                    and spoken.beam_size >= options.beam_size:
                self._commit(spoken.transcript, spoken.begin, cut)  # the silent tail, then speech: the same piece
                self.speculations_reused += 1
            elif glimpsed is not None:
                self._commit(glimpsed, self._committed, cut)
                self.glimpses_reused += 1
            else:
                self._transcribe_piece(self._committed, cut, keep_until=None, options=options)
            return True
        end = self._committed + int(self.max_chunk_s * RATE)
        if len(self._probs) * _WINDOW >= end:  # the longest piece is all heard, with no pause in it
            self._transcribe_piece(self._committed, end, keep_until=end - int(self.overlap_s * RATE),
                                   options=self._piece_options(end))
            return True
        return False

    def _glimpsed_until(self, cut: int) -> Transcript | None:
        """The newest glimpse's words up to ``cut``, if it covers the piece that ends there: a piece to be decoded
        greedily would read the same (the cut is in a pause, so no word runs across it). On a busy machine a
        glimpse and then the piece it covers were decoded one after the other, 3 s each."""
        glimpse = self._glimpse
        if glimpse is None or glimpse.begin != self._committed or glimpse.end < cut:
            return None
        limit = (cut - self._committed) / RATE
        words = [word for word in glimpse.transcript.words if word.end <= limit]
        return Transcript(" ".join(word.word for word in words), words)

    def _piece_options(self, end: int) -> TranscribeOptions:
        """Beam search, unless more than ``behind_s`` of audio is waiting after this piece, or this machine decodes
        more than ``busy_slowdown`` times slower than when quiet: then greedily.

        Why the second: on a busy machine a piece's beam search took 2–3 s, and a stop that came meanwhile
        waited for it and then for the tail (2.6–2.9 s in the window); greedily it takes two thirds of that,
        and the worker is more often free to decode the tail in the silence before the stop.
        """
        if len(self._audio) - end <= self.behind_s * RATE and self.speed.slowdown <= self.busy_slowdown:
            return self.options
        self.fast_pieces += 1
        return self.options.fast()

    def _tail_options(self, samples: int, budget_s: float) -> TranscribeOptions:
        """Beam search for a tail of ``samples`` if this machine can decode it so within ``budget_s`` now, else greedy
        in a short window. Not greedy in a full window between the two: with two busy programs beside it that
        was chosen for the last 11 s and the stop waited 1.8 s for it (2.1 s in all; a short window 0.4 s)."""
        if self.speed.seconds(self.options, samples / RATE) <= budget_s:
            return self.options
        return self.options.fast(short_window=True)

    def _glimpse_now(self) -> bool:
        """Decode the audio since the last piece greedily, for the live counters, once ``glimpse_every_s`` more was
        heard: pieces and silent tails come only at pauses, and a filler should be counted while the candidate is
        still talking. A glimpse waits for at least twice the audio it is expected to take to decode (on a busy
        machine they come less often, and the worker keeps up with the transcript), and none is made when the
        worker is behind: the transcript comes first. Only while the candidate is speaking: once they fall silent
        the stop may come any moment, and a glimpse under way then is waited for (1.3 s on a busy machine)."""
        begin, end = self._committed, len(self._audio)
        seen = self._glimpse.end if self._glimpse is not None and self._glimpse.begin == begin else begin
        options = self.options.fast(short_window=True)
        every_s = max(self.glimpse_every_s, 2 * self.speed.seconds(options, (end - begin) / RATE))
        if end - seen < every_s * RATE or end - begin > self.behind_s * RATE + self.max_chunk_s * RATE:
            return False
        if not self._speaking_now(end):
            return False  # silent now: the answer may be ending, and a speculative tail is due, not a glimpse
        self._glimpse = self._decode_ahead(begin, end, options)
        return True

    def _speculate(self) -> bool:
        """Transcribe the pending audio now if the candidate has fallen silent: it may be the answer's end.

        Why: most people stop speaking a second or two before they press
        stop; transcribing the tail in that silence leaves nothing to
        transcribe after the press. Kept only if no speech follows.
        """
        if not math.isfinite(self.silence_to_speculate_s):  # never (a recording transcribed after the fact)
            return False
        begin, end = self._committed, len(self._audio)
        quiet = int(self.silence_to_speculate_s * RATE)
        if end - begin < quiet + RATE // 2 or self._speculation_holds(end) or self._speaking_now(end):
            return False
        self._update_probabilities(every_window=True)
        covered = len(self._probs) * _WINDOW
        tail_end = self._tail_end(begin, covered)
        if tail_end is None or tail_end >= covered:
            return False  # nothing said since the last piece, or Silero's whole-recording values not yet quiet
        options = self._tail_options(tail_end - begin, self.speculate_budget_s)
        self._speculation = self._decode_ahead(begin, tail_end, options)
        self.speculations += 1
        return True

    def _decode_ahead(self, begin: int, end: int, options: TranscribeOptions) -> _Decoded:
        return _Decoded(begin, end, self._transcribe(begin, end, options), options.beam_size)

    def _tail_end(self, begin: int, end: int) -> int | None:
        """Where the answer's last piece ends: as far after the last speech in ``[begin, end)`` (by Silero's
        whole-recording values) as a piece is cut into a pause (``_into_pause``); None when nothing was said
        there. Found the same in the silence before the stop (the speculative tail) and after it (``finish``,
        a re-analysis), so both decode the very same samples: with the tail's end wherever the silence had
        reached, Whisper's own VAD padding saw 0.35 s of silence in one and 0.4 s in the other, and "85 %" was
        read once as "80, 5 %". And where the candidate goes on after that silence, the piece is cut at the
        very place the tail ended, and the tail is that piece: it was decoded twice, 2.4 s each."""
        first = begin // _WINDOW
        speech = np.flatnonzero(self._probs[first:-(-end // _WINDOW)] > self.options.vad_threshold)
        if not len(speech):
            return None
        return min(end, (first + int(speech[-1]) + 1 + self._into_pause()) * _WINDOW)

    def _into_pause(self) -> int:
        """Silero windows into a pause where a piece ends: half the shortest pause a piece is cut at."""
        return max(1, int(self.min_pause_s * RATE / _WINDOW)) // 2

    def _speculation_holds(self, end: int) -> bool:
        """True while the speculative tail covers everything said (no speech after it, up to ``end``)."""
        return (self._speculation is not None and self._speculation.begin == self._committed
                and not self._speech_in(self._speculation.end, end))

    def _speaking_now(self, end: int) -> bool:
        """Whether the candidate spoke in the last ``silence_to_speculate_s`` before ``end``: the one test of "silent
        now" that ends glimpses and starts a speculative tail."""
        return self._speech_in(end - int(self.silence_to_speculate_s * RATE), end)

    def _speech_in(self, begin: int, end: int) -> bool:
        """Whether Silero hears speech in ``[begin, end)``, given up to 1 s of the audio before as context."""
        if end - begin < _WINDOW:
            return False
        context = min(RATE, begin) // _WINDOW * _WINDOW
        probs = silero_probabilities(self._audio[begin - context:end])
        return bool((probs[context // _WINDOW:(end - begin + context) // _WINDOW] > self.options.vad_threshold).any())

    def loaded_audio(self) -> LoadedAudio:
        """The recorded answer as ``LoadedAudio`` (16 kHz): the analysis needs no file decoding then."""
        return LoadedAudio(self.audio, RATE, self.source_rate, 1, "wav")

    def finish(self, *, stopped_at: float | None = None) -> Transcript:
        """Transcribe what is left after the answer ended; the whole transcript.

        ``stopped_at``: when the candidate stopped (``time.perf_counter()``), if a step under way was waited for
        since: the tail's beam search must fit in what is left of ``wait_budget_s`` (it took 1.3 s of waiting for
        a glimpse, then 1.6 s of beam search, in the window on a busy machine).
        """
        self._take_fed(final=True)
        end = len(self._audio)
        if self._speculation is not None and self._speculation_holds(end):
            self._commit(self._speculation.transcript, self._speculation.begin, end)
            self.speculation_used = True
            logger.debug("the tail was transcribed in the silence before the stop (%.1f s)",
                         (end - self._speculation.begin) / RATE)
        elif end - self._committed > int(0.2 * RATE):
            logger.debug("finish: %.1f s left to transcribe, slowdown %.1f, %d pieces greedy so far",
                         (end - self._committed) / RATE, self.speed.slowdown, self.fast_pieces)
            self._update_probabilities(final=True)  # so a tail of silence is known as one (_transcribe_piece)
            # pieces the worker had not got to (a busy machine) are cut as always: as a re-analysis cuts them
            while self._piece():
                pass
            self.tail_s = (end - self._committed) / RATE
            tail_end = self._tail_end(self._committed, end) if self.tail_s > 0.2 else None
            if tail_end is not None:  # the candidate is waiting now: decoded as the silence before would have
                waited = time.perf_counter() - stopped_at if stopped_at is not None else 0.0
                self._transcribe_piece(self._committed, tail_end, keep_until=None,
                                       options=self._tail_options(tail_end - self._committed,
                                                                  self.wait_budget_s - waited))
            with self._words_lock:
                self._committed = end
        self._speculation = None
        return Transcript(" ".join(t for t in self.texts if t), list(self.words))

    def result(self, *, stopped_at: float | None = None) -> Streamed:
        """The finished transcript with the audio, VAD and features the analysis needs (``stopped_at``: as for
        ``finish``)."""
        transcript = self.finish(stopped_at=stopped_at)
        return Streamed(transcript, self.loaded_audio(), self.probabilities, self._features.features(self._audio))

    @property
    def done_s(self) -> float:
        """Seconds of the answer transcribed so far (pieces committed)."""
        return self._committed / RATE

    @property
    def audio(self) -> np.ndarray:
        """Everything fed so far, at 16 kHz (for the delivery metrics at the end)."""
        self._take_fed()
        return self._audio

    def _update_probabilities(self, *, final: bool = False, every_window: bool = False) -> None:
        """Bring Silero's probabilities up to the whole seconds heard (all of the audio when ``final``).

        The same values ``silero_probabilities`` gives for the whole recording, however the audio arrived:
        it runs Silero a minute (``_MINUTE`` windows) at a time with a second of context, and Silero is
        causal, so the part of a minute heard so far is recomputed from that minute's start and gives the
        values the complete minute will. So the cuts do not depend on when this ran, and a saved recording
        (one call a minute) is cut as it was while recorded.
        """
        done = len(self._probs)
        heard = len(self._audio) // _WINDOW
        if not final and heard - done < (1 if every_window else _CHUNK):
            return
        first = done // _MINUTE * _MINUTE  # the start of the minute in progress
        lead = min(first, _CHUNK)
        fresh = silero_probabilities(self._audio[(first - lead) * _WINDOW:None if final else heard * _WINDOW],
                                     context_windows=_CHUNK, lead_windows=lead)
        fresh = fresh if final else fresh[:heard - first]
        self._probs = np.concatenate([self._probs[:first], fresh])

    @property
    def probabilities(self) -> np.ndarray:
        """Silero probabilities of the whole answer so far, for the delivery analysis at the end."""
        self._take_fed()
        self._update_probabilities(final=True)
        return self._probs

    def _pause_cut(self) -> int | None:
        """Where the piece ends: in the first pause of at least ``min_pause_s`` that starts between
        ``min_chunk_s`` and ``max_chunk_s`` of pending audio, ``min_pause_s / 2`` into it — a place that does
        not depend on when this runs. Only once speech has resumed after that pause (or the longest piece
        is all heard): a pause that is still going on may be the end of the answer, which the speculative
        tail covers, and a piece decoded in it would keep the candidate waiting after the stop."""
        self._update_probabilities()
        first = -(-self._committed // _WINDOW)  # the first window wholly inside the pending audio
        speech = self._probs[first:] > self.options.vad_threshold
        longest = int(self.max_chunk_s * RATE / _WINDOW)
        need = max(1, int(self.min_pause_s * RATE / _WINDOW))
        quiet, cut = 0, None
        for i in range(len(speech)):
            if cut is not None:
                if speech[i]:
                    return cut  # the pause is over: the piece before it is finished
                continue
            if i >= longest:
                return None
            quiet = 0 if speech[i] else quiet + 1
            pause_start = i - quiet + 1
            if quiet >= need and pause_start * _WINDOW >= self.min_chunk_s * RATE and speech[:pause_start].any():
                cut = (first + pause_start + self._into_pause()) * _WINDOW
        return cut if cut is not None and len(speech) >= longest else None

    def _transcribe_piece(self, begin: int, end: int, *, keep_until: int | None,
                          options: TranscribeOptions) -> None:
        first, stop = begin // _WINDOW, -(-end // _WINDOW)
        heard = self._probs[first:stop]
        if len(heard) == stop - first and not (heard > self.options.vad_threshold).any():
            piece = Transcript("", [])  # no speech in it: Whisper's own VAD would drop all of it anyway
        else:
            piece = self._transcribe(begin, end, options)
        self._commit(piece, begin, end, keep_until=keep_until)

    def _transcribe(self, begin: int, end: int, options: TranscribeOptions) -> Transcript:
        """``[begin, end)`` decoded with ``options``, timed for ``speed``; ``reached`` hears how far it got."""
        report = self.reached
        progress = None if report is None else (lambda fraction: report((begin + fraction * (end - begin)) / RATE))
        audio_s = (end - begin) / RATE
        started = time.perf_counter()
        self._decoding = (begin / RATE, end / RATE, started, self.speed.seconds(options, audio_s))
        try:
            piece = transcribe(self.model, self._audio[begin:end], options, progress=progress)
        finally:
            self._decoding = None
        took = time.perf_counter() - started
        self.speed.record(options, audio_s, took)
        logger.debug("decoded %.1f–%.1f s (beam %d, heard %.1f s) in %.2f s", begin / RATE, end / RATE,
                     options.beam_size, len(self._audio) / RATE, took)
        return piece

    def reached_s(self) -> float:
        """Seconds of the answer transcribed, with the decoding under way counted by the time it has had of the time
        it is expected to take: a waiting candidate sees the share move while one piece is decoded."""
        decoding = self._decoding
        if decoding is None:
            return self.done_s
        begin_s, end_s, started, expected_s = decoding
        ratio = (time.perf_counter() - started) / max(expected_s, 0.1)
        share = 0.9 * ratio if ratio < 1 else 1 - 0.1 / ratio  # slower than expected: still moving, never done
        return begin_s + share * (end_s - begin_s)

    def _commit(self, piece: Transcript, begin: int, end: int, *, keep_until: int | None = None) -> None:
        """Add the words of the piece ``[begin, end)`` at their place in the answer.

        With ``keep_until``, only the words ending before it are kept, and the next piece starts after the last.
        """
        offset = begin / RATE
        limit = None if keep_until is None else keep_until / RATE
        kept = []
        for shifted in _shifted(piece.words, offset):
            if limit is not None and shifted.end > limit:
                break
            kept.append(shifted)
        if keep_until is None:
            text, committed = piece.text, end
        else:
            text, resume = " ".join(w.word for w in kept), int(kept[-1].end * RATE) if kept else keep_until
            # never where this piece began: a word timed at its very start (noise read as speech) would
            # have the same piece decoded again and again
            committed = resume if resume > begin + RATE else keep_until
        self.texts.append(text)
        with self._words_lock:
            self.words.extend(kept)
            self._committed = committed

    # --- live indicators ------------------------------------------------------------------------
    def live(self, pause_s: float) -> LiveIndicators:
        """Pace, fillers and time since the last pause of ``pause_s`` (the shortest pause the report counts), as far
        as the answer is transcribed (analysis.live).

        The words are the committed ones and those of the newest decoding of the audio since: the speculative
        tail of the candidate's last pause or the last glimpse. Committed words alone lag a piece (8–28 s) behind
        the voice. Those are not final (the piece is decoded again with what follows), which for a count shown
        while speaking is close enough: the report counts the final words.
        """
        return live_indicators(self.live_words(), self._probs, len(self._audio) / RATE,
                               speech_threshold=self.options.vad_threshold, pause_s=pause_s)

    def live_words(self) -> list[Word]:
        """The committed words and those of the newest decoding since (``live``). Read under the lock a piece is
        committed under: read between the two, a piece's words and the glimpse that covered it would both count."""
        with self._words_lock:
            words, committed = list(self.words), self._committed
        newest = max((d for d in (self._speculation, self._glimpse) if d is not None and d.begin == committed),
                     key=lambda decoded: decoded.end, default=None)
        if newest is not None:
            words += _shifted(newest.transcript.words, newest.begin / RATE)
        return words


def _shifted(words: list[Word], offset: float) -> list[Word]:
    """A piece's words at their place in the answer, ``offset`` seconds into it."""
    return [Word(w.word, round(w.start + offset, 3), round(w.end + offset, 3), w.probability) for w in words]


def transcribe_recording(model, samples: np.ndarray, options: TranscribeOptions = TranscribeOptions(), *,
                         progress: ProgressCallback | None = None, should_cancel: CancelCheck | None = None,
                         **settings) -> Streamed:
    """A whole 16 kHz recording transcribed in the pieces streaming would have cut it into while recording, on a
    worker that never fell behind on a quiet machine: what the benches and tests compare streaming with. No
    speculation and no greedy piece or tail: nobody is waiting for a moment in particular (with the busy rule on,
    a re-analysis beside other work decoded greedily and read 0.165 → 0.192 word errors on a real answer).
    ``progress`` gets the fraction done; ``should_cancel`` is polled between pieces.
    """
    streamer = StreamingTranscriber(model, options, silence_to_speculate_s=float("inf"), wait_budget_s=float("inf"),
                                    behind_s=float("inf"), glimpse_every_s=float("inf"), busy_slowdown=float("inf"),
                                    **settings)
    report = progress or (lambda fraction: None)
    streamer.reached = lambda seconds: report(min(seconds * RATE / max(len(samples), 1), 1.0))
    report(0.0)
    block = int(30 * RATE)  # fed as if recorded, half a minute at a time: the features' memory stays small
    for start in range(0, len(samples), block):
        streamer.feed(samples[start:start + block], rate=RATE)
        while streamer.step():
            if should_cancel is not None and should_cancel():
                raise Cancelled("распознавание отменено")
    result = streamer.result()
    report(1.0)
    return result
