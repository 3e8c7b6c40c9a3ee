"""`sobes thresholds`: every norm the verdicts use, with its value and source."""

from __future__ import annotations

import argparse
import json

from sobes.analysis.config import describe_thresholds


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("thresholds", help="list the thresholds of the analysis and their sources")
    parser.add_argument("--json", action="store_true", help="print them as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rows = describe_thresholds()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max(len(r["name"]) for r in rows)
        for r in rows:
            print(f"{r['name']:{width}}  {r['value']:>8g}  {r['source']}")
    return 0
