"""Real-time factor of transcription: the chosen settings against faster-whisper's defaults.

    python bench/transcribe_rtf.py [AUDIO] [--repeat N]

RTF = seconds of computing / seconds of audio (lower is faster; 0.1 means a
one-minute answer takes six seconds). Both settings run on the same audio,
with the bundled model warm, int8, on all cores; model load is timed apart.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from sobes.analysis.model_store import resolve_model  # noqa: E402
from sobes.analysis.transcribe import TranscribeOptions, load_model, transcribe  # noqa: E402
from sobes.core.audio_file import load_audio  # noqa: E402


def time_chosen(model, samples, options) -> float:
    started = time.perf_counter()
    transcribe(model, samples, options)
    return time.perf_counter() - started


def time_defaults(model, samples) -> float:
    started = time.perf_counter()
    segments, _ = model.transcribe(samples, language="ru", beam_size=5, word_timestamps=True)
    list(segments)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", nargs="?", default=str(ROOT / "assets" / "demo" / "answer.wav"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    options = TranscribeOptions()
    samples = load_audio(args.audio).samples
    duration = len(samples) / 16_000
    started = time.perf_counter()
    model = load_model(resolve_model(None), options)
    load_s = time.perf_counter() - started
    time_chosen(model, samples[:16_000 * 5], options)  # warm-up

    chosen = [time_chosen(model, samples, options) for _ in range(args.repeat)]
    defaults = [time_defaults(model, samples) for _ in range(args.repeat)]
    rtf_chosen = statistics.median(chosen) / duration
    rtf_defaults = statistics.median(defaults) / duration
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"audio: {args.audio} ({duration:.1f} s); model load {load_s:.2f} s; median of {args.repeat}")
    print(f"chosen (beam {options.beam_size}, VAD {options.vad_min_silence_ms} ms, "
          f"{options.compute_type}, {options.threads} threads): RTF {rtf_chosen:.3f}")
    print(f"faster-whisper defaults (beam 5, no VAD, {options.compute_type}): RTF {rtf_defaults:.3f}")
    print(f"speed-up of the chosen settings: {rtf_defaults / rtf_chosen:.2f}x")


if __name__ == "__main__":
    main()
