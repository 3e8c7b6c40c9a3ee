"""`sobes desktop`: open the window (the same as `sobes-desktop`)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("desktop", help="open the desktop app")
    parser.add_argument("--self-test", action="store_true",
                        help="open the window, wait for the model, report and quit (checks a packaged build)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from sobes.desktop.app import main

    return main([], self_test=args.self_test)
