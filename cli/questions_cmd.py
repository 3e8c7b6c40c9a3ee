"""`sobes questions`: counts of the question bank by role and stage; `--validate` checks files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sobes.interview.question_bank import ROLES, STAGES, BankError, load_bank


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("questions", help="show or validate the question bank")
    parser.add_argument("--validate", action="store_true", help="check the files and report problems")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="bank files (default: the bundled bank and your own in the data folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        bank = load_bank(args.files or None)
    except BankError as exc:
        problems = str(exc).splitlines()
        if len(problems) == 1:
            raise
        print("\n".join(problems), file=sys.stderr)
        print(f"sobes: ошибка: в банке вопросов ошибок: {len(problems)}; исправьте строки выше", file=sys.stderr)
        return 2
    counts = bank.counts()
    for role, name in ROLES.items():
        by_stage = ", ".join(f"{STAGES[stage]} — {n}" for stage, n in counts[role].items() if n)
        print(f"{name}: {sum(counts[role].values())} ({by_stage})")
    derived = sum(q.derived for q in bank.questions)
    print(f"Вопросов: {len(bank.questions)} (из них составлено по материалам гайдов: {derived})"
          + (" — файлы в порядке" if args.validate else ""))
    return 0
