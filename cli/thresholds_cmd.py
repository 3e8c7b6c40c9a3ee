"""`sobes thresholds`: every norm the verdicts use, in Russian with its value, unit and reason; `--json` gives the
same for programs (names for `--set`, ranges), the reason still in Russian: the technical sources are the
developers' record, in analysis/config.py and docs/metrics.md, never printed."""

from __future__ import annotations

import argparse
import json

from sobes.analysis.config import describe_thresholds
from sobes.analysis.norms import GROUPS, NORMS


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("thresholds", help="list the thresholds of the analysis and their sources")
    parser.add_argument("--json", action="store_true", help="print them as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rows = describe_thresholds()
    if args.json:
        print(json.dumps([{"name": r["name"], "value": r["value"], "default": r["default"], "range": r["range"],
                           "group": NORMS[r["name"]].group, "title": NORMS[r["name"]].name,
                           "unit": NORMS[r["name"]].unit, "source": NORMS[r["name"]].why} for r in rows],
                         ensure_ascii=False, indent=2))
    else:
        for group in GROUPS:
            print(group)
            for r in rows:
                norm = NORMS[r["name"]]
                if norm.group == group:
                    value = f"{r['value']:g}".replace(".", ",")
                    print(f"  {norm.name}: {value} {norm.unit}".rstrip() + f" (--set {r['name']}=…). {norm.why}")
    return 0
