"""How closely the streamed transcript matches a whole-file transcription of the same audio.

    python bench/streaming_agreement.py [--min-chunk 10] [--stop-after 1.0]

For each Festival fixture, and for all of them joined into one ~3-minute
answer, the audio is fed at 48 kHz in 0.1 s blocks, as the recorder delivers
it, with a streaming step after every block (no clock: the pieces are the
same as in real time when the worker keeps up). Prints the word error rate of
the streamed transcript against the whole-file one (the issue's target:
≤ 5 %), and of both against the texts the fixtures were synthesised from.
Numbers and hesitation tokens are left out, as in ``transcribe_settings.py``:
the base model writes them in several equally right ways.

By default stop comes with the last word (the worst case: the tail left
after the stop, with the candidate waiting, is decoded greedily when longer
than 6 s). ``--stop-after S`` lets S seconds of silence pass first, as when a
candidate finishes and then presses stop: the tail is transcribed in that
silence with the accurate settings.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from transcribe_settings import comparable  # noqa: E402

from sobes.analysis.audio_file import load_audio  # noqa: E402
from sobes.analysis.engine import Analyzer  # noqa: E402
from sobes.analysis.streaming import StreamingTranscriber  # noqa: E402
from sobes.analysis.transcribe import transcribe  # noqa: E402
from sobes.analysis.wer import word_error_rate, words_of  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
RATE = 48_000


def as_recorded(audio: np.ndarray) -> np.ndarray:
    """16-bit samples, as the recorder delivers them (both paths must hear the very same signal:
    on Festival speech the base model flips a word or two for a change as small as 16-bit rounding)."""
    return (np.clip(audio, -1, 1) * 32767).astype(np.int16)


def streamed_text(analyzer: Analyzer, audio: np.ndarray, min_chunk_s: float, stop_after_s: float) -> tuple[str, int]:
    streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=RATE, min_chunk_s=min_chunk_s,
                                    silence_to_speculate_s=0.5 if stop_after_s else 1e9)
    audio = np.concatenate([audio, np.zeros(int(stop_after_s * RATE), np.int16)])
    for start in range(0, len(audio), RATE // 10):
        streamer.feed(audio[start:start + RATE // 10])
        streamer.step()
    return streamer.finish().text, len(streamer.texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-chunk", type=float, default=15.0, help="shortest piece, seconds")
    parser.add_argument("--stop-after", type=float, default=0.0, help="silence before the stop, seconds")
    args = parser.parse_args()
    analyzer = Analyzer()
    analyzer.prepare()
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    cases = {name: (as_recorded(load_audio(FIXTURES / f"{name}.wav", sample_rate=RATE).samples), entry["text"])
             for name, entry in manifest.items()}
    gap = np.zeros(int(0.8 * RATE), np.int16)
    cases["all joined"] = (np.concatenate([x for audio, _ in cases.values() for x in (audio, gap)]),
                           " ".join(text for _, text in cases.values()))
    print(f"{'answer':<12} {'s':>5} {'pieces':>6} {'stream~whole':>12} {'whole~text':>10} {'stream~text':>11}")
    errors = words = 0
    for name, (audio, text) in cases.items():
        streamed, pieces = streamed_text(analyzer, audio, args.min_chunk, args.stop_after)
        whole = transcribe(analyzer._whisper, load_audio_16k(audio), analyzer.options).text
        reference = comparable(words_of(text))
        whole_words, streamed_words = comparable(words_of(whole)), comparable(words_of(streamed))
        agreement = word_error_rate(whole_words, streamed_words)
        if name != "all joined":
            errors, words = errors + agreement * len(whole_words), words + len(whole_words)
        print(f"{name:<12} {len(audio) / RATE:5.1f} {pieces:6d} {agreement:12.3f} "
              f"{word_error_rate(reference, whole_words):10.3f} {word_error_rate(reference, streamed_words):11.3f}")
    print(f"fixtures pooled: streamed vs whole-file word error rate {errors / words:.3f} (target <= 0.05)")


def load_audio_16k(audio: np.ndarray) -> np.ndarray:
    from scipy.signal import resample_poly

    return resample_poly(audio.astype(np.float32) / 32768, 1, RATE // 16_000).astype(np.float32)


if __name__ == "__main__":
    main()
