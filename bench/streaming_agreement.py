"""How closely the streamed transcript matches a re-analysis of the saved recording, and how accurate each is.

    python bench/streaming_agreement.py [--min-chunk 8] [--stop-after 1.0] [--real]

For each Festival fixture, and for all of them joined into one ~3-minute
answer, the audio is fed at 48 kHz in 0.1 s blocks, as the recorder delivers
it, with a streaming step after every block (no clock: the pieces are the
same as in real time: cuts depend only on the audio). Prints the word error
rate of the streamed transcript against a re-analysis of the same recording
(``transcribe_recording``, what ``sobes analyze`` and a recovered answer use;
the issue's target: ≤ 5 %), and of both, and of faster-whisper over the
whole file (``transcribe``, the re-analysis before 2026-11-27), against the
texts the fixtures were synthesised from.
Numbers and hesitation tokens are left out, as in ``transcribe_settings.py``:
the base model writes them in several equally right ways.

By default stop comes with the last word (the worst case: the tail left
after the stop, with the candidate waiting, is decoded greedily when longer
than 6 s). ``--stop-after S`` lets S seconds of silence pass first, as when a
candidate finishes and then presses stop: the tail is transcribed in that
silence with the accurate settings.

``--real`` uses the real voice instead (tests/fixtures/real, 56 prompts):
joined in their order into answers of about two minutes with 0.8 s between
prompts, compared with the transcripts (numbers spelled out, as in
``real_speech.py``). The Festival fixtures are short; this is where pieces
cut during a long answer meet real speech.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from transcribe_settings import comparable  # noqa: E402

from sobes.analysis.engine import Analyzer  # noqa: E402
from sobes.analysis.streaming import StreamingTranscriber, transcribe_recording  # noqa: E402
from sobes.analysis.transcribe import transcribe  # noqa: E402
from sobes.analysis.wer import spoken_words, word_error_rate, words_of  # noqa: E402
from sobes.core.audio_file import load_audio  # noqa: E402
from sobes.core.resample import resample  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
RATE = 48_000


def as_recorded(audio: np.ndarray) -> np.ndarray:
    """16-bit samples, as the recorder delivers them (both paths must hear the very same signal:
    on Festival speech the base model flips a word or two for a change as small as 16-bit rounding)."""
    return (np.clip(audio, -1, 1) * 32767).astype(np.int16)


def streamed_text(analyzer: Analyzer, audio: np.ndarray, pieces: dict, stop_after_s: float) -> tuple[str, int]:
    streamer = StreamingTranscriber(analyzer._whisper, analyzer.options, source_rate=RATE, **pieces,
                                    voicing_threshold=analyzer.judge.norms.voicing_aperiodicity,
                                    silence_to_speculate_s=0.5 if stop_after_s else 1e9,
                                    busy_slowdown=float("inf"))  # the cuts, not this machine's load
    for start in range(0, len(audio), RATE // 10):
        streamer.feed(audio[start:start + RATE // 10])
        streamer.step()
    return streamer.finish().text, len(streamer.texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-chunk", type=float, default=None, help="shortest piece, seconds")
    parser.add_argument("--min-pause", type=float, default=None, help="shortest pause to cut in, seconds")
    parser.add_argument("--stop-after", type=float, default=0.0, help="silence before the stop, seconds")
    parser.add_argument("--real", action="store_true", help="the real voice's prompts joined into 2-minute answers")
    args = parser.parse_args()
    cutting = {key: value for key, value in (("min_chunk_s", args.min_chunk), ("min_pause_s", args.min_pause))
               if value is not None}  # the transcriber's own where not given
    analyzer = Analyzer(None, Judge(Norms()))
    analyzer.prepare()
    cases = real_answers() if args.real else festival_answers()
    normal = spoken_words if args.real else (lambda text: comparable(words_of(text)))
    print(f"{'answer':<12} {'s':>5} {'pieces':>6} {'stream~again':>12} {'stream~text':>11} {'again~text':>10} "
          f"{'whole~text':>10}")
    errors = words = 0
    wrong = {"stream": 0.0, "again": 0.0, "whole": 0.0}
    said = 0
    silence = np.zeros(int(args.stop_after * RATE), np.int16)
    for name, (answer, text) in cases.items():
        audio = np.concatenate([answer, silence])  # the recording: the answer, then the silence before the stop
        streamed, pieces = streamed_text(analyzer, audio, cutting, args.stop_after)
        samples = load_audio_16k(audio)
        again = normal(transcribe_recording(analyzer._whisper, samples, analyzer.options, **cutting,
                                            voicing_threshold=analyzer.judge.norms.voicing_aperiodicity).transcript.text)
        whole = normal(transcribe(analyzer._whisper, samples, analyzer.options).text)
        reference, streamed_words = normal(text), normal(streamed)
        agreement = word_error_rate(again, streamed_words)
        rates = {key: word_error_rate(reference, hypothesis)
                 for key, hypothesis in (("stream", streamed_words), ("again", again), ("whole", whole))}
        if name != JOINED:
            errors, words = errors + agreement * len(again), words + len(again)
            said += len(reference)
            for key, rate in rates.items():
                wrong[key] += rate * len(reference)
        print(f"{name:<12} {len(audio) / RATE:5.1f} {pieces:6d} {agreement:12.3f} {rates['stream']:11.3f} "
              f"{rates['again']:10.3f} {rates['whole']:10.3f}")
    print(f"pooled: streamed vs re-analysis word error rate {errors / words:.3f} (target <= 0.05)")
    print("pooled against the text: " + ", ".join(f"{key} {value / said:.3f}" for key, value in wrong.items()))


JOINED = "all joined"
GAP_S = 0.8


def joined(recordings: list[tuple[np.ndarray, str]]) -> tuple[np.ndarray, str]:
    gap = np.zeros(int(GAP_S * RATE), np.int16)
    return (np.concatenate([x for audio, _ in recordings for x in (audio, gap)]),
            " ".join(text for _, text in recordings))


def festival_answers() -> dict[str, tuple[np.ndarray, str]]:
    """Each Festival fixture alone, and all of them joined into one ~2-minute answer."""
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    cases = {name: (as_recorded(load_audio(FIXTURES / f"{name}.wav", sample_rate=RATE).samples), entry["text"])
             for name, entry in manifest.items()}
    cases[JOINED] = joined(list(cases.values()))
    return cases


def real_answers(answer_s: float = 120.0) -> dict[str, tuple[np.ndarray, str]]:
    """The real prompts joined in order into answers of about ``answer_s``."""
    truth = json.loads((FIXTURES / "real" / "truth.json").read_text(encoding="utf-8"))
    answers: list[list[tuple[np.ndarray, str]]] = [[]]
    for name, item in sorted(truth.items()):
        audio = as_recorded(load_audio(FIXTURES / "real" / name, sample_rate=RATE).samples)
        if sum(len(a) for a, _ in answers[-1]) > answer_s * RATE:
            answers.append([])
        answers[-1].append((audio, item["text"]))
    return {f"real {i + 1}": joined(parts) for i, parts in enumerate(answers)}


def load_audio_16k(audio: np.ndarray) -> np.ndarray:
    """The recording at 16 kHz as a re-analysis of the saved file hears it (the app's one resampler)."""
    return resample(audio.astype(np.float32) / 32768, RATE, 16_000)


if __name__ == "__main__":
    main()
