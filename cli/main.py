"""Entry point of the `sobes` command: parse arguments, dispatch, map errors to exit codes.

Every failure the user can cause ends with exit code 2 and one line on
stderr that says what to do; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from sobes.cli import (
    analyze_cmd,
    audio_cmds,
    coach_cmd,
    desktop_cmd,
    history_cmds,
    interview_cmd,
    model_cmd,
    questions_cmd,
    thresholds_cmd,
)
from sobes.cli.arguments import EXIT_USAGE, Parser
from sobes.core.errors import SobesError
from sobes.core.offline import disable_telemetry
from sobes.interview.bank_yaml import without_control_characters as printable

COMMANDS = (analyze_cmd, coach_cmd, audio_cmds, desktop_cmd, history_cmds, interview_cmd, model_cmd, questions_cmd,
            thresholds_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="sobes", description="Собес — тренажёр устных собеседований на русском; работает без интернета.")
    parser.add_argument("-v", "--verbose", action="store_true", help="писать ход работы в поток ошибок")
    commands = parser.add_subparsers(dest="command", required=True, metavar="КОМАНДА")
    for command in COMMANDS:
        command.register(commands)
    audio_cmds.register_voice(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    disable_telemetry()  # first: before anything can load ONNX Runtime
    args = build_parser().parse_args(argv)
    os.umask(0o077)  # recordings, reports and exports hold a person's voice and words: the user's alone
    # The program's English log is for -v only: without it, stderr holds just the Russian lines meant for
    # the user (a "WARNING sobes…: …" beside them read as a second, foreign message). The window sets up
    # its own log, as when it is started as sobes-desktop.
    if args.verbose or args.command != "desktop":
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                            format="%(levelname)s %(name)s: %(message)s",
                            handlers=None if args.verbose else [logging.NullHandler()])
    try:
        return args.run(args)
    except SobesError as exc:
        print(f"sobes: ошибка: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("sobes: прервано", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and friends
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
