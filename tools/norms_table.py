"""Print the norms table of docs/metrics.md from ``analysis.norms.NORMS`` (the one place the norms are declared).

    .venv/bin/python tools/norms_table.py            # print it
    .venv/bin/python tools/norms_table.py --write    # replace the table in docs/metrics.md

tests/test_judge.py checks that the committed table is this one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sobes.analysis.norms import NORMS

DOC = Path(__file__).resolve().parents[1] / "docs" / "metrics.md"
HEADER = ("| name | default | source |", "|---|---|---|")


def table() -> list[str]:
    return [*HEADER, *(f"| `{name}` | {norm.default:g} | {norm.source} |" for name, norm in NORMS.items())]


def replaced(text: str) -> str:
    """``text`` (docs/metrics.md) with its norms table, from the header to the first line after it that is not a
    table row, replaced."""
    lines = text.splitlines()
    start = lines.index(HEADER[0])
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return "\n".join(lines[:start] + table() + lines[end:]) + "\n"


def main() -> None:
    if "--write" in sys.argv[1:]:
        DOC.write_text(replaced(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print("\n".join(table()))


if __name__ == "__main__":
    main()
