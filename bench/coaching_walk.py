"""The coaching of 21 recreated answers (bench/coaching_answers.yaml): what the app tells a candidate after each.

    .venv/bin/python bench/coaching_walk.py [--text] [--json OUT] [--only ID,ID…] [--cache DIR]

Each answer is spoken by the interviewer's Festival voice (``sobes.audio.voice.render_prompt``; the WAVs are
cached under the user cache, ``bench/coaching_walk``, or ``--cache``) and analysed as the app analyses an answer:
``Analyzer`` with the bundled model and the user's norms (``Settings.load()[0].judge()``), the question's context
from ``Step.of(question, judge).context()``; the recording is transcribed in the pieces recording would have made.
An answer with ``asked`` in the YAML was asked in other words: a follow-up the session made (kind "short", 90 s,
as ``session.py`` asks it) or, with ``type``, a question of one's own bank.

``--text`` skips the voice and the model: the written answer is the transcript, a word every 0.35 s (0.25 s
more after a comma, 0.6 s after a sentence's end, as a speaker pauses there), over a stand-in voice (a voiced
tone under each word, silence between; speech where the words are). Delivery judged on the words and their times
(fillers, tempo, pauses) is the text's; the voice's own (pitch, loudness) means nothing there.

Per answer it prints the question, the transcript, the coaching's headline, fixes, covered and missing items and
the follow-up questions; ``--json OUT`` writes the same as a JSON list. The first line says which code ran: to walk
an older commit, extract it (``git archive C | tar -x -C /tmp/old``), link /tmp/tree/sobes/<folder> to each of
its folders as tools/link_tree.py does, and run with ``PYTHONPATH=/tmp/tree`` (it is found before the editable
install). Whole walk on 2 cores: about 1 min 45 s with the voice and the model (once the answers are rendered:
Festival adds about 20 s the first time), 7 s with ``--text``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

import numpy as np
import yaml

from sobes.analysis.engine import Analyzer
from sobes.analysis.report import Report
from sobes.analysis.transcript import Transcript, Word
from sobes.audio.voice import render_prompt
from sobes.core.audio_file import LoadedAudio, load_audio
from sobes.core.cache import cache_dir
from sobes.interview.question_bank import QuestionBank, load_bank
from sobes.interview.session import FOLLOW_UP_ANSWER_S, FOLLOW_UP_THINK_S, Step
from sobes.interview.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "bench" / "coaching_answers.yaml"
RATE = 16_000
WORD_STEP_S = 0.35  # --text: a word every 0.35 s (as tests/relevance_cases.words_of), each 0.3 s long
WORD_S = 0.3
COMMA_PAUSE_S, SENTENCE_PAUSE_S = 0.25, 0.6  # --text: added after a word ending a clause or a sentence
LEAD_S = 0.5  # --text: silence before the first word
VAD_HOP = 512  # Silero's window: the speech probabilities the engine takes are one per 512 samples


def code_version() -> str:
    """Where the analysis ran from: its commit (and whether it had uncommitted changes), or its folder."""
    import sobes.analysis

    folder = Path(sobes.analysis.__file__).resolve().parents[1]
    git = ["git", "-C", str(folder)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    if not commit:
        return str(folder)
    changed = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                             text=True).stdout.strip()
    return f"{folder} at {commit}" + (" with uncommitted changes" if changed else "")


def step_of(entry: dict, bank: QuestionBank, judge) -> Step:
    """The question as the app asked it: the bank's, or the one ``asked`` after it."""
    question = bank.by_id(entry["question"])
    if "asked" not in entry:
        return Step.of(question, judge)
    return Step(f"{question.id}-F", entry["asked"], entry.get("type", "short"), FOLLOW_UP_THINK_S,
                FOLLOW_UP_ANSWER_S, is_follow_up=True, parent=question.id)


def spoken(text: str, cache: Path) -> LoadedAudio:
    """The answer in the interviewer's Festival voice (rendered once, then from the cache)."""
    return load_audio(render_prompt(text, cache=cache, timeout_s=120))


def written(text: str) -> tuple[LoadedAudio, Transcript, np.ndarray]:
    """The written answer as a transcript, over a stand-in voice, with Silero-like speech probabilities."""
    said, words, at = text.split(), [], LEAD_S
    for w in said:
        words.append(Word(w, round(at, 3), round(at + WORD_S, 3), 1.0))
        at += WORD_STEP_S + (SENTENCE_PAUSE_S if w.endswith((".", "!", "?", "…")) else
                             COMMA_PAUSE_S if w.endswith((",", ":", ";")) else 0.0)
    n = int((words[-1].end + LEAD_S) * RATE) if words else RATE
    y = np.random.default_rng(0).normal(0, 3e-4, n)  # a quiet room
    speech = np.zeros(n, bool)
    for i, w in enumerate(words):
        a, b = int(w.start * RATE), int(w.end * RATE)
        t = np.arange(b - a) / RATE
        base = 125 * 2 ** (3 * np.sin(1.7 * i) / 12)  # every word on its own pitch, falling within it
        f0 = base * 2 ** (-2 * t / WORD_S / 12)
        phase = 2 * np.pi * np.cumsum(f0) / RATE
        tone = sum(np.sin(k * phase) / k for k in range(1, 12))
        ramp = np.minimum(1, np.minimum(t, t[-1] - t) / 0.03)
        y[a:b] += 0.1 * tone * ramp
        speech[a:b] = True
    probabilities = np.array([speech[i:i + VAD_HOP].mean() for i in range(0, n, VAD_HOP)], np.float32)
    audio = LoadedAudio(y.astype(np.float32), RATE, RATE, 1, "text")
    return audio, Transcript(" ".join(said), words), probabilities


def summary(entry: dict, step: Step, report: Report, seconds: float) -> dict:
    coaching, content = report.coaching, report.content
    return {
        "id": entry["id"], "question_id": entry["question"], "question": step.text, "answer_type": step.answer_type,
        "what": entry["what"], "good_coaching": entry["good_coaching"], "answer": " ".join(entry["answer"].split()),
        "transcript": report.transcript.text.strip(), "duration_s": report.duration_s,
        "relevance": coaching.relevance, "length": coaching.length, "headline": coaching.headline,
        "fixes": [{"kind": f.kind, "key": f.key, "text": f.text, "start": f.start} for f in coaching.fixes],
        "covered": [i.label for i in coaching.covered],
        "missing": [i.label + (f" («{i.evidence}»)" if i.evidence else "") for i in coaching.missing],
        "follow_ups": [f.question for f in content.follow_ups] if content else [],
        "delivery": {v.metric: v.verdict for v in report.delivery.verdicts} if report.delivery else {},
        "seconds": round(seconds, 2),
    }


def show(row: dict) -> None:
    print(f"== {row['id']} · {row['question_id']} ({row['answer_type']}): {row['question']}")
    print(f"   what: {row['what']}")
    print(f"   good coaching: {row['good_coaching']}")
    print(f"   transcript ({row['duration_s']:.1f} s): {row['transcript']}")
    print(f"   relevance: {row['relevance']}, length: {row['length']}")
    print(f"   HEADLINE: {row['headline']}")
    for i, fix in enumerate(row["fixes"], 1):
        at = f" (▶ {fix['start']:.1f} s)" if fix["start"] is not None else ""
        print(f"   fix {i} [{fix['kind']}/{fix['key']}]{at}: {fix['text']}")
    print(f"   covered: {'; '.join(row['covered']) or '—'}")
    print(f"   missing: {'; '.join(row['missing']) or '—'}")
    for question in row["follow_ups"]:
        print(f"   follow-up: {question}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", action="store_true", help="analyse the written answers (no voice, no model)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    parser.add_argument("--only", default="", help="comma-separated answer ids")
    parser.add_argument("--answers", type=Path, default=ANSWERS, help="the answers (bench/coaching_answers.yaml)")
    parser.add_argument("--cache", type=Path, default=cache_dir() / "bench" / "coaching_walk",
                        help="where the spoken answers are kept")
    args = parser.parse_args()

    started = time.perf_counter()
    entries = yaml.safe_load(args.answers.read_text(encoding="utf-8"))
    if args.only:
        wanted = set(args.only.split(","))
        entries = [e for e in entries if e["id"] in wanted]
    bank, judge = load_bank(), Settings.load()[0].judge()
    # --text needs no model: the transcript is given (an analyzer on no model never loads one)
    analyzer = Analyzer.with_model(None, "written text", judge) if args.text else Analyzer(None, judge)
    print(f"# coaching walk: {len(entries)} answers, {'written text' if args.text else 'Festival voice + model'}; "
          f"code: {code_version()}\n")
    load_s = 0.0 if args.text else analyzer.prepare()
    rows = []
    for entry in entries:
        step = step_of(entry, bank, judge)
        began = time.perf_counter()
        if args.text:
            audio, transcript, probabilities = written(entry["answer"])
            report = analyzer.analyze_audio(audio, f"{entry['id']}.txt", question=step.context(),
                                            transcript=transcript, vad_probabilities=probabilities)
        else:
            report = analyzer.analyze_audio(spoken(entry["answer"], args.cache), f"{entry['id']}.wav",
                                            question=step.context())
        rows.append(summary(entry, step, report, time.perf_counter() - began))
        show(rows[-1])
    total = time.perf_counter() - started
    print(f"# {len(rows)} answers in {total:.1f} s (model load {load_s:.1f} s, "
          f"{sum(r['seconds'] for r in rows):.1f} s rendering and analysing)")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
