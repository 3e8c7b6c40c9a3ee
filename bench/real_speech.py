"""Transcription settings judged on real human speech: word error rate and speed, against faster-whisper's own defaults.

The real set is tests/fixtures/real (56 prompts read by a real voice, 516 s, 8 kHz; CC-BY-3.0, see its
README); the Festival fixtures (tests/fixtures) add the synthetic voice with known pauses. Word error
rate is pooled over a set (errors / reference words) on spoken words: lower-cased, punctuation dropped,
numbers spelled out (analysis.wer.spoken_words). Real-time factor: decoding seconds / audio seconds, the
model warm, on this machine. Word edges: at the inserted pauses of the Festival fixtures (their manifest),
how far the recognised words end before and start after each pause.

    .venv/bin/python bench/real_speech.py                 # every candidate
    .venv/bin/python bench/real_speech.py --only chosen defaults
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sobes.analysis.engine import Analyzer
from sobes.analysis.judge import Judge
from sobes.analysis.norms import Norms
from sobes.analysis.transcribe import TranscribeOptions, transcribe
from sobes.analysis.wer import spoken_words, word_error_rate
from sobes.core.audio_file import load_audio

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real"
FESTIVAL = ROOT / "tests" / "fixtures"

# name -> keyword arguments of WhisperModel.transcribe (language, word times always on); "chosen" goes
# through the project's own transcribe() with TranscribeOptions()
def _vad(min_silence_ms: int, pad_ms: int, threshold: float = 0.5) -> dict:
    return {"vad_filter": True, "vad_parameters": {"threshold": threshold, "min_silence_duration_ms": min_silence_ms,
                                                   "speech_pad_ms": pad_ms}}


NO_CONDITIONING = {"condition_on_previous_text": False}
CANDIDATES: dict[str, dict | None] = {
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
    # the project's transcribe() with TranscribeOptions()
    "chosen: beam 5, VAD 500/400, no conditioning, no fallback": None,
}


def real_set() -> list[tuple[Path, str]]:
    truth = json.loads((REAL / "truth.json").read_text(encoding="utf-8"))
    return [(REAL / name, item["text"]) for name, item in sorted(truth.items())]


def festival_set() -> list[tuple[Path, str]]:
    manifest = json.loads((FESTIVAL / "manifest.json").read_text(encoding="utf-8"))
    return [(FESTIVAL / f"{name}.wav", item["text"]) for name, item in sorted(manifest.items())]


def decode(analyzer: Analyzer, samples, settings: dict | None):
    """(text, words as (word, start, end)) for one recording."""
    if settings is None:
        transcript = transcribe(analyzer._whisper, samples, TranscribeOptions())
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
        samples = load_audio(path).samples
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
    args = parser.parse_args()
    analyzer = Analyzer(None, Judge(Norms()))
    analyzer.prepare()
    real, festival = real_set(), festival_set()
    decode(analyzer, load_audio(real[0][0]).samples, {})  # warm up
    print(f"real set: {len(real)} recordings, {sum(load_audio(p).duration_s for p, _ in real):.0f} s; "
          f"Festival: {len(festival)} recordings")
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
