"""Seconds from the end of an answer to its full report: streaming against whole-file transcription.

    python bench/feedback_latency.py [--speed 1] [--minutes 2] [--click-after 1.0] [--load 2]

A Festival answer of about two minutes (the demo answer and fixtures, joined
with pauses) is fed block by block at ``speed`` times real time (1 = as a
candidate speaks; the feeding timestamps are recorded) through the streaming
path, as the recorder feeds it, while ``StreamingWorker`` transcribes
finished pieces. The answer ends with ``click-after`` seconds of silence:
the time a candidate takes to press stop after the last word (0 = they
press it mid-sentence, the worst case). When the feed ends, the clock starts: finish the tail, then
the delivery and content analysis. Then the same audio is analysed
whole-file (decode, transcribe, analyse), as without streaming. Bundled base
model, int8, all cores. ``--load N`` runs N CPU-bound processes beside it the whole time.

While the answer is fed, the live counters are read every half second, as
the window reads them: how long after a filler is said it is counted, and
when the pace first shows and how far it is from the report's pace over the
same stretch.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from cpu_load import cpu_load  # noqa: E402

from sobes.analysis.engine import Analyzer  # noqa: E402
from sobes.analysis.live import filler_words, words_per_minute  # noqa: E402
from sobes.analysis.streaming_worker import StreamingWorker  # noqa: E402
from sobes.analysis.wer import word_error_rate, words_of  # noqa: E402
from sobes.audio.wav_file import write_wav  # noqa: E402
from sobes.core.audio_file import load_audio  # noqa: E402

SOURCES = ["assets/demo/answer.wav", "tests/fixtures/hesitations.wav", "tests/fixtures/star.wav",
           "tests/fixtures/pauses.wav", "tests/fixtures/tempo_slow.wav", "tests/fixtures/fillers.wav"]
RATE = 48_000
BLOCK = RATE // 10


def long_answer(minutes: float, click_after_s: float) -> np.ndarray:
    """Clips joined with 0.8 s pauses up to ``minutes``; cut mid-speech when ``click_after_s`` is 0."""
    parts, total = [], 0
    clips = [load_audio(ROOT / source, sample_rate=RATE).samples for source in SOURCES]
    while total < minutes * 60 * RATE:
        clip = clips[len(parts) // 2 % len(clips)]
        parts += [clip, np.zeros(int(0.8 * RATE), np.float32)]
        total += len(clip) + int(0.8 * RATE)
    if click_after_s <= 0:
        return np.concatenate(parts)[: int(minutes * 60 * RATE)]
    return np.concatenate(parts[:-1] + [np.zeros(int(click_after_s * RATE), np.float32)])


def live_lags(polls: list[tuple[float, object]], final) -> tuple[list[float], tuple[float, float, float] | None]:
    """How late each filler was counted live (s after its end), and (when, live, report's) of the first pace.

    ``polls`` are (seconds of audio heard, LiveIndicators); the k-th filler counts as shown at the first poll
    whose count reached k.
    """
    lags = []
    for k, filler in enumerate(filler_words(final), start=1):
        shown = next((heard for heard, live in polls if live.fillers >= k), None)
        if shown is not None:
            lags.append(shown - filler.end)
    paced = next(((heard, live) for heard, live in polls if live.words_per_min is not None), None)
    if paced is None:
        return lags, None
    heard, live = paced
    start = max(final[0].start, live.transcribed_s - 25.0)
    return lags, (heard, live.words_per_min, words_per_minute(final, start, live.transcribed_s))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=1.0, help="feeding speed, times real time")
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--click-after", type=float, default=1.0,
                        help="silence between the last word and the stop, seconds (0: stop mid-sentence)")
    parser.add_argument("--load", type=int, default=0, help="CPU-bound processes running beside it")
    args = parser.parse_args()

    analyzer = Analyzer(None, Judge(Norms()))
    analyzer.prepare()
    audio = long_answer(args.minutes, args.click_after)
    pause_s = analyzer.judge.norms.min_pause_s
    with tempfile.TemporaryDirectory() as tmp, cpu_load(args.load):
        path = Path(tmp) / "answer.wav"
        write_wav(path, audio, RATE)

        streamer = analyzer.new_stream()
        worker = StreamingWorker(streamer)
        polls = []
        started = time.monotonic()
        for i, start in enumerate(range(0, len(audio), BLOCK)):
            streamer.feed((np.clip(audio[start:start + BLOCK], -1, 1) * 32767).astype(np.int16), rate=RATE)
            if i % 5 == 4:  # every half second, as the window reads them
                polls.append(((start + BLOCK) / RATE, streamer.live(pause_s)))
            delay = started + (i + 1) * BLOCK / RATE / args.speed - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        fed_s = time.monotonic() - started
        end_of_answer = time.perf_counter()
        streamed = worker.stop()
        tail_s = time.perf_counter() - end_of_answer
        report = analyzer.analyze_streamed(streamed, str(path))
        streaming_s = time.perf_counter() - end_of_answer

        whole_started = time.perf_counter()
        whole = analyzer.analyze_file(path)
        whole_s = time.perf_counter() - whole_started

    agreement = word_error_rate(words_of(whole.transcript.text), words_of(report.transcript.text))
    duration = len(audio) / RATE
    used = "the last one used" if streamer.speculation_used else "none used"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {args.load} CPU-bound processes beside it; "
          f"answer {duration:.0f} s (stop {args.click_after:g} s after the last word) fed in {fed_s:.0f} s "
          f"(speed {args.speed:g}x)")
    print(f"transcription busy during the answer: {worker.busy_s:.1f} s; "
          f"speculative tails transcribed: {streamer.speculations} ({used})")
    print(f"streaming: end of answer -> full report {streaming_s:.2f} s (tail transcription and last features "
          f"{tail_s:.2f} s, analysis {report.timing.analyze_s:.2f} s)  target <= 1.0 s quiet, 2.0 s loaded")
    print(f"whole-file after the answer: {whole_s:.2f} s")
    print(f"streaming is {whole_s / streaming_s:.1f}x faster to feedback; "
          f"word error rate between the two transcripts: {agreement:.3f}")
    lags, pace = live_lags(polls, report.transcript.words)
    if lags:
        print(f"live fillers: {len(lags)} of {len(filler_words(report.transcript.words))} counted while speaking, "
              f"{np.median(lags):.1f} s after being said (median), {max(lags):.1f} s at most  target <= 3 s")
    if pace is not None:
        heard, live_wpm, final_wpm = pace
        print(f"live pace: first shown {heard:.1f} s into the answer, {live_wpm:.0f} words/min against the report's "
              f"{final_wpm:.0f} over the same stretch ({abs(live_wpm - final_wpm) / final_wpm:.0%} apart)  "
              f"target: after 10 s of speech, within 15 %")


if __name__ == "__main__":
    main()
