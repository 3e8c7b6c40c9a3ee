"""`sobes desktop`: open the window (the same as `sobes-desktop`)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("desktop", help="открыть окно программы")
    parser.add_argument("--self-test", action="store_true",
                        help="открыть окно, дождаться модели, сообщить о проверке и закрыться "
                             "(проверка собранной программы)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sobes.desktop.app import main

    return main([], self_test=args.self_test)
