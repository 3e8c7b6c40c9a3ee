"""Streaming transcription: pieces cut at pauses, nothing lost or doubled at the edges, a short tail."""

from __future__ import annotations

import time

import numpy as np
import pytest

from sobes.analysis.decode_speed import DecodeSpeed
from sobes.analysis.live import filler_words, words_per_minute
from sobes.analysis.speech_activity import silero_probabilities
from sobes.analysis.streaming import StreamingTranscriber, transcribe_recording
from sobes.analysis.streaming_worker import StreamingWorker
from sobes.analysis.transcribe import transcribe
from sobes.analysis.wer import word_error_rate, words_of
from sobes.core.audio_file import load_audio
from tests.judges import MIN_PAUSE, VOICING


def feed_in_blocks(streamer, audio, rate=48_000):
    for i in range(0, len(audio), rate // 10):  # 0.1 s blocks, as the recorder delivers them
        streamer.feed((audio[i:i + rate // 10] * 32767).astype(np.int16), rate=rate)
        streamer.step()


def stream(analyzer, path, **kwargs):
    """Stream a fixture; also the number of pieces committed before the end (speculative tails not counted)."""
    audio = load_audio(path, sample_rate=48_000).samples
    streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=48_000, voicing_threshold=VOICING,
                                    **kwargs)
    feed_in_blocks(streamer, audio)
    pieces = len(streamer.texts)
    started = time.perf_counter()
    transcript = streamer.finish()
    return streamer, transcript, pieces, time.perf_counter() - started


def test_pieces_are_cut_in_pauses_and_joined_without_loss(analyzer, fixtures_dir):
    streamer, transcript, pieces, tail_s = stream(analyzer, fixtures_dir / "pauses.wav", min_chunk_s=3.0)
    assert pieces >= 2  # 13 s with pauses: cut more than once before the end
    whole = transcribe(analyzer._whisper, streamer.audio, analyzer.options)
    assert word_error_rate(words_of(whole.text), words_of(transcript.text)) <= 0.05
    assert all(a.end <= b.start + 1e-3 for a, b in zip(transcript.words, transcript.words[1:]))


def test_long_stretch_without_pauses_uses_an_overlap(analyzer, fixtures_dir):
    """Forced cuts every 6 s (no pause long enough): no word twice, none missing."""
    streamer, transcript, pieces, _ = stream(analyzer, fixtures_dir / "star.wav", min_chunk_s=4.0,
                                             max_chunk_s=6.0, min_pause_s=5.0)
    assert pieces >= 3
    said = words_of(transcript.text)
    assert not any(a == b for a, b in zip(said, said[1:]))  # no word doubled at an edge
    assert all(a.end <= b.start + 1e-3 for a, b in zip(transcript.words, transcript.words[1:]))
    whole = transcribe(analyzer._whisper, streamer.audio, analyzer.options)
    assert abs(len(transcript.words) - len(whole.words)) <= 0.2 * len(whole.words)  # nothing lost


def test_live_indicators_agree_with_the_final_transcript(analyzer, fixtures_dir):
    """Fed in real time through the streaming worker: once shown (after 10 s of speech), the live pace is the final
    transcript's pace over the same stretch (within 15 %), the live filler count is within one of the final count
    for the words transcribed so far, both come within seconds of the voice (the tail decoded in the last pause,
    not the last committed piece), and before that the pace is a reason, not a number."""
    audio = np.concatenate([load_audio(fixtures_dir / name, sample_rate=48_000).samples
                            for name in ("fillers.wav", "hesitant.wav", "pauses.wav")])
    streamer = analyzer.new_stream()
    worker = StreamingWorker(streamer)
    seen, heard_words = [], []  # the words live read, to say what went wrong
    started = time.monotonic()
    for i in range(0, len(audio), 4_800):
        streamer.feed((audio[i:i + 4_800] * 32767).astype(np.int16), rate=48_000)
        if i % 24_000 == 0:
            seen.append((i / 48_000, streamer.live(MIN_PAUSE)))
            heard_words.append(" ".join(w.word for w in streamer.live_words()))
        time.sleep(max(0.0, started + (i + 4_800) / 48_000 - time.monotonic()))  # as a microphone delivers
    final = worker.stop().transcript.words
    assert seen[0][1].words_per_min is None and "10 с" in seen[0][1].pace_reason
    paced = [(live, words) for (_, live), words in zip(seen, heard_words) if live.words_per_min is not None]
    assert paced, "no pace after 10 s of speech"
    for live, words in paced:
        start = max(final[0].start, live.transcribed_s - 25.0)
        expected = words_per_minute(final, start, live.transcribed_s)
        assert abs(live.words_per_min - expected) <= 0.15 * expected, (live, expected, words, final)
        so_far = [w for w in final if w.end <= live.transcribed_s]
        assert abs(live.fillers - len(filler_words(so_far))) <= 1
    assert max(live.fillers for _, live in seen) >= 3 and any(live.since_pause_s is not None for _, live in seen)
    lags = []  # how long after a filler was said it was counted
    for k, filler in enumerate(filler_words(final), start=1):
        shown = next((heard for heard, live in seen if live.fillers >= k), None)
        if shown is not None:
            lags.append(round(shown - filler.end, 1))
    assert len(lags) >= 3 and np.median(lags) < 5, lags  # committed pieces alone lag 8–28 s


def test_tail_spoken_before_a_silence_is_ready_when_stop_is_pressed(analyzer, fixtures_dir):
    """The candidate stops talking, then presses stop: nothing is left to transcribe after the press. (The first
    sentence, 8 s: a quiet machine decodes a tail of up to about 11 s with beam search before the stop.)"""
    speech = load_audio(fixtures_dir / "intro.wav", sample_rate=48_000).samples[:int(8.1 * 48_000)]
    streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=48_000, voicing_threshold=VOICING)
    feed_in_blocks(streamer, np.concatenate([speech, np.zeros(48_000 * 3 // 2, np.float32)]))
    transcript = streamer.finish()
    assert streamer.tail_s == 0 and streamer.speculation_used and streamer.speculations >= 1
    whole = transcribe(analyzer._whisper, streamer.audio, analyzer.options)
    assert word_error_rate(words_of(whole.text), words_of(transcript.text)) <= 0.05


def test_speech_after_the_silence_discards_the_early_tail(analyzer, fixtures_dir):
    first = load_audio(fixtures_dir / "intro.wav", sample_rate=48_000).samples
    second = load_audio(fixtures_dir / "fillers.wav", sample_rate=48_000).samples
    streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=48_000, voicing_threshold=VOICING,
                                    min_chunk_s=60)
    feed_in_blocks(streamer, np.concatenate([first, np.zeros(48_000, np.float32)]))
    assert streamer._speculation is not None  # the silence was used
    feed_in_blocks(streamer, second)
    transcript = streamer.finish()
    assert streamer.tail_s > 20 and not streamer.speculation_used  # both parts transcribed at the end, as one piece
    said = words_of(transcript.text)
    assert "здравствуйте" in said and said.count("здравствуйте") == 1
    assert len(said) > len(words_of(transcribe(analyzer._whisper, streamer.audio[:16_000 * 13],
                                               analyzer.options).text)) + 10


def test_report_from_streaming_matches_the_report_computed_after_the_answer(analyzer, fixtures_dir):
    """Features and VAD computed while recording give the delivery metrics the whole answer gives."""
    audio = load_audio(fixtures_dir / "pauses.wav", sample_rate=48_000).samples
    streamer = analyzer.new_stream()
    feed_in_blocks(streamer, audio)
    streamed = streamer.result()
    fast = analyzer.analyze_streamed(streamed, "pauses.wav")
    slow = analyzer.analyze_audio(streamed.audio, "pauses.wav", transcript=streamed.transcript)
    assert [round(p.start, 2) for p in fast.pauses.items] == [round(p.start, 2) for p in slow.pauses.items]
    assert fast.pitch.median_hz == slow.pitch.median_hz and fast.loudness == slow.loudness
    assert fast.tempo.syllables_per_sec == slow.tempo.syllables_per_sec


def test_the_rate_given_with_the_first_block_is_the_one_used(analyzer, fixtures_dir):
    """The stream is created before the device is open; a 44.1 kHz microphone must not be read as 16 or 48."""
    audio = load_audio(fixtures_dir / "intro.wav", sample_rate=44_100).samples
    streamer = analyzer.new_stream()
    for i in range(0, len(audio), 4_410):
        streamer.feed((audio[i:i + 4_410] * 32767).astype(np.int16), rate=44_100)
    streamed = streamer.result()
    assert streamer.source_rate == 44_100
    assert streamed.audio.duration_s == pytest.approx(len(audio) / 44_100, abs=0.01)
    assert "иванова" in streamed.transcript.text.lower()


def feed_unevenly(streamer, audio, rate=48_000):
    """Blocks of 1.3 s with a step only every third block: a worker that was busy when audio arrived."""
    block = int(1.3 * rate)
    for n, i in enumerate(range(0, len(audio), block)):
        streamer.feed((audio[i:i + block] * 32767).astype(np.int16), rate=rate)
        if n % 3 == 2:
            while streamer.step():
                pass


def test_cuts_do_not_depend_on_when_the_worker_ran_and_a_reanalysis_reads_the_same(analyzer, fixtures_dir):
    """The same answer streamed as the recorder delivers it and as a busy worker sees it, and the saved recording
    transcribed again after the fact: the same pieces, the same words. Streamed steadily, the tail decoded in the
    pause where the first piece ends is that piece (the candidate went on), not decoded again."""
    answer = load_audio(fixtures_dir / "star.wav", sample_rate=48_000).samples  # 27 s: two pieces
    audio = np.concatenate([answer, np.zeros(48_000, np.float32)])  # a second of silence before the stop
    # decoded as on a quiet machine whatever runs beside the tests: beam search for every piece and tail
    quiet = {"busy_slowdown": float("inf"), "speculate_budget_s": float("inf"), "wait_budget_s": float("inf")}
    steady = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=48_000, voicing_threshold=VOICING,
                                  **quiet)
    feed_in_blocks(steady, audio)
    busy = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=48_000, voicing_threshold=VOICING,
                                **quiet)
    feed_unevenly(busy, audio)
    first, second = steady.finish(), busy.finish()
    again = transcribe_recording(analyzer._whisper, steady.audio, analyzer.options,
                                 voicing_threshold=VOICING).transcript
    assert len(steady.texts) >= 2 and steady.speculations_reused >= 1
    assert first.text == second.text == again.text
    assert [w.start for w in first.words] == [w.start for w in again.words]


def test_speech_probabilities_are_the_same_however_the_audio_arrived(fixtures_dir):
    audio = load_audio(fixtures_dir / "pauses.wav", sample_rate=48_000).samples
    streamer = StreamingTranscriber(model=None, source_rate=48_000, voicing_threshold=VOICING)
    for n, i in enumerate(range(0, len(audio), 7_000)):  # odd blocks, probabilities brought up to date now and then
        streamer.feed((audio[i:i + 7_000] * 32767).astype(np.int16))
        if n % 5 == 0:
            streamer._take_fed()
            streamer._update_probabilities()
    whole = silero_probabilities(streamer.audio)
    probs = streamer.probabilities
    assert len(probs) >= len(whole) - 1
    np.testing.assert_allclose(probs[:len(whole) - 1], whole[:len(probs)][:len(whole) - 1], atol=1e-5)


def test_a_worker_left_behind_decodes_more_cheaply_and_says_how_far_it_got(analyzer, fixtures_dir):
    """On a busy machine the answer may end with pieces not yet transcribed: they are cut as always, decoded greedily
    rather than queued behind beam search, close to what beam search reads, and the waiting candidate sees the share
    done grow, twice a second, never back ("Распознаём ответ… 60 %")."""
    answer = load_audio(fixtures_dir / "star.wav", sample_rate=48_000).samples
    audio = np.concatenate([answer, np.zeros(48_000, np.float32)])
    streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=48_000, voicing_threshold=VOICING)
    streamer.feed((audio * 32767).astype(np.int16), rate=48_000)  # all of it at once: nothing transcribed yet
    worker = StreamingWorker(streamer, poll_s=60)
    seen: list[tuple[float, float]] = []
    started = time.perf_counter()
    streamed = worker.stop(lambda share: seen.append((time.perf_counter() - started, share)))
    waited = time.perf_counter() - started
    again = transcribe_recording(analyzer._whisper, streamer.audio, analyzer.options,
                                 voicing_threshold=VOICING).transcript
    assert streamer.fast_pieces >= 1 and len(streamer.texts) >= 2
    assert word_error_rate(words_of(again.text), words_of(streamed.transcript.text)) <= 0.15
    shares = [share for _, share in seen]
    assert shares[0] < 0.5 and shares[-1] == pytest.approx(1.0, abs=0.05)
    assert any(0.2 < share < 0.95 for share in shares) and shares == sorted(shares), shares
    moments = [0.0] + [at for at, _ in seen] + [waited]
    assert max(b - a for a, b in zip(moments, moments[1:])) < 1.0, seen  # it moves at least every second


def test_on_a_busy_machine_a_glimpse_that_covers_a_piece_is_not_decoded_again(analyzer, fixtures_dir):
    """Busy (decoding twice as slow as quiet), pieces are decoded greedily; a glimpse already decoded that audio
    greedily, so the piece takes the glimpse's words up to its cut (in a pause) instead of a second decoding."""
    audio = load_audio(fixtures_dir / "star.wav", sample_rate=48_000).samples
    streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=48_000, voicing_threshold=VOICING,
                                    speed=DecodeSpeed(slowdown=2.0))
    streamer.feed((audio * 32767).astype(np.int16), rate=48_000)
    streamer._take_fed()
    streamer._update_probabilities()
    cut = streamer._pause_cut()
    assert cut is not None and streamer._piece_options(cut).beam_size == 1
    streamer._glimpse = streamer._decode_ahead(0, len(streamer.audio), analyzer.options.fast(short_window=True))
    decodings = streamer.speed.slowdown, len(streamer.texts)
    assert streamer._piece() and streamer.glimpses_reused == 1
    assert streamer.speed.slowdown == decodings[0]  # nothing was decoded: a decoding would have been timed
    assert streamer.done_s == pytest.approx(cut / 16_000)
    assert streamer.words and streamer.words[-1].end <= cut / 16_000
    piece = transcribe(analyzer._whisper, streamer.audio[:cut], analyzer.options.fast())
    assert word_error_rate(words_of(piece.text), words_of(" ".join(w.word for w in streamer.words))) <= 0.1


def test_time_since_the_last_pause_stops_counting_in_silence(fixtures_dir):
    """The walkthrough: "без паузы: 97 с" went on counting through a long silence (the probabilities were not
    brought up to date while a speculative tail held)."""
    speech = load_audio(fixtures_dir / "intro.wav", sample_rate=48_000).samples[:6 * 48_000]
    streamer = StreamingTranscriber(model=None, source_rate=48_000, voicing_threshold=VOICING,
                                    silence_to_speculate_s=float("inf"), glimpse_every_s=float("inf"))
    for i in range(0, len(speech), 4_800):
        streamer.feed((speech[i:i + 4_800] * 32767).astype(np.int16))
        streamer._take_fed()
        streamer._update_probabilities()
    talking = streamer.live(MIN_PAUSE).since_pause_s
    silence = np.zeros(4_800, np.int16)
    for _ in range(40):  # four seconds of silence, stepped as the worker steps
        streamer.feed(silence)
        streamer.step()
    assert talking is not None and talking > 0 and streamer.live(MIN_PAUSE).since_pause_s == 0.0
