"""`sobes model`: prepare the bundled model ahead of time and show where it lives."""

from __future__ import annotations

import argparse

from sobes.analysis.model_store import resolve_model


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("model", help="подготовить и проверить модель распознавания речи")
    parser.add_argument("action", choices=["prepare"],
                        help="prepare — собрать и проверить модель (встроенной модели сеть не нужна)")
    parser.add_argument("--model", metavar="МОДЕЛЬ", default=None,
                        help="какую модель: base (входит в программу, по умолчанию), папка с моделью или имя "
                             "модели из интернета")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sobes.analysis.transcribe import load_model

    spec = resolve_model(args.model)
    load_model(spec)  # proves the model loads, and fetches a hub model the user asked for
    print(f"{spec.label}: {spec.path_or_name}")
    return 0
