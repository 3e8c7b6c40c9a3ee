"""`sobes desktop`: open the window (the same as `sobes-desktop`)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("desktop", help="open the desktop app")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.app import main

    return main([])
