"""`sobes analyze`: one report per file, as JSON or as a short Russian summary.

Files are processed one by one; a file that cannot be read gets one line on
stderr and the others are still analysed, so the exit code is 2 if any failed.
With ``--json`` stdout carries exactly one JSON document: an object for one
file, a list for several.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sobes.analysis.engine import Analyzer
from sobes.analysis.judge import Judge
from sobes.analysis.norm_value import short
from sobes.analysis.report import Report, json_default
from sobes.cli.question_args import add_question_arguments, question_context
from sobes.cli.saved import saved_settings
from sobes.cli.summary import format_summary
from sobes.core.audio_file import load_audio
from sobes.core.errors import AudioLoadError, InputError, OutputError
from sobes.core.files import output_error, write_atomically


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("analyze", help="распознать и разобрать записанные ответы")
    parser.add_argument("paths", nargs="+", metavar="ФАЙЛ", help="записи ответов (WAV, FLAC, MP3, OGG, M4A, WEBM)")
    parser.add_argument("--json", action="store_true", help="вывести отчёт в JSON")
    parser.add_argument("--model", metavar="МОДЕЛЬ", default=None,
                        help="модель распознавания: base (входит в программу, по умолчанию), папка с моделью "
                             "или имя модели из интернета (нужна сеть)")
    parser.add_argument("--out", metavar="ПАПКА", type=Path, default=None,
                        help="ещё и сохранить каждый отчёт в этой папке, в файл JSON с именем записи")
    add_question_arguments(parser)
    parser.add_argument("--set", metavar="НОРМА=ЧИСЛО", action="append", default=[], dest="overrides",
                        help="заменить сохранённую норму (имена норм — в sobes thresholds)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    analyzer = Analyzer(args.model, judge_of(args.overrides))
    reports: list[Report] = []
    failed = 0
    question = question_context(args, analyzer.judge)
    for path in args.paths:
        started = time.perf_counter()
        try:  # decoded first: a file that is not audio is said at once, without loading the model for it
            audio = load_audio(path)
        except AudioLoadError as exc:
            print(f"sobes: ошибка: {exc}", file=sys.stderr)
            failed += 1
            continue
        decode_s = time.perf_counter() - started
        analyzer.prepare(warm_up=False)  # files are analysed one by one: each loads only what it needs
        report = analyzer.analyze_audio(audio, Path(path).name, decode_s=decode_s, question=question)
        reports.append(report)
        for warning in report.warnings:
            print(f"sobes: внимание: {path}: {warning}", file=sys.stderr)
    if args.json:
        documents = [r.to_dict() for r in reports]
        if len(args.paths) > 1:
            _print_json(documents)
        elif documents:
            _print_json(documents[0])
    else:
        for report in reports:
            print(format_summary(report))
    if args.out is not None:  # after stdout: the reports are printed even if the folder cannot take them
        _write_reports(reports, args.out)
    return 2 if failed else 0


def judge_of(pairs: list[str]) -> Judge:
    """The judge of the norms saved in the settings, with ``["long_pause_s=3", ...]`` over them; a typo or an absurd
    value is an error, not silently ignored."""
    values = dict(saved_settings().thresholds)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"--set {short(pair)}: нужно НОРМА=ЧИСЛО, например --set long_pause_s=3")
        values[name.strip()] = value.strip()
    return Judge.of(values)


def _print_json(document) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=json_default)
    sys.stdout.write("\n")


def _write_reports(reports: list[Report], out_dir: Path) -> None:
    """One ``<name>.json`` per report in ``out_dir`` (created if missing), each written whole or not at all."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"--out {out_dir}: это файл, а нужна папка для отчётов")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out_dir, exc) from None
    used: set[str] = set()
    for report in reports:
        stem, n = Path(report.file).stem, 1
        name = f"{stem}.json"
        while name in used:
            n += 1
            name = f"{stem}-{n}.json"
        used.add(name)
        write_atomically(out_dir / name, report.to_json() + "\n")
