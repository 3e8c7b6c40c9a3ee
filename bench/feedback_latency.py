"""Seconds from the end of an answer to its full report: streaming against whole-file transcription.

    python bench/feedback_latency.py [--speed 1] [--minutes 2]

A Festival answer of about two minutes (the demo answer and fixtures, joined
with pauses) is fed block by block at ``speed`` times real time (1 = as a
candidate speaks; the feeding timestamps are recorded) through the streaming
path, as the recorder feeds it, while ``StreamingWorker`` transcribes
finished pieces. When the feed ends, the clock starts: finish the tail, then
the delivery and content analysis. Then the same audio is analysed
whole-file (decode, transcribe, analyse), as without streaming. Bundled base
model, int8, all cores.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.audio_file import load_audio  # noqa: E402
from analysis.engine import Analyzer  # noqa: E402
from analysis.streaming import StreamingTranscriber, StreamingWorker  # noqa: E402
from analysis.wer import word_error_rate, words_of  # noqa: E402
from audio.wav_file import write_wav  # noqa: E402

SOURCES = ["assets/demo/answer.wav", "tests/fixtures/hesitations.wav", "tests/fixtures/star.wav",
           "tests/fixtures/pauses.wav", "tests/fixtures/tempo_slow.wav", "tests/fixtures/fillers.wav"]
RATE = 48_000
BLOCK = RATE // 10


def long_answer(minutes: float) -> np.ndarray:
    parts, total = [], 0
    while total < minutes * 60 * RATE:
        for source in SOURCES:
            clip = load_audio(ROOT / source, sample_rate=RATE).samples
            parts += [clip, np.zeros(int(0.8 * RATE), np.float32)]
            total += len(clip) + int(0.8 * RATE)
    return np.concatenate(parts)[: int(minutes * 60 * RATE)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=1.0, help="feeding speed, times real time")
    parser.add_argument("--minutes", type=float, default=2.0)
    args = parser.parse_args()

    analyzer = Analyzer()
    analyzer.prepare()
    audio = long_answer(args.minutes)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answer.wav"
        write_wav(path, audio, RATE)

        streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=RATE)
        worker = StreamingWorker(streamer)
        started = time.monotonic()
        for i, start in enumerate(range(0, len(audio), BLOCK)):
            streamer.feed((np.clip(audio[start:start + BLOCK], -1, 1) * 32767).astype(np.int16))
            delay = started + (i + 1) * BLOCK / RATE / args.speed - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        fed_s = time.monotonic() - started
        end_of_answer = time.perf_counter()
        transcript = worker.stop()
        tail_s = time.perf_counter() - end_of_answer
        report = analyzer.analyze_audio(streamer.loaded_audio(), str(path), transcript=transcript,
                                        vad_probabilities=streamer.probabilities)
        streaming_s = time.perf_counter() - end_of_answer

        whole_started = time.perf_counter()
        whole = analyzer.analyze_file(path)
        whole_s = time.perf_counter() - whole_started

    agreement = word_error_rate(words_of(whole.transcript.text), words_of(report.transcript.text))
    duration = len(audio) / RATE
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; answer {duration:.0f} s fed in {fed_s:.0f} s "
          f"(speed {args.speed:g}x); transcription busy during the answer: {worker.busy_s:.1f} s")
    print(f"streaming: end of answer -> full report {streaming_s:.2f} s (tail transcription {tail_s:.2f} s, "
          f"analysis {report.timing.analyze_s + report.timing.decode_s:.2f} s)  target <= 2.0 s")
    print(f"whole-file after the answer: {whole_s:.2f} s")
    print(f"streaming is {whole_s / streaming_s:.1f}x faster to feedback; "
          f"word error rate between the two transcripts: {agreement:.3f}")


if __name__ == "__main__":
    main()
