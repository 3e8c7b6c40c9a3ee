"""Compare decoding settings on the Festival fixtures; prints one row per setting.

    python bench/transcribe_settings.py

For each setting: word error rate against the fixture texts (numbers and
hesitation tokens left out, since Whisper writes "20" for "двадцати"), how
many spoken hesitations ("э-э-э", "ммм") and lexical fillers survive in the
transcript, the timing error of the words around the inserted pauses of
pauses.wav, temperature fallbacks, and the real-time factor (lower is faster).
This is how the defaults in analysis/transcribe.py were chosen.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

from sobes.analysis.fillers import HESITATION
from sobes.analysis.model_store import resolve_model
from sobes.analysis.transcribe import TranscribeOptions, load_model
from sobes.analysis.wer import word_error_rate as wer
from sobes.analysis.wer import words_of
from sobes.core.audio_file import load_audio

ROOT = Path(__file__).resolve().parents[1]

FIXTURES = ROOT / "tests" / "fixtures"
FILLER_PROMPT = "Ну, эээ, вот, как бы, ммм, это самое, короче, в общем."
LEXICAL = ("ну", "вот", "как бы", "в общем", "короче")
NUMBER_WORDS = {"пять", "двадцати", "восьмидесяти", "пяти"}

SETTINGS = {
    "faster-whisper defaults (beam 5, no VAD)": dict(vad=None, beam_size=5, condition_on_previous_text=True,
                                                     initial_prompt=None),
    "beam 5, VAD defaults (2000/400 ms)": dict(vad=(2000, 400), beam_size=5, initial_prompt=None),
    "beam 5, VAD 500/200 ms": dict(beam_size=5, initial_prompt=None),
    "beam 5, VAD 500/200 ms, filler prompt": dict(beam_size=5, initial_prompt=FILLER_PROMPT),
    "beam 1, VAD 500/200 ms": dict(beam_size=1, initial_prompt=None),
    "beam 1, VAD 300/100 ms, filler prompt": dict(vad=(300, 100), beam_size=1, initial_prompt=FILLER_PROMPT),
    "beam 1, VAD 500/200 ms, filler prompt": dict(beam_size=1, initial_prompt=FILLER_PROMPT),
}


def comparable(tokens: list[str]) -> list[str]:
    return [t for t in tokens if not t.isdigit() and t not in NUMBER_WORDS
            and not HESITATION.match(t)]


def count_hesitations(tokens: list[str]) -> int:
    """Hesitation events: a run of hesitation tokens ("э, э, э") counts once."""
    flags = [bool(HESITATION.match(t)) for t in tokens]
    return sum(flag and not previous for previous, flag in zip([False] + flags, flags))


def count_lexical(text: str) -> int:
    joined = " " + " ".join(words_of(text)) + " "
    return sum(joined.count(f" {f} ") for f in LEXICAL)


def run(model, name: str, overrides: dict, manifest: dict) -> dict:
    vad = overrides.pop("vad", (500, 200))
    options = replace(TranscribeOptions(), **overrides)
    totals = dict(wer=[], hes=0, hes_ref=0, lex=0, lex_ref=0, fallbacks=0, audio=0.0, secs=0.0, edge=[])
    for fixture, truth in manifest.items():
        samples = load_audio(FIXTURES / f"{fixture}.wav").samples
        started = time.perf_counter()
        kwargs = dict(vad_filter=vad is not None)
        if vad:
            kwargs["vad_parameters"] = {"min_silence_duration_ms": vad[0], "speech_pad_ms": vad[1]}
        segments, _ = model.transcribe(
            samples, language="ru", beam_size=options.beam_size, word_timestamps=True,
            condition_on_previous_text=options.condition_on_previous_text,
            initial_prompt=options.initial_prompt, **kwargs)
        segments = list(segments)
        totals["secs"] += time.perf_counter() - started
        totals["audio"] += len(samples) / 16000
        text = " ".join(s.text for s in segments)
        hyp, ref = words_of(text), words_of(truth["text"])
        totals["wer"].append(wer(comparable(ref), comparable(hyp)))
        inserted = sum(e["kind"] == "hesitation" for e in truth["events"])
        totals["hes_ref"] += count_hesitations(ref) + inserted
        totals["hes"] += count_hesitations(hyp)
        totals["lex_ref"] += count_lexical(truth["text"])
        totals["lex"] += count_lexical(text)
        totals["fallbacks"] += sum(s.temperature > 0 for s in segments)
        if fixture == "pauses":
            words = [w for s in segments for w in s.words]
            for pause in (e for e in truth["events"] if e["kind"] == "pause"):
                before = max((w for w in words if w.end <= pause["start"] + 0.5), key=lambda w: w.end)
                after = min((w for w in words if w.start >= pause["end"] - 0.5), key=lambda w: w.start)
                totals["edge"] += [abs(before.end - pause["start"]), abs(after.start - pause["end"])]
    return {
        "setting": name,
        "wer": sum(totals["wer"]) / len(totals["wer"]),
        "hesitations": f'{totals["hes"]}/{totals["hes_ref"]}',
        "lexical_fillers": f'{totals["lex"]}/{totals["lex_ref"]}',
        "pause_edge_err_s": sum(totals["edge"]) / len(totals["edge"]),
        "max_edge_err_s": max(totals["edge"]),
        "fallbacks": totals["fallbacks"],
        "rtf": totals["secs"] / totals["audio"],
    }


def main() -> None:
    manifest = json.loads((FIXTURES / "manifest.json").read_text())
    model = load_model(resolve_model(None))
    rows = [run(model, name, dict(overrides), manifest) for name, overrides in SETTINGS.items()]
    print(f"{'setting':48} {'WER':>6} {'hes':>6} {'lex':>6} {'edge_s':>7} {'max_s':>6} {'fb':>3} {'RTF':>6}")
    for r in rows:
        print(f"{r['setting']:48} {r['wer']:6.3f} {r['hesitations']:>6} {r['lexical_fillers']:>6} "
              f"{r['pause_edge_err_s']:7.3f} {r['max_edge_err_s']:6.3f} {r['fallbacks']:3d} {r['rtf']:6.3f}")


if __name__ == "__main__":
    main()
