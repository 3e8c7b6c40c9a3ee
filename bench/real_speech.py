"""Transcription settings judged on real human speech: word error rate and speed, against faster-whisper's own defaults.

The real set is tests/fixtures/real (56 prompts read by a real voice, 516 s, 8 kHz; CC-BY-3.0, see its
README); the Festival fixtures (tests/fixtures) add the synthetic voice with known pauses. Held out:
``--set short`` (tests/fixtures/real_short: 289 prompts under 4 s by the same voice) and ``--set joined``
(those prompts joined four at a time with 0.8–2 s of silence: short commands with pauses). Word error
rate is pooled over a set (errors / reference words) on spoken words: lower-cased, punctuation dropped,
numbers spelled out (analysis.wer.spoken_words). Real-time factor: decoding seconds / audio seconds, the
model warm, on this machine. Word edges: at the inserted pauses of the Festival fixtures (their manifest),
how far the recognised words end before and start after each pause.

    .venv/bin/python bench/real_speech.py                 # every candidate
    .venv/bin/python bench/real_speech.py --only chosen defaults
    .venv/bin/python bench/real_speech.py --set joined --only chosen defaults
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from sobes.analysis.engine import Analyzer
from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms
from sobes.analysis.transcribe import TranscribeOptions, transcribe
from sobes.analysis.wer import spoken_words, word_error_rate
from sobes.core.audio_file import load_audio

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real"
SHORT = ROOT / "tests" / "fixtures" / "real_short"
FESTIVAL = ROOT / "tests" / "fixtures"

# name -> keyword arguments of WhisperModel.transcribe (language, word times always on), or TranscribeOptions
# for the project's own transcribe()
def _vad(min_silence_ms: int, pad_ms: int, threshold: float = 0.5) -> dict:
    return {"vad_filter": True, "vad_parameters": {"threshold": threshold, "min_silence_duration_ms": min_silence_ms,
                                                   "speech_pad_ms": pad_ms}}


NO_CONDITIONING = {"condition_on_previous_text": False}
CANDIDATES: dict[str, dict | TranscribeOptions] = {
    "defaults": {},  # beam 5, temperature fallback, conditioning on previous text, no VAD
    "before: beam 1, VAD 500/200, no conditioning": {"beam_size": 1, **_vad(500, 200), **NO_CONDITIONING},
    "beam 5, VAD 500/200, no conditioning": {**_vad(500, 200), **NO_CONDITIONING},
    "beam 5, VAD 500/200, conditioning": _vad(500, 200),
    "beam 5, VAD 2000/400 (its default), no conditioning": {**_vad(2000, 400), **NO_CONDITIONING},
    "beam 5, VAD 1000/300, no conditioning": {**_vad(1000, 300), **NO_CONDITIONING},
    "beam 5, VAD 500/200 at 0.35, no conditioning": {**_vad(500, 200, 0.35), **NO_CONDITIONING},
    "beam 5, no VAD, no conditioning": NO_CONDITIONING,
    "beam 5, VAD 1000/300, no conditioning, a prompt": {
        **_vad(1000, 300), **NO_CONDITIONING, "initial_prompt": "Собеседование. Кандидат отвечает на вопрос."},
    "beam 5, VAD 500/400, no conditioning, fallback": {**_vad(500, 400), **NO_CONDITIONING},
    # the project's own transcribe()
    "project, decoder's VAD at 0.5 (chosen until 2026-12-05)": TranscribeOptions(decoder_vad_threshold=0.5),
    "project, no decoder's VAD": TranscribeOptions(vad_filter=False),
    "chosen: beam 5, VAD 500/400 at 0.35, no conditioning, no fallback": TranscribeOptions(),
    "chosen, with conditioning on the previous text": TranscribeOptions(condition_on_previous_text=True),
    "chosen, after the fact: batched past one window (whole())": TranscribeOptions().whole(),
    # the encoder reading the audio and some padding, not 30 s (analysis/short_windows.py)
    "short window 1 s, beam 5": TranscribeOptions(encoder_margin_s=1.0),
    "short window 3 s, beam 5": TranscribeOptions(encoder_margin_s=3.0),
    "greedy, 30 s window": TranscribeOptions().fast(),
    "greedy, short window 1 s (glimpses, waited-for tails)": TranscribeOptions().fast(short_window=True),
}


def real_set(folder: Path = REAL) -> list[tuple[Path, str]]:
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [(folder / name, item["text"]) for name, item in sorted(truth.items())]


def joined_set(*, seed: int = 28, folder: Path = SHORT, size: int = 4,
               gaps: tuple[float, float] = (0.8, 2.0)) -> list[tuple[np.ndarray, str]]:
    """A set's prompts joined ``size`` at a time, ``gaps`` seconds of silence after each (0.5 s before the first).

    The default: the short prompts four at a time (short commands with pauses). ``--set long`` and ``long-short``
    join the development set eight at a time and the short prompts twenty at a time (0.5–1.5 s gaps): answers
    longer than one 30 s window, where conditioning on the previous text can matter.
    """
    rng = random.Random(seed)
    prompts = real_set(folder)
    rng.shuffle(prompts)
    joined = []
    for first in range(0, len(prompts) - size + 1, size):
        parts, texts = [np.zeros(8_000, np.float32)], []
        for path, text in prompts[first:first + size]:
            parts += [load_audio(path).samples, np.zeros(int(16_000 * rng.uniform(*gaps)), np.float32)]
            texts.append(text)
        joined.append((np.concatenate(parts), " ".join(texts)))
    return joined


def festival_set() -> list[tuple[Path, str]]:
    manifest = json.loads((FESTIVAL / "manifest.json").read_text(encoding="utf-8"))
    return [(FESTIVAL / f"{name}.wav", item["text"]) for name, item in sorted(manifest.items())]


def decode(analyzer: Analyzer, samples, settings: dict | TranscribeOptions):
    """(text, words as (word, start, end)) for one recording."""
    if isinstance(settings, TranscribeOptions):
        transcript = transcribe(analyzer._whisper, samples, settings)
        return transcript.text, [(w.word, w.start, w.end) for w in transcript.words]
    segments, _ = analyzer._whisper.transcribe(samples, language="ru", word_timestamps=True, **settings)
    segments = list(segments)
    words = [(w.word, w.start, w.end) for s in segments for w in s.words or ()]
    return " ".join(s.text.strip() for s in segments), words


def measure(analyzer: Analyzer, recordings, settings) -> tuple[float, float, list]:
    """Pooled WER, real-time factor, and the words of each recording."""
    errors = reference_words = 0.0
    decoding = audio_s = 0.0
    all_words = []
    for path, text in recordings:
        samples = path if isinstance(path, np.ndarray) else load_audio(path).samples
        started = time.perf_counter()
        said, words = decode(analyzer, samples, settings)
        decoding += time.perf_counter() - started
        audio_s += len(samples) / 16_000
        reference = spoken_words(text)
        errors += word_error_rate(reference, spoken_words(said)) * len(reference)
        reference_words += len(reference)
        all_words.append(words)
    return errors / reference_words, decoding / audio_s, all_words


def pause_edges(words_per_file: list, recordings) -> float | None:
    """Mean distance (s) between the inserted pauses of the Festival fixtures and the words around them."""
    manifest = json.loads((FESTIVAL / "manifest.json").read_text(encoding="utf-8"))
    gaps = []
    for words, (path, _) in zip(words_per_file, recordings):
        for event in manifest[path.stem].get("events", []):
            if event.get("kind") != "pause" or event["end"] - event["start"] < 0.5 or not words:
                continue
            before = [end for _, _, end in words if end <= event["start"] + 0.6]
            after = [start for _, start, _ in words if start >= event["end"] - 0.6]
            if before and after:
                gaps.append((abs(max(before) - event["start"]) + abs(min(after) - event["end"])) / 2)
    return sum(gaps) / len(gaps) if gaps else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="candidates whose name starts with one of these")
    parser.add_argument("--set", choices=["real", "short", "joined", "long", "long-short"], default="real",
                        help="the real voice's development set, or one of the held-out ones")
    args = parser.parse_args()
    analyzer = Analyzer(None, Judge(Norms()))
    analyzer.prepare()
    real: list = {"real": real_set, "short": lambda: real_set(SHORT), "joined": joined_set,
                  "long": lambda: joined_set(seed=1, folder=REAL, size=8, gaps=(0.5, 1.5)),
                  "long-short": lambda: joined_set(seed=2, size=20, gaps=(0.5, 1.5))}[args.set]()
    festival = festival_set()
    decode(analyzer, load_audio(REAL / "agent-user.flac").samples, {})  # warm up
    print(f"{args.set} set: {len(real)} recordings; Festival: {len(festival)} recordings")
    print(f"{'settings':52} {'WER real':>9} {'RTF real':>9} {'WER Festival':>13} {'RTF Festival':>13} "
          f"{'pause edges, s':>15}")
    for name, settings in CANDIDATES.items():
        if args.only and not any(name.startswith(prefix) for prefix in args.only):
            continue
        wer_real, rtf_real, _ = measure(analyzer, real, settings)
        wer_fest, rtf_fest, words = measure(analyzer, festival, settings)
        edges = pause_edges(words, festival)
        print(f"{name:52} {wer_real:9.3f} {rtf_real:9.3f} {wer_fest:13.3f} {rtf_fest:13.3f} "
              f"{'—' if edges is None else f'{edges:.3f}':>15}", flush=True)


if __name__ == "__main__":
    main()
