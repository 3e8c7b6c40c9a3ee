"""`sobes thresholds`: every norm the verdicts use, in Russian with its value (the one saved in the settings),
unit and reason; `--json` gives the same for programs (names for `--set`, ranges), the reason still in Russian:
the technical sources are the developers' record, in analysis/norms.py and docs/metrics.md, never printed."""

from __future__ import annotations

import argparse
import json

from sobes.analysis.labels import amount
from sobes.analysis.norms import GROUPS, NORMS
from sobes.cli.saved import saved_settings


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("thresholds", help="нормы разбора и откуда они взяты")
    parser.add_argument("--json", action="store_true", help="вывести их в JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    norms = saved_settings().judge().norms
    if args.json:
        print(json.dumps([{"name": name, "value": getattr(norms, name), "default": norm.default,
                           "range": [norm.low, norm.high], "group": norm.group, "title": norm.name,
                           "unit": norm.unit, "source": norm.why} for name, norm in NORMS.items()],
                         ensure_ascii=False, indent=2))
        return 0
    for group in GROUPS:
        print(group)
        for name, norm in NORMS.items():
            if norm.group == group:
                value = amount(getattr(norms, name), norm.unit)  # «123 слова в минуту», «3 раза»
                print(f"  {norm.name}: {value} (--set {name}=…). {norm.why}")
    return 0
